"""The quote editor: customer, dates, status and the lines with live totals."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from crm_desktop.models import Customer, Quote
from crm_desktop.models.sales import QUOTE_STATUSES
from crm_desktop.storage import query, sales
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import FormDialog, combo, date_text, line, notes
from crm_desktop.ui.dialogs.line_editor import LineEditor
from crm_desktop.ui.widgets.customer_picker import CustomerPicker

FIELDS = ("customer_id", "status", "issued_on", "valid_until", "currency", "notes")


class QuoteDialog(FormDialog):
    field_aliases = {"customer": "customer_id"}

    def __init__(self, database: Database, quote_id: int | None = None,
                 parent: QWidget | None = None, *, customer_id: int | None = None) -> None:
        title = self.tr("New quote") if quote_id is None else self.tr("Edit quote")
        super().__init__(title, "quoteDialog", parent)
        self.database = database
        self.quote_id = quote_id
        with database.session() as session:
            q = query.get(session, Quote, quote_id) if quote_id else None
            cid = q.customer_id if q else customer_id
            customer = session.get(Customer, cid) if cid else None
            self._old = {key: getattr(q, key) for key in FIELDS} if q else {}
            old_lines = list(q.lines) if q else []
            self.old_lines = [
                sales.LineInput(ln.description, ln.quantity, ln.unit_price, ln.discount_pct,
                                ln.tax_pct, ln.product_id)
                for ln in old_lines
            ]
            self.new_lines: list[sales.LineInput] = []
            number = q.number if q else ""
        if number:
            self.setWindowTitle(self.tr("Quote %1").replace("%1", number))
        picker = CustomerPicker(database)
        if customer is not None:
            picker.set_customer(customer.id, customer.name)
        self.add_field("customer_id", self.tr("Customer"), picker, required=True)
        self.add_field("status", self.tr("Status"),
                       combo(items(QUOTE_STATUSES), q.status if q else "draft"))
        self.add_field("issued_on", self.tr("Issued"), line(date_text(q.issued_on) if q else
                                                            None), hint="YYYY-MM-DD")
        self.add_field("valid_until", self.tr("Valid until"),
                       line(date_text(q.valid_until) if q else None), hint="YYYY-MM-DD")
        self.add_field("currency", self.tr("Currency"), line(q.currency if q else "USD"))
        self.add_field("notes", self.tr("Notes"), notes(q.notes if q else None))
        self.editor = LineEditor(database, q.currency if q else "USD")
        self.editor.set_lines(old_lines)
        if not old_lines:
            self.editor.add_line()
        self.lines_error = QLabel(objectName="linesError")
        self.lines_error.setStyleSheet("color: #b03a2e;")
        self.lines_error.hide()
        self.body.insertWidget(2, self.editor, 1)
        self.body.insertWidget(3, self.lines_error)
        self.resize(860, 620)

    def values(self) -> dict[str, Any]:
        picker = self.field("customer_id")
        assert isinstance(picker, CustomerPicker)
        if picker.customer_id is None:
            raise ValidationError("customer_id", self.tr("pick a customer from the suggestions"))
        issued, valid = self.date("issued_on"), self.date("valid_until")
        if issued and valid and valid < issued:
            raise ValidationError("valid_until", self.tr("is before the issue date"))
        return {
            "customer_id": picker.customer_id, "status": self.choice("status"),
            "issued_on": issued, "valid_until": valid,
            "currency": (self.text("currency") or "USD").upper()[:3], "notes": self.text("notes"),
        }

    def set_error(self, key: str, message: str) -> None:
        if key.startswith("line") or key in ("lines", "quantity", "discount", "unit price"):
            self.lines_error.setText(f"{key}: {message}")
            self.lines_error.show()
            return
        super().set_error(key, message)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.lines_error.hide()

    def save(self) -> None:
        values = self.values()
        lines = self.editor.lines()
        if not lines:
            raise ValidationError("lines", self.tr("add at least one line"))
        with self.database.session() as session:
            if self.quote_id is None:
                quote = sales.create_quote(session, values, lines)
                self.saved_id, self.created = quote.id, True
            else:
                query.update(session, Quote, self.quote_id, **values)
                sales.set_quote_lines(session, self.quote_id, lines)
                self.new_lines = lines
                self.saved_id = self.quote_id
                self.record_changes(self._old, values)
