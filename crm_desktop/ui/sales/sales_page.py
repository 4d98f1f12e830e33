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
from crm_desktop.ui.pages.page_tools import DetailPane, highlight_rows
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
                 names: tuple[str, str, str], labels: tuple[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(page.context, parent)
        table_name, detail_name, filter_name = names
        self.page, self.kind, self.dialog = page, kind, dialog
        self.record: Detail | None = None  # what the detail pane shows
        self.new_label, self.edit_label = labels
        spec = {"quotes": quote_spec, "orders": order_spec, "contracts": contract_spec,
                "products": product_spec}[kind]()
        self.detail = DetailPane(detail_name, self)  # (made inside: not restyled when added)
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
        self.tabs = named(QTabWidget(self), "salesTabs")
        self.tabs.setAccessibleName(self.tr("Quotes, orders, contracts and products"))
        self.accept_tip = self.tr("Mark the quote accepted and create the order with its lines")
        self.print_buttons: dict[str, PrintButton] = {}
        self._trash = False
        # Each tab's list is built the first time the tab is shown or asked for: building the
        # four lists at once kept the window from repainting for a second at 1M customers.
        self._built: dict[str, ListTab] = {}
        self._slots: dict[str, QVBoxLayout] = {}
        titles = (self.tr("&Quotes"), self.tr("&Orders"), self.tr("Con&tracts"),
                  self.tr("&Products"))
        for kind, title in zip(KINDS, titles, strict=True):
            slot = QWidget(self.tabs)
            slot.setObjectName(f"{kind}Slot")
            layout = QVBoxLayout(slot)
            layout.setContentsMargins(0, 0, 0, 0)
            self._slots[kind] = layout
            self.tabs.addTab(slot, title)
        shortcut = QShortcut(QKeySequence.StandardKey.Print, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.print_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.tab(KINDS[0])
        self.tabs.currentChanged.connect(lambda index: self.tab(KINDS[index]))

    # The tabs, built when first needed -------------------------------------------------------
    @property
    def quotes(self) -> ListTab:
        return self.tab("quotes")

    @property
    def orders(self) -> ListTab:
        return self.tab("orders")

    @property
    def contracts(self) -> ListTab:
        return self.tab("contracts")

    @property
    def products(self) -> ListTab:
        return self.tab("products")

    def tab(self, kind: str) -> ListTab:
        """The tab of `kind` ("quotes", "orders", "contracts", "products"), built now if it
        was not yet."""
        built = self._built.get(kind)
        if built is not None:
            return built
        slot = self._slots[kind]
        labels = {"quotes": (self.tr("&New quote"), self.tr("Edit quote")),
                  "orders": (self.tr("&New order"), self.tr("Edit order")),
                  "contracts": (self.tr("&New contract"), self.tr("Edit contract")),
                  "products": (self.tr("&New product"), self.tr("Edit product"))}[kind]
        dialog = {"quotes": QuoteDialog, "orders": OrderDialog, "contracts": ContractDialog,
                  "products": ProductDialog}[kind]
        singular = kind[:-1]
        tab = ListTab(self, kind, dialog, (f"{singular}Table", f"{singular}Detail",
                                           f"{singular}Filter"), labels, slot.parentWidget())
        self._built[kind] = tab
        if kind == "contracts":
            highlight_rows(tab.list, contract_colours)
            status = tab.list.filter_bar.combos["status"]
            status.setCurrentIndex(status.findData("active"))  # live contracts and renewals
        if kind == "quotes":
            self.accept_button = tab.detail.add_button(
                "acceptQuoteButton", self.tr("&Accept → order"), self.accept_quote,
                self.accept_tip)
        if kind != "products":
            tab.detail.add_button(f"{kind}CustomerButton", self.tr("Show c&ustomer"),
                                  functools.partial(self.open_customer, tab))
        printed = {"quotes": ("quote",), "orders": ("order", "invoice")}.get(kind)
        if printed is not None:
            button = PrintButton(self.context, printed,
                                 functools.partial(self._shown_number, tab),
                                 f"{kind}PrintButton")
            button.setEnabled(False)
            tab.detail.buttons.addWidget(button)
            self.print_buttons[kind] = button
        if self._trash:
            tab.set_trash_mode(True)
        tab.show_detail(None)
        slot.addWidget(tab)
        return tab

    def all_tabs(self) -> list[ListTab]:
        """The tabs built so far (the others have nothing to refresh, shut down or trash)."""
        return [self._built[kind] for kind in KINDS if kind in self._built]

    def current_tab(self) -> ListTab:
        return self.tab(KINDS[self.tabs.currentIndex()])

    def show_tab(self, kind: str) -> ListTab:
        tab = self.tab(kind)
        self.tabs.setCurrentIndex(KINDS.index(kind))
        return tab

    def detail_changed(self, tab: ListTab) -> None:
        if tab is self._built.get("quotes") and hasattr(self, "accept_button"):
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
        self._trash = trash  # for the tabs built later too
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
