"""Create or edit a contract (term, renewal date, value); numbering and uniqueness of the
number are `services.sales`' rules."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from crm_desktop.models.sales import CONTRACT_STATUSES
from crm_desktop.services import sales
from crm_desktop.services.money import default_currency
from crm_desktop.services.sales import ContractDetail
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import combo, date_field, line
from crm_desktop.ui.dialogs.record_dialog import RecordDialog
from crm_desktop.ui.widgets.choice_boxes import CurrencyBox
from crm_desktop.ui.widgets.customer_picker import CustomerPicker


class ContractDialog(RecordDialog):
    entity = "contracts"
    field_aliases = {"customer": "customer_id"}

    def __init__(self, database: Database, contract_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        title = self.tr("New contract") if contract_id is None else self.tr("Edit contract")
        super().__init__(database, title, "contractDialog", parent)
        self.contract_id = contract_id
        c = sales.record(database, "contracts", contract_id) if contract_id else None
        assert c is None or isinstance(c, ContractDetail)
        self.add_field("title", self.tr("Title"), line(c.title if c else None), required=True)
        picker = CustomerPicker(database)
        if c is not None:
            picker.set_customer(c.customer_id, c.customer_name)
        self.add_field("customer_id", self.tr("Customer"), picker, required=True)
        self.add_field("number", self.tr("Number"), line(c.number if c else None),
                       hint=self.tr("automatic when empty"))
        self.add_field("start_date", self.tr("Start"), date_field(c.start_date if c else None),
                       required=True)
        self.add_field("end_date", self.tr("End"), date_field(c.end_date if c else None))
        self.add_field("renewal_date", self.tr("Renewal date"),
                       date_field(c.renewal_date if c else None))
        self.add_field("value", self.tr("Value"), line(c.value if c else None), hint="0.00")
        self.add_field("currency", self.tr("Currency"),
                       CurrencyBox(c.currency if c else default_currency(database)))
        self.add_field("status", self.tr("Status"),
                       combo(items(CONTRACT_STATUSES), c.status if c else "active"))
        auto = QCheckBox(self.tr("Renews automatically"))
        auto.setChecked(c.auto_renew if c else False)
        self.add_field("auto_renew", self.tr("Auto renew"), auto)
        self.resize(440, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        picker = self.field("customer_id")
        assert isinstance(picker, CustomerPicker)
        auto = self.field("auto_renew")
        assert isinstance(auto, QCheckBox)
        title = self.text("title", required=True)
        if picker.customer_id is None:
            raise ValidationError("customer_id", self.tr("pick a customer from the suggestions"))
        return {
            "title": title, "customer_id": picker.customer_id, "number": self.text("number"),
            "start_date": self.date("start_date", required=True),
            "end_date": self.date("end_date"), "renewal_date": self.date("renewal_date"),
            "value": self.money("value"), "currency": self.text("currency"),
            "status": self.choice("status"), "auto_renew": auto.isChecked(),
        }

    def save(self) -> None:
        values = self.values()
        if self.contract_id is None:
            self.saved_new(sales.create_contract(self.database, values))
        else:
            self.saved_edit(sales.update_contract(self.database, self.contract_id, values),
                            sales.update_contract)
