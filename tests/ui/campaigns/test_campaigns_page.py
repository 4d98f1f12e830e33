"""Campaigns through the widgets: plan with a saved filter as target, add members, record
responses and conversions with counts per step, status, undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from crm_desktop.models import Campaign, CampaignMember
from crm_desktop.storage import campaigns
from crm_desktop.ui.campaigns.campaigns_page import CampaignsPage
from tests.ui.page_helpers import click_save, make_customer, open_dialog, type_into, wait_model


@pytest.fixture
def page(qtbot, context):
    widget = CampaignsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget
    widget.shutdown()


def test_plan_target_members_and_steps(qtbot, db, context, page):
    for name in ("Anna", "Bernd", "Clara"):
        make_customer(db, name, city="Berlin")
    make_customer(db, "Dora", city="Paris")
    with db.session() as session:
        campaigns.save_filter(session, "Berliners", "customers", [("city", "eq", "Berlin")])

    page.new_record()
    dialog = open_dialog(page, qtbot)
    type_into(qtbot, dialog.field("name"), "Spring mailing")
    type_into(qtbot, dialog.field("start_date"), "2026-04-01")
    type_into(qtbot, dialog.field("end_date"), "2026-03-01")
    type_into(qtbot, dialog.field("budget"), "5,000")
    target = dialog.field("target_segment_id")
    target.setCurrentIndex(target.findText("Berliners"))
    click_save(qtbot, dialog)
    assert dialog.error_text("end_date")
    type_into(qtbot, dialog.field("end_date"), "2026-04-30")
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    with db.session() as session:
        campaign = session.query(Campaign).one()
        assert (campaign.name, campaign.budget) == ("Spring mailing", Decimal("5000.00"))
        assert campaign.target_segment_id is not None
        campaign_id = campaign.id
    wait_model(qtbot, page.list.model, 1)
    qtbot.waitUntil(lambda: page.list.select_id(campaign_id), timeout=3000)
    qtbot.waitUntil(lambda: page.detail.campaign_id == campaign_id, timeout=3000)

    qtbot.mouseClick(page.detail.add_button, Qt.MouseButton.LeftButton)  # runs in a worker
    qtbot.waitUntil(lambda: context.undo_stack.undoText() == "Add campaign members",
                    timeout=5000)
    with db.session() as session:
        assert session.query(CampaignMember).filter_by(campaign_id=campaign_id).count() == 3
    wait_model(qtbot, page.members_model, 3)
    assert "<b>3</b>" in page.detail.funnel.text()

    selection = page.detail.members.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 1):
        selection.select(page.members_model.index(row, 0), flags)
    page.detail.step.setCurrentIndex(page.detail.step.findData("responded"))
    type_into(qtbot, page.detail.response, "Wants a demo")
    qtbot.mouseClick(page.detail.record_button, Qt.MouseButton.LeftButton)
    with db.session() as session:
        members = session.query(CampaignMember).filter_by(campaign_id=campaign_id).all()
        responded = [m for m in members if m.responded_at is not None]
        assert len(responded) == 2
        assert all(m.sent_at is not None and m.response == "Wants a demo" for m in responded)
    assert "<b>2</b></span><br>Responded" in page.detail.funnel.text()

    context.undo_stack.undo()
    with db.session() as session:
        assert session.query(CampaignMember).filter(
            CampaignMember.responded_at.is_not(None)).count() == 0

    status = page.detail.status
    status.setCurrentIndex(status.findData("active"))
    status.activated.emit(status.currentIndex())
    with db.session() as session:
        assert session.get(Campaign, campaign_id).status == "active"
    context.undo_stack.undo()
    with db.session() as session:
        assert session.get(Campaign, campaign_id).status == "planned"
    context.undo_stack.undo()  # the record step was undone already; this removes the members
    with db.session() as session:
        assert session.query(CampaignMember).count() == 0


def test_campaign_without_target_says_so(qtbot, db, page):
    with db.session() as session:
        campaign_id = campaigns.query.create(session, Campaign, name="No target").id
    page.refresh()
    wait_model(qtbot, page.list.model, 1)
    qtbot.waitUntil(lambda: page.list.select_id(campaign_id), timeout=3000)
    qtbot.waitUntil(lambda: page.detail.campaign_id == campaign_id, timeout=3000)
    from crm_desktop.ui.errors import open_error_boxes

    qtbot.mouseClick(page.detail.add_button, Qt.MouseButton.LeftButton)  # runs in a worker
    qtbot.waitUntil(lambda: bool(open_error_boxes()), timeout=5000)
    boxes = open_error_boxes()
    assert boxes and "no target filter" in boxes[-1].text()
    boxes[-1].close()
