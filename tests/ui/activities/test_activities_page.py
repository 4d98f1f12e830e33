"""The activities page through its widgets: log a call, mark a task done (and undo), the
start-up reminder."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from crm_desktop.models import Interaction, utcnow
from crm_desktop.storage import activities
from crm_desktop.ui.activities.activities_page import ActivitiesPage, startup_reminder
from crm_desktop.ui.widgets.display import to_utc
from tests.ui.page_helpers import (
    click_save,
    make_customer,
    open_dialog,
    pick_customer,
    type_into,
    wait_model,
)


@pytest.fixture
def page(qtbot, context):
    widget = ActivitiesPage(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    with qtbot.waitSignal(widget.dueLoaded, timeout=5000):
        widget.show()
    yield widget
    widget.shutdown()


def add_task(db, customer, subject, due):
    with db.session() as session:
        return activities.log_interaction(session, {
            "customer_id": customer, "kind": "task", "subject": subject, "due_at": due}).id


def test_log_a_call(qtbot, db, page):
    make_customer(db, "Call Me Ltd")
    qtbot.mouseClick(page.findChild(type(page.done_button), "logActivityButton"),
                     Qt.MouseButton.LeftButton)
    dialog = open_dialog(page, qtbot)
    assert dialog.choice("kind") == "call"
    click_save(qtbot, dialog)  # nothing filled in: errors next to the fields
    assert dialog.isVisible() and dialog.error_text("customer_id")
    pick_customer(qtbot, dialog.field("customer_id"), "Call Me")
    type_into(qtbot, dialog.field("subject"), "Discussed the renewal")
    when = dialog.field("occurred_at")
    type_into(qtbot, when, "not a date")  # a date field takes no letters: nothing to misread
    assert isinstance(when.value(), datetime) and "not" not in when.text()
    when.set_value(datetime(2026, 3, 4, 10, 30))  # local time, as picked in the calendar
    type_into(qtbot, dialog.field("outcome"), "Will sign next week")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    assert not dialog.isVisible()
    with db.session() as session:
        call = session.query(Interaction).one()
        assert (call.kind, call.subject, call.outcome) == (
            "call", "Discussed the renewal", "Will sign next week")
        assert call.occurred_at == to_utc(datetime(2026, 3, 4, 10, 30))
    wait_model(qtbot, page.list.model, 1)


def test_mark_task_done_and_undo(qtbot, db, context, page):
    customer = make_customer(db, "Task Owner Co")
    now = utcnow()
    late = add_task(db, customer, "Send contract", now - timedelta(days=3))
    today = add_task(db, customer, "Call back", now)
    add_task(db, customer, "Next month", now + timedelta(days=30))
    with qtbot.waitSignal(page.dueLoaded, timeout=5000):
        page.refresh()
    assert [t.id for t in page.due.rows] == [late, today]
    assert page.due.rows[0].overdue and not page.due.rows[1].overdue
    assert page.due.item(0, 0).background().color().name() == "#fbe3e1"

    page.due.setFocus()
    page.due.selectRow(0)
    assert page.done_button.isEnabled()
    with qtbot.waitSignal(page.dueLoaded, timeout=5000):
        qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    with db.session() as session:
        assert session.get(Interaction, late).done is True
    assert [t.id for t in page.due.rows] == [today]

    with qtbot.waitSignal(page.dueLoaded, timeout=5000):
        context.undo_stack.undo()
    with db.session() as session:
        assert session.get(Interaction, late).done is False
    assert [t.id for t in page.due.rows] == [late, today]


def test_done_with_cadence_and_startup_reminder(qtbot, db, context, page):
    customer = make_customer(db, "Cadence Co", touch_every_days=14)
    task = add_task(db, customer, "Check in", utcnow() - timedelta(days=1))
    opened, shown = [], []
    with qtbot.waitSignal(startup_reminder(context, None, shown.append).done, timeout=5000):
        pass
    reminder = shown[0]
    qtbot.addWidget(reminder)
    assert reminder.isVisible() and not reminder.isModal()
    assert "1 overdue" in reminder.findChild(type(page.due_title), "reminderText").text()
    reminder.accepted.connect(lambda: opened.append(True))
    qtbot.mouseClick(reminder.open_button, Qt.MouseButton.LeftButton)
    assert opened

    with qtbot.waitSignal(page.dueLoaded, timeout=5000):
        page.refresh()
    page.due.setFocus()
    page.due.selectRow(0)
    with qtbot.waitSignal(page.dueLoaded, timeout=5000):
        qtbot.keyClick(page.due, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    with db.session() as session:
        open_tasks = session.query(Interaction).filter_by(kind="task", done=False).all()
        assert [t.outcome for t in open_tasks] == ["stay-in-touch"]  # the next follow-up
    with qtbot.waitSignal(page.dueLoaded, timeout=5000):
        context.undo_stack.undo()
    with db.session() as session:
        assert session.query(Interaction).filter_by(kind="task", done=False).count() == 1
        assert session.get(Interaction, task).done is False


def test_no_reminder_without_tasks(qtbot, context):
    shown = []
    with qtbot.waitSignal(startup_reminder(context, None, shown.append).done, timeout=5000):
        pass
    assert shown == [None]
