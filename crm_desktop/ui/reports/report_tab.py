"""The reports tab: the sales report (`services.reports`) grouped by month, owner, product,
category, country or city over a date range; a table (money with its currency), a chart of one
measure in one currency, and export to CSV or Excel. The report runs in a worker (about a
second at a million orders)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services import reports
from crm_desktop.services.reports import SalesReport
from crm_desktop.storage.reports import DIMENSIONS
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.reports.report_views import (
    RANGES,
    date_range,
    grouping_titles,
    measure_titles,
    range_titles,
    report_columns,
)
from crm_desktop.ui.reports.rows_model import RowsModel
from crm_desktop.ui.theme import style_item_view

if TYPE_CHECKING:
    from crm_desktop.ui.charts.charts import ChartPanel
    from crm_desktop.ui.context import AppContext

CHART_MEASURES = ("revenue", "orders", "deals_won", "win_rate", "avg_deal_size",
                  "cycle_days_mean")


class ReportTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        from crm_desktop.ui.charts.charts import ChartPanel

        super().__init__(parent)
        self.context = context
        self.report: SalesReport | None = None
        self.by = self._combo("reportBy", self.tr("Group by"),
                              [(grouping_titles()[d], d) for d in DIMENSIONS])
        self.range = self._combo("reportRange", self.tr("Dates"),
                                 [(range_titles()[r], r) for r in RANGES])
        self.measure = self._combo("reportMeasure", self.tr("Chart"),
                                   [(measure_titles()[m], m) for m in CHART_MEASURES])
        self.currency = self._combo("reportCurrency", self.tr("Currency"), [])
        self.by.currentIndexChanged.connect(self.refresh)
        self.range.currentIndexChanged.connect(self.refresh)
        self.measure.currentIndexChanged.connect(self.draw)
        self.currency.currentIndexChanged.connect(self.draw)
        self.export_button = named(QPushButton(self.tr("E&xport…")), "reportExport")
        self.export_button.setToolTip(self.tr("Save the table as CSV or Excel"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.ask_export)
        self.progress = named(QProgressBar(), "reportProgress")
        self.progress.setRange(0, 0)  # busy: the SQL grouping reports no steps
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        bar = QHBoxLayout()
        for label, combo in ((self.tr("Group by:"), self.by), (self.tr("Dates:"), self.range)):
            bar.addWidget(QLabel(label))
            bar.addWidget(combo)
        bar.addStretch(1)
        bar.addWidget(self.progress)
        bar.addWidget(self.export_button)
        self.model = RowsModel(report_columns("month"), self)
        self.table = named(QTableView(), "reportTable")
        style_item_view(self.table)
        self.table.setAccessibleName(self.tr("Sales report"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.chart: ChartPanel = ChartPanel(self, "reportChart")
        self.chart.redraw = self.draw
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_bar = QHBoxLayout()
        chart_bar.addWidget(QLabel(self.tr("Chart:")))
        chart_bar.addWidget(self.measure)
        self.currency_label = QLabel(self.tr("in"))
        chart_bar.addWidget(self.currency_label)
        chart_bar.addWidget(self.currency)
        chart_bar.addStretch(1)
        chart_layout.addLayout(chart_bar)
        chart_layout.addWidget(self.chart, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(chart_box)
        splitter.setSizes([560, 440])
        splitter.setChildrenCollapsible(False)
        self.status = named(QLabel(), "reportStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    def _combo(self, name: str, accessible: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = named(QComboBox(), name)
        combo.setAccessibleName(accessible)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    # Running -----------------------------------------------------------------------------
    def refresh(self) -> None:
        start, end = date_range(self.range.currentData(), date.today())
        self.progress.show()
        self.status.setText(self.tr("Running the report…"))
        self.context.runner.run(
            reports.sales_report, self.context.database, self.by.currentData(), start, end,
            owner=self, key="report", description=self.tr("Running the sales report"),
            on_finished=self._show, on_failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.status.setText(self.tr("The report could not run: %1").replace("%1", str(error)))
        show_error(self, error)

    def _show(self, report: SalesReport) -> None:
        self.progress.hide()
        self.report = report
        self.model.columns = report_columns(report.by)
        self.model.set_rows(report.rows)
        self.export_button.setEnabled(bool(report.rows))
        currencies = sorted({row.currency for row in report.rows})
        current = self.currency.currentData()
        self.currency.blockSignals(True)
        self.currency.clear()
        for code in currencies:
            self.currency.addItem(code, code)
        if current in currencies:
            self.currency.setCurrentIndex(currencies.index(current))
        self.currency.blockSignals(False)
        self.currency.setVisible(len(currencies) > 1)
        self.currency_label.setVisible(len(currencies) > 1)
        self.status.setText(self.tr("%n group(s)", "", len(report.rows)) if report.rows
                            else self.tr("No paid orders or closed deals in these dates."))
        self.draw()

    def draw(self) -> None:
        """The chart of the chosen measure (line by month, else the 20 largest groups)."""
        from crm_desktop.ui.charts.charts import draw_chart

        if self.report is None or not self.report.rows:
            self.chart.message(self.tr("Nothing to chart yet."))
            return
        measure = self.measure.currentData() or "revenue"
        currency = self.currency.currentData() if self.currency.count() > 1 else None
        chart = reports.report_chart(self.report, measure, currency)
        shown = currency or chart.title.rsplit("(", 1)[-1].rstrip(")")
        title = self.tr("%1 by %2 (%3)").replace("%1", measure_titles()[measure]).replace(
            "%2", grouping_titles()[self.report.by].lower()).replace("%3", shown)
        chart.xlabel = chart.ylabel = ""
        panel = self.chart

        def build() -> None:
            draw_chart(panel.figure.add_subplot(), chart, panel.colors, title)

        panel.replace([build])

    # Export ------------------------------------------------------------------------------
    def ask_export(self) -> None:
        if self.report is None:
            return
        name = f"sales-by-{self.report.by}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the sales report"), name,
            self.tr("Excel (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the report shown (Excel for .xlsx, else CSV) in a worker."""
        if self.report is None:
            return
        self.context.runner.run(
            reports.export_report, self.report, path, owner=self, key="export",
            description=self.tr("Exporting the sales report"),
            on_finished=lambda rows: self.status.setText(
                self.tr("Exported %1 rows to %2").replace("%1", f"{rows:,}")
                .replace("%2", path)),
            on_failed=lambda error: show_error(self, error))

    def shutdown(self) -> None:
        self.context.runner.shutdown(owner=self)

