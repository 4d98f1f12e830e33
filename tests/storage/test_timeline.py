"""The customer detail queries: one timeline newest first, summary with scores, related people."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from crm_desktop.models import AnalyticsResult, Relationship
from crm_desktop.storage import activities, campaigns, pipeline, sales, service
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.sales import LineInput
from crm_desktop.storage.timeline import customer_detail, customer_timeline


def test_timeline_has_everything_newest_first(db):
    with db.session() as s:
        acme = create_customer(s, {"name": "Acme", "kind": "company"})
        ann = create_customer(s, {"name": "Ann", "company_id": acme.id, "rating": 4,
                                  "touch_every_days": 30}, emails=["ann@acme.com"])
        bob = create_customer(s, {"name": "Bob", "company_id": acme.id, "job_title": "CTO"})
        eve = create_customer(s, {"name": "Eve"})
        s.add(Relationship(source_id=eve.id, target_id=ann.id, kind="referral", strength=0.8))
        activities.log_interaction(s, {"customer_id": ann.id, "kind": "call", "subject": "Hi",
                                       "occurred_at": datetime(2024, 1, 1, 9)})
        sales.create_order(s, {"customer_id": ann.id, "ordered_at": datetime(2024, 2, 1)},
                           [LineInput("Widget", Decimal(2), Decimal("10.50"))])
        opp = pipeline.create_opportunity(s, {"customer_id": ann.id, "name": "Big deal",
                                              "amount": "1000"})
        opp.created_at = datetime(2024, 3, 1)
        ticket = service.open_ticket(s, {"customer_id": ann.id, "subject": "Broken",
                                         "opened_at": datetime(2024, 4, 1)})
        from crm_desktop.models import Campaign
        from crm_desktop.storage import query

        campaign = query.create(s, Campaign, name="Spring")
        campaigns.record_step(s, campaign.id, ann.id, "responded", at=datetime(2024, 5, 1))
        s.add(AnalyticsResult(customer_id=ann.id, kind="churn", value=0.25, model_version="t"))
        ids = ann.id, bob.id, eve.id, acme.id, ticket.number
    ann_id, bob_id, eve_id, acme_id, number = ids
    with db.engine.connect() as connection:
        items = customer_timeline(connection, ann_id)
        detail = customer_detail(connection, ann_id)
    kinds = [i.kind for i in items if i.sub != "task"]
    assert kinds == ["campaign", "ticket", "opportunity", "order", "interaction"]
    order = next(i for i in items if i.kind == "order")
    assert order.amount == Decimal("21.00")
    assert next(i for i in items if i.kind == "ticket").title.startswith(number)
    assert any(i.sub == "task" and i.done is False for i in items)  # the stay-in-touch task
    summary = detail.summary
    assert summary.company == "Acme" and summary.email == "ann@acme.com"
    assert summary.scores["churn"][0] == 0.25 and summary.next_follow_up is not None
    related = {(p.id, p.relation) for p in detail.related}
    assert related == {(eve_id, "referral"), (acme_id, "company"), (bob_id, "colleague")}


def test_summary_paid_to_date_is_kept_per_currency(db):
    """Paid orders in euros and dollars are two parts; unpaid and deleted orders do not count."""
    with db.session() as s:
        ann = create_customer(s, {"name": "Ann"})
        for price, currency, status in (("100.25", "EUR", "paid"), ("50.00", "EUR", "paid"),
                                        ("30.00", "USD", "paid"), ("999.00", "USD", "open")):
            sales.create_order(s, {"customer_id": ann.id, "currency": currency,
                                   "status": status, "ordered_at": datetime(2024, 2, 1)},
                               [LineInput("Widget", Decimal(1), Decimal(price))])
        gone = sales.create_order(s, {"customer_id": ann.id, "currency": "USD",
                                      "status": "paid", "ordered_at": datetime(2024, 2, 1)},
                                  [LineInput("Widget", Decimal(1), Decimal("7"))])
        gone.deleted_at = datetime(2024, 3, 1)
        bob = create_customer(s, {"name": "Bob"})
        ids = ann.id, bob.id
    with db.engine.connect() as connection:
        ann_summary = customer_detail(connection, ids[0]).summary
        bob_summary = customer_detail(connection, ids[1]).summary
    assert ann_summary.paid.parts == (("EUR", Decimal("150.25")), ("USD", Decimal("30.00")))
    assert not bob_summary.paid
