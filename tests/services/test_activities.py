"""Activity operations without Qt: log, schedule a follow-up task, edit, mark done and undo."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from crm_desktop.models import AuditEntry, Interaction, utcnow
from crm_desktop.services import activities, records
from crm_desktop.storage.activity_details import activity, due_task_list, reminder_counts
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import ValidationError


@pytest.fixture
def customer(db) -> int:
    with db.session() as session:
        return create_customer(session, {"name": "Call Me Ltd"}).id


def _tasks(db, customer_id: int, done: bool = False) -> list[Interaction]:
    with db.session() as session:
        return list(session.scalars(select(Interaction).where(
            Interaction.customer_id == customer_id, Interaction.kind == "task",
            Interaction.done.is_(done))))


def test_log_a_call(db, customer):
    outcome = activities.log_activity(db, {"customer_id": customer, "kind": "call",
                                           "subject": "Renewal", "due_at": utcnow()})
    assert outcome.changes.ids("interactions") == {outcome.value}
    logged = activity(db, outcome.value)
    assert (logged.kind, logged.subject, logged.customer_name) == ("call", "Renewal",
                                                                    "Call Me Ltd")
    assert logged.due_at is None  # only a task is due


def test_a_task_needs_a_due_date_and_a_subject(db, customer):
    for values, field in (({"kind": "task", "subject": "Call back"}, "due_at"),
                          ({"kind": "call", "subject": "  "}, "subject"),
                          ({"kind": "call", "subject": "x", "customer_id": None}, "customer")):
        with pytest.raises(ValidationError) as raised:
            activities.log_activity(db, {"customer_id": customer, **values})
        assert raised.value.field == field
    due = utcnow() - timedelta(days=1)
    task = activities.log_activity(db, {"customer_id": customer, "kind": "task",
                                        "subject": "Call back", "due_at": due}).value
    assert [row.id for row in due_task_list(db)] == [task]
    counts, first = reminder_counts(db)
    assert (counts.overdue, counts.today, first) == (1, 0, task)


def test_logging_a_contact_moves_the_stay_in_touch_follow_up(db):
    with db.session() as session:
        customer = create_customer(session, {"name": "Cadence", "touch_every_days": 14}).id
    when = datetime(2026, 3, 4, 10, 30)
    outcome = activities.log_activity(db, {"customer_id": customer, "kind": "meeting",
                                           "subject": "Lunch", "occurred_at": when})
    (follow_up,) = _tasks(db, customer)
    assert follow_up.due_at == when + timedelta(days=14)
    assert outcome.changes.ids("interactions") == {outcome.value, follow_up.id}


def test_edit_reports_what_changed_and_undo_writes_it_back(db, customer):
    call = activities.log_activity(db, {"customer_id": customer, "kind": "call",
                                        "subject": "First"}).value
    edit = activities.edit_activity(db, call, {"subject": "Second", "kind": "call",
                                               "owner": None}).value
    assert edit.before == {"subject": "First"} and edit.after == {"subject": "Second"}
    records.update_fields(db, "interactions", call, dict(edit.before))
    assert activity(db, call).subject == "First"
    with pytest.raises(ValidationError) as raised:
        activities.edit_activity(db, call, {"customer_id": customer})
    assert raised.value.field == "customer_id"
    with pytest.raises(ValidationError) as raised:
        activities.edit_activity(db, call, {"kind": "task"})
    assert raised.value.field == "due_at"


def test_done_and_undo_with_a_cadence(db):
    with db.session() as session:
        customer = create_customer(session, {"name": "Cadence", "touch_every_days": 14}).id
    late = activities.log_activity(db, {"customer_id": customer, "kind": "task",
                                        "subject": "Check in",
                                        "due_at": utcnow() - timedelta(days=1)}).value
    with db.session() as session:
        stamped = session.get(Interaction, late).occurred_at
    done = activities.complete_tasks(db, [late])
    (follow_up,) = _tasks(db, customer)
    assert done.value.follow_ups == (follow_up.id,) and follow_up.outcome == "stay-in-touch"
    assert {late, follow_up.id} <= done.changes.ids("interactions")
    undone = activities.reopen_tasks(db, done.value)
    assert undone.changes.ids("interactions") == {late, follow_up.id}
    (reopened,) = _tasks(db, customer)
    assert reopened.id == late and reopened.occurred_at == stamped
    assert _tasks(db, customer, done=True) == []
    with db.session() as session:
        actions = set(session.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == "interactions", AuditEntry.entity_id == follow_up.id)))
    assert actions == {"create", "purge"}


def test_done_of_an_unknown_task_changes_nothing(db, customer):
    from crm_desktop.storage.errors import NotFound

    task = activities.log_activity(db, {"customer_id": customer, "kind": "task",
                                        "subject": "A", "due_at": utcnow()}).value
    with pytest.raises(NotFound):
        activities.complete_tasks(db, [task, 999])
    assert [t.id for t in _tasks(db, customer)] == [task]
