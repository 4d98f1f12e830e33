"""Create or edit a product of the catalogue (SKU uniqueness and the tax range are
`services.sales`' rules)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from crm_desktop.services import sales
from crm_desktop.services.money import default_currency
from crm_desktop.services.sales import ProductDetail
from crm_desktop.storage.database import Database
from crm_desktop.ui.dialogs.form import line, notes
from crm_desktop.ui.dialogs.record_dialog import RecordDialog
from crm_desktop.ui.widgets.choice_boxes import CurrencyBox


class ProductDialog(RecordDialog):
    entity = "products"
    field_aliases = {"unit price": "unit_price"}

    def __init__(self, database: Database, product_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        title = self.tr("New product") if product_id is None else self.tr("Edit product")
        super().__init__(database, title, "productDialog", parent)
        self.product_id = product_id
        p = sales.record(database, "products", product_id) if product_id else None
        assert p is None or isinstance(p, ProductDetail)
        self.add_field("name", self.tr("Name"), line(p.name if p else None), required=True)
        self.add_field("sku", self.tr("SKU"), line(p.sku if p else None))
        self.add_field("category", self.tr("Category"), line(p.category if p else None))
        self.add_field("unit_price", self.tr("Unit price"), line(p.unit_price if p else None),
                       hint="0.00")
        self.add_field("currency", self.tr("Currency"),
                       CurrencyBox(p.currency if p else default_currency(database)))
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
            "currency": self.text("currency"), "tax_pct": self.text("tax_pct"),
            "active": active.isChecked(), "description": self.text("description"),
        }

    def save(self) -> None:
        values = self.values()
        if self.product_id is None:
            self.saved_new(sales.create_product(self.database, values))
        else:
            self.saved_edit(sales.update_product(self.database, self.product_id, values),
                            sales.update_product)
