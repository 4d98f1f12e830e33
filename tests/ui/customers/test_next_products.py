"""'Likely to buy next' in the customer detail, and 'offer to all…' planning a campaign at
every customer to whom the product is suggested (undoable)."""

from __future__ import annotations

import pytest

from crm_desktop.models import Campaign
from crm_desktop.ui.customers.customer_detail import CustomerDetail
from tests.services.test_suggested_campaigns import suggested  # noqa: F401 - a fixture


@pytest.fixture
def detail(qtbot, context):
    widget = CustomerDetail(context)
    qtbot.addWidget(widget)
    widget.resize(500, 700)
    widget.show()
    yield widget
    context.runner.shutdown(owner=widget)


def test_suggestions_shown_and_offered_as_a_campaign(qtbot, db, context, detail,
                                                     suggested):  # noqa: F811
    shown = detail.next_products
    with qtbot.waitSignal(shown.loaded, timeout=10000):
        detail.show_customer(suggested["ann"])
    assert shown.isVisible()
    text = shown.text()
    assert "Likely to buy next:" in text and "<b>Toner</b>" in text and "with Printer" in text
    assert text.index("Toner") < text.index("Paper")
    assert f"offer:{suggested['toner']}" in text

    opened = []
    context.set_navigation(lambda _id: None, lambda entity, i: opened.append((entity, i)))
    shown.linkActivated.emit(f"offer:{suggested['toner']}")
    with db.session() as session:
        campaign = session.query(Campaign).one()
        assert campaign.name == "Offer: Toner" and campaign.deleted_at is None
    assert opened == [("campaigns", campaign.id)]
    context.undo_stack.undo()
    with db.session() as session:
        assert session.get(Campaign, campaign.id).deleted_at is not None

    with qtbot.waitSignal(shown.loaded, timeout=10000):
        detail.show_customer(suggested["dan"])
    assert not shown.isVisible()
