"""Analytics page: run one analysis (kpis, rfm, segments, churn, CLV, ...) in the background,
show its quality figures, its result table and a chart, and apply the results to customers.

The analyses are the plain functions of :mod:`crm_desktop.cli.analyses`, run through the
window's runner (progress bar `analysisProgress`, button `analysisCancel`). pandas, matplotlib
and the analytics are imported when the page is first built or inside the workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui.pages.base import Page

if TYPE_CHECKING:
    from crm_desktop.ui.child_process import ChildService
    from crm_desktop.ui.context import AppContext

_CONTEXT = "AnalyticsPage"
# (analysis name, title): titles are translated at display time.
ANALYSES: tuple[tuple[str, str], ...] = (
    ("kpis", QT_TRANSLATE_NOOP("AnalyticsPage", "Key figures (KPIs)")),
    ("rfm", QT_TRANSLATE_NOOP("AnalyticsPage", "RFM segments")),
    ("segments", QT_TRANSLATE_NOOP("AnalyticsPage", "Behaviour segments (k-means)")),
    ("classify", QT_TRANSLATE_NOOP("AnalyticsPage", "Predict categories")),
    ("churn", QT_TRANSLATE_NOOP("AnalyticsPage", "Churn risk")),
    ("propensity", QT_TRANSLATE_NOOP("AnalyticsPage", "Purchase propensity")),
    ("winprob", QT_TRANSLATE_NOOP("AnalyticsPage", "Win probability of open deals")),
    ("clv", QT_TRANSLATE_NOOP("AnalyticsPage", "Customer lifetime value")),
    ("rules", QT_TRANSLATE_NOOP("AnalyticsPage", "Rule-based scoring")),
    ("campaigns", QT_TRANSLATE_NOOP("AnalyticsPage", "Campaign response")),
    ("tickets", QT_TRANSLATE_NOOP("AnalyticsPage", "Ticket themes")),
    ("forecast", QT_TRANSLATE_NOOP("AnalyticsPage", "Sales forecast")),
    ("quality", QT_TRANSLATE_NOOP("AnalyticsPage", "Data quality")),
)


def run_job(service: ChildService | None, database: Any, name: str, params: dict[str, Any],
            progress: Any = None, cancelled: Any = None) -> Any:
    """Worker: one analysis (plain Python, no Qt), in the background process when the database
    is a file, so the fit never holds the app's GIL (see ui/child_process.py)."""
    import warnings

    if service is not None:
        return service.call("crm_desktop.cli.analyses:run_analysis", name, params,
                            progress=progress, cancelled=cancelled)
    from crm_desktop.cli.analyses import run_analysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_analysis(database, name, params, progress, cancelled)


def apply_job(database: Any, outcome: Any) -> dict[str, int]:
    from crm_desktop.cli.analyses import apply_outcome

    return apply_outcome(database, outcome)


