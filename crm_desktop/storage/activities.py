"""Interactions and tasks: logging, what is due, completing, and the stay-in-touch cadence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.models import INTERACTION_KINDS, Customer, Interaction, utcnow
from crm_desktop.storage import query
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.validation import require

FOLLOW_UP_OUTCOME = "stay-in-touch"  # marks the tasks a stay-in-touch cadence schedules


def log_interaction(session: Session, values: dict[str, Any]) -> Interaction:
    """Record a call, meeting, email, visit, note or task; contact resets the cadence."""
    values = dict(values)
    if not values.get("customer_id"):
        raise ValidationError("customer", QT_TRANSLATE_NOOP("errors", "is required"))
    if values.get("kind", "note") not in INTERACTION_KINDS:
        raise ValidationError("kind", QT_TRANSLATE_NOOP("errors", "must be one of {0}"), ', '.join(INTERACTION_KINDS))
    values["subject"] = require(values.get("subject"), "subject")
    interaction = query.create(session, Interaction, **values)
    if interaction.kind != "task":
        schedule_follow_up(session, interaction.customer_id, after=interaction.occurred_at)
    return interaction


def schedule_follow_up(session: Session, customer_id: int,
                       after: datetime | None = None) -> Interaction | None:
    """With a stay-in-touch cadence set, make sure one open follow-up task exists, due
    `touch_every_days` after the last contact. Returns the task (new or moved), or None."""
    customer = query.get(session, Customer, customer_id)
    if not customer.touch_every_days:
        return None
    due = (after or utcnow()) + timedelta(days=customer.touch_every_days)
    task = open_follow_up(session, customer_id)
    if task is None:
        task = Interaction(customer_id=customer_id, kind="task", outcome=FOLLOW_UP_OUTCOME,
                           subject=f"Stay in touch with {customer.name}", due_at=due)
        session.add(task)
    else:
        task.due_at = due
    session.flush()
    return task


def open_follow_up(session: Session, customer_id: int) -> Interaction | None:
    """The customer's open stay-in-touch task, if any."""
    return session.scalars(
        select(Interaction).where(
            Interaction.customer_id == customer_id, Interaction.kind == "task",
            Interaction.done.is_(False), Interaction.deleted_at.is_(None),
            Interaction.outcome == FOLLOW_UP_OUTCOME,
        )
    ).first()


def complete_task(session: Session, task_id: int, outcome: str | None = None) -> Interaction:
    task = query.get(session, Interaction, task_id)
    task.done = True
    task.occurred_at = utcnow()
    if outcome:
        task.outcome = outcome
    session.flush()
    schedule_follow_up(session, task.customer_id, after=task.occurred_at)
    return task


def due_tasks(session: Session, now: datetime | None = None, limit: int = 200) -> list[Interaction]:
    """Open tasks due today or earlier (overdue first).

    "Today" ends at the user's local midnight (times are stored in UTC); a given `now` is
    taken as UTC and its UTC day is used, which keeps tests independent of the machine's zone.
    """
    if now is None:
        local_end = datetime.now().astimezone().replace(hour=23, minute=59, second=59,
                                                        microsecond=0)
        end_of_day = local_end.astimezone(UTC).replace(tzinfo=None)
    else:
        end_of_day = now.replace(hour=23, minute=59, second=59, microsecond=0)
    stmt = (
        select(Interaction)
        .where(Interaction.kind == "task", Interaction.done.is_(False),
               Interaction.deleted_at.is_(None), Interaction.due_at <= end_of_day)
        .order_by(Interaction.due_at)
        .limit(limit)
    )
    return list(session.scalars(stmt))
