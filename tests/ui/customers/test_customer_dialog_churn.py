"""The customer dialog keeps when a customer churned: saving an edit leaves churned_at as it
was, and undoing a change of status restores it (issue 10, bug 1)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QTextEdit

from crm_desktop.models import Customer
from crm_desktop.ui.customers.customer_dialog import open_customer_dialog
from tests.ui.page_helpers import click_save, make_customer

CHURNED = datetime(2026, 1, 7, 9, 30)


def _state(db, customer_id: int) -> tuple[str, datetime | None]:
    with db.session() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        return customer.status, customer.churned_at


def _save(qtbot, dialog) -> None:
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)


def test_editing_a_churned_customer_keeps_churned_at(qtbot, context, db):
    customer_id = make_customer(db, "Gone Ltd", status="churned", churned_at=CHURNED)
    dialog = open_customer_dialog(context, None, customer_id)
    notes = dialog.field("notes")
    assert isinstance(notes, QPlainTextEdit | QTextEdit)
    notes.setPlainText("called, no answer")
    _save(qtbot, dialog)
    assert _state(db, customer_id) == ("churned", CHURNED)


def test_undoing_a_change_of_status_restores_churned_at(qtbot, context, db):
    customer_id = make_customer(db, "Gone Ltd", status="churned", churned_at=CHURNED)
    dialog = open_customer_dialog(context, None, customer_id)
    status = dialog.field("status")
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findData("customer"))
    _save(qtbot, dialog)
    assert _state(db, customer_id) == ("customer", None)
    context.undo_stack.undo()
    assert _state(db, customer_id) == ("churned", CHURNED)
