"""A holdout share when adding members, and the campaign's effect in words: targeted members
who answered against held-out ones, with the interval; no holdout says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crm_desktop.models import CampaignMember
from crm_desktop.services import campaigns
from crm_desktop.ui.campaigns.campaigns_page import CampaignsPage
from tests.services.test_suggested_campaigns import suggested  # noqa: F401 - a fixture
from tests.ui.page_helpers import make_customer, wait_model


@pytest.fixture
def page(qtbot, context):
    widget = CampaignsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget
    widget.shutdown()


def plan(db, name="Autumn"):
    for i in range(40):
        make_customer(db, f"Customer {i:02d}", city="Lyon")
    segment = campaigns.save_filter(db, "Lyon", "customers", [("city", "eq", "Lyon")]).value
    return campaigns.create_campaign(db, {"name": name, "target_segment_id": segment}).value


def test_holdout_then_effect_in_words(qtbot, db, context, page):
    campaign_id = plan(db)
    page.refresh()
    wait_model(qtbot, page.list.model, 1)
    qtbot.waitUntil(lambda: page.list.select_id(campaign_id), timeout=3000)
    qtbot.waitUntil(lambda: page.detail.campaign_id == campaign_id, timeout=3000)

    qtbot.mouseClick(page.detail.effect_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.effectShown, timeout=30000):
        pass
    assert "No control group" in page.detail.effect.text()

    page.detail.holdout.setValue(25)
    qtbot.mouseClick(page.detail.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: context.undo_stack.undoText() == "Add campaign members",
                    timeout=10000)
    with db.session() as session:
        members = session.query(CampaignMember).filter_by(campaign_id=campaign_id).all()
        held = [m.id for m in members if m.holdout]
        targeted = [m.id for m in members if not m.holdout]
    assert len(held) == 10 and len(targeted) == 30
    wait_model(qtbot, page.members_model, 40)
    column = next(i for i, c in enumerate(page.members_model.spec.columns) if c.key == "holdout")
    shown = [page.members_model.index(r, column).data() for r in range(40)]
    assert shown.count("yes") == 10

    campaigns.record_step(db, campaign_id, targeted[:20], "responded", "")
    qtbot.mouseClick(page.detail.effect_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.effectShown, timeout=30000):
        pass
    text = page.detail.effect.text()
    assert "Responded: 66.7% of the 30 contacted against 0.0% of the 10 held out" in text
    assert "(+66.7 points)" in text and "95% sure" in text
    assert "The campaign worked" in text
    assert "Bought: 0.0% of the 30 contacted" in text and "No proven effect" in text


def test_campaign_from_a_suggestion_menu(qtbot, db, context, page, suggested):  # noqa: F811
    page.fill_suggestions()
    texts = [a.text() for a in page.suggest_menu.actions()]
    assert texts == ["Toner (2 customer(s))", "Paper (1 customer(s))"]
    page.suggest_menu.actions()[0].trigger()
    from crm_desktop.models import Campaign

    with db.session() as session:
        campaign = session.query(Campaign).one()
    qtbot.waitUntil(lambda: page.detail.campaign_id == campaign.id, timeout=5000)
    assert page.detail.title.text() == "Offer: Toner"
    context.undo_stack.undo()
    with db.session() as session:
        assert session.get(Campaign, campaign.id).deleted_at is not None


def test_no_suggestions_says_how_to_get_them(page):
    page.fill_suggestions()
    (action,) = page.suggest_menu.actions()
    assert "What sells together" in action.text() and not action.isEnabled()
