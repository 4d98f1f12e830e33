"""The customer part of a user's day, driven through the widgets only, then checked in the
database: create a customer (a bad email is refused next to the field), log a call, delete a
customer and undo with Ctrl+Z, find a customer by a two-character Chinese name (Ctrl+K)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
)
from sqlalchemy import select

from crm_desktop.models import Customer, Interaction
from crm_desktop.storage.customers import create_customer
from crm_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db, settings):
    with db.session() as session:
        create_customer(session, {"name": "Ada Lovelace", "city": "London"},
                        emails=["ada@example.com"])
        create_customer(session, {"name": "王伟", "city": "北京"})
        create_customer(session, {"name": "王伟明", "city": "上海"})
    main = MainWindow(db, settings, start_page="customers")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: main.isActiveWindow(), timeout=3000)
    table = main.findChild(QTableView, "customerTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == 3 and not table.model().isLoading(),
                    timeout=5000)
    yield main
    main.close()


def _dialog(qtbot, name: str) -> QDialog:
    found: list[QDialog] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QDialog) and w.objectName() == name and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=3000)
    dialog = found[0]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    return dialog


def _click_row(qtbot, table: QTableView, text: str) -> None:
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == text:
            rect = table.visualRect(model.index(row, 0))
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"{text} not in the table")


def _type_with_input_method(widget: QLineEdit, text: str) -> None:
    """How Chinese is typed: an input method commits the characters (QTest's key clicks only
    know ASCII)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _customer(db, name: str) -> Customer | None:
    with db.session() as session:
        return session.scalars(select(Customer).where(Customer.name == name)).first()


def test_create_customer_refuses_a_bad_email(qtbot, window, db):
    table = window.findChild(QTableView, "customerTable")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, "customerDialog")
    name = dialog.findChild(QLineEdit, "nameField")
    email = dialog.findChild(QLineEdit, "emailsField")
    phone = dialog.findChild(QLineEdit, "phonesField")
    qtbot.keyClicks(name, "Grace Hopper")
    qtbot.keyClicks(email, "grace-at-navy")
    qtbot.keyClicks(phone, "(415) 555-2671")
    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert "not a valid email" in dialog.error_text("emails")
    assert dialog.findChild(type(dialog.general_error), "emailsError").isVisible()
    assert _customer(db, "Grace Hopper") is None
    email.clear()
    qtbot.keyClicks(email, "grace@navy.mil")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    customer = _customer(db, "Grace Hopper")
    assert customer is not None
    with db.session() as session:
        stored = session.get(Customer, customer.id)
        assert stored.primary_email == "grace@navy.mil"
        assert stored.primary_phone == "+14155552671"
    qtbot.waitUntil(lambda: table.model().rowCount() == 4, timeout=5000)


