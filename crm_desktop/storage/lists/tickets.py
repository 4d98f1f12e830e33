"""The ticket queue: open work first, then priority, status and SLA due."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, literal

from crm_desktop.models import Customer, Ticket
from crm_desktop.storage.lists.core import ListColumn, ListDefinition, with_customer
from crm_desktop.storage.queues import PRIORITY_ORDER, STATUS_ORDER, rank


def queue_key() -> Any:
    """One sortable text in the queue order of `storage.queues.queue_order`: open work first,
    then priority, status and SLA due (none last)."""
    done = case((Ticket.status.in_(("resolved", "closed")), 1), else_=0)
    return func.printf(
        "%d%d%d%s", done, rank(Ticket.priority, PRIORITY_ORDER),
        rank(Ticket.status, STATUS_ORDER),
        func.coalesce(func.strftime("%Y-%m-%d %H:%M:%S", Ticket.sla_due), literal("9999")),
    )


def ticket_list() -> ListDefinition:
    return ListDefinition(
        "tickets", Ticket,
        (
            ListColumn("number", Ticket.number, searchable=True),
            ListColumn("subject", Ticket.subject, searchable=True),
            ListColumn("customer", Customer.name, searchable=True),
            ListColumn("priority", Ticket.priority),
            ListColumn("status", Ticket.status),
            ListColumn("sla_due", Ticket.sla_due),
            ListColumn("type", Ticket.type),
            ListColumn("owner", Ticket.owner, searchable=True),
            ListColumn("opened_at", Ticket.opened_at),
            ListColumn("queue", queue_key()),
        ),
        default_sort="queue",
        source=with_customer(Ticket),
    )
