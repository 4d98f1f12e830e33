"""Create or edit a contract (term, renewal date, value)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget
from sqlalchemy import func, select

from crm_desktop.models import Contract, Customer
from crm_desktop.models.sales import CONTRACT_STATUSES
from crm_desktop.storage import query
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import FormDialog, combo, date_text, line
from crm_desktop.ui.widgets.customer_picker import CustomerPicker

FIELDS = ("number", "customer_id", "title", "start_date", "end_date", "renewal_date", "value",
          "currency", "status", "auto_renew")


class ContractDialog(FormDialog):
    field_aliases = {"customer": "customer_id"}

    def __init__(self, database: Database, contract_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        title = self.tr("New contract") if contract_id is None else self.tr("Edit contract")
        super().__init__(title, "contractDialog", parent)
        self.database = database
        self.contract_id = contract_id
        with database.session() as session:
            c = query.get(session, Contract, contract_id) if contract_id else None
            customer = session.get(Customer, c.customer_id) if c else None
            self._old = {key: getattr(c, key) for key in FIELDS} if c else {}
        self.add_field("title", self.tr("Title"), line(c.title if c else None), required=True)
        picker = CustomerPicker(database)
        if customer is not None:
            picker.set_customer(customer.id, customer.name)
        self.add_field("customer_id", self.tr("Customer"), picker, required=True)
        self.add_field("number", self.tr("Number"), line(c.number if c else None),
                       hint=self.tr("automatic when empty"))
        self.add_field("start_date", self.tr("Start"), line(date_text(c.start_date) if c else
                                                            None), required=True,
                       hint="YYYY-MM-DD")
        self.add_field("end_date", self.tr("End"), line(date_text(c.end_date) if c else None),
                       hint="YYYY-MM-DD")
        self.add_field("renewal_date", self.tr("Renewal date"),
                       line(date_text(c.renewal_date) if c else None), hint="YYYY-MM-DD")
        self.add_field("value", self.tr("Value"), line(c.value if c else None), hint="0.00")
        self.add_field("currency", self.tr("Currency"), line(c.currency if c else "USD"))
        self.add_field("status", self.tr("Status"),
                       combo(items(CONTRACT_STATUSES), c.status if c else "active"))
        auto = QCheckBox(self.tr("Renews automatically"))
        auto.setChecked(bool(c.auto_renew) if c else False)
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
        start = self.date("start_date", required=True)
        end = self.date("end_date")
        if start and end and end < start:
            raise ValidationError("end_date", self.tr("ends before it starts"))
        return {
            "title": title, "customer_id": picker.customer_id, "number": self.text("number"),
            "start_date": start, "end_date": end, "renewal_date": self.date("renewal_date"),
            "value": self.money("value"), "currency": (self.text("currency") or "USD").upper()[:3],
            "status": self.choice("status"), "auto_renew": auto.isChecked(),
        }

    def save(self) -> None:
        values = self.values()
        with self.database.session() as session:
            if not values["number"]:
                last = session.scalar(select(func.max(Contract.id))) or 0
                values["number"] = f"C-{last + 1:06d}"
            clash = session.scalar(select(Contract.id).where(Contract.number == values["number"]))
            if clash is not None and clash != self.contract_id:
                raise ValidationError("number", self.tr("another contract has this number"))
            if self.contract_id is None:
                contract = query.create(session, Contract, **values)
                self.saved_id, self.created = contract.id, True
            else:
                query.update(session, Contract, self.contract_id, **values)
                self.saved_id = self.contract_id
                self.record_changes(self._old, values)
