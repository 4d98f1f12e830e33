"""Create or edit an opportunity (stage changes of an existing one go through the board)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSpinBox, QWidget

from crm_desktop.models import Customer, Opportunity
from crm_desktop.storage import pipeline, query
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.form import FormDialog, combo, date_text, line, notes
from crm_desktop.ui.widgets.customer_picker import CustomerPicker

FIELDS = ("name", "customer_id", "amount", "currency", "expected_close", "owner",
          "probability_override", "lead_source", "notes")


class OpportunityDialog(FormDialog):
    field_aliases = {"customer": "customer_id"}

    def __init__(self, database: Database, opportunity_id: int | None = None,
                 parent: QWidget | None = None, *, customer_id: int | None = None) -> None:
        title = self.tr("New opportunity") if opportunity_id is None else self.tr(
            "Edit opportunity")
        super().__init__(title, "opportunityDialog", parent)
        self.database = database
        self.opportunity_id = opportunity_id
        with database.session() as session:
            stages = [(s.name, s.id) for s in pipeline.stages(session)
                      if s.kind == "open"]
            opp = query.get(session, Opportunity, opportunity_id) if opportunity_id else None
            customer_name = ""
            cid = opp.customer_id if opp else customer_id
            if cid:
                customer = session.get(Customer, cid)
                customer_name = customer.name if customer else ""
            self._old = {key: getattr(opp, key) for key in FIELDS} if opp else {}
        self.add_field("name", self.tr("Name"), line(opp.name if opp else None), required=True)
        picker = CustomerPicker(database)
        picker.set_customer(cid, customer_name)
        self.add_field("customer_id", self.tr("Customer"), picker, required=True)
        self.add_field("amount", self.tr("Amount"), line(opp.amount if opp else None),
                       hint="0.00")
        self.add_field("currency", self.tr("Currency"), line(opp.currency if opp else "USD"))
        if opp is None:
            self.add_field("stage_id", self.tr("Stage"), combo(stages))
        self.add_field("expected_close", self.tr("Expected close"),
                       line(date_text(opp.expected_close) if opp else None), hint="YYYY-MM-DD")
        self.add_field("owner", self.tr("Owner"), line(opp.owner if opp else None))
        probability = QSpinBox()
        probability.setRange(-1, 100)
        probability.setSpecialValueText(self.tr("From stage"))
        probability.setSuffix(" %")
        override = opp.probability_override if opp else None
        probability.setValue(-1 if override is None else override)
        self.add_field("probability_override", self.tr("Probability"), probability)
        self.add_field("lead_source", self.tr("Lead source"),
                       line(opp.lead_source if opp else None))
        self.add_field("notes", self.tr("Notes"), notes(opp.notes if opp else None))
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        picker = self.field("customer_id")
        assert isinstance(picker, CustomerPicker)
        name = self.text("name", required=True)
        if picker.customer_id is None:
            message = (self.tr("pick a customer from the suggestions") if picker.text().strip()
                       else self.tr("is required"))
            raise ValidationError("customer_id", message)
        probability = self.field("probability_override")
        assert isinstance(probability, QSpinBox)
        currency = (self.text("currency") or "USD").upper()
        if len(currency) != 3:
            raise ValidationError("currency", self.tr("use a three-letter code such as USD"))
        return {
            "name": name, "customer_id": picker.customer_id, "amount": self.money("amount"),
            "currency": currency, "expected_close": self.date("expected_close"),
            "owner": self.text("owner"),
            "probability_override": None if probability.value() < 0 else probability.value(),
            "lead_source": self.text("lead_source"), "notes": self.text("notes"),
        }

    def save(self) -> None:
        values = self.values()
        with self.database.session() as session:
            if self.opportunity_id is None:
                values["stage_id"] = self.choice("stage_id")
                opp = pipeline.create_opportunity(session, values)
                self.saved_id, self.created = opp.id, True
            else:
                query.update(session, Opportunity, self.opportunity_id, **values)
                self.saved_id = self.opportunity_id
                self.record_changes(self._old, values)
