"""Quotes & orders: tabs for quotes (editor with lines and totals; an accepted quote becomes an
order in one action), orders, contracts (renewals in the next 60 days highlighted) and products.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy import select

from crm_desktop.models import Contract, Order, Product, Quote
from crm_desktop.storage import sales
from crm_desktop.storage.errors import StorageError
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.dialogs.contract_dialog import ContractDialog
from crm_desktop.ui.dialogs.form import FormDialog
from crm_desktop.ui.dialogs.order_dialog import OrderDialog
from crm_desktop.ui.dialogs.product_dialog import ProductDialog
from crm_desktop.ui.dialogs.quote_dialog import QuoteDialog
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.pages.page_tools import (
    DetailPane,
    RowHighlighter,
    default_split,
    open_form,
    push_done,
    push_saved,
)
from crm_desktop.ui.pages.sales_views import (
    contract_colours,
    contract_spec,
    filters,
    order_spec,
    product_spec,
    quote_spec,
    record_html,
)
from crm_desktop.ui.widgets.record_list import RecordList

log = logging.getLogger(__name__)

KINDS = ("quotes", "orders", "contracts", "products")


class ListTab(QWidget):
    """One tab: a record list with its detail pane, and the dialog of its records."""

    def __init__(self, page: SalesPage, kind: str, model: type,
                 dialog: Callable[..., FormDialog], names: tuple[str, str, str],
                 labels: tuple[str, str]) -> None:
        super().__init__()
        table_name, detail_name, filter_name = names
        self.page, self.kind, self.model, self.dialog = page, kind, model, dialog
        self.new_label, self.edit_label = labels
        context = page.context
        spec = {"quotes": quote_spec, "orders": order_spec, "contracts": contract_spec,
                "products": product_spec}[kind]()
        self.detail = DetailPane(detail_name)
        self.detail.add_button(f"edit{kind.capitalize()}Button", self.tr("&Edit"),
                               lambda: self.edit(self.detail.record_id))
        self.list = RecordList(context, spec, filters(kind), detail=self.detail,
                               table_name=table_name, filter_name=filter_name)
        self.list.currentChanged.connect(self.show_detail)
        self.list.activated.connect(self.edit)
        default_split(self.list, [760, 460])
        self.buttons = QHBoxLayout()
        new = QPushButton(self.new_label, objectName=f"new{kind.capitalize()}Button")
        new.clicked.connect(self.new_record)
        self.buttons.addWidget(new)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.buttons)
        layout.addWidget(self.list, 1)
        self.show_detail(None)

    def show_detail(self, record_id: Any) -> None:
        found = record_html(self.page.context.database, self.kind, record_id) \
            if record_id else None
        if found is None:
            self.detail.clear(self.tr("Select a record to see its details."))
        else:
            self.detail.show_html(record_id, *found)
        self.page.detail_changed(self)

    def new_record(self) -> None:
        dialog = self.dialog(self.page.context.database, parent=self.page)
        open_form(self.page, dialog, lambda d: push_saved(
            self.page.context, d, self.kind, self.new_label.replace("&", "")))

    def edit(self, record_id: Any = None) -> None:
        record_id = record_id or self.list.current_id()
        if not record_id or self.list.trash_mode():
            return
        dialog = self.dialog(self.page.context.database, record_id, parent=self.page)
        extra = ["quote_lines"] if self.kind == "quotes" else []
        open_form(self.page, dialog, lambda d: self._edited(d, extra))

    def _edited(self, dialog: FormDialog, extra: list[str]) -> None:
        if isinstance(dialog, QuoteDialog) and dialog.new_lines != dialog.old_lines:
            self.page.push_quote_edit(dialog)
        else:
            push_saved(self.page.context, dialog, self.kind, self.edit_label, extra)
        self.show_detail(dialog.saved_id)


class SalesPage(Page):
    entities = ("quotes", "orders", "contracts", "products", "customers", "quote_lines")
    has_trash = True

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("salesPage")
        self.setAccessibleName("salesPage")
        self.tabs = QTabWidget(objectName="salesTabs")
        self.tabs.setAccessibleName(self.tr("Quotes, orders, contracts and products"))
        self.quotes = ListTab(self, "quotes", Quote, QuoteDialog,
                              ("quoteTable", "quoteDetail", "quoteFilter"),
                              (self.tr("&New quote"), self.tr("Edit quote")))
        self.orders = ListTab(self, "orders", Order, OrderDialog,
                              ("orderTable", "orderDetail", "orderFilter"),
                              (self.tr("&New order"), self.tr("Edit order")))
        self.contracts = ListTab(self, "contracts", Contract, ContractDialog,
                                 ("contractTable", "contractDetail", "contractFilter"),
                                 (self.tr("&New contract"), self.tr("Edit contract")))
        self.products = ListTab(self, "products", Product, ProductDialog,
                                ("productTable", "productDetail", "productFilter"),
                                (self.tr("&New product"), self.tr("Edit product")))
        self.contracts.list.table.setItemDelegate(
            RowHighlighter(contract_colours, self.contracts.list.table))
        status = self.contracts.list.filter_bar.combos["status"]
        status.setCurrentIndex(status.findData("active"))  # live contracts and their renewals
        self.accept_button = self.quotes.detail.add_button(
            "acceptQuoteButton", self.tr("&Accept → order"), self.accept_quote,
            self.tr("Mark the quote accepted and create the order with its lines"))
        for tab in (self.quotes, self.orders, self.contracts):
            tab.detail.add_button(f"{tab.kind}CustomerButton", self.tr("Show c&ustomer"),
                                  lambda t=tab: self.open_customer(t))
        for tab in self.all_tabs():
            tab.detail.finish_buttons()
            tab.show_detail(None)
        self.tabs.addTab(self.quotes, self.tr("&Quotes"))
        self.tabs.addTab(self.orders, self.tr("&Orders"))
        self.tabs.addTab(self.contracts, self.tr("Con&tracts"))
        self.tabs.addTab(self.products, self.tr("&Products"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def all_tabs(self) -> list[ListTab]:
        return [self.quotes, self.orders, self.contracts, self.products]

    def current_tab(self) -> ListTab:
        tab = self.tabs.currentWidget()
        assert isinstance(tab, ListTab)
        return tab

    def show_tab(self, kind: str) -> ListTab:
        tab = self.all_tabs()[KINDS.index(kind)]
        self.tabs.setCurrentWidget(tab)
        return tab

    def detail_changed(self, tab: ListTab) -> None:
        if tab is getattr(self, "quotes", None) and hasattr(self, "accept_button"):
            self.accept_button.setEnabled(self._can_accept(tab.detail.record_id))

    def _can_accept(self, quote_id: int | None) -> bool:
        if quote_id is None or self.quotes.list.trash_mode():
            return False
        with self.context.database.session() as session:
            quote = session.get(Quote, quote_id)
            ordered = session.scalar(select(Order.id).where(Order.quote_id == quote_id))
            return quote is not None and ordered is None and quote.status not in (
                "rejected", "expired") and bool(quote.lines)

    # Page API --------------------------------------------------------------------------------
    def refresh(self) -> None:
        tab = self.current_tab()
        tab.list.refresh()
        tab.show_detail(tab.detail.record_id)

    def new_record(self) -> None:
        self.current_tab().new_record()

    def open_selected(self) -> None:
        self.current_tab().edit()

    def delete_selected(self) -> None:
        self.current_tab().list.delete_selected()

    def set_trash_mode(self, trash: bool) -> None:
        for tab in self.all_tabs():
            tab.list.set_trash_mode(trash)

    def trash_mode(self) -> bool:
        return self.current_tab().list.trash_mode()

    def focus_filter(self) -> None:
        self.current_tab().list.filter_bar.search_edit.setFocus()

    def show_record(self, record_id: int, kind: str = "quotes") -> None:
        tab = self.show_tab(kind)
        tab.list.select_id(record_id)
        tab.show_detail(record_id)

    def shutdown(self) -> None:
        for tab in self.all_tabs():
            tab.list.shutdown()
        super().shutdown()

    # Actions ---------------------------------------------------------------------------------
    def open_customer(self, tab: ListTab) -> None:
        if tab.detail.record_id is None:
            return
        with self.context.database.session() as session:
            row = session.get(tab.model, tab.detail.record_id)
            customer_id = getattr(row, "customer_id", None)
        if customer_id:
            self.context.open_customer(customer_id)

    def accept_quote(self) -> None:
        """The accepted quote becomes an order (one transaction); undo removes the order and
        puts the quote's status back."""
        quote_id = self.quotes.detail.record_id
        if quote_id is None:
            return
        database = self.context.database
        with database.session() as session:
            quote = session.get(Quote, quote_id)
            old_status, number = (quote.status, quote.number) if quote else ("draft", "?")
        made: list[int] = []

        def do() -> None:
            with database.session() as session:
                made[:] = [sales.accept_quote(session, quote_id).id]

        def undo() -> None:
            with database.session() as session:
                for order_id in made:
                    order = session.get(Order, order_id)
                    if order is not None:
                        session.delete(order)
                quote = session.get(Quote, quote_id)
                if quote is not None:
                    quote.status = old_status

        text = self.tr("Quote %1 to order").replace("%1", number)
        try:
            self.context.run_command(text, do, undo, ["quotes", "orders"])
        except StorageError as error:
            show_error(self, error)
            return
        self.quotes.show_detail(quote_id)
        self.orders.list.refresh()

    def push_quote_edit(self, dialog: QuoteDialog) -> None:
        """Undo of a quote edit puts back the header fields and the old lines."""
        database, quote_id = self.context.database, dialog.saved_id
        assert quote_id is not None
        before, after = dict(dialog.before), dict(dialog.after)
        old_lines, new_lines = list(dialog.old_lines), list(dialog.new_lines)

        def write(values: dict[str, Any], lines: list[sales.LineInput]) -> Callable[[], None]:
            def run() -> None:
                with database.session() as session:
                    quote = session.get(Quote, quote_id)
                    for key, value in values.items():
                        setattr(quote, key, value)
                    sales.set_quote_lines(session, quote_id, lines)
            return run

        push_done(self.context, self.tr("Edit quote"), write(after, new_lines),
                  write(before, old_lines), ["quotes", "quote_lines"])
