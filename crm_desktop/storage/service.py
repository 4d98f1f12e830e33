"""Tickets: opening with an SLA due time, replying (first response), resolving with a rating."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.models import (
    SLA_HOURS,
    TICKET_PRIORITIES,
    TICKET_TYPES,
    SurveyResponse,
    Ticket,
    TicketMessage,
    utcnow,
)
from crm_desktop.storage import query
from crm_desktop.storage.errors import ValidationError
from crm_desktop.storage.validation import require


def open_ticket(session: Session, values: dict[str, Any]) -> Ticket:
    values = dict(values)
    if not values.get("customer_id"):
        raise ValidationError("customer", "a ticket needs a customer")
    values["subject"] = require(values.get("subject"), "subject")
    if values.get("type", "consultation") not in TICKET_TYPES:
        raise ValidationError("type", f"must be one of {', '.join(TICKET_TYPES)}")
    priority = values.setdefault("priority", "normal")
    if priority not in TICKET_PRIORITIES:
        raise ValidationError("priority", f"must be one of {', '.join(TICKET_PRIORITIES)}")
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
        raise ValidationError("satisfaction", "must be between 1 and 5")
    ticket.status = "resolved"
    ticket.resolved_at = at or utcnow()
    ticket.first_response_at = ticket.first_response_at or ticket.resolved_at
    ticket.satisfaction = int(satisfaction) if satisfaction is not None else None
    ticket.feedback = feedback or None
    session.flush()
    return ticket


def record_nps(session: Session, customer_id: int, score: int, comment: str | None = None,
               ticket_id: int | None = None) -> SurveyResponse:
    if not 0 <= int(score) <= 10:
        raise ValidationError("score", "must be between 0 and 10")
    response = SurveyResponse(customer_id=customer_id, score=int(score), comment=comment,
                              ticket_id=ticket_id)
    session.add(response)
    session.flush()
    return response


def is_overdue(ticket: Ticket, now: datetime | None = None) -> bool:
    if ticket.status in ("resolved", "closed") or ticket.sla_due is None:
        return False
    return ticket.sla_due < (now or utcnow())
