"""Pipeline moves, quote totals and quote -> order, tickets' SLA, tasks and campaigns."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop.models import Campaign, CampaignMember, Customer, Interaction, Order, StageChange
from crm_desktop.storage import activities, campaigns, pipeline, query, sales, service
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import ValidationError


@pytest.fixture
def customer_id(db):
    with db.session() as session:
        return create_customer(session, {"name": "Buyer", "city": "Lyon"}).id


def test_opportunity_moves_and_closes(db, customer_id):
    with db.session() as session:
        opp = pipeline.create_opportunity(session, {"name": "Deal", "customer_id": customer_id,
                                                    "amount": "1,200.50"})
        stages = {s.name: s for s in pipeline.stages(session)}
        assert opp.amount == Decimal("1200.50") and opp.status == "open"
        assert pipeline.probability(opp) == 10
        pipeline.move(session, opp.id, stages["Proposal"].id)
        with pytest.raises(ValidationError):
            pipeline.move(session, opp.id, stages["Won"].id)
        pipeline.move(session, opp.id, stages["Won"].id, reason="Best price")
        assert opp.status == "won" and opp.closed_at is not None
        pipeline.move(session, opp.id, stages["Negotiation"].id)
        assert opp.status == "open" and opp.closed_at is None
        history = session.scalars(select(StageChange).where(
            StageChange.opportunity_id == opp.id).order_by(StageChange.id)).all()
        assert [h.to_stage_id for h in history] == [
            stages["Qualification"].id, stages["Proposal"].id, stages["Won"].id,
            stages["Negotiation"].id,
        ]


def test_quote_totals_and_order(db, customer_id):
    with db.session() as session:
        quote = sales.create_quote(session, {"customer_id": customer_id}, [
            sales.LineInput("Widget", quantity=3, unit_price="19.99", discount_pct=10,
                            tax_pct=20),
            sales.LineInput("Service", quantity="1.5", unit_price="100", tax_pct=0),
        ])
        totals = sales.totals(quote.lines)
        # 59.97 - 6.00 discount = 53.97, +20 % = 10.79 tax; 150.00 service
        assert totals == sales.Totals(Decimal("209.97"), Decimal("6.00"), Decimal("10.79"),
                                      Decimal("214.76"))
        order = sales.accept_quote(session, quote.id)
        assert quote.status == "accepted" and order.total == Decimal("214.76")
        assert [line.description for line in order.lines] == ["Widget", "Service"]
        with pytest.raises(ValidationError):
            sales.accept_quote(session, quote.id)
    with db.session() as session:
        assert session.scalars(select(Order.total)).one() == Decimal("214.76")


def test_ticket_sla_reply_resolve(db, customer_id):
    with db.session() as session:
        opened = datetime(2026, 1, 5, 9, 0)
        ticket = service.open_ticket(session, {
            "customer_id": customer_id, "subject": "Refund please", "type": "refund",
            "priority": "high", "body": "Item broken", "opened_at": opened,
        })
        assert ticket.sla_due == opened + timedelta(hours=24)
        assert service.is_overdue(ticket, now=opened + timedelta(hours=25))
        service.reply(session, ticket.id, "Sorry, refund on its way", author="me",
                      at=opened + timedelta(hours=1))
        assert ticket.first_response_at == opened + timedelta(hours=1)
        assert ticket.status == "pending"
        with pytest.raises(ValidationError):
            service.resolve(session, ticket.id, satisfaction=6)
        service.resolve(session, ticket.id, satisfaction=4, feedback="quick")
        assert ticket.status == "resolved" and ticket.satisfaction == 4
        assert not service.is_overdue(ticket)
        assert len(ticket.messages) == 2
        with pytest.raises(ValidationError):
            service.open_ticket(session, {"subject": "No customer"})


def test_stay_in_touch_creates_next_follow_up(db, customer_id):
    with db.session() as session:
        query.update(session, Customer, customer_id, touch_every_days=30)
        when = datetime(2026, 3, 1, 10, 0)
        activities.log_interaction(session, {"customer_id": customer_id, "kind": "call",
                                             "subject": "Catch-up", "occurred_at": when})
        tasks = session.scalars(select(Interaction).where(Interaction.kind == "task")).all()
        assert len(tasks) == 1 and tasks[0].due_at == when + timedelta(days=30)
        due = activities.due_tasks(session, now=when + timedelta(days=31))
        assert [t.id for t in due] == [tasks[0].id]
        activities.complete_task(session, tasks[0].id, outcome="done")
        open_tasks = session.scalars(select(Interaction).where(
            Interaction.kind == "task", Interaction.done.is_(False))).all()
        assert len(open_tasks) == 1 and open_tasks[0].id != tasks[0].id


def test_campaign_members_from_saved_filter(db):
    with db.session() as session:
        for i in range(6):
            create_customer(session, {"name": f"C{i}", "city": "Rome" if i < 4 else "Milan"})
        segment = campaigns.save_filter(session, "Romans", "customers", [("city", "eq", "Rome")])
        campaign = query.create(session, Campaign, name="Spring", target_segment_id=segment.id)
        assert len(campaigns.add_members_from_filter(session, campaign.id)) == 4
        assert len(campaigns.add_members_from_filter(session, campaign.id)) == 0
        first = session.scalars(select(CampaignMember)).first()
        member = campaigns.record_step(session, campaign.id, first.customer_id, "converted")
        assert member.sent_at and member.responded_at and member.converted_at
