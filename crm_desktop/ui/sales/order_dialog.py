"""A new order with its lines, or an existing order's status and notes (its lines are what was
sold and stay as they are)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from crm_desktop.models.sales import ORDER_STATUSES
from crm_desktop.services import sales
from crm_desktop.services.money import default_currency
from crm_desktop.services.sales import OrderDetail
from crm_desktop.storage.database import Database
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import combo, notes
from crm_desktop.ui.sales.line_editor import LineEditor
from crm_desktop.ui.sales.lines_dialog import LinesDialog
from crm_desktop.ui.widgets.choice_boxes import CurrencyBox


class OrderDialog(LinesDialog):
    entity = "orders"
    field_aliases = {"customer": "customer_id"}

    def __init__(self, database: Database, order_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        title = self.tr("New order") if order_id is None else self.tr("Edit order")
        super().__init__(database, title, "orderDialog", parent)
        self.order_id = order_id
        o = sales.record(database, "orders", order_id) if order_id else None
        assert o is None or isinstance(o, OrderDetail)
        if o is not None:
            self.setWindowTitle(self.tr("Order %1").replace("%1", o.number))
        picker = self.add_customer_field(o.customer_id if o else None,
                                         o.customer_name if o else None)
        picker.setEnabled(o is None)  # what was sold stays sold to that customer
        currency = o.currency if o else default_currency(database)
        self.add_field("status", self.tr("Status"),
                       combo(items(ORDER_STATUSES), o.status if o else "open"))
        self.add_field("currency", self.tr("Currency"), CurrencyBox(currency))
        self.field("currency").setEnabled(o is None)
        self.add_field("notes", self.tr("Notes"), notes(o.notes if o else None))
        self.editor: LineEditor | None = None
        if o is None:
            self.editor = LineEditor(sales.product_choices(database), currency)
            self.editor.table.setObjectName("orderLines")
            self.editor.add_line()
            self.show_lines(self.editor)
            self.resize(860, 560)
        else:
            self.resize(440, self.sizeHint().height())

    def save(self) -> None:
        values: dict[str, Any] = {"status": self.choice("status"), "notes": self.text("notes")}
        if self.order_id is not None:
            self.saved_edit(sales.update_order(self.database, self.order_id, values),
                            sales.update_order)
            return
        assert self.editor is not None
        values["customer_id"] = self.picked_customer()
        values["currency"] = self.text("currency")
        self.saved_new(sales.create_order(self.database, values, self.editor.lines()))
