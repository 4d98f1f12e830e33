"""The quote editor: customer, dates, status and the lines with live totals."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from crm_desktop.models.sales import QUOTE_STATUSES
from crm_desktop.services import sales
from crm_desktop.services.editing import customer_name
from crm_desktop.services.money import default_currency
from crm_desktop.services.sales import QuoteChange, QuoteDetail
from crm_desktop.storage.database import Database
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import combo, date_field, notes
from crm_desktop.ui.sales.line_editor import LineEditor
from crm_desktop.ui.sales.lines_dialog import LinesDialog
from crm_desktop.ui.widgets.choice_boxes import CurrencyBox


class QuoteDialog(LinesDialog):
    entity = "quotes"
    field_aliases = {"customer": "customer_id"}

    def __init__(self, database: Database, quote_id: int | None = None,
                 parent: QWidget | None = None, *, customer_id: int | None = None) -> None:
        title = self.tr("New quote") if quote_id is None else self.tr("Edit quote")
        super().__init__(database, title, "quoteDialog", parent)
        self.quote_id = quote_id
        q = sales.record(database, "quotes", quote_id) if quote_id else None
        assert q is None or isinstance(q, QuoteDetail)
        if q is not None:
            self.setWindowTitle(self.tr("Quote %1").replace("%1", q.number))
        if q is not None:
            self.add_customer_field(q.customer_id, q.customer_name)
        elif customer_id:
            self.add_customer_field(customer_id, customer_name(database, customer_id))
        else:
            self.add_customer_field(None, None)
        currency = q.currency if q else default_currency(database)
        self.add_field("status", self.tr("Status"),
                       combo(items(QUOTE_STATUSES), q.status if q else "draft"))
        self.add_field("issued_on", self.tr("Issued"), date_field(q.issued_on if q else None))
        self.add_field("valid_until", self.tr("Valid until"),
                       date_field(q.valid_until if q else None))
        self.add_field("currency", self.tr("Currency"), CurrencyBox(currency))
        self.add_field("notes", self.tr("Notes"), notes(q.notes if q else None))
        self.editor = LineEditor(sales.product_choices(database), currency)
        self.editor.set_lines(q.lines if q else ())
        if q is None or not q.lines:
            self.editor.add_line()
        self.show_lines(self.editor)
        self.resize(860, 620)

    def values(self) -> dict[str, Any]:
        return {
            "customer_id": self.picked_customer(), "status": self.choice("status"),
            "issued_on": self.date("issued_on"), "valid_until": self.date("valid_until"),
            "currency": self.text("currency"), "notes": self.text("notes"),
        }

    def save(self) -> None:
        values = self.values()
        lines = self.editor.lines()
        if self.quote_id is None:
            self.saved_new(sales.create_quote(self.database, values, lines))
        else:
            self.saved_edit(sales.update_quote(self.database, self.quote_id,
                                               QuoteChange(values, tuple(lines))),
                            sales.update_quote)
