"""Analytics page: run one analysis (kpis, rfm, segments, churn, CLV, ...) in the background,
show its quality figures, its result table, a small detail table (confusion matrix, anomalies,
lift, ...) and a chart, and apply the results to customers.

The analyses are the plain functions of :mod:`crm_desktop.services.analyses`, run through the
window's runner (progress bar `analysisProgress`, button `analysisCancel`) with the parameters
of the controls in :mod:`crm_desktop.ui.analytics.analysis_params` (only the chosen analysis'
controls are shown; the values last used are kept in the settings). pandas, matplotlib and the
analytics are imported when the page is first built or inside the workers. What it shows of a
result (words, figures, tables, chart) is its base class's: result_display.ResultDisplay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.analyses.parameters import AnalysisError
from crm_desktop.ui.analytics.analysis_catalogue import ANALYSES
from crm_desktop.ui.analytics.analysis_jobs import apply_job, categories_job, run_job, warm_job
from crm_desktop.ui.analytics.analysis_params import ParamsPanel
from crm_desktop.ui.analytics.result_display import ResultDisplay
from crm_desktop.ui.qt_typed import named

if TYPE_CHECKING:
    from crm_desktop.services.outcome import Outcome
    from crm_desktop.ui.context import AppContext

_CONTEXT = "AnalyticsPage"


class AnalyticsPage(ResultDisplay):
    entities = ("products",)  # the propensity target offers the product categories

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._outcome = None
        self._warmed = False  # the background process was asked to get ready
        self.combo = named(QComboBox(self), "analysisCombo")
        for name, title in ANALYSES:
            self.combo.addItem(QCoreApplication.translate(_CONTEXT, title), name)
        self.combo.setAccessibleName(self.tr("Analysis"))
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(26)
        # Made in four event-loop steps when opened from the navigation (Page.build_later):
        # half the settings' fields here; the other half and the buttons; the result's tables;
        # its chart (in one step: 35-45 ms of the GUI thread at 100,000 customers). Widgets
        # are made in the order they were made in one step (their order is the tab order).
        self.panel = ParamsPanel(context.settings, self, build_later=self.build_later)
        self.build_later(self._build_controls)
        self.build_later(lambda: self._build_tables(self.context))
        self.build_later(self._build_panes)

    def _build_controls(self) -> None:
        """The buttons, progress and status beside the analysis, and the settings' row."""
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
        self._rows = (controls, settings_row)

    def _build_panes(self) -> None:
        """The result in words, its tables and chart; the page's layout and wiring."""
        context = self.context
        controls, settings_row = self._rows
        split = self._build_chart(context)

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
        self._show_result(outcome)

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

