"""Quotes & orders: tabs for quotes (editor with lines and totals; an accepted quote becomes an
order in one action), orders, contracts (renewals in the next 60 days highlighted) and products.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from crm_desktop.services import sales
from crm_desktop.services.sales import Acceptance, Detail, ProductDetail
from crm_desktop.storage.errors import StorageError
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.dialogs.record_dialog import RecordDialog
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.pages.list_page import ListPage
from crm_desktop.ui.pages.page_tools import DetailPane, RowHighlighter
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.sales.contract_dialog import ContractDialog
from crm_desktop.ui.sales.order_dialog import OrderDialog
from crm_desktop.ui.sales.print_actions import PrintButton, window_language
from crm_desktop.ui.sales.product_dialog import ProductDialog
from crm_desktop.ui.sales.quote_dialog import QuoteDialog
from crm_desktop.ui.sales.sales_views import (
    contract_colours,
    contract_spec,
    filters,
    order_spec,
    product_spec,
    quote_spec,
    record_html,
)
from crm_desktop.ui.undo import push_command

log = logging.getLogger(__name__)

KINDS = ("quotes", "orders", "contracts", "products")


class ListTab(ListPage):
    """One tab: a record list with its detail pane, and the dialog of its records (opened over
    the page)."""

    def __init__(self, page: SalesPage, kind: str, dialog: Callable[..., RecordDialog],
                 names: tuple[str, str, str], labels: tuple[str, str]) -> None:
        super().__init__(page.context)
        table_name, detail_name, filter_name = names
        self.page, self.kind, self.dialog = page, kind, dialog
        self.record: Detail | None = None  # what the detail pane shows
        self.new_label, self.edit_label = labels
        spec = {"quotes": quote_spec, "orders": order_spec, "contracts": contract_spec,
                "products": product_spec}[kind]()
        self.detail = DetailPane(detail_name)
        self.detail.add_button(f"edit{kind.capitalize()}Button", self.tr("&Edit"),
                               lambda: self.edit(self.detail.record_id))
        self.make_list(spec, filters(kind), detail=self.detail, table_name=table_name,
                       filter_name=filter_name, split=[800, 420])
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.new_button(self.new_label, f"new{kind.capitalize()}Button"))
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.buttons)
        layout.addWidget(self.list, 1)
        self.show_detail(None)

    def show_detail(self, record_id: Any) -> None:
        self.record = sales.detail(self.context.database, self.kind, record_id) \
            if record_id else None
        if self.record is None:
            self.detail.clear(self.tr("Select a record to see its details."))
        else:
            self.detail.show_html(self.record.id, *record_html(self.record))
        self.page.detail_changed(self)

    def customer_id(self) -> int | None:
        """The customer of the record shown (products have none)."""
        if self.record is None or isinstance(self.record, ProductDetail):
            return None
        return self.record.customer_id

    def form_owner(self) -> QWidget:
        return self.page

    def make_dialog(self, record_id: int | None, **options: Any) -> RecordDialog:
        if record_id is None:
            return self.dialog(self.context.database, parent=self.page)
        return self.dialog(self.context.database, record_id, parent=self.page)

    def undo_text(self, record_id: int | None) -> str:
        return self.new_label.replace("&", "") if record_id is None else self.edit_label

    def saved(self, dialog: RecordDialog, record_id: int | None) -> None:
        super().saved(dialog, record_id)
        if record_id is not None:
            self.show_detail(dialog.saved_id)


class SalesPage(Page):
    entities = ("quotes", "orders", "contracts", "products", "customers", "quote_lines")
    has_trash = True

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("salesPage")
        self.setAccessibleName("salesPage")
        self.tabs = named(QTabWidget(), "salesTabs")
        self.tabs.setAccessibleName(self.tr("Quotes, orders, contracts and products"))
        self.quotes = ListTab(self, "quotes", QuoteDialog,
                              ("quoteTable", "quoteDetail", "quoteFilter"),
                              (self.tr("&New quote"), self.tr("Edit quote")))
        self.orders = ListTab(self, "orders", OrderDialog,
                              ("orderTable", "orderDetail", "orderFilter"),
                              (self.tr("&New order"), self.tr("Edit order")))
        self.contracts = ListTab(self, "contracts", ContractDialog,
                                 ("contractTable", "contractDetail", "contractFilter"),
                                 (self.tr("&New contract"), self.tr("Edit contract")))
        self.products = ListTab(self, "products", ProductDialog,
                                ("productTable", "productDetail", "productFilter"),
                                (self.tr("&New product"), self.tr("Edit product")))
        self.contracts.list.table.setItemDelegate(
            RowHighlighter(contract_colours, self.contracts.list.table))
        status = self.contracts.list.filter_bar.combos["status"]
        status.setCurrentIndex(status.findData("active"))  # live contracts and their renewals
        self.accept_tip = self.tr("Mark the quote accepted and create the order with its lines")
        self.accept_button = self.quotes.detail.add_button(
            "acceptQuoteButton", self.tr("&Accept → order"), self.accept_quote, self.accept_tip)
        for tab in (self.quotes, self.orders, self.contracts):
            tab.detail.add_button(f"{tab.kind}CustomerButton", self.tr("Show c&ustomer"),
                                  functools.partial(self.open_customer, tab))
        self.print_buttons = {
            tab.kind: PrintButton(context, kinds, functools.partial(self._shown_number, tab),
                                  f"{tab.kind}PrintButton")
            for tab, kinds in ((self.quotes, ("quote",)), (self.orders, ("order", "invoice")))}
        for kind, button in self.print_buttons.items():
            button.setEnabled(False)
            (self.quotes if kind == "quotes" else self.orders).detail.buttons.addWidget(button)
        shortcut = QShortcut(QKeySequence.StandardKey.Print, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.print_shown)
        for tab in self.all_tabs():
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
        problem = sales.acceptance_problem(self.context.database, quote_id) \
            if quote_id is not None else ""
        self.accept_button.setToolTip(problem or self.accept_tip)
        return problem is None

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
        self.current_tab().delete_selected()

    def show_history(self) -> None:
        self.current_tab().show_history()

    def set_trash_mode(self, trash: bool) -> None:
        for tab in self.all_tabs():
            tab.set_trash_mode(trash)

    def trash_mode(self) -> bool:
        return self.current_tab().trash_mode()

    def focus_filter(self) -> None:
        self.current_tab().focus_filter()

    def show_record(self, record_id: int, kind: str = "quotes") -> None:
        tab = self.show_tab(kind)
        tab.list.select_id(record_id)
        tab.show_detail(record_id)

    def shutdown(self) -> None:
        for tab in self.all_tabs():
            tab.shutdown()
        super().shutdown()

    # Actions ---------------------------------------------------------------------------------
    def print_shown(self) -> int | None:
        """Ctrl+P: the print dialog for the quote or order the current tab shows, in the
        window's language (the pages printed; None when there is nothing to print)."""
        button = self.print_buttons.get(self.current_tab().kind)
        if button is None or not button.isEnabled():
            return None
        return button.print_with_dialog(button.kinds[0], window_language())

    @staticmethod
    def _shown_number(tab: ListTab) -> tuple[int, str] | None:
        """(id, number) of the quote or order a tab's detail shows (what the PDF prints)."""
        record = tab.record
        if record is None or isinstance(record, ProductDetail):
            return None
        return record.id, record.number

    def open_customer(self, tab: ListTab) -> None:
        customer_id = tab.customer_id()
        if customer_id:
            self.context.open_customer(customer_id)

    def accept_quote(self) -> None:
        """The accepted quote becomes an order (one transaction); undo deletes the order and
        puts the quote's status back (both through the service, audited)."""
        quote_id = self.quotes.detail.record_id
        if quote_id is None:
            return
        database = self.context.database
        shown = self.quotes.record
        number = shown.number if shown is not None and not isinstance(shown, ProductDetail) \
            else "?"
        done: list[Acceptance] = []  # the latest acceptance, which the next undo takes back

        def do() -> object:
            outcome = sales.accept_quote(database, quote_id)
            done[:] = [outcome.value]
            return outcome

        def undo() -> object:
            return sales.undo_accept(database, done[0])

        try:
            push_command(self.context, self.tr("Quote %1 to order").replace("%1", number),
                         do, undo)
        except StorageError as error:
            show_error(self, error)
            return
        self.quotes.show_detail(quote_id)
