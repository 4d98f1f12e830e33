"""Dashboard: KPI tiles and charts (revenue trend, pipeline funnel, RFM grid, segment
scatter, churn-risk histogram, CLV distribution, campaign ROI, ticket themes, top influencers).

The figures are computed in the background process (``services.dashboard.dashboard_figures``)
and drawn on the GUI thread (:mod:`dashboard_charts`) on one matplotlib figure (never pyplot) with
a small toolbar (reset view, save as PNG/SVG/PDF, copy); the wheel zooms; hovering the data shows tooltips;
"Export data" writes the numbers behind the charts as CSV. The charts follow a theme switch.
matplotlib is imported when the page is first built.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services import dashboard
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import tones
from crm_desktop.ui.widgets.display import day, money_parts

if TYPE_CHECKING:
    from crm_desktop.storage.amounts import Amounts
    from crm_desktop.storage.database import Database
    from crm_desktop.ui.child_process import ChildService
    from crm_desktop.ui.context import AppContext


def _load(service: ChildService | None, database: Database, rules: dict[str, int],
          progress: Any = None, cancelled: Any = None) -> dict[str, Any]:
    """Worker: the dashboard's figures, computed in the background process when there is one.

    The frames of a large database (a million customers, millions of orders) take seconds of
    pandas work that holds the GIL and hundreds of MB that the allocator keeps afterwards; in a
    thread both land on the GUI. In the child process (ui/child_process.py) the window stays
    responsive, the frames stay cached for the analyses, and only the small plain result comes
    back.
    """
    if service is not None:
        if progress is not None:
            progress(0.05, "Computing the dashboard")  # notr: the bar shows no text
        figures: dict[str, Any] = service.call(dashboard.dashboard_figures, rules,
                                               progress=progress, cancelled=cancelled)
        return figures
    return dashboard.dashboard_figures(database, rules, progress, cancelled)


def _fill(service: ChildService | None, database: Database, kinds: list[str],
          progress: Any = None, cancelled: Any = None) -> Any:
    """Worker: run and store the analyses behind the empty charts (in the background process
    when there is one, with its frame cache)."""
    from crm_desktop.services.dashboard_fill import fill_missing

    if service is not None:
        return service.call(fill_missing, kinds, progress=progress, cancelled=cancelled)
    return fill_missing(database, kinds, progress, cancelled)


class KpiTile(QFrame):
    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"kpiTile_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"QFrame#kpiTile_{key} {{ border: 1px solid palette(midlight); border-radius: 8px;"
            " background: palette(base); }")
        self.title = QLabel(title)
        self.title.setStyleSheet("color: palette(placeholder-text); font-size: 8.5pt;")
        # Titles and notes wrap when the row is narrow (eight tiles in a 1024-pixel window).
        self.title.setWordWrap(True)
        self.value = named(QLabel("…"), f"kpiValue_{key}")
        self.value.setStyleSheet("font-size: 15pt; font-weight: 600;")
        # money in several currencies ("€5,000 · $3,100") wraps instead of widening the row
        self.value.setWordWrap(True)
        self.note = QLabel("")
        self.note.setStyleSheet("font-size: 8pt;")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def set(self, value: str, note: str = "", color: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.note.setStyleSheet(f"font-size: 8pt; color: {color};" if color else "font-size: 8pt;")


class DashboardPage(Page):
    entities = ("customers", "orders", "opportunities", "tickets", "campaigns",
                "analytics_results", "sales_targets")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        from crm_desktop.ui.charts.charts import ChartPanel

        self.data: dict[str, Any] | None = None
        titles = {
            "customers": self.tr("Customers"), "revenue": self.tr("Revenue (last month)"),
            "aov": self.tr("Average order"), "win_rate": self.tr("Win rate"),
            "csat": self.tr("CSAT"), "nps": self.tr("NPS"), "churn_rate": self.tr("Churn rate"),
            "target": self.tr("Sales target"),
        }
        self.tiles = {key: KpiTile(key, title, self) for key, title in titles.items()}
        tiles = QGridLayout()
        tiles.setSpacing(8)
        for column, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, column)
        self.status = named(QLabel(self.tr("Loading…")), "dashboardStatus")
        self.export_button = named(QPushButton(self.tr("Export data (CSV)…")), "dashboardExportCsv")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._ask_export)
        refresh = named(QPushButton(self.tr("Refresh")), "dashboardRefresh")
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        heading = QLabel(self.tr("Dashboard"))
        heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        top.addWidget(heading)
        top.addWidget(self.status, 1)
        top.addWidget(refresh)
        top.addWidget(self.export_button)
        self.chart = ChartPanel(self, "dashboardChart", paint_in_steps=True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tiles)
        layout.addWidget(self.chart, 1)
        self.chart.redraw = self._redraw
        self.chart.message(self.tr("Loading…"))
        self._wanted = False  # a load is due the next time the page stays visible
        self._filling = False  # the missing analyses are running (dashboard_fill)
        self._fill_failed: dict[str, str] = {}  # kind -> why it could not be filled

    # The dashboard reads every order and customer: at a million customers that is seconds of
    # pandas work holding the GIL. It runs only while the page is on screen (after a short
    # pause, so flipping past the page costs nothing) and is cancelled when the user leaves.
    _SETTLE_MS = 400

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.data is None:
            self._wanted = True
            QTimer.singleShot(self._SETTLE_MS, self._load_if_visible)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        if self.data is None:
            self._wanted = False
            self.context.runner.cancel(self, "load")

    def _load_if_visible(self) -> None:
        if self._wanted and self.isVisible():
            self._wanted = False
            self.refresh()

    def refresh(self) -> None:
        self.status.setText(self.tr("Loading…"))
        self.context.runner.run(_load, self.context.background, self.context.database,
                                self.context.preferences.kpi_params(), owner=self, key="load",
                                description=self.tr("Loading the dashboard"),
                                on_finished=self._show, on_failed=self._failed)

    def refresh_target(self) -> None:
        """The target tile: this month's (else this quarter's) target of the whole business,
        won so far and the open pipeline weighted by stage, in its own small worker."""
        from crm_desktop.services import targets
        from crm_desktop.ui.child_process import run_in

        # in the background process (pandas over every order: in a thread here it held the
        # GIL while the page was built and painted, 200 ms gaps at a million customers)
        self.context.runner.run(run_in, self.context.background, self.context.database,
                                targets.stage_weighted_progress, owner=self, key="target",
                                description=self.tr("Measuring the sales target"),
                                on_finished=self._show_target,
                                on_failed=lambda _error: self.tiles["target"].set("–"))

    def _show_target(self, report: Any) -> None:
        from crm_desktop.ui.reports.target_views import headline, pct
        from crm_desktop.ui.widgets.display import short_money

        row = headline(report.rows)
        tile = self.tiles["target"]
        if row is None:
            tile.set("–", self.tr("none set"))
            tile.setToolTip(self.tr("Set sales targets on the Targets & reports page."))
            return
        tile.set(pct(row.share) or "–", self.tr("%1 of %2\npipeline %3").replace(
            "%1", short_money(row.actual_amount, row.currency)).replace(
            "%2", short_money(row.target_amount, row.currency)).replace(
            "%3", short_money(row.pipeline_weighted or 0, row.currency)),
            "#2e9d4a" if (row.projected_share or 0) >= 1 else "")
        from crm_desktop.ui.reports.target_views import progress_line

        tile.setToolTip(progress_line(row))

    def _failed(self, error: BaseException) -> None:
        from crm_desktop.ui.errors import show_error

        self.status.setText(self.tr("Could not load: %1").replace("%1", str(error)))
        show_error(self, error, self.tr("The dashboard could not be loaded"))

    # ------------------------------------------------------------------------------ drawing
    def _show(self, data: dict[str, Any]) -> None:
        from crm_desktop.services.dashboard_fill import missing

        data["fill_failed"] = dict(self._fill_failed)
        self.data = data
        # Charts with nothing stored fill themselves: their analyses run in the background
        # (once per page; a kind that could not be filled says why instead of trying again).
        wanted = [k for k in missing(data) if k not in self._fill_failed]
        if wanted and not self._filling:
            self._filling = True
            self.context.runner.run(_fill, self.context.background, self.context.database,
                                    wanted, owner=self, key="fill",
                                    description=self.tr("Filling the dashboard's charts"),
                                    on_finished=self._filled, on_failed=self._fill_error)
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("as of %1").replace(
            "%1", day(date.fromisoformat(data["as_of"]))))
        self._fill_tiles(data["tiles"])
        self.refresh_target()  # after the figures: the two loads would compete for the CPU
        self._draw(data)

    def _filled(self, result: tuple[list[str], list[str], Any]) -> None:
        filled, failed, changes = result
        self._filling = False
        for line in failed:
            kind, _sep, why = line.partition(": ")
            self._fill_failed[kind] = why
        self.context.apply(changes)
        if filled or failed:
            self.refresh()

    def _fill_error(self, error: BaseException) -> None:
        """Leave the charts empty (the runner logged why); no second attempt this session."""
        self._filling = False
        for kind in ("churn", "clv", "influencers"):
            self._fill_failed.setdefault(kind, str(error))

    def _fill_tiles(self, t: dict[str, Any]) -> None:
        def pct(v: float | None) -> str:
            return "–" if v is None else f"{100 * v:.1f}%"

        def amounts(v: Amounts | None) -> str:  # whole units, one part per currency
            return "–" if v is None else money_parts(v, cents=False)

        self.tiles["customers"].set(f"{t['customers']:,}",
                                    self.tr("%1 active").replace("%1", f"{t['active']:,}"))
        growth = t["growth"]
        revenue: Amounts | None = t["revenue"]
        several = revenue is not None and len(revenue.parts) > 1
        # growth is of the usual currency's revenue: named when there are several currencies
        change = "" if growth is None else (
            self.tr("%1 in %2").replace("%1", f"{growth:+.1%}").replace("%2", t["currency"])
            if several else f"{growth:+.1%}")
        self.tiles["revenue"].set(
            amounts(revenue), (t["period"] + (f"  {change}" if change else "")),
            "" if growth is None else (tones().good if growth >= 0 else tones().danger))
        self.tiles["aov"].set(amounts(t["aov"]))
        self.tiles["win_rate"].set(pct(t["win_rate"]), self.tr("last 12 months"))
        self.tiles["csat"].set(pct(t["csat"]), self.tr("ratings 4–5"))
        self.tiles["nps"].set("–" if t["nps"] is None else f"{t['nps']:+.0f}")
        window = t.get("churn_window_days", 90)
        self.tiles["churn_rate"].set(pct(t["churn_rate"]),
                                     self.tr("last %1 days").replace("%1", str(window)))
        loyalty = t.get("loyalty_index")
        if loyalty is not None:
            self.tiles["customers"].setToolTip(self.tr(
                "Loyal customers bring %1 of the revenue (Settings: loyal-customer rule)")
                .replace("%1", pct(loyalty)))

    def _draw(self, data: dict[str, Any]) -> None:
        """Build the nine charts (two build steps each: add the axes, plot), then lay out and
        paint them, a few artists per event-loop step (ChartPanel.draw): one grid row per step
        stalled the window for 30-90 ms at a time at 100,000 customers."""
        from crm_desktop.ui.dashboard.dashboard_charts import DashboardCharts

        self.chart.clear()
        self.chart.draw(DashboardCharts(self.chart, data).steps())

    def is_drawing(self) -> bool:
        """The charts are being built, laid out or painted (in later event-loop steps)."""
        return self.chart.busy()

    def _redraw(self) -> None:
        """The palette changed (theme switch): draw again in its colours."""
        if self.data is not None:
            self._draw(self.data)
        else:
            self.chart.message(self.tr("Loading…"))

    # ------------------------------------------------------------------------------ export
    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export dashboard data"), "dashboard.csv", self.tr("CSV (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> int:
        """Write the numbers behind the tiles and charts; returns the rows written."""
        if self.data is None:
            return 0
        rows = dashboard.data_rows(self.data)
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["chart", "label", "value"])
            writer.writerows(rows)
        self.status.setText(self.tr("Exported %1 rows").replace("%1", f"{len(rows):,}"))
        return len(rows)

    def chart_axes(self) -> list[Any]:
        return list(self.chart.figure.axes)

    def sizeHint(self) -> Any:  # noqa: N802
        from PySide6.QtCore import QSize

        return QSize(1100, 720)

