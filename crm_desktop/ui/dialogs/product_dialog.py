"""Create or edit a product of the catalogue."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from crm_desktop.models import Product
from crm_desktop.storage import query
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.form import FormDialog, line, notes

FIELDS = ("sku", "name", "category", "unit_price", "currency", "tax_pct", "active",
          "description")


def percent(text: str | None, field: str) -> Decimal:
    """0-100 from '8', '8.5', '8 %'."""
    raw = (text or "").replace("%", "").strip() or "0"
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(field, f"{text!r} is not a percentage") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise ValidationError(field, "must be between 0 and 100 %")
    return value


class ProductDialog(FormDialog):
    field_aliases = {"unit price": "unit_price"}

    def __init__(self, database: Database, product_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        title = self.tr("New product") if product_id is None else self.tr("Edit product")
        super().__init__(title, "productDialog", parent)
        self.database = database
        self.product_id = product_id
        with database.session() as session:
            product = query.get(session, Product, product_id) if product_id else None
            self._old = {key: getattr(product, key) for key in FIELDS} if product else {}
        p = product
        self.add_field("name", self.tr("Name"), line(p.name if p else None), required=True)
        self.add_field("sku", self.tr("SKU"), line(p.sku if p else None))
        self.add_field("category", self.tr("Category"), line(p.category if p else None))
        self.add_field("unit_price", self.tr("Unit price"), line(p.unit_price if p else None),
                       hint="0.00")
        self.add_field("currency", self.tr("Currency"), line(p.currency if p else "USD"))
        self.add_field("tax_pct", self.tr("Tax %"), line(p.tax_pct if p else None), hint="0")
        active = QCheckBox(self.tr("Can be sold"))
        active.setChecked(p.active if p else True)
        self.add_field("active", self.tr("Active"), active)
        self.add_field("description", self.tr("Description"),
                       notes(p.description if p else None))
        self.resize(420, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        active = self.field("active")
        assert isinstance(active, QCheckBox)
        return {
            "name": self.text("name", required=True), "sku": self.text("sku"),
            "category": self.text("category"), "unit_price": self.money("unit_price"),
            "currency": (self.text("currency") or "USD").upper()[:3],
            "tax_pct": percent(self.text("tax_pct"), "tax_pct"), "active": active.isChecked(),
            "description": self.text("description"),
        }

    def save(self) -> None:
        values = self.values()
        with self.database.session() as session:
            if values["sku"]:
                clash = query.list_rows(session, Product, [("sku", "eq", values["sku"])],
                                        query.Page(limit=1))
                if clash and clash[0].id != self.product_id:
                    raise ValidationError("sku", self.tr("another product has this SKU"))
            if self.product_id is None:
                product = query.create(session, Product, **values)
                self.saved_id, self.created = product.id, True
            else:
                query.update(session, Product, self.product_id, **values)
                self.saved_id = self.product_id
                self.record_changes(self._old, values)
