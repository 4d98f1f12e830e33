"""Analytics page: run one analysis (kpis, rfm, segments, churn, CLV, ...) in the background,
show its quality figures, its result table, a small detail table (confusion matrix, anomalies,
lift, ...) and a chart, and apply the results to customers.

The analyses are the plain functions of :mod:`crm_desktop.services.analyses`, run through the
window's runner (progress bar `analysisProgress`, button `analysisCancel`) with the parameters
of the controls in :mod:`crm_desktop.ui.analytics.analysis_params` (only the chosen analysis'
controls are shown; the values last used are kept in the settings). pandas, matplotlib and the
analytics are imported when the page is first built or inside the workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.analyses.parameters import AnalysisError
from crm_desktop.ui.analytics.analysis_catalogue import ANALYSES
from crm_desktop.ui.analytics.analysis_jobs import apply_job, categories_job, run_job, warm_job
from crm_desktop.ui.analytics.analysis_params import ParamsPanel
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import style_item_view

if TYPE_CHECKING:
    from crm_desktop.services.outcome import Outcome
    from crm_desktop.ui.context import AppContext

_CONTEXT = "AnalyticsPage"
_STEP_MS = 10  # between the steps of showing a result: input and timers due run in between
_CHART_AFTER_MS = 80  # the chart of a new result starts after its tables have painted


class AnalyticsPage(Page):
    entities = ("products",)  # the propensity target offers the product categories

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        from crm_desktop.ui.analytics.frame_model import FrameModel
        from crm_desktop.ui.charts.charts import ChartPanel

        self._outcome: Any = None
        self._warmed = False  # the background process was asked to get ready
        self.combo = named(QComboBox(self), "analysisCombo")
        for name, title in ANALYSES:
            self.combo.addItem(QCoreApplication.translate(_CONTEXT, title), name)
        self.combo.setAccessibleName(self.tr("Analysis"))
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(26)
        self.panel = ParamsPanel(context.settings, self)
        # The controls the first version of the page had, by their old names.
        editors = self.panel.editors
        self.horizon, self.clv_months = editors["horizon_days"], editors["clv_months"]
        self.k_min, self.k_max = editors["k_min"], editors["k_max"]
        self.run_button = named(QPushButton(self.tr("&Run"), self), "analysisRun")
        self.cancel_button = named(QPushButton(self.tr("Cancel"), self), "analysisCancel")
        self.cancel_button.setEnabled(False)
        self.apply_button = named(QPushButton(self.tr("&Apply to customers"), self),
                                  "analysisApply")
        self.apply_button.setToolTip(self.tr(
            "Store the scores and segments with the customers; predicted categories and rule "
            "categories also fill in the category of customers without one"))
        self.apply_button.setEnabled(False)
        self.progress = named(QProgressBar(self), "analysisProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = named(QLabel(self.tr("Choose an analysis and press Run."), self),
                            "analysisStatus")

        # Wide enough for the status of a run, never wider than the page: the full text is
        # its tooltip.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Analysis:"), self))
        controls.addWidget(self.combo)
        controls.addWidget(self.run_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.progress, 1)
        controls.addWidget(self.status, 2)
        controls.addWidget(self.apply_button)
        settings_row = QHBoxLayout()
        settings_label = QLabel(self.tr("Settings:"), self)
        settings_label.setToolTip(self.tr("The parameters of the chosen analysis"))
        settings_row.addWidget(settings_label)
        # As tall with or without settings: otherwise choosing an analysis without any resizes
        # the chart, which is then laid out and painted again.
        self.panel.setMinimumHeight(self.combo.sizeHint().height())
        settings_row.addWidget(self.panel)
        # The rule-based scoring's rules and weights (also Edit > Scoring rules…).
        self.rules_button = named(QPushButton(self.tr("Edit rules…"), self), "analysisRules")
        self.rules_button.setToolTip(self.tr("The rules and weights this analysis evaluates"))
        settings_row.addWidget(self.rules_button)
        settings_row.addStretch(1)

        # The result in words on top; the technical figures under "Details".
        self.summary = named(QLabel(self), "analysisSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.hide()
        self.details_button = named(QPushButton(self.tr("Details"), self), "analysisDetails")
        self.details_button.setCheckable(True)
        self.details_button.setToolTip(self.tr(
            "The technical figures of the result, each with what it means"))
        self.details_button.toggled.connect(self._details_toggled)
        self.details_button.hide()  # until a result in words is shown
        self.quality = named(QTableWidget(0, 3), "analysisQuality")
        style_item_view(self.quality)
        self.quality.setHorizontalHeaderLabels([self.tr("Figure"), self.tr("Value"),
                                                self.tr("What it means")])
        self.quality.verticalHeader().hide()
        self.quality.verticalHeader().setDefaultSectionSize(22)
        header = self.quality.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.quality.setColumnWidth(1, 120)  # long values (the holdout) in their tooltips
        self.quality.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.model = FrameModel(parent=self)
        self.table = self._table_view("analysisTable", self.model)
        self.table.setSortingEnabled(True)
        # A double-click on a header divider sizes from 100 rows, not Qt's default 1,000: the
        # tables run to 100,000 rows (a new result's columns are sized by fit_columns).
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.doubleClicked.connect(self._open_row)
        from crm_desktop.ui.analytics.result_actions import ResultActions

        self.result_actions = ResultActions(context, self.table, self.model, self._say, self)
        self.detail_model = FrameModel(parent=self)
        self.detail = self._table_view("analysisDetail", self.detail_model)
        self.detail_title = named(QLabel(), "analysisDetailTitle")
        self.detail_title.setWordWrap(True)
        self.detail_box = named(QWidget(), "analysisDetailBox")
        box = QVBoxLayout(self.detail_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.detail_title)
        box.addWidget(self.detail, 1)
        self.detail_box.hide()
        self.chart = ChartPanel(self, "analysisChart")
        from crm_desktop.ui.analytics.segment_tools import SegmentTools

        self.segment_tools = SegmentTools(context, self.detail, self.detail_model, self._say,
                                          self._names_changed, self._view_changed, self)

        left = self.left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.quality)
        left.addWidget(self.detail_box)
        left.addWidget(self.table)
        left.setSizes([220, 160, 320])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.chart)
        split.setSizes([640, 480])  # the rows (names, reasons) before the picture

        words = QHBoxLayout()
        words.addWidget(self.summary, 1)
        words.addWidget(self.segment_tools, 0, Qt.AlignmentFlag.AlignTop)
        words.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(settings_row)
        layout.addLayout(words)
        layout.addWidget(self.result_actions)
        layout.addWidget(split, 1)

        self.combo.currentIndexChanged.connect(self._chosen)
        self.run_button.clicked.connect(self.run_analysis)
        self.cancel_button.clicked.connect(self.cancel_analysis)
        self.apply_button.clicked.connect(self.apply_results)
        self.rules_button.clicked.connect(self.edit_rules)
        self.chart.message(self.tr("No analysis run yet"))
        last = context.settings.value("analytics/analysis")
        if last is not None and self.combo.findData(str(last)) >= 0:
            self.combo.setCurrentIndex(self.combo.findData(str(last)))
        self._chosen()
        self.refresh()

    def _table_view(self, name: str, model: Any) -> QTableView:
        view = named(QTableView(), name)
        style_item_view(view)
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setDefaultSectionSize(22)
        return view

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """The first time the page is shown, the background process starts and loads the
        frames the analyses share, while the user chooses one (a Run meanwhile waits for it,
        then finds them loaded)."""
        super().showEvent(event)
        service = self.context.background
        if not self._warmed and service is not None:
            self._warmed = True
            self.context.runner.run(warm_job, service, owner=self, key="warm",
                                    description=self.tr("Preparing the analyses"),
                                    on_failed=self._not_warmed)

    def _not_warmed(self, error: BaseException) -> None:
        """A Run loads what it needs itself (the runner logged why this failed)."""

    def refresh(self) -> None:
        """Load the product categories (the propensity targets) in the background."""
        self.context.runner.run(categories_job, self.context.database, owner=self,
                                key="categories", description=self.tr("Loading categories"),
                                on_finished=self.panel.set_categories, on_failed=self._no_categories)

    def _no_categories(self, error: BaseException) -> None:
        """Without the categories the target is "any purchase" (the runner logged why)."""

    def _chosen(self) -> None:
        name = self.combo.currentData()
        self.panel.set_analysis(name)
        self.rules_button.setVisible(name == "rules")
        self.context.settings.setValue("analytics/analysis", name)

    def edit_rules(self) -> bool:
        """Open the scoring rules dialog; after a save, say that Run applies them."""
        from crm_desktop.ui.analytics.rules_dialog import edit_rules

        saved = edit_rules(self.context, self)
        if saved:
            self._say(self.tr("Rules saved: press Run to score the customers with them."))
        return saved

    # ------------------------------------------------------------------------------ running
    def params(self) -> dict[str, Any]:
        """The parameters of the chosen analysis, as Run passes them to run_analysis."""
        return self.panel.values(self.combo.currentData())

    def run_analysis(self) -> None:
        name = self.combo.currentData()
        params = self.params()
        self.panel.save(name)
        self.progress.setValue(0)
        self._set_running(True)
        self._say(self.tr("Running %1…").replace("%1", self.combo.currentText()))
        self.context.runner.run(
            run_job, self.context.background, self.context.database, name, params,
            owner=self, key="analysis",
            description=self.tr("Analysis: %1").replace("%1", self.combo.currentText()),
            on_finished=self._show, on_failed=self._failed, on_progress=self._progressed,
            on_cancelled=self._cancelled)

    def cancel_analysis(self) -> None:
        self.context.runner.cancel(self, "analysis")

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.apply_button.setEnabled(False)

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(round(fraction * 1000)))

    def _cancelled(self) -> None:
        self._set_running(False)
        self._restore_apply()
        self.progress.setValue(0)
        self._say(self.tr("Cancelled"))

    def _restore_apply(self) -> None:
        """Apply is on while a result with something to store is shown (also after a
        cancelled or failed run, whose previous result stays on screen)."""
        outcome = self._outcome
        self.apply_button.setEnabled(outcome is not None and outcome.storable)

    def _failed(self, error: BaseException) -> None:
        """An analysis that cannot run on this data (too few buyers, ...) says so in the
        status line; anything else is a fault and also opens the error dialog."""
        from crm_desktop.ui.errors import show_error

        self._set_running(False)
        self._restore_apply()
        self.progress.setValue(0)
        self._say(self.tr("Could not run: %1").replace("%1", str(error)))
        if not isinstance(error, AnalysisError):
            show_error(self, error, self.tr("The analysis failed"))

    def _show(self, outcome: Any) -> None:

        self._outcome = outcome
        self._set_running(False)
        self.progress.setValue(1000)
        self._restore_apply()
        self._say(self.tr("%1: %2 rows").replace("%1", self.combo.currentText())
                            .replace("%2", f"{len(outcome.table):,}"))
        self.left.setUpdatesEnabled(False)  # painted once the tables are filled
        from crm_desktop.ui.analytics.result_summary import fill_details, summary_html

        words = summary_html(outcome)
        self.segment_tools.set_outcome(outcome)
        self.summary.setText(words)
        self.summary.setVisible(bool(words))
        # A result without words shows its figures; one with words keeps them under Details.
        self.details_button.setVisible(bool(words))
        self.quality.setVisible(not words or self.details_button.isChecked())
        fill_details(self.quality, outcome)
        # The tables, then the chart, in later steps of the event loop: filling and sizing a
        # 100,000-row table takes 10-20 ms and painting it 15-30 ms; the chart starts once that
        # paint is over, so the two never share a step.
        self.chart.hold()
        QTimer.singleShot(_STEP_MS, self, lambda: self._fill_tables(outcome))
        QTimer.singleShot(_CHART_AFTER_MS, self, lambda: self._draw(outcome))

    def _fill_tables(self, outcome: Any) -> None:
        from crm_desktop.ui.analytics.frame_model import analysis_text, fit_columns, hide_columns

        if outcome is not self._outcome:
            return  # a newer result is being shown (its own step turns painting back on)
        # Painting the filled tables (15-30 ms) waits for a later step than filling them.
        QTimer.singleShot(_STEP_MS, self, lambda: self.left.setUpdatesEnabled(True))
        currency = getattr(outcome, "currency", "USD")
        names = getattr(outcome, "names", None)
        self.model.set_kinds(getattr(outcome, "columns", None), currency, names,
                             getattr(outcome, "reasons", None))
        self.model.set_frame(outcome.table)
        self.result_actions.set_outcome(outcome)
        detail = getattr(outcome, "detail", None)
        self.detail_box.setVisible(detail is not None)
        if detail is not None:
            self.detail_title.setText(analysis_text(outcome.detail_title))
            self.detail_model.set_kinds(getattr(outcome, "columns", None), currency, names)
            self.detail_model.set_frame(detail)
        self._fit_panes(len(outcome.quality) if self.quality.isVisible() else 0,
                        None if detail is None else len(detail))
        fit_columns(self.table)
        hide_columns(self.table, self.model)
        if detail is not None:
            fit_columns(self.detail)
            hide_columns(self.detail, self.detail_model)

    def _fit_panes(self, figures: int, detail_rows: int | None) -> None:
        """Give the figures and the detail table the height of their rows (up to a point);
        the result table gets the rest."""
        total = sum(self.left.sizes())
        row = self.quality.verticalHeader().defaultSectionSize()
        quality = min(figures, 9) * row + 30 if figures else 0
        detail = 0 if detail_rows is None else min(max(detail_rows, 1), 7) * row + 70
        sizes = [quality, detail, max(120, total - quality - detail)]
        if sizes != self.left.sizes():  # a resize repaints the whole pane
            self.left.setSizes(sizes)

    def _draw(self, outcome: Any) -> None:
        """Plot the result's chart (its texts translated): adding the axes and plotting are
        build steps of the chart panel (ChartPanel.draw), which then lays out and paints the
        figure a few artists per event-loop step."""
        from crm_desktop.ui.charts.charts import draw_chart, style_axes

        if outcome is not self._outcome:
            return  # a newer result is being shown
        if outcome.chart is None or not len(outcome.chart.x):
            self.chart.message(self.tr("Nothing to draw"))
            return
        figure, colors = self.chart.figure, self.chart.colors
        from crm_desktop.ui.analytics.segment_tools import shown_chart

        chart = shown_chart(outcome, self.segment_tools.showing_map())
        axes: list[Any] = []
        # Separate steps: adding the axes, styling it and plotting take 5-25 ms each on a
        # 2-core laptop.
        self.chart.replace([lambda: axes.append(figure.add_subplot()),
                         lambda: style_axes(axes[0], colors, chart.title),
                         lambda: draw_chart(axes[0], chart, colors, styled=True)])

    def outcome(self) -> Any:
        return self._outcome

    def _names_changed(self) -> None:
        """A segment was renamed: its new name in the tables, words, groups and chart."""
        from crm_desktop.ui.analytics.result_summary import summary_html

        outcome = self._outcome
        if outcome is None:
            return
        self.model.set_names(outcome.names)
        self.detail_model.set_names(outcome.names)
        self.summary.setText(summary_html(outcome))
        self.result_actions.set_outcome(outcome)
        self._draw(outcome)

    def _view_changed(self) -> None:
        """The map of customers was turned on or off."""
        if self._outcome is not None:
            self._draw(self._outcome)

    def _details_toggled(self, shown: bool) -> None:
        self.quality.setVisible(shown)
        outcome = self._outcome
        if outcome is not None:
            detail = getattr(outcome, "detail", None)
            self._fit_panes(len(outcome.quality) if shown else 0,
                            None if detail is None else len(detail))

    def _open_row(self, index: Any) -> None:
        """A double-click opens the row's customer."""
        frame = self.model.frame()
        if "customer_id" not in frame.columns:
            return
        value = frame["customer_id"].iloc[index.row()]
        if value == value and value is not None:
            self.context.open_customer(int(value))

    # ------------------------------------------------------------------------------ applying
    def apply_results(self) -> None:
        if self._outcome is None:
            return
        self.apply_button.setEnabled(False)
        self._say(self.tr("Applying…"))
        self.context.runner.run(
            apply_job, self.context.database, self._outcome, owner=self, key="apply",
            description=self.tr("Applying analysis results"), on_finished=self._applied,
            on_failed=self._failed)

    def _applied(self, outcome: Outcome[dict[str, int]]) -> None:
        from crm_desktop.ui.analytics.frame_model import analysis_text

        parts = [f"{analysis_text(kind)}: {count:,}" for kind, count in outcome.value.items()]
        self._say(self.tr("Stored %1").replace("%1", ", ".join(parts) or "0"))
        self.context.apply(outcome.changes)

