"""Quotes & orders through the widgets: build a quote from products, turn it into an order,
products and contracts (renewals highlighted), undo."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyleOptionViewItem

from crm_desktop.models import Contract, Order, Product, Quote
from crm_desktop.storage import query, sales
from crm_desktop.ui.sales.line_editor import DISCOUNT, QUANTITY
from crm_desktop.ui.sales.sales_page import SalesPage
from crm_desktop.ui.theme import tones
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
    widget = shown_page(qtbot, SalesPage, context)
    yield widget
    widget.shutdown()


def add_product(db, name, price, tax="0"):
    with db.session() as session:
        return query.create(session, Product, name=name, unit_price=Decimal(price),
                            tax_pct=Decimal(tax)).id


def test_build_quote_and_turn_it_into_an_order(qtbot, db, context, page):
    make_customer(db, "Globex Corporation")
    printer = add_product(db, "Office Printer", "449.00", "8")
    add_product(db, "Toner", "59.90", "8")
    page.new_record()
    dialog = open_dialog(page, qtbot)
    pick_customer(qtbot, dialog.field("customer_id"), "Globex")
    editor = dialog.editor
    box = editor.table.cellWidget(0, 0)
    box.setCurrentIndex(box.findData(printer))
    editor.set_cell(0, QUANTITY, "3")
    editor.set_cell(0, DISCOUNT, "10")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    editor.set_cell(1, 1, "Installation")
    editor.set_cell(1, 3, "150")
    # 3 x 449 = 1347, -10 % = 1212.30, +8 % = 1309.28; installation 150 untaxed.
    assert editor.current_totals.total == Decimal("1459.28")
    assert "$1,459.28" in editor.totals_label.text()
    editor.set_cell(1, QUANTITY, "zero")
    click_save(qtbot, dialog)
    assert dialog.isVisible() and "line 2 quantity" in dialog.lines_error.text()
    editor.set_cell(1, QUANTITY, "1")
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    with db.session() as session:
        quote = session.query(Quote).one()
        assert sales.totals(quote.lines).total == Decimal("1459.28")
        assert [ln.description for ln in quote.lines] == ["Office Printer", "Installation"]
        quote_id = quote.id
    wait_model(qtbot, page.quotes.list.model, 1)
    assert page.quotes.list.model.index(0, 5).data() == "$1,459.28"  # the SQL total, its currency

    qtbot.waitUntil(lambda: page.quotes.list.select_id(quote_id), timeout=3000)
    assert page.accept_button.isEnabled()
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    with db.session() as session:
        order = session.query(Order).one()
        assert (order.quote_id, order.total, order.status) == (quote_id, Decimal("1459.28"),
                                                               "open")
        assert session.get(Quote, quote_id).status == "accepted"
    assert not page.accept_button.isEnabled()
    page.show_tab("orders")
    wait_model(qtbot, page.orders.list.model, 1)

    context.undo_stack.undo()
    with db.session() as session:
        assert session.query(Order).count() == 0
        assert session.get(Quote, quote_id).status == "draft"


def test_edit_quote_lines_undo(qtbot, db, context, page):
    customer = make_customer(db, "Edit Co")
    with db.session() as session:
        quote_id = sales.create_quote(session, {"customer_id": customer},
                                      [sales.LineInput("Consulting", 2, "100")]).id
    page.refresh()
    wait_model(qtbot, page.quotes.list.model, 1)
    page.quotes.edit(quote_id)
    dialog = open_dialog(page, qtbot)
    dialog.editor.set_cell(0, QUANTITY, "5")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with db.session() as session:
        assert session.get(Quote, quote_id).lines[0].quantity == Decimal(5)
    context.undo_stack.undo()
    with db.session() as session:
        assert session.get(Quote, quote_id).lines[0].quantity == Decimal(2)


def test_products_dialog_validation_and_trash(qtbot, db, context, page):
    page.show_tab("products")
    page.new_record()
    dialog = open_dialog(page, qtbot)
    type_into(qtbot, dialog.field("name"), "Laptop Pro 14")
    type_into(qtbot, dialog.field("unit_price"), "lots")
    click_save(qtbot, dialog)
    assert "not an amount" in dialog.error_text("unit_price")
    type_into(qtbot, dialog.field("unit_price"), "$1,299.00")
    type_into(qtbot, dialog.field("tax_pct"), "120")
    click_save(qtbot, dialog)
    assert "between 0 and 100" in dialog.error_text("tax_pct")
    type_into(qtbot, dialog.field("tax_pct"), "8.5")
    click_save(qtbot, dialog)
    with db.session() as session:
        product = session.query(Product).one()
        assert (product.unit_price, product.tax_pct) == (Decimal("1299.00"), Decimal("8.5"))
        product_id = product.id
    wait_model(qtbot, page.products.list.model, 1)
    qtbot.waitUntil(lambda: page.products.list.select_id(product_id), timeout=3000)
    page.delete_selected()
    wait_model(qtbot, page.products.list.model, 0)
    context.undo_stack.undo()
    wait_model(qtbot, page.products.list.model, 1)


def test_contract_renewals_highlighted(qtbot, db, page):
    customer = make_customer(db, "Renew Ltd")
    today = date.today()
    page.show_tab("contracts")
    page.new_record()
    dialog = open_dialog(page, qtbot)
    type_into(qtbot, dialog.field("title"), "Support")
    pick_customer(qtbot, dialog.field("customer_id"), "Renew")
    type_into(qtbot, dialog.field("start_date"), today.isoformat())
    type_into(qtbot, dialog.field("end_date"), (today - timedelta(days=1)).isoformat())
    click_save(qtbot, dialog)
    assert dialog.error_text("end_date")
    type_into(qtbot, dialog.field("end_date"), (today + timedelta(days=365)).isoformat())
    type_into(qtbot, dialog.field("renewal_date"), (today + timedelta(days=30)).isoformat())
    type_into(qtbot, dialog.field("value"), "12000")
    click_save(qtbot, dialog)
    with db.session() as session:
        query.create(session, Contract, number="C-LATER", customer_id=customer, title="Later",
                     start_date=today, renewal_date=today + timedelta(days=200))
        assert session.query(Contract).filter_by(title="Support").one().number == "C-000001"
    page.refresh()
    model = page.contracts.list.model
    wait_model(qtbot, model, 2)
    qtbot.waitUntil(lambda: model.row(1) is not None, timeout=3000)
    delegate = page.contracts.list.table.itemDelegate()
    colours = []
    for row in range(2):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, model.index(row, 1))
        colours.append(option.backgroundBrush.color() == QColor(tones().warning_bg))
    assert colours == [True, False]
    assert model.index(0, 4).data() == "in 30 d"
    renewal = page.contracts.list.filter_bar.combos["renews_soon"]
    renewal.setCurrentIndex(1)
    wait_model(qtbot, model, 1)


def test_contract_number_clash_shown_and_edit_undone(qtbot, db, context, page):
    customer = make_customer(db, "Numbers Inc")
    with db.session() as session:
        query.create(session, Contract, number="C-TAKEN", customer_id=customer, title="Old",
                     start_date=date.today())
        contract_id = query.create(session, Contract, number="C-MINE", customer_id=customer,
                                   title="Mine", start_date=date.today()).id
    page.show_tab("contracts")
    page.contracts.edit(contract_id)
    dialog = open_dialog(page, qtbot)
    type_into(qtbot, dialog.field("number"), "C-TAKEN")
    click_save(qtbot, dialog)
    assert dialog.isVisible() and "another contract" in dialog.error_text("number")
    type_into(qtbot, dialog.field("number"), "C-NEW")
    type_into(qtbot, dialog.field("currency"), "eur")
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    with db.session() as session:
        contract = session.get(Contract, contract_id)
        assert (contract.number, contract.currency) == ("C-NEW", "EUR")
    context.undo_stack.undo()
    with db.session() as session:
        contract = session.get(Contract, contract_id)
        assert (contract.number, contract.currency) == ("C-MINE", "USD")


def test_accept_is_off_while_the_quotes_order_is_in_the_trash(qtbot, db, context, page):
    customer = make_customer(db, "Trash Order Co")
    with db.session() as session:
        quote_id = sales.create_quote(session, {"customer_id": customer},
                                      [sales.LineInput("Consulting", 1, "100")]).id
        order_id = sales.accept_quote(session, quote_id).id
    with db.session() as session:
        query.soft_delete(session, Order, order_id)
    page.refresh()
    wait_model(qtbot, page.quotes.list.model, 1)
    qtbot.waitUntil(lambda: page.quotes.list.select_id(quote_id), timeout=3000)
    assert not page.accept_button.isEnabled()
    assert "in the trash" in page.accept_button.toolTip()


def test_tabs_are_built_when_first_shown_and_keep_the_trash_mode(qtbot, page):
    """Opening the page builds the quotes list only (four lists at once stalled the window at
    1M customers); a tab is built when it is chosen, in the trash view when that is on."""
    from PySide6.QtWidgets import QTableView

    def table(name):
        return page.findChild(QTableView, name)

    assert table("quoteTable") is not None and table("quoteTable").isVisible()
    assert [table(n) for n in ("orderTable", "contractTable", "productTable")] == [None] * 3
    page.set_trash_mode(True)
    page.tabs.setCurrentIndex(1)  # as a click on the Orders tab does
    qtbot.waitUntil(lambda: table("orderTable") is not None and table("orderTable").isVisible())
    assert page.orders.trash_mode() and page.current_tab() is page.orders
    assert table("contractTable") is None
    page.set_trash_mode(False)
    assert not page.show_tab("products").trash_mode()
    assert [tab.kind for tab in page.all_tabs()] == ["quotes", "orders", "products"]
