"""Tickets: opening with an SLA due time, replying (first response), resolving with a rating."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.models import (
    SLA_HOURS,
    TICKET_PRIORITIES,
    TICKET_TYPES,
    Customer,
    Ticket,
    TicketMessage,
    utcnow,
)
from crm_desktop.models.service import TICKET_CHANNELS
from crm_desktop.storage import query
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.validation import require

# What resolving changes on a ticket (and what the undo of a resolve writes back).
RESOLUTION_FIELDS = ("status", "resolved_at", "first_response_at", "satisfaction", "feedback")


@dataclass(frozen=True)
class TicketForm:
    """A ticket's editable details, for the ticket dialog."""

    id: int
    number: str
    subject: str
    customer_id: int
    customer_name: str
    type: str
    priority: str
    channel: str
    category: str | None
    owner: str | None
    status: str


def ticket_form(session: Session, ticket_id: int) -> TicketForm:
    ticket = query.get(session, Ticket, ticket_id)
    customer = session.get(Customer, ticket.customer_id)
    return TicketForm(ticket.id, ticket.number, ticket.subject, ticket.customer_id,
                      customer.name if customer else "", ticket.type, ticket.priority,
                      ticket.channel, ticket.category, ticket.owner, ticket.status)


def resolution(session: Session, ticket_id: int) -> dict[str, Any]:
    """The fields resolving changes, as they are now."""
    ticket = query.get(session, Ticket, ticket_id, include_deleted=True)
    return {key: getattr(ticket, key) for key in RESOLUTION_FIELDS}


def check_choices(values: dict[str, Any]) -> dict[str, Any]:
    """The subject, type, priority and channel given, checked (others pass unchanged)."""
    if "subject" in values:
        values["subject"] = require(values.get("subject"), "subject")
    for field, allowed in (("type", TICKET_TYPES), ("priority", TICKET_PRIORITIES),
                           ("channel", TICKET_CHANNELS)):
        if field in values and values[field] not in allowed:
            raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "must be one of {0}"), ', '.join(allowed))
    return values


def open_ticket(session: Session, values: dict[str, Any]) -> Ticket:
    values = dict(values)
    if not values.get("customer_id"):
        raise ValidationError("customer", QT_TRANSLATE_NOOP("errors", "a ticket needs a customer"))
    values.setdefault("subject", None)
    priority = values.setdefault("priority", "normal")
    check_choices(values)
    opened = values.setdefault("opened_at", utcnow())
    values.setdefault("sla_due", opened + timedelta(hours=SLA_HOURS[priority]))
    last = session.scalar(select(func.max(Ticket.id))) or 0
    values.setdefault("number", f"T-{last + 1:06d}")
    ticket = query.create(session, Ticket, **values)
    if ticket.body:
        session.add(TicketMessage(ticket_id=ticket.id, direction="in", body=ticket.body,
                                  sent_at=opened))
    session.flush()
    return ticket


def reply(session: Session, ticket_id: int, body: str, author: str | None = None,
          direction: str = "out", at: datetime | None = None) -> TicketMessage:
    """Add a message; our first reply sets the first-response time the SLA report reads."""
    ticket = query.get(session, Ticket, ticket_id)
    when = at or utcnow()
    message = TicketMessage(ticket_id=ticket.id, direction=direction,
                            body=require(body, "message"), author=author, sent_at=when)
    session.add(message)
    if direction == "out" and ticket.first_response_at is None:
        ticket.first_response_at = when
        if ticket.status == "open":
            ticket.status = "pending"
    session.flush()
    return message


def resolve(session: Session, ticket_id: int, satisfaction: int | None = None,
            feedback: str | None = None, at: datetime | None = None) -> Ticket:
    ticket = query.get(session, Ticket, ticket_id)
    if satisfaction is not None and not 1 <= int(satisfaction) <= 5:
        raise ValidationError("satisfaction", QT_TRANSLATE_NOOP("errors", "must be between 1 and 5"))
    ticket.status = "resolved"
    ticket.resolved_at = at or utcnow()
    ticket.first_response_at = ticket.first_response_at or ticket.resolved_at
    ticket.satisfaction = int(satisfaction) if satisfaction is not None else None
    ticket.feedback = feedback or None
    session.flush()
    return ticket


class HasSla(Protocol):
    status: str
    sla_due: datetime | None


def is_overdue(ticket: HasSla, now: datetime | None = None) -> bool:
    """Open or pending and past its SLA due time (a ticket, or a row of the ticket list)."""
    if ticket.status in ("resolved", "closed") or ticket.sla_due is None:
        return False
    return ticket.sla_due < (now or utcnow())