class AnalyticsPage(Page):
    entities = ()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        from crm_desktop.ui.charts import ChartPanel, FrameModel

        self._outcome: Any = None
        self.combo = QComboBox(objectName="analysisCombo")
        for name, title in ANALYSES:
            self.combo.addItem(QCoreApplication.translate(_CONTEXT, title), name)
        self.combo.setAccessibleName(self.tr("Analysis"))
        self.horizon = self._spin("analysisHorizon", 30, 730, 180, self.tr(" days"))
        self.k_min = self._spin("analysisKMin", 2, 12, 2, "")
        self.k_max = self._spin("analysisKMax", 2, 15, 6, "")
        self.clv_months = self._spin("analysisClvMonths", 1, 60, 12, self.tr(" months"))
        self.run_button = QPushButton(self.tr("&Run"), objectName="analysisRun")
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="analysisCancel")
        self.cancel_button.setEnabled(False)
        self.apply_button = QPushButton(self.tr("&Apply to customers"),
                                        objectName="analysisApply")
        self.apply_button.setToolTip(self.tr(
            "Store the scores/segments and fill in the category of customers without one"))
        self.apply_button.setEnabled(False)
        self.progress = QProgressBar(objectName="analysisProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = QLabel(self.tr("Choose an analysis and press Run."),
                             objectName="analysisStatus")

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Analysis:")))
        controls.addWidget(self.combo, 1)
        for label, spin in ((self.tr("Horizon"), self.horizon), (self.tr("k from"), self.k_min),
                            (self.tr("to"), self.k_max), (self.tr("CLV"), self.clv_months)):
            controls.addWidget(QLabel(label))
            controls.addWidget(spin)
        controls.addWidget(self.run_button)
        controls.addWidget(self.cancel_button)
        controls.addStretch(1)

        self.quality = QTableWidget(0, 2, objectName="analysisQuality")
        self.quality.setHorizontalHeaderLabels([self.tr("Figure"), self.tr("Value")])
        self.quality.verticalHeader().hide()
        self.quality.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.quality.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.model = FrameModel(parent=self)
        self.table = QTableView(objectName="analysisTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        # Size columns from 100 rows, not Qt's default 1,000: the tables run to 100,000 rows.
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        self.chart = ChartPanel(self, "analysisChart")

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.quality)
        left.addWidget(self.table)
        left.setSizes([180, 400])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.chart)
        split.setSizes([520, 600])

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        status_row = QHBoxLayout()
        status_row.addWidget(self.progress, 1)
        status_row.addWidget(self.status, 2)
        status_row.addWidget(self.apply_button)
        layout.addLayout(status_row)
        layout.addWidget(split, 1)

        self.run_button.clicked.connect(self.run_analysis)
        self.cancel_button.clicked.connect(self.cancel_analysis)
        self.apply_button.clicked.connect(self.apply_results)
        self.chart.message(self.tr("No analysis run yet"))

    def _spin(self, name: str, low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox(objectName=name)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    # ------------------------------------------------------------------------------ running
    def params(self) -> dict[str, Any]:
        return {"horizon_days": self.horizon.value(), "k_min": self.k_min.value(),
                "k_max": max(self.k_min.value(), self.k_max.value()),
                "clv_months": self.clv_months.value()}

    def run_analysis(self) -> None:
        name = self.combo.currentData()
        self.progress.setValue(0)
        self._set_running(True)
        self.status.setText(self.tr("Running %1…").replace("%1", self.combo.currentText()))
        self.context.runner.run(
            run_job, self.context.background, self.context.database, name, self.params(),
            owner=self, key="analysis",
            description=self.tr("Analysis: %1").replace("%1", self.combo.currentText()),
            on_finished=self._show, on_failed=self._failed, on_progress=self._progressed,
            on_cancelled=self._cancelled)

    def cancel_analysis(self) -> None:
        self.context.runner.cancel(self, "analysis")

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.apply_button.setEnabled(False)

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(round(fraction * 1000)))

    def _cancelled(self) -> None:
        self._set_running(False)
        self.progress.setValue(0)
        self.status.setText(self.tr("Cancelled"))

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        self.progress.setValue(0)
        self.status.setText(self.tr("Could not run: %1").replace("%1", str(error)))

    def _show(self, outcome: Any) -> None:
        self._outcome = outcome
        self._set_running(False)
        self.progress.setValue(1000)
        self.apply_button.setEnabled(bool(outcome.results or outcome.categories is not None))
        self.status.setText(self.tr("%1: %2 rows").replace("%1", self.combo.currentText())
                            .replace("%2", f"{len(outcome.table):,}"))
        self.quality.setRowCount(len(outcome.quality))
        for row, (key, value) in enumerate(outcome.quality.items()):
            shown = f"{value:,.4g}" if isinstance(value, float) else str(value)
            self.quality.setItem(row, 0, QTableWidgetItem(key.replace("_", " ")))
            item = QTableWidgetItem(shown)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.quality.setItem(row, 1, item)
        self.model.set_frame(outcome.table)
        self.table.resizeColumnsToContents()
        # The chart in a later step of the event loop: one long step would stall the window.
        QTimer.singleShot(10, self, lambda: self._draw(outcome))

    def _draw(self, outcome: Any) -> None:
        from crm_desktop.ui.charts import draw_chart

        if outcome.chart is None or not len(outcome.chart.x):
            self.chart.message(self.tr("Nothing to draw"))
            return
        self.chart.clear()
        ax = self.chart.figure.add_subplot()
        draw_chart(ax, outcome.chart, self.chart.colors)
        self.chart.show_figure()

    def outcome(self) -> Any:
        return self._outcome

    # ------------------------------------------------------------------------------ applying
    def apply_results(self) -> None:
        if self._outcome is None:
            return
        self.apply_button.setEnabled(False)
        self.status.setText(self.tr("Applying…"))
        self.context.runner.run(
            apply_job, self.context.database, self._outcome, owner=self, key="apply",
            description=self.tr("Applying analysis results"), on_finished=self._applied,
            on_failed=self._failed)

    def _applied(self, written: dict[str, int]) -> None:
        parts = [f"{kind}: {count:,}" for kind, count in written.items()]
        self.status.setText(self.tr("Stored %1").replace("%1", ", ".join(parts) or "0"))
        self.context.notify("customers", "analytics_results")
