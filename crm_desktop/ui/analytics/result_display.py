"""What the Analytics page shows of a result: the summary in words (the figures under
"Details"), the figures, the result table with its actions, the detail table (confusion
matrix, anomalies, lift, ...) and the chart, filled and drawn in steps of the event loop.

`ResultDisplay` is the base of `AnalyticsPage` (analytics_page.py), which chooses, runs and
applies the analyses. Its texts keep the translation context "AnalyticsPage".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.qt_typed import named, translate
from crm_desktop.ui.theme import style_item_view

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext

_STEP_MS = 10  # between the steps of showing a result: input and timers due run in between
_CHART_AFTER_MS = 80  # the chart of a new result starts after its tables have painted


class ResultDisplay(Page):
    """The result half of the Analytics page."""

    _outcome: Any  # the result shown (None before the first)

    if TYPE_CHECKING:
        def _say(self, text: str) -> None: ...

    def _build_tables(self, context: AppContext) -> None:
        """The result's widgets but its chart, made where the page's constructor made them
        (their order is the tab order): the summary and Details, the figures, the result
        table and its actions, the detail table. Then `_build_chart`, in a step of its own
        when the page is built in steps (together 20-30 ms of the GUI thread)."""
        from crm_desktop.ui.analytics.frame_model import FrameModel

        # The result in words on top; the technical figures under "Details".
        self.summary = named(QLabel(self), "analysisSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.hide()
        self.details_button = named(QPushButton(translate("AnalyticsPage", "Details"), self),
                                    "analysisDetails")
        self.details_button.setCheckable(True)
        self.details_button.setToolTip(translate(
            "AnalyticsPage", "The technical figures of the result, each with what it means"))
        self.details_button.toggled.connect(self._details_toggled)
        self.details_button.hide()  # until a result in words is shown
        self.quality = named(QTableWidget(0, 3), "analysisQuality")
        style_item_view(self.quality)
        self.quality.setHorizontalHeaderLabels([translate("AnalyticsPage", "Figure"),
                                                translate("AnalyticsPage", "Value"),
                                                translate("AnalyticsPage", "What it means")])
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

    def _build_chart(self, context: AppContext) -> QSplitter:
        """The chart and the segment tools (after `_build_tables`); returns the splitter that
        holds the tables and the chart."""
        from crm_desktop.ui.charts.charts import ChartPanel

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
        return split

    def _table_view(self, name: str, model: Any) -> QTableView:
        view = named(QTableView(), name)
        style_item_view(view)
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setDefaultSectionSize(22)
        return view

    def _show_result(self, outcome: Any) -> None:
        """Show a new result: its words and figures now, its tables and then its chart in
        later steps of the event loop."""
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
            self.chart.message(translate("AnalyticsPage", "Nothing to draw"))
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
