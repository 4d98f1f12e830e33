"""Work queues: the ticket queue (status, priority, SLA due) and tasks that are due.

Rows come back as frozen dataclasses with the customer's name already joined, so list widgets
need no second query per row. Ordering happens in SQL: open and pending work before
resolved, urgent before low, open before pending, the SLA due soonest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from crm_desktop.models import Customer, Interaction, Ticket, TicketMessage, utcnow
from crm_desktop.storage import query
from crm_desktop.storage.activities import due_tasks
from crm_desktop.storage.query_filter import Filter

PRIORITY_ORDER = ("urgent", "high", "normal", "low")
STATUS_ORDER = ("open", "pending", "resolved", "closed")
OPEN_STATUSES = ("open", "pending")


def rank(column: Any, values: Sequence[str]) -> Any:
    """The position of a column's value in `values` (unknown values last), for ORDER BY."""
    return case({value: i for i, value in enumerate(values)}, value=column, else_=len(values))


def queue_order() -> list[Any]:
    """ORDER BY of the ticket queue: open work first, then priority, status, SLA due (no due
    date last), age."""
    return [
        case((Ticket.status.in_(OPEN_STATUSES), 0), else_=1),
        rank(Ticket.priority, PRIORITY_ORDER),
        rank(Ticket.status, STATUS_ORDER),
        Ticket.sla_due.is_(None),
        Ticket.sla_due,
        Ticket.id,
    ]


def overdue_condition(now: datetime | None = None) -> Any:
    """SQL truth of `storage.service.is_overdue` (open or pending and past its SLA)."""
    return (Ticket.status.in_(OPEN_STATUSES)) & (Ticket.sla_due < (now or utcnow()))


@dataclass(frozen=True)
class TicketRow:
    id: int
    number: str
    subject: str
    customer_id: int
    customer_name: str
    type: str
    priority: str
    status: str
    channel: str
    owner: str | None
    opened_at: datetime
    sla_due: datetime | None
    satisfaction: int | None
    overdue: bool


def queue_statement(
    filters: Iterable[Filter | Sequence[Any]] = (), *, open_only: bool = False,
    trash: bool = False,
) -> Select[Any]:
    stmt = query.filtered(
        Ticket, filters, trash=trash,
        statement=cast("Select[Any]", select(Ticket, Customer.name).join(
            Customer, Customer.id == Ticket.customer_id)),
    )
    if open_only:
        stmt = stmt.where(Ticket.status.in_(OPEN_STATUSES))
    return stmt.order_by(*queue_order())


def ticket_queue(
    session: Session, filters: Iterable[Filter | Sequence[Any]] = (), *,
    open_only: bool = False, offset: int = 0, limit: int = 200, now: datetime | None = None,
    trash: bool = False,
) -> list[TicketRow]:
    now = now or utcnow()
    stmt = queue_statement(filters, open_only=open_only, trash=trash).offset(offset).limit(limit)
    return [_ticket_row(ticket, name, now) for ticket, name in session.execute(stmt)]


def _ticket_row(ticket: Ticket, customer_name: str, now: datetime) -> TicketRow:
    overdue = (ticket.status in OPEN_STATUSES and ticket.sla_due is not None
               and ticket.sla_due < now)
    return TicketRow(
        id=ticket.id, number=ticket.number, subject=ticket.subject,
        customer_id=ticket.customer_id, customer_name=customer_name, type=ticket.type,
        priority=ticket.priority, status=ticket.status, channel=ticket.channel,
        owner=ticket.owner, opened_at=ticket.opened_at, sla_due=ticket.sla_due,
        satisfaction=ticket.satisfaction, overdue=overdue,
    )


def count_overdue(session: Session, now: datetime | None = None) -> int:
    stmt = select(func.count(Ticket.id)).where(
        Ticket.deleted_at.is_(None), overdue_condition(now)
    )
    return int(session.scalar(stmt) or 0)


@dataclass(frozen=True)
class MessageRow:
    id: int
    direction: str
    author: str | None
    body: str
    sent_at: datetime


def conversation(session: Session, ticket_id: int) -> list[MessageRow]:
    """The messages of a ticket, oldest first."""
    stmt = (
        select(TicketMessage).where(TicketMessage.ticket_id == ticket_id)
        .order_by(TicketMessage.sent_at, TicketMessage.id)
    )
    return [
        MessageRow(m.id, m.direction, m.author, m.body, m.sent_at)
        for m in session.scalars(stmt)
    ]


@dataclass(frozen=True)
class TaskRow:
    id: int
    subject: str
    customer_id: int
    customer_name: str
    due_at: datetime | None
    owner: str | None
    outcome: str | None
    overdue: bool


@dataclass(frozen=True)
class DueCounts:
    today: int
    overdue: int

    @property
    def total(self) -> int:
        return self.today + self.overdue


def _start_of_day(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def due_task_rows(
    session: Session, now: datetime | None = None, owner: str | None = None, limit: int = 500
) -> list[TaskRow]:
    """Open tasks due today or overdue (storage.activities.due_tasks), with customer names."""
    now = now or utcnow()
    tasks = [t for t in due_tasks(session, now, limit=limit) if not owner or t.owner == owner]
    ids = {t.customer_id for t in tasks}
    names: dict[int, str] = {}
    if ids:
        rows = session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(ids)))
        names = {customer_id: name for customer_id, name in rows}
    start = _start_of_day(now)
    return [
        TaskRow(
            id=t.id, subject=t.subject, customer_id=t.customer_id,
            customer_name=names.get(t.customer_id, ""), due_at=t.due_at, owner=t.owner,
            outcome=t.outcome, overdue=t.due_at is not None and t.due_at < start,
        )
        for t in tasks
    ]


def due_counts(session: Session, now: datetime | None = None) -> DueCounts:
    """How many open tasks are due today and how many are overdue (one query)."""
    now = now or utcnow()
    start = _start_of_day(now)
    end = start + timedelta(days=1)
    overdue = func.sum(case((Interaction.due_at < start, 1), else_=0))
    today = func.sum(case(((Interaction.due_at >= start) & (Interaction.due_at < end), 1),
                          else_=0))
    row = session.execute(
        select(today, overdue).where(
            Interaction.kind == "task", Interaction.done.is_(False),
            Interaction.deleted_at.is_(None), Interaction.due_at < end,
        )
    ).one()
    return DueCounts(today=int(row[0] or 0), overdue=int(row[1] or 0))
