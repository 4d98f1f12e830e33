"""The dashboard's sales-target tile: none set, then the whole business' target of this month
with what was won and the weighted open pipeline."""

from __future__ import annotations

from crm_desktop.services import targets
from crm_desktop.services.targets import TargetInput
from crm_desktop.ui.dashboard.dashboard_page import DashboardPage
from tests.ui.reports.test_reports_page import THIS_MONTH, plant


def test_target_tile_shows_progress_and_pipeline(qtbot, db, context):
    plant(db)  # 5,500 USD won this month, a 10,000 USD open deal at the Proposal stage
    page = DashboardPage(context)
    qtbot.addWidget(page)
    tile = page.tiles["target"]
    page.refresh_target()
    qtbot.waitUntil(lambda: tile.note.text() == "none set", timeout=30_000)
    targets.create_target(db, TargetInput(None, THIS_MONTH.label, 11000, "USD"))
    targets.create_target(db, TargetInput("Alice", THIS_MONTH.label, 4000, "USD"))
    page.refresh_target()
    qtbot.waitUntil(lambda: tile.value.text() == "50%", timeout=30_000)
    assert tile.note.text().startswith("$5.5k of $11.0k\npipeline $")
    assert tile.note.text() != "$5.5k of $11.0k\npipeline $0"
    assert "Whole business" in tile.toolTip()
    page.shutdown()