def test_log_a_call_from_the_detail_pane(qtbot, window, db):
    table = window.findChild(QTableView, "customerTable")
    _click_row(qtbot, table, "Ada Lovelace")
    button = window.findChild(QPushButton, "logCallButton")
    qtbot.waitUntil(lambda: button.isVisible(), timeout=3000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, "activityDialog")
    subject = dialog.findChild(QLineEdit, "subjectField")
    qtbot.keyClicks(subject, "Talked about the renewal")
    qtbot.keyClick(subject, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    ada = _customer(db, "Ada Lovelace")
    with db.session() as session:
        calls = session.scalars(select(Interaction).where(
            Interaction.customer_id == ada.id, Interaction.kind == "call")).all()
        assert [c.subject for c in calls] == ["Talked about the renewal"]
    detail_tree = window.page("customers").detail.timeline
    qtbot.waitUntil(lambda: any("Talked about the renewal" in detail_tree.topLevelItem(i).text(1)
                                for i in range(detail_tree.topLevelItemCount())),
                    timeout=5000)


def test_delete_a_customer_and_undo(qtbot, window, db):
    table = window.findChild(QTableView, "customerTable")
    _click_row(qtbot, table, "Ada Lovelace")
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert _customer(db, "Ada Lovelace").deleted_at is not None
    qtbot.waitUntil(lambda: table.model().rowCount() == 2, timeout=5000)
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _customer(db, "Ada Lovelace").deleted_at is None
    qtbot.waitUntil(lambda: table.model().rowCount() == 3, timeout=5000)


def test_find_a_customer_by_a_two_character_chinese_name(qtbot, window, db):
    table = window.findChild(QTableView, "customerTable")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    search = window.findChild(QLineEdit, "globalSearch")
    assert search.hasFocus()
    with qtbot.waitSignal(search.resultsShown, timeout=5000):
        _type_with_input_method(search, "王伟")
    assert [hit.title for hit in search.hits()][:2] == ["王伟", "王伟明"]
    qtbot.keyClick(search, Qt.Key.Key_Return)
    wang = _customer(db, "王伟")
    detail = window.page("customers").detail
    qtbot.waitUntil(lambda: detail.summary is not None and detail.summary.id == wang.id,
                    timeout=5000)
    assert detail.title.text().count("王伟") == 1


def test_stay_in_touch_cadence_creates_the_next_follow_up(qtbot, window, db):
    table = window.findChild(QTableView, "customerTable")
    _click_row(qtbot, table, "Ada Lovelace")
    detail = window.page("customers").detail
    qtbot.waitUntil(lambda: detail.summary is not None, timeout=5000)
    spin = window.findChild(QSpinBox, "touchEveryDays")
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "30")
    qtbot.mouseClick(window.findChild(QPushButton, "applyCadenceButton"), Qt.MouseButton.LeftButton)
    ada = _customer(db, "Ada Lovelace")
    assert ada.touch_every_days == 30
    with db.session() as session:
        tasks = session.scalars(select(Interaction).where(
            Interaction.customer_id == ada.id, Interaction.kind == "task",
            Interaction.done.is_(False))).all()
        assert len(tasks) == 1 and tasks[0].due_at is not None
    qtbot.waitUntil(lambda: "Next follow-up" in window.findChild(QLabel, "nextFollowUp").text(),
                    timeout=5000)


def test_empty_the_trash(qtbot, window, db):
    table = window.findChild(QTableView, "customerTable")
    _click_row(qtbot, table, "王伟明")
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    page = window.page("customers")
    qtbot.mouseClick(page.trash_box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row(0) is not None,
                    timeout=5000)
    qtbot.mouseClick(page.list.empty_button, Qt.MouseButton.LeftButton)
    box = _dialog(qtbot, "emptyTrashDialog")
    qtbot.mouseClick(box.button(box.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _customer(db, "王伟明") is None, timeout=5000)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)


def test_enter_opens_the_selected_customer_and_escape_cancels(qtbot, window, db):
    table = window.findChild(QTableView, "customerTable")
    _click_row(qtbot, table, "Ada Lovelace")
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = _dialog(qtbot, "customerDialog")
    name = dialog.findChild(QLineEdit, "nameField")
    assert name.text() == "Ada Lovelace"
    qtbot.keyClicks(name, " King")
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert _customer(db, "Ada Lovelace") is not None


