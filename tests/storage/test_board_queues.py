"""The pipeline board's SQL aggregates and top cards, the ticket queue, tasks due, campaign
step counts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from crm_desktop.models import Campaign, CampaignMember, utcnow
from crm_desktop.storage import (
    activities,
    board,
    campaign_stats,
    campaigns,
    customers,
    pipeline,
    query,
    queues,
    service,
)
from crm_desktop.storage.amounts import Amounts


def _customer(session, name="C"):
    return customers.create_customer(session, {"name": name}).id


def test_board_figures_match_the_rows_and_honour_filters(db):
    with db.session() as session:
        cid = _customer(session)
        stages = pipeline.stages(session)
        for i in range(30):
            pipeline.create_opportunity(session, {
                "name": f"O{i}", "customer_id": cid, "amount": f"{100 + i}.25",
                "stage_id": stages[i % 3].id, "owner": "ann" if i % 2 else "bob",
                "probability_override": 90 if i == 0 else None,
                "expected_close": date(2030, 1, 1) + timedelta(days=i),
            })
        columns = board.summaries(session)
        assert [c.name for c in columns] == [s.name for s in stages]
        first = columns[0]
        amounts = [Decimal(f"{100 + i}.25") for i in range(0, 30, 3)]
        assert first.count == 10 and first.total == Amounts((("USD", sum(amounts)),))
        expected = amounts[0] * 90 / 100 + sum(a * 10 / 100 for a in amounts[1:])
        assert first.weighted == Amounts((("USD", expected.quantize(Decimal("0.01"))),))
        flt = board.BoardFilter(owner="ann", close_from=date(2030, 1, 10),
                                close_to=date(2030, 1, 20))
        filtered = board.summaries(session, flt=flt)
        assert sum(c.count for c in filtered) == 6  # odd i in 9..19
        top = board.load_board(session, flt=board.BoardFilter(), limit=4, order="amount")
        assert [c.name for c in top.cards[stages[0].id]] == ["O27", "O24", "O21", "O18"]
        assert top.more(stages[0].id) == 6
        soon = board.top_cards(session, [stages[1].id], limit=2, order="close")
        assert [c.name for c in soon[stages[1].id]] == ["O1", "O4"]
        assert board.owners(session) == ["ann", "bob"]


def test_board_totals_are_kept_per_currency(db):
    """Euros and dollars in one stage are two parts of its total, never one added sum."""
    with db.session() as session:
        cid = _customer(session)
        first = pipeline.stages(session)[0]
        for amount, currency in (("12000.00", "EUR"), ("400.50", "EUR"), ("3100.00", "USD")):
            pipeline.create_opportunity(session, {
                "name": f"{currency} {amount}", "customer_id": cid, "amount": amount,
                "currency": currency, "stage_id": first.id, "probability_override": 50})
        column = board.summaries(session)[0]
    assert column.count == 3
    assert column.total.parts == (("EUR", Decimal("12400.50")), ("USD", Decimal("3100.00")))
    assert column.weighted.parts == (("EUR", Decimal("6200.25")), ("USD", Decimal("1550.00")))
    assert column.total.get("usd") == Decimal("3100.00") and column.total.get("CNY") == 0


def test_ticket_queue_order_and_overdue(db):
    now = utcnow()
    with db.session() as session:
        cid = _customer(session, "张三")
        low = service.open_ticket(session, {"customer_id": cid, "subject": "a",
                                            "priority": "low"}).id
        late = service.open_ticket(session, {"customer_id": cid, "subject": "b",
                                             "opened_at": now - timedelta(days=4)}).id
        urgent = service.open_ticket(session, {"customer_id": cid, "subject": "c",
                                               "priority": "urgent"}).id
        done = service.open_ticket(session, {"customer_id": cid, "subject": "d",
                                             "priority": "urgent"}).id
        service.resolve(session, done, 5)
        rows = queues.ticket_queue(session)
        assert [r.id for r in rows] == [urgent, late, low, done]
        assert [r.overdue for r in rows] == [False, True, False, False]
        assert rows[0].customer_name == "张三"
        assert queues.count_overdue(session) == 1
        assert [r.id for r in queues.ticket_queue(session, open_only=True)] == [urgent, late, low]


def test_due_tasks_and_counts(db):
    now = utcnow().replace(hour=12)
    with db.session() as session:
        cid = _customer(session)
        for days, subject in ((-3, "late"), (0, "today"), (2, "later")):
            activities.log_interaction(session, {"customer_id": cid, "kind": "task",
                                                 "subject": subject,
                                                 "due_at": now + timedelta(days=days)})
        rows = queues.due_task_rows(session, now)
        assert [(r.subject, r.overdue) for r in rows] == [("late", True), ("today", False)]
        assert queues.due_counts(session, now) == queues.DueCounts(today=1, overdue=1)


def test_campaign_step_counts_and_members(db):
    with db.session() as session:
        ids = [_customer(session, n) for n in ("A", "B", "C")]
        campaign = query.create(session, Campaign, name="X")
        campaigns.add_members_from_filter(session, campaign.id, [])
        campaigns.record_step(session, campaign.id, ids[0], "converted")
        campaigns.record_step(session, campaign.id, ids[1], "sent")
        counts = campaign_stats.step_counts(session, campaign.id)
        assert counts == campaign_stats.StepCounts(3, 2, 1, 1)
        members = campaign_stats.members(session, campaign.id)
        assert [(m.customer_name, m.step) for m in members] == [
            ("A", "converted"), ("B", "sent"), ("C", "targeted")]
        assert session.scalar(select(func.count(CampaignMember.id)).where(
            CampaignMember.campaign_id == campaign.id)) == 3
