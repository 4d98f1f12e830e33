"""The targets & reports page through its widgets: set, edit and delete a target (each undone
with Ctrl+Z), its progress against won deals beside the weighted pipeline, and the sales report
by owner with its chart and export."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from crm_desktop.services import targets
from crm_desktop.services.outcome import write
from crm_desktop.services.targets import Period, TargetInput
from crm_desktop.storage import pipeline as pipeline_store
from crm_desktop.storage.customers import create_customer
from crm_desktop.ui.reports.reports_page import ReportsPage
from tests.ui.page_helpers import click_save, open_dialog, shown_page, type_into

TODAY = date.today()
THIS_MONTH = Period.containing(TODAY, "month")


def plant(db):
    """Alice won 3,000 and 2,000 USD this month and has an open 10,000 USD deal at the
    Proposal stage expected before the month ends; Bob won 500 USD."""
    def work(session):
        pipeline_store.default_pipeline(session)
        stages = {s.name: s.id for s in pipeline_store.stages(session)}
        customer = create_customer(session, {"name": "Acme"}).id
        won_at = datetime.combine(THIS_MONTH.start, datetime.min.time()) + timedelta(hours=9)
        for owner, amount, status, stage in (("Alice", 3000, "won", "Qualification"),
                                             ("Alice", 2000, "won", "Qualification"),
                                             ("Bob", 500, "won", "Qualification"),
                                             ("Alice", 10000, "open", "Proposal")):
            deal = pipeline_store.create_opportunity(session, {
                "name": f"{owner} {amount}", "customer_id": customer, "amount": str(amount),
                "currency": "USD", "owner": owner, "stage_id": stages[stage],
                "expected_close": THIS_MONTH.end})
            deal.status = status
            deal.closed_at = won_at if status == "won" else None
    write(db, work)


@pytest.fixture
def page(qtbot, context):
    widget = shown_page(qtbot, ReportsPage, context)
    yield widget
    widget.shutdown()


def wait_progress(qtbot, tab, rows):
    qtbot.waitUntil(lambda: tab.report is not None and len(tab.report.rows) == rows,
                    timeout=30000)


def test_set_edit_delete_a_target_with_progress_and_undo(qtbot, db, context, page):
    plant(db)
    tab = page.targets
    page.refresh()
    wait_progress(qtbot, tab, 0)
    assert "No targets" in tab.status.text()

    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = open_dialog(tab, qtbot)
    owner = dialog.field("owner")
    owner.setCurrentIndex(owner.findData("Alice"))
    dialog.field("period").setCurrentText(THIS_MONTH.label)
    type_into(qtbot, dialog.field("amount"), "abc")
    click_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_text("amount")
    type_into(qtbot, dialog.field("amount"), "10,000")
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    wait_progress(qtbot, tab, 1)
    row = tab.model.row(0)
    assert (row.owner, row.actual_amount, row.target_amount, row.share) == (
        "Alice", Decimal("5000.00"), Decimal("10000.00"), 0.5)
    assert row.pipeline_weighted is not None and row.pipeline_weighted > 0
    texts = [tab.model.index(0, c).data() for c in range(tab.model.columnCount())]
    assert texts[:5] == ["Alice", THIS_MONTH.label, "$10,000", "$5,000", "50%"]

    # The same owner, period and currency twice is refused under the period field.
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    second = open_dialog(tab, qtbot)
    second.field("owner").setCurrentIndex(second.field("owner").findData("Alice"))
    second.field("period").setCurrentText(THIS_MONTH.label)
    type_into(qtbot, second.field("amount"), "1")
    click_save(qtbot, second)
    assert "exists already" in second.error_text("period")
    second.reject()

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    edit = open_dialog(tab, qtbot)
    type_into(qtbot, edit.field("amount"), "20000")
    click_save(qtbot, edit)
    qtbot.waitUntil(lambda: tab.report is not None and bool(tab.report.rows)
                    and tab.report.rows[0].target_amount == Decimal("20000.00"), timeout=30000)
    assert targets.list_targets(db)[0].amount == Decimal("20000.00")
    context.undo_stack.undo()
    assert targets.list_targets(db)[0].amount == Decimal("10000.00")
    context.undo_stack.undo()  # the creation
    assert targets.list_targets(db) == []
    context.undo_stack.redo()
    wait_progress(qtbot, tab, 1)

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert targets.list_targets(db) == []
    wait_progress(qtbot, tab, 0)
    context.undo_stack.undo()
    assert len(targets.list_targets(db)) == 1
    wait_progress(qtbot, tab, 1)


def test_whole_business_target_and_sales_report_by_owner(qtbot, db, context, page, tmp_path):
    plant(db)
    targets.create_target(db, TargetInput(None, THIS_MONTH.label, 11000, "USD", 4))
    page.refresh()
    wait_progress(qtbot, page.targets, 1)
    row = page.targets.model.row(0)
    assert (row.owner, row.actual_amount, row.actual_deals) == (None, Decimal("5500.00"), 3)
    assert page.targets.model.index(0, 0).data() == "Whole business"
    assert page.targets.model.index(0, 8).data() == "3 of 4"

    report = page.reports
    page.show_tab("reports")
    report.by.setCurrentIndex(report.by.findData("owner"))
    qtbot.waitUntil(lambda: report.report is not None and report.report.by == "owner",
                    timeout=30000)
    keys = {(r.key, r.deals_won, r.currency) for r in report.report.rows}
    assert keys == {("Alice", 2, "USD"), ("Bob", 1, "USD")}
    alice = next(i for i, r in enumerate(report.model.rows()) if r.key == "Alice")
    assert report.model.index(alice, 1).data() == "USD"
    assert report.model.index(alice, 7).data() == "$2,500.00"  # average deal, with currency
    qtbot.waitUntil(lambda: bool(report.chart.figure.axes), timeout=5000)
    assert "Revenue by owner" in report.chart.figure.axes[0].get_title()
    report.measure.setCurrentIndex(report.measure.findData("deals_won"))
    qtbot.waitUntil(lambda: bool(report.chart.figure.axes)
                    and "Deals won" in report.chart.figure.axes[0].get_title(), timeout=5000)

    out = tmp_path / "by-owner.csv"
    report.export_to(str(out))
    qtbot.waitUntil(out.exists, timeout=5000)
    qtbot.waitUntil(lambda: "Exported 2 rows" in report.status.text(), timeout=5000)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][:2] == ["owner", "currency"] and len(lines) == 3


def test_the_sales_reports_tab_is_built_when_first_shown(qtbot, page):
    """The targets tab shows first; the reports' chart and table are built with their tab."""
    from crm_desktop.ui.reports.report_tab import ReportTab

    assert page.findChild(ReportTab) is None
    page.tabs.setCurrentIndex(1)  # as a click on the tab does
    report = page.findChild(ReportTab)
    assert report is not None and report is page.reports
    qtbot.waitUntil(report.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: report.report is not None, timeout=30_000)
