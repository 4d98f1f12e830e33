"""Customer service operations: open and edit tickets, reply, resolve with a satisfaction
rating (and undo a resolve); and what the tickets page and its dialogs read.

    outcome = service.resolve(database, 12, satisfaction=4, feedback="quick")
    service.set_resolution(database, 12, outcome.value.before)   # the undo
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from crm_desktop.models import Ticket
from crm_desktop.services.editing import Edit, set_fields
from crm_desktop.services.outcome import Outcome, read, write
from crm_desktop.storage import queues
from crm_desktop.storage import service as tickets
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.queues import MessageRow, TicketRow
from crm_desktop.storage.service import RESOLUTION_FIELDS, TicketForm, is_overdue

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

__all__ = ["EDITABLE", "MessageRow", "TicketForm", "TicketRow", "count_overdue", "form",
           "is_overdue", "open_ticket", "reply", "resolve", "set_resolution", "ticket_view",
           "update_ticket"]

# What the ticket dialog edits (the customer and the first message stay as opened).
EDITABLE = ("subject", "type", "priority", "channel", "category", "owner")
OPEN_STATUSES = queues.OPEN_STATUSES


# Reads -----------------------------------------------------------------------------------------
def ticket_view(database: Database, ticket_id: int,
                trash: bool = False) -> tuple[TicketRow | None, list[MessageRow]]:
    """A ticket as the queue shows it (live, or from the trash) and its conversation."""
    def work(session: Session) -> tuple[TicketRow | None, list[MessageRow]]:
        rows = queues.ticket_queue(session, [("id", "eq", ticket_id)], limit=1, trash=trash)
        if not rows:
            return None, []
        return rows[0], queues.conversation(session, ticket_id)

    return read(database, work)


def count_overdue(database: Database) -> int:
    """Open or pending tickets past their SLA due time."""
    return read(database, queues.count_overdue)


def form(database: Database, ticket_id: int) -> TicketForm:
    """A live ticket's editable details (NotFound when it is gone or in the trash)."""
    return read(database, lambda session: tickets.ticket_form(session, ticket_id))


# Writes ----------------------------------------------------------------------------------------
def open_ticket(database: Database, values: Mapping[str, Any]) -> Outcome[int]:
    """A new ticket (SLA due from its priority; its body becomes the first message)."""
    return write(database, lambda session: tickets.open_ticket(session, dict(values)).id)


def update_ticket(database: Database, ticket_id: int,
                  values: Mapping[str, Any]) -> Outcome[Edit[dict[str, Any]]]:
    """Change the fields of `EDITABLE` given; the Edit's `before` undoes it."""
    checked = tickets.check_choices(dict(values))
    return write(database, lambda session: set_fields(session, Ticket, ticket_id, checked,
                                                      EDITABLE))


def reply(database: Database, ticket_id: int, body: str,
          author: str | None = None) -> Outcome[int]:
    """Send our reply (recorded, not undone: it was sent); the first one answers the SLA."""
    return write(database, lambda session: tickets.reply(session, ticket_id, body,
                                                         author=author).id)


def resolve(database: Database, ticket_id: int, satisfaction: int | None = None,
            feedback: str | None = None) -> Outcome[Edit[dict[str, Any]]]:
    """Resolve an open or pending ticket with the customer's rating (1-5) and feedback.

    The Edit holds the resolution fields before and after: `set_resolution(before)` undoes it.
    """
    def work(session: Session) -> Edit[dict[str, Any]]:
        ticket = tickets.ticket_form(session, ticket_id)
        if ticket.status not in OPEN_STATUSES:
            raise ValidationError("status", QT_TRANSLATE_NOOP("errors", "ticket {0} is already {1}"), ticket.number, ticket.status)
        before = tickets.resolution(session, ticket_id)
        tickets.resolve(session, ticket_id, satisfaction, feedback)
        after = tickets.resolution(session, ticket_id)
        changed = [key for key in RESOLUTION_FIELDS if before[key] != after[key]]
        return Edit(ticket_id, {k: before[k] for k in changed}, {k: after[k] for k in changed})

    return write(database, work)


def set_resolution(database: Database, ticket_id: int,
                   values: Mapping[str, Any]) -> Outcome[Edit[dict[str, Any]]]:
    """Write back resolution fields (status, times, rating): the undo and redo of `resolve`."""
    return write(database, lambda session: set_fields(session, Ticket, ticket_id, values,
                                                      RESOLUTION_FIELDS))