def test_link_two_customers_from_the_detail_pane(qtbot, window, db):
    from crm_desktop.models import Relationship

    table = window.findChild(QTableView, "customerTable")
    _click_row(qtbot, table, "Ada Lovelace")
    influence = window.findChild(QLabel, "customerInfluence")
    qtbot.waitUntil(lambda: "not computed" in influence.text(), timeout=5000)
    button = window.findChild(QPushButton, "linkCustomerButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, "relationshipDialog")
    wang = _customer(db, "王伟")
    dialog.picker.set_customer(wang.id, "王伟")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    with db.session() as session:
        links = session.scalars(select(Relationship).where(
            Relationship.deleted_at.is_(None))).all()
        assert [(r.target_id if r.source_id != wang.id else r.source_id) for r in links] == [
            wang.id]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db.session() as session:
        assert session.scalars(select(Relationship).where(
            Relationship.deleted_at.is_(None))).all() == []


def test_the_detail_shows_every_applied_analysis_result(qtbot, window, db):
    import pandas as pd

    from crm_desktop.storage import analytics_store

    ada = _customer(db, "Ada Lovelace")
    scores = {"churn": (0.25, "low"), "clv": (1234.5, None), "propensity": (0.6, "any"),
              "rfm": (12, "Champions"), "segment": (1, "frequent_buyers_2"),
              "value_score": (73.0, None), "category": (0.82, "VIP"),
              "rule_score": (41.6, "High value")}
    for kind, (value, label) in scores.items():
        analytics_store.save_results(
            db, kind, pd.DataFrame({"customer_id": [ada.id], "value": [value],
                                    "label": [label]}), "value", "label")
    _paid_order(db, ada.id, "80.00", "EUR")
    from crm_desktop.services.segment_names import rename_segment

    rename_segment(db, "frequent_buyers_2", "Our regulars")  # the name the user gave
    table = window.findChild(QTableView, "customerTable")
    _click_row(qtbot, table, "Ada Lovelace")
    shown = window.findChild(QLabel, "customerScores")
    qtbot.waitUntil(lambda: "Champions" in shown.text(), timeout=5000)
    for part in ("Churn risk: 25%", "Purchase propensity: 60%", "RFM: Champions",
                 "Segment: Our regulars", "Value score: 73", "Predicted category: VIP (82%)",
                 "Rule score: High value (41.6)", "Paid to date: €80.00",
                 "Value: €1,234.50"):  # in the currency of her orders, not USD
        assert part in shown.text(), part


def _paid_order(db, customer_id: int, price: str, currency: str) -> None:
    from datetime import datetime
    from decimal import Decimal

    from crm_desktop.storage import sales
    from crm_desktop.storage.sales import LineInput

    with db.session() as session:
        sales.create_order(session, {"customer_id": customer_id, "currency": currency,
                                     "status": "paid", "ordered_at": datetime(2024, 2, 1)},
                           [LineInput("Widget", Decimal(1), Decimal(price))])


def test_lifetime_value_in_several_currencies_is_shown_per_currency(qtbot, window, db):
    """Paid orders in euros and dollars: paid to date shows both parts; the value estimate,
    which has no single currency then, is not shown as money in a made-up one."""
    import pandas as pd

    from crm_desktop.storage import analytics_store

    ada = _customer(db, "Ada Lovelace")
    analytics_store.save_results(db, "clv", pd.DataFrame(
        {"customer_id": [ada.id], "value": [999.0], "label": [None]}), "value", "label")
    _paid_order(db, ada.id, "1200.00", "EUR")
    _paid_order(db, ada.id, "300.00", "USD")
    table = window.findChild(QTableView, "customerTable")
    _click_row(qtbot, table, "Ada Lovelace")
    shown = window.findChild(QLabel, "customerScores")
    qtbot.waitUntil(lambda: "Paid to date" in shown.text(), timeout=5000)
    assert "Paid to date: €1,200.00 · $300.00" in shown.text()
    assert "$1,500" not in shown.text() and "Value: " not in shown.text()


def test_edit_a_churned_customer_and_undo(qtbot, window, db):
    from datetime import datetime

    ada = _customer(db, "Ada Lovelace")
    churned_at = datetime(2026, 1, 7, 9, 30)
    with db.session() as session:
        stored = session.get(Customer, ada.id)
        stored.status, stored.churned_at = "churned", churned_at
    window.page("customers").edit(ada.id)
    dialog = _dialog(qtbot, "customerDialog")
    city = dialog.findChild(QLineEdit, "cityField")
    city.selectAll()
    qtbot.keyClicks(city, "Paris")
    qtbot.keyClick(city, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    edited = _customer(db, "Ada Lovelace")
    assert (edited.city, edited.status, edited.churned_at) == ("Paris", "churned", churned_at)
    window.undo_stack.undo()
    undone = _customer(db, "Ada Lovelace")
    assert (undone.city, undone.churned_at) == ("London", churned_at)
    with db.session() as session:
        assert session.get(Customer, ada.id).primary_email == "ada@example.com"
