"""The audit viewer: a customer's History tab and the audit log dialog (filters, paging,
details, export, changing the recorded name)."""

from __future__ import annotations

import csv

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QInputDialog

from crm_desktop.models import Customer
from crm_desktop.services.outcome import write
from crm_desktop.storage import query
from crm_desktop.storage.audit_log import read_entries
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.lists.audit import AuditQuery
from crm_desktop.ui.audit.audit_log_dialog import AuditLogDialog
from crm_desktop.ui.customers.customer_detail import CustomerDetail


def _customers(db, count: int = 1) -> list[int]:
    ids = []
    with db.session() as session:
        for number in range(count):
            ids.append(create_customer(session, {"name": f"Customer {number}",
                                                 "city": "Oslo"}).id)
    return ids


def _texts(tree) -> list[list[str]]:
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
            for i in range(tree.topLevelItemCount())]


def test_history_tab_shows_who_changed_what_from_what_to_what(qtbot, context, db):
    (customer_id,) = _customers(db)
    db.actor = "li"
    with db.session() as session:
        query.update(session, Customer, customer_id, city="上海")
    detail = CustomerDetail(context)
    qtbot.addWidget(detail)
    detail.show_customer(customer_id)
    detail.tabs.setCurrentWidget(detail.history)
    qtbot.waitUntil(lambda: detail.history.topLevelItemCount() > 0, timeout=10_000)
    rows = _texts(detail.history)
    assert rows[0][1] == "li" and rows[0][2] == "city: Oslo → 上海"
    assert any("created" in row[2] and "Customer 0" in row[2] for row in rows)


def test_history_tab_follows_writes(qtbot, context, db):
    (customer_id,) = _customers(db)
    detail = CustomerDetail(context)
    qtbot.addWidget(detail)
    detail.show_customer(customer_id)
    detail.tabs.setCurrentWidget(detail.history)
    qtbot.waitUntil(lambda: detail.history.topLevelItemCount() > 0, timeout=10_000)
    before = detail.history.topLevelItemCount()
    outcome = write(db, lambda s: query.update(s, Customer, customer_id, name="Renamed"))
    context.apply(outcome.changes)
    qtbot.waitUntil(lambda: detail.history.topLevelItemCount() == before + 1, timeout=10_000)
    assert _texts(detail.history)[0][2] == "name: Customer 0 → Renamed"


def _dialog(qtbot, context, **kwargs) -> AuditLogDialog:
    dialog = AuditLogDialog(context, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.total() is not None and not dialog.model.isLoading(),
                    timeout=10_000)
    return dialog


def _wait_total(qtbot, dialog, total: int) -> None:
    qtbot.waitUntil(lambda: dialog.model.total() == total and not dialog.model.isLoading(),
                    timeout=10_000)


def test_dialog_pages_lazily_and_filters(qtbot, context, db):
    ids = _customers(db, 150)  # 2 entries each (name, city) and more: several pages
    db.actor = "li"
    with db.session() as session:
        query.update(session, Customer, ids[3], city="北京")
    dialog = _dialog(qtbot, context)
    everything = dialog.model.total()
    assert everything >= 301 and dialog.model.rowCount() == everything
    assert dialog.model.row(0) is not None and dialog.model.row(everything - 1) is None
    dialog.actor.setCurrentIndex(dialog.actor.findData("li"))
    _wait_total(qtbot, dialog, 1)
    assert dialog.model.row(0).new_value == "北京"
    dialog.actor.setCurrentIndex(0)
    dialog.search.setText("北京")
    _wait_total(qtbot, dialog, 1)
    dialog.search.setText("")
    dialog.since.setDate(QDate.currentDate().addDays(1))
    _wait_total(qtbot, dialog, 0)
    dialog.since.setDate(QDate(2000, 1, 1))
    dialog.until.setDate(QDate.currentDate())
    _wait_total(qtbot, dialog, everything)
    assert "entries" in dialog.total.text()


