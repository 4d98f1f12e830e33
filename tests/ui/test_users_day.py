"""A salesperson's and a support agent's day across the pages, through the main window only:
the start-up reminder, a task marked done and a call logged; an opportunity created, dragged to
Won (the reason is asked) and the move undone with Ctrl+Z; a quote built from a product and
turned into an order; a ticket opened, answered and resolved with a rating; a campaign aimed at
a saved filter with its members' responses. The customer steps are in test_customer_day.py."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton

from crm_desktop.models import (
    Campaign,
    CampaignMember,
    Interaction,
    Opportunity,
    Order,
    Product,
    Quote,
    Ticket,
    utcnow,
)
from crm_desktop.storage import activities, campaigns, pipeline, query
from crm_desktop.ui.activities.activities_page import startup_reminder
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.pages import PAGES
from crm_desktop.ui.pipeline.kanban import KanbanBoard
from tests.ui.page_helpers import drop_card, make_customer, pick_customer, type_into, wait_model


@pytest.fixture
def window(qtbot, db, settings):
    acme = make_customer(db, "Acme Trading", city="Berlin")
    make_customer(db, "李娜", city="Berlin")
    with db.session() as session:
        query.create(session, Product, name="Support plan", unit_price=Decimal("1200"),
                     tax_pct=Decimal("10"))
        activities.log_interaction(session, {
            "customer_id": acme, "kind": "task", "subject": "Send the contract",
            "due_at": utcnow() - timedelta(days=2)})
        campaigns.save_filter(session, "Berlin customers", "customers",
                              [("city", "eq", "Berlin")])
    main = MainWindow(db, settings, start_page="customers")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=3000)
    yield main
    main.close()


def dialog_named(qtbot, name: str) -> QDialog:
    found: list[QDialog] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QDialog) and w.objectName() == name and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=3000)
    dialog = found[-1]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    return dialog


def go(qtbot, window, name: str):
    """Click the page in the navigation list."""
    navigation = window.navigation
    row = [e.name for e in PAGES].index(name)
    rect = navigation.visualItemRect(navigation.item(row))
    qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # a page not built yet is built in steps of the event loop ("Loading…" first)
    qtbot.waitUntil(lambda: window.page(name) is not None and window.page(name).isVisible(),
                    timeout=20_000)
    return window.page(name)


def ctrl(qtbot, window, key) -> None:
    """A shortcut of the main window (made active first, as the user's window is)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def save(qtbot, dialog: QDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)


def test_a_day_across_the_pages(qtbot, db, window):
    # Morning: the reminder says a task is overdue and leads to the Activities page.
    shown = []
    with qtbot.waitSignal(startup_reminder(window.context, window, shown.append).done,
                          timeout=5000):
        pass
    reminder = shown[0]
    assert reminder is not None and reminder.isVisible() and not reminder.isModal()
    assert "1 overdue" in reminder.findChild(QLabel, "reminderText").text()
    qtbot.mouseClick(reminder.open_button, Qt.MouseButton.LeftButton)
    page = window.page("activities")
    assert window.current_page() is page
    qtbot.waitUntil(lambda: len(page.due.rows) == 1, timeout=5000)
    page.due.setFocus()
    page.due.selectRow(0)
    qtbot.keyClick(page.due, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    with db.session() as session:
        assert session.query(Interaction).filter_by(subject="Send the contract").one().done

    ctrl(qtbot, window, Qt.Key.Key_N)  # log a call
    dialog = dialog_named(qtbot, "activityDialog")
    pick_customer(qtbot, dialog.field("customer_id"), "Acme")
    type_into(qtbot, dialog.field("subject"), "Agreed on the renewal")
    save(qtbot, dialog)
    with db.session() as session:
        call = session.query(Interaction).filter_by(kind="call").one()
        assert call.subject == "Agreed on the renewal"

    # Pipeline: a new opportunity, dragged to Won with a reason; Ctrl+Z moves it back.
    page = go(qtbot, window, "pipeline")
    ctrl(qtbot, window, Qt.Key.Key_N)
    dialog = dialog_named(qtbot, "opportunityDialog")
    type_into(qtbot, dialog.field("name"), "Acme renewal 2027")
    pick_customer(qtbot, dialog.field("customer_id"), "Acme")
    type_into(qtbot, dialog.field("amount"), "24000")
    save(qtbot, dialog)
    with db.session() as session:
        opp = session.query(Opportunity).one()
        opp_id, first_stage = opp.id, opp.stage_id
        won = next(s.id for s in pipeline.stages(session) if s.kind == "won")
    board = window.findChild(KanbanBoard, "pipelineBoard")
    qtbot.waitUntil(lambda: board.card_widget(opp_id) is not None, timeout=5000)
    drop_card(board.column_widget(won), opp_id)
    dialog = dialog_named(qtbot, "closeReasonDialog")
    type_into(qtbot, dialog.field("reason").lineEdit(), "Renewed for two years")
    save(qtbot, dialog)
    with db.session() as session:
        assert session.get(Opportunity, opp_id).status == "won"
    ctrl(qtbot, window, Qt.Key.Key_Z)
    with db.session() as session:
        opp = session.get(Opportunity, opp_id)
        assert (opp.stage_id, opp.status) == (first_stage, "open")
    qtbot.waitUntil(lambda: board.card_widget(opp_id) is not None
                    and board.card_widget(opp_id).card.stage_id == first_stage, timeout=5000)

    # Quotes & orders: a quote from the product becomes an order.
    page = go(qtbot, window, "sales")
    ctrl(qtbot, window, Qt.Key.Key_N)
    dialog = dialog_named(qtbot, "quoteDialog")
    pick_customer(qtbot, dialog.field("customer_id"), "Acme")
    box = dialog.editor.table.cellWidget(0, 0)
    box.setCurrentIndex(box.findText("Support plan"))
    dialog.editor.set_cell(0, 2, "2")
    assert dialog.editor.current_totals.total == Decimal("2640.00")
    save(qtbot, dialog)
    with db.session() as session:
        quote_id = session.query(Quote).one().id
    wait_model(qtbot, page.quotes.list.model, 1)
    qtbot.waitUntil(lambda: page.quotes.list.select_id(quote_id), timeout=3000)
    qtbot.mouseClick(window.findChild(QPushButton, "acceptQuoteButton"),
                     Qt.MouseButton.LeftButton)
    with db.session() as session:
        order = session.query(Order).one()
        assert (order.quote_id, order.total) == (quote_id, Decimal("2640.00"))

    # Tickets: open, answer, resolve with a rating.
    page = go(qtbot, window, "tickets")
    ctrl(qtbot, window, Qt.Key.Key_N)
    dialog = dialog_named(qtbot, "ticketDialog")
    pick_customer(qtbot, dialog.field("customer_id"), "李娜")
    type_into(qtbot, dialog.field("subject"), "Invoice address wrong")
    save(qtbot, dialog)
    with db.session() as session:
        ticket_id = session.query(Ticket).one().id
    wait_model(qtbot, page.list.model, 1)
    qtbot.waitUntil(lambda: page.list.select_id(ticket_id), timeout=3000)
    qtbot.waitUntil(lambda: page.detail.ticket is not None, timeout=3000)
    type_into(qtbot, page.detail.reply, "Corrected, a new invoice is on its way.")
    qtbot.mouseClick(page.detail.send_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.detail.resolve_button, Qt.MouseButton.LeftButton)
    dialog = dialog_named(qtbot, "resolveDialog")
    qtbot.mouseClick(dialog.rating.group.button(5), Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.field("feedback"), "Quick fix")
    save(qtbot, dialog)
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert (ticket.status, ticket.satisfaction) == ("resolved", 5)
        assert ticket.first_response_at is not None

    # Campaigns: aimed at the saved filter, members added, a conversion recorded.
    page = go(qtbot, window, "campaigns")
    ctrl(qtbot, window, Qt.Key.Key_N)
    dialog = dialog_named(qtbot, "campaignDialog")
    type_into(qtbot, dialog.field("name"), "Berlin event")
    target = dialog.field("target_segment_id")
    target.setCurrentIndex(target.findText("Berlin customers"))
    save(qtbot, dialog)
    with db.session() as session:
        campaign_id = session.query(Campaign).one().id
    wait_model(qtbot, page.list.model, 1)
    qtbot.waitUntil(lambda: page.list.select_id(campaign_id), timeout=3000)
    qtbot.waitUntil(lambda: page.detail.campaign_id == campaign_id, timeout=3000)
    qtbot.mouseClick(page.detail.add_button, Qt.MouseButton.LeftButton)
    wait_model(qtbot, page.members_model, 2)
    page.detail.members.selectionModel().select(
        page.members_model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    page.detail.step.setCurrentIndex(page.detail.step.findData("converted"))
    qtbot.mouseClick(page.detail.record_button, Qt.MouseButton.LeftButton)
    with db.session() as session:
        members = session.query(CampaignMember).filter_by(campaign_id=campaign_id).all()
        assert len(members) == 2
        assert sum(m.converted_at is not None for m in members) == 1
