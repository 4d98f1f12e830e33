"""The tickets page through its widgets: open a ticket, reply, resolve with a rating, undo."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyleOptionViewItem

from crm_desktop.models import Ticket, TicketMessage, utcnow
from crm_desktop.storage import service
from crm_desktop.ui.item_models import ID_ROLE
from crm_desktop.ui.theme import tones
from crm_desktop.ui.tickets.tickets_page import TicketsPage
from tests.ui.page_helpers import (
    click_save,
    make_customer,
    open_dialog,
    pick_customer,
    shown_page,
    type_into,
    wait_model,
)


@pytest.fixture
def page(qtbot, context):
    widget = shown_page(qtbot, TicketsPage, context)
    yield widget
    widget.shutdown()


def wait_rows(qtbot, page, count):
    wait_model(qtbot, page.list.model, count)


def select_ticket(qtbot, page, ticket_id):
    qtbot.waitUntil(lambda: page.list.select_id(ticket_id), timeout=5000)
    qtbot.waitUntil(lambda: page.detail.ticket is not None
                    and page.detail.ticket.id == ticket_id, timeout=3000)


def test_open_reply_resolve_with_rating_and_undo(qtbot, db, context, page):
    make_customer(db, "王小明")
    page.new_record()
    dialog = open_dialog(page, qtbot)
    pick_customer(qtbot, dialog.field("customer_id"), "小明")
    type_into(qtbot, dialog.field("subject"), "Printer jams")
    priority = dialog.field("priority")
    priority.setCurrentIndex(priority.findData("urgent"))
    type_into(qtbot, dialog.field("body"), "It jams on every page.")
    click_save(qtbot, dialog)
    with db.session() as session:
        ticket = session.query(Ticket).one()
        assert (ticket.subject, ticket.priority, ticket.status) == ("Printer jams", "urgent",
                                                                    "open")
        assert ticket.sla_due - ticket.opened_at == timedelta(hours=4)
        ticket_id = ticket.id
    wait_rows(qtbot, page, 1)
    select_ticket(qtbot, page, ticket_id)
    assert "It jams on every page." in page.detail.conversation.toPlainText()

    qtbot.keyClicks(page.detail.reply, "We are sending a technician.")
    qtbot.keyClick(page.detail.reply, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with db.session() as session:
        messages = session.query(TicketMessage).filter_by(ticket_id=ticket_id).all()
        assert [(m.direction, m.body) for m in messages][-1] == (
            "out", "We are sending a technician.")
        assert session.get(Ticket, ticket_id).status == "pending"
    assert "technician" in page.detail.conversation.toPlainText()
    assert page.detail.reply.toPlainText() == ""

    qtbot.mouseClick(page.detail.resolve_button, Qt.MouseButton.LeftButton)
    resolve = open_dialog(page, qtbot)
    qtbot.mouseClick(resolve.rating.group.button(4), Qt.MouseButton.LeftButton)
    type_into(qtbot, resolve.field("feedback"), "Fast and friendly")
    click_save(qtbot, resolve)
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert (ticket.status, ticket.satisfaction, ticket.feedback) == (
            "resolved", 4, "Fast and friendly")
        assert ticket.resolved_at is not None
    wait_rows(qtbot, page, 0)  # the queue shows open work only

    context.undo_stack.undo()
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert (ticket.status, ticket.satisfaction, ticket.resolved_at) == ("pending", None, None)
    wait_rows(qtbot, page, 1)


def test_queue_order_and_overdue_in_red(qtbot, db, page):
    customer = make_customer(db, "Queue Co")
    now = utcnow()
    with db.session() as session:
        low = service.open_ticket(session, {"customer_id": customer, "subject": "low",
                                            "priority": "low"}).id
        late = service.open_ticket(session, {"customer_id": customer, "subject": "late",
                                             "priority": "normal",
                                             "opened_at": now - timedelta(days=5)}).id
        urgent = service.open_ticket(session, {"customer_id": customer, "subject": "urgent",
                                               "priority": "urgent"}).id
    page.refresh()
    wait_rows(qtbot, page, 3)
    model = page.list.model
    qtbot.waitUntil(lambda: model.row(2) is not None, timeout=3000)
    assert [model.index(r, 0).data(ID_ROLE) for r in range(3)] == [urgent, late, low]
    qtbot.waitUntil(lambda: "1 overdue" in page.overdue_label.text(), timeout=3000)
    overdue = QColor(tones().danger_bg)
    option = QStyleOptionViewItem()
    delegate = page.table.itemDelegate()
    delegate.initStyleOption(option, model.index(1, 1))
    assert option.backgroundBrush.color() == overdue
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(0, 1))
    assert option.backgroundBrush.color() != overdue


def test_validation_trash_and_restore(qtbot, db, context, page):
    customer = make_customer(db, "Trash Co")
    page.new_record()
    dialog = open_dialog(page, qtbot)
    click_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_text("customer_id")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    with db.session() as session:
        ticket_id = service.open_ticket(session, {"customer_id": customer, "subject": "x"}).id
    page.refresh()
    wait_rows(qtbot, page, 1)
    select_ticket(qtbot, page, ticket_id)
    page.delete_selected()
    wait_rows(qtbot, page, 0)
    with db.session() as session:
        assert session.get(Ticket, ticket_id).deleted_at is not None
    page.set_trash_mode(True)
    wait_rows(qtbot, page, 1)
    qtbot.waitUntil(lambda: page.list.select_id(ticket_id), timeout=3000)
    qtbot.mouseClick(page.list.restore_button, Qt.MouseButton.LeftButton)
    wait_rows(qtbot, page, 0)
    page.set_trash_mode(False)
    wait_rows(qtbot, page, 1)
    context.undo_stack.undo()  # the restore
    wait_rows(qtbot, page, 0)


def test_edit_ticket_and_undo(qtbot, db, context, page):
    customer = make_customer(db, "Edit Co")
    with db.session() as session:
        ticket_id = service.open_ticket(session, {"customer_id": customer,
                                                  "subject": "Noisy fan"}).id
    page.refresh()
    wait_rows(qtbot, page, 1)
    select_ticket(qtbot, page, ticket_id)
    qtbot.mouseClick(page.detail.edit_button, Qt.MouseButton.LeftButton)
    dialog = open_dialog(page, qtbot)
    assert not dialog.field("customer_id").isEnabled()
    type_into(qtbot, dialog.field("subject"), "Noisy fan in unit 3")
    type_into(qtbot, dialog.field("owner"), "ann")
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.detail.title.text().endswith("Noisy fan in unit 3"),
                    timeout=3000)
    with db.session() as session:
        assert session.get(Ticket, ticket_id).owner == "ann"
    context.undo_stack.undo()
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert (ticket.subject, ticket.owner) == ("Noisy fan", None)
    qtbot.waitUntil(lambda: page.detail.title.text().endswith("Noisy fan"), timeout=3000)


def test_opened_from_the_navigation_the_queue_is_made_a_step_after_the_detail(qtbot, db,
                                                                               context):
    """The window makes the page's parts in event-loop steps (Page.build_later): the detail
    first, the queue and its bar in the next step; once made, the page works as before."""
    from crm_desktop.ui.pages.base import parts_in_steps

    customer = make_customer(db, "王小明")
    with db.session() as session:
        ticket_id = service.open_ticket(session, {"customer_id": customer,
                                                  "subject": "Printer jams"}).id
    with parts_in_steps():
        page = TicketsPage(context)
    qtbot.addWidget(page)
    assert page.parts_left() == 1 and not hasattr(page, "list")
    page.finish_build()
    page.resize(1280, 800)
    page.show()
    try:
        wait_rows(qtbot, page, 1)
        select_ticket(qtbot, page, ticket_id)
        qtbot.waitUntil(lambda: page.overdue_label.text() != "", timeout=5000)
    finally:
        page.shutdown()