def test_dialog_for_one_record_and_its_details(qtbot, context, db):
    first, second = _customers(db, 2)
    mine = read_entries(db, AuditQuery(entity="customers", entity_id=second))
    everything = read_entries(db, AuditQuery())
    assert 2 <= len(mine) < len(everything)
    dialog = _dialog(qtbot, context, entity="customers", entity_id=second)
    assert dialog.model.total() == len(mine)
    assert {dialog.model.row(i).entity_id for i in range(len(mine))} == {second}
    name_row = next(i for i, entry in enumerate(mine) if entry.field == "name")
    dialog.table.selectRow(name_row)
    text = dialog.details.toPlainText()
    assert "New value: Customer 1" in text and "Old value: ∅" in text
    assert f"{db.actor} on {db.machine}" in text
    dialog.kind.setCurrentIndex(0)  # all kinds: the record's id no longer applies
    _wait_total(qtbot, dialog, len(everything))
    assert first != second


def test_export_writes_what_the_filters_select(qtbot, context, db, tmp_path):
    _customers(db, 3)
    dialog = _dialog(qtbot, context)
    dialog.search.setText("Customer 2")
    _wait_total(qtbot, dialog, 1)
    path = tmp_path / "audit.csv"
    dialog.export_to(str(path))
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled() and path.exists(), timeout=10_000)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 2 and rows[1][-1] == "Customer 2"


def test_change_my_name_records_later_changes_under_it(qtbot, context, db, monkeypatch):
    dialog = _dialog(qtbot, context)
    qtbot.waitUntil(lambda: "recorded as" in dialog.identity.text(), timeout=10_000)
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *args, **kwargs: ("Wang Fang", True)))
    dialog.change_name()
    qtbot.waitUntil(lambda: "Wang Fang" in dialog.identity.text(), timeout=10_000)
    assert db.actor == "Wang Fang"
    _customers(db)
    dialog._load_choices()
    qtbot.waitUntil(lambda: dialog.actor.findData("Wang Fang") > 0, timeout=10_000)
    dialog.actor.setCurrentIndex(dialog.actor.findData("Wang Fang"))
    _wait_total(qtbot, dialog, len(read_entries(db, AuditQuery(actor="Wang Fang"))))
    assert dialog.model.total() >= 2
    assert {dialog.model.row(i).actor for i in range(dialog.model.total())} == {"Wang Fang"}


def test_record_history_of_a_ticket_from_its_page(qtbot, context, db):
    from crm_desktop.models import Ticket
    from crm_desktop.storage import service
    from crm_desktop.ui.tickets.tickets_page import TicketsPage
    from tests.ui.page_helpers import make_customer, shown_page, wait_model

    customer = make_customer(db, "Help Co")
    with db.session() as session:
        other = service.open_ticket(session, {"customer_id": customer, "subject": "other"}).id
        ticket = service.open_ticket(session, {"customer_id": customer, "subject": "broken"}).id
    with db.session() as session:
        query.update(session, Ticket, ticket, subject="broken printer")
    page = shown_page(qtbot, TicketsPage, context)
    try:
        page.refresh()
        wait_model(qtbot, page.list.model, 2)
        qtbot.waitUntil(lambda: page.list.select_id(ticket), timeout=5000)
        page.show_history()
        dialog = page.findChild(AuditLogDialog)
        assert dialog is not None and dialog.kind.currentData() == "tickets"
        expected = len(read_entries(db, AuditQuery(entity="tickets", entity_id=ticket)))
        _wait_total(qtbot, dialog, expected)
        qtbot.waitUntil(lambda: dialog.model.row(expected - 1) is not None, timeout=10_000)
        rows = [dialog.model.row(i) for i in range(expected)]
        assert {row.entity_id for row in rows} == {ticket} != {other}
        assert (rows[0].field, rows[0].old_value, rows[0].new_value) == \
            ("subject", "broken", "broken printer")
        dialog.close()
    finally:
        page.shutdown()
