"""Activity operations shared by the UI and the command line: log a call, meeting, email, visit
or note, schedule a follow-up task, edit one, mark tasks done and undo that.

Logging a contact moves the customer's stay-in-touch follow-up (storage.activities); marking a
task done schedules the next one, and the undo of "done" removes that new task again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from crm_desktop.services.editing import Edit, edit_fields
from crm_desktop.services.outcome import Outcome, write
from crm_desktop.storage import activities, query
from crm_desktop.storage.activity_details import ACTIVITY_FIELDS
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """A task needs a due date; only a task has one."""
    checked = dict(values)
    kind = checked.get("kind", "note")
    if kind == "task" and checked.get("due_at") is None:
        raise ValidationError("due_at", QT_TRANSLATE_NOOP("errors", "a task needs a due date"))
    if kind != "task" and "due_at" in checked:
        checked["due_at"] = None
    if "subject" in checked and not (checked["subject"] or "").strip():
        raise ValidationError("subject", QT_TRANSLATE_NOOP("errors", "is required"))
    return checked


def log_activity(database: Database, values: Mapping[str, Any]) -> Outcome[int]:
    """Record a call, meeting, email, visit or note, or (kind "task") schedule a follow-up
    task with a due date. A contact moves the customer's stay-in-touch follow-up."""
    checked = _checked(values)
    return write(database, lambda session: activities.log_interaction(session, checked).id)


def edit_activity(database: Database, interaction_id: int,
                  values: Mapping[str, Any]) -> Outcome[Edit[dict[str, Any]]]:
    """Change the fields of an interaction (not its customer); the value says what changed
    (its undo: `records.update_fields("interactions", id, edit.before)`)."""
    from crm_desktop.models import INTERACTION_KINDS, Interaction

    unknown = set(values) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], QT_TRANSLATE_NOOP("errors", "cannot be changed here"))
    if "kind" in values and values["kind"] not in INTERACTION_KINDS:
        raise ValidationError("kind", QT_TRANSLATE_NOOP("errors", "must be one of {0}"), ', '.join(INTERACTION_KINDS))

    def work(session: Session) -> Edit[dict[str, Any]]:
        row = query.get(session, Interaction, interaction_id)
        checked = _checked({"kind": row.kind, **values})
        if "kind" not in values:
            checked.pop("kind")
        return edit_fields(row, checked, lambda changed: query.update(
            session, Interaction, interaction_id, **changed))

    return write(database, work)


@dataclass(frozen=True)
class TaskState:
    id: int
    done: bool
    occurred_at: datetime
    outcome: str | None


@dataclass(frozen=True)
class CompletedTasks:
    """What `complete_tasks` changed: the tasks as they were, and the follow-ups it created."""

    before: tuple[TaskState, ...]
    follow_ups: tuple[int, ...]


def complete_tasks(database: Database, task_ids: Sequence[int]) -> Outcome[CompletedTasks]:
    """Mark tasks done, in one step; each schedules its customer's next follow-up when they
    have a stay-in-touch cadence."""
    from crm_desktop.models import Interaction

    def work(session: Session) -> CompletedTasks:
        rows = [query.get(session, Interaction, task_id) for task_id in task_ids]
        before = tuple(TaskState(t.id, bool(t.done), t.occurred_at, t.outcome) for t in rows)
        existing = _open_follow_ups(session)
        for task_id in task_ids:
            activities.complete_task(session, task_id)
        return CompletedTasks(before, tuple(sorted(_open_follow_ups(session) - existing)))

    return write(database, work)


def reopen_tasks(database: Database, completed: CompletedTasks) -> Outcome[int]:
    """Undo `complete_tasks`: the tasks as they were, the follow-ups it created removed."""
    from crm_desktop.models import Interaction

    def work(session: Session) -> int:
        for task_id in completed.follow_ups:
            task = session.get(Interaction, task_id)
            if task is not None:
                session.delete(task)
        for state in completed.before:
            task = session.get(Interaction, state.id)
            if task is not None:
                task.done, task.occurred_at = state.done, state.occurred_at
                task.outcome = state.outcome
        return len(completed.before)

    return write(database, work)


def _open_follow_ups(session: Session) -> set[int]:
    from sqlalchemy import select

    from crm_desktop.models import Interaction

    return set(session.scalars(select(Interaction.id).where(
        Interaction.kind == "task", Interaction.done.is_(False),
        Interaction.outcome == activities.FOLLOW_UP_OUTCOME, Interaction.deleted_at.is_(None))))
