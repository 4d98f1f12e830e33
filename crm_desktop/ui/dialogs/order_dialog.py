"""A new order with its lines, or an existing order's status and notes (its lines are what was
sold and stay as they are)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from crm_desktop.models import Customer, Order
from crm_desktop.models.sales import ORDER_STATUSES
from crm_desktop.storage import query, sales
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import FormDialog, combo, line, notes
from crm_desktop.ui.dialogs.line_editor import LineEditor
from crm_desktop.ui.widgets.customer_picker import CustomerPicker

EDIT_FIELDS = ("status", "notes")


class OrderDialog(FormDialog):
    field_aliases = {"customer": "customer_id"}

    def __init__(self, database: Database, order_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        title = self.tr("New order") if order_id is None else self.tr("Edit order")
        super().__init__(title, "orderDialog", parent)
        self.database = database
        self.order_id = order_id
        with database.session() as session:
            o = query.get(session, Order, order_id) if order_id else None
            customer = session.get(Customer, o.customer_id) if o else None
            self._old = {key: getattr(o, key) for key in EDIT_FIELDS} if o else {}
            number = o.number if o else ""
        if number:
            self.setWindowTitle(self.tr("Order %1").replace("%1", number))
        picker = CustomerPicker(database)
        if customer is not None:
            picker.set_customer(customer.id, customer.name)
        picker.setEnabled(o is None)
        self.add_field("customer_id", self.tr("Customer"), picker, required=True)
        self.add_field("status", self.tr("Status"),
                       combo(items(ORDER_STATUSES), o.status if o else "open"))
        self.add_field("currency", self.tr("Currency"), line(o.currency if o else "USD"))
        self.field("currency").setEnabled(o is None)
        self.add_field("notes", self.tr("Notes"), notes(o.notes if o else None))
        self.editor: LineEditor | None = None
        self.lines_error = QLabel(objectName="linesError")
        self.lines_error.setStyleSheet("color: #b03a2e;")
        self.lines_error.hide()
        if o is None:
            self.editor = LineEditor(database)
            self.editor.table.setObjectName("orderLines")
            self.editor.add_line()
            self.body.insertWidget(2, self.editor, 1)
            self.body.insertWidget(3, self.lines_error)
            self.resize(860, 560)
        else:
            self.resize(440, self.sizeHint().height())

    def set_error(self, key: str, message: str) -> None:
        if key.startswith("line") or key in ("quantity", "discount", "unit price"):
            self.lines_error.setText(f"{key}: {message}")
            self.lines_error.show()
            return
        super().set_error(key, message)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.lines_error.hide()

    def save(self) -> None:
        values: dict[str, Any] = {"status": self.choice("status"), "notes": self.text("notes")}
        if self.order_id is not None:
            with self.database.session() as session:
                query.update(session, Order, self.order_id, **values)
            self.saved_id = self.order_id
            self.record_changes(self._old, values)
            return
        picker = self.field("customer_id")
        assert isinstance(picker, CustomerPicker) and self.editor is not None
        if picker.customer_id is None:
            raise ValidationError("customer_id", self.tr("pick a customer from the suggestions"))
        lines = self.editor.lines()
        if not lines:
            raise ValidationError("lines", self.tr("add at least one line"))
        values["customer_id"] = picker.customer_id
        values["currency"] = (self.text("currency") or "USD").upper()[:3]
        with self.database.session() as session:
            order = sales.create_order(session, values, lines)
            self.saved_id, self.created = order.id, True
