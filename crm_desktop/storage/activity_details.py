"""Reads for the activities screens, as plain frozen dataclasses (never ORM objects):

    activity(database, id)          one interaction or task with its customer's name
    due_task_list(database)         the tasks due today and overdue (the activities page)
    reminder_counts(database)       how many are due, and the first one (the start-up reminder)
    customer_name(database, id)     the name a dialog shows for a preset customer
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from crm_desktop.storage import queues

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

# The fields the activity dialog edits.
ACTIVITY_FIELDS = ("kind", "subject", "body", "outcome", "occurred_at", "due_at", "owner")


@dataclass(frozen=True)
class Activity:
    id: int
    customer_id: int
    customer_name: str
    kind: str
    subject: str
    body: str | None
    outcome: str | None
    occurred_at: datetime | None
    due_at: datetime | None
    done: bool
    owner: str | None
    deleted: bool


def activity(database: Database, interaction_id: int) -> Activity | None:
    """The interaction (trashed ones too: the trash list shows them), or None."""
    from crm_desktop.models import Customer, Interaction

    with database.session() as session:
        item = session.get(Interaction, interaction_id)
        if item is None:
            return None
        customer = session.get(Customer, item.customer_id)
        return Activity(item.id, item.customer_id, customer.name if customer else "", item.kind,
                        item.subject, item.body, item.outcome, item.occurred_at, item.due_at,
                        bool(item.done), item.owner, item.deleted_at is not None)


def customer_name(database: Database, customer_id: int) -> str | None:
    """The name of a customer (None when there is no such row)."""
    from crm_desktop.models import Customer

    with database.session() as session:
        customer = session.get(Customer, customer_id)
        return customer.name if customer is not None else None


def due_task_list(database: Database) -> list[queues.TaskRow]:
    with database.session() as session:
        return queues.due_task_rows(session)


def reminder_counts(database: Database) -> tuple[queues.DueCounts, int | None]:
    """The counts of tasks due today and overdue, and the id of the first one due."""
    with database.session() as session:
        counts = queues.due_counts(session)
        first = queues.due_task_rows(session, limit=1) if counts.total else []
    return counts, first[0].id if first else None
