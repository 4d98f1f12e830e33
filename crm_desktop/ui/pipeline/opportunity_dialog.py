"""Create or edit an opportunity (stage changes of an existing one go through the board)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSpinBox, QWidget

from crm_desktop.services import pipeline
from crm_desktop.services.editing import customer_name
from crm_desktop.services.money import default_currency
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import NotFound, ValidationError
from crm_desktop.ui.dialogs.form import combo, date_field, line, notes
from crm_desktop.ui.dialogs.record_dialog import RecordDialog
from crm_desktop.ui.theme import spin_box_look
from crm_desktop.ui.widgets.choice_boxes import CurrencyBox, OwnerBox
from crm_desktop.ui.widgets.customer_picker import CustomerPicker


class OpportunityDialog(RecordDialog):
    entity = "opportunities"
    field_aliases = {"customer": "customer_id"}

    def __init__(self, database: Database, opportunity_id: int | None = None,
                 parent: QWidget | None = None, *, customer_id: int | None = None) -> None:
        title = self.tr("New opportunity") if opportunity_id is None else self.tr(
            "Edit opportunity")
        super().__init__(database, title, "opportunityDialog", parent)
        self.opportunity_id = opportunity_id
        opp = pipeline.detail(database, opportunity_id) if opportunity_id else None
        if opportunity_id and (opp is None or opp.deleted_at is not None):
            raise NotFound(f"opportunity {opportunity_id} no longer exists")
        self.add_field("name", self.tr("Name"), line(opp.name if opp else None), required=True)
        picker = CustomerPicker(database)
        if opp is not None:
            picker.set_customer(opp.customer_id, opp.customer_name)
        elif customer_id:
            picker.set_customer(customer_id, customer_name(database, customer_id))
        self.add_field("customer_id", self.tr("Customer"), picker, required=True)
        self.add_field("amount", self.tr("Amount"), line(opp.amount if opp else None),
                       hint="0.00")
        self.add_field("currency", self.tr("Currency"),
                       CurrencyBox(opp.currency if opp else default_currency(database)))
        if opp is None:
            stages = [(s.name, s.id) for s in pipeline.stages(database) if s.kind == "open"]
            self.add_field("stage_id", self.tr("Stage"), combo(stages))
        self.add_field("expected_close", self.tr("Expected close"),
                       date_field(opp.expected_close if opp else None))
        self.add_field("owner", self.tr("Owner"), OwnerBox(database, opp.owner if opp else None))
        probability = spin_box_look(QSpinBox())
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
        return {
            "name": name, "customer_id": picker.customer_id, "amount": self.money("amount"),
            "currency": self.text("currency"), "expected_close": self.date("expected_close"),
            "owner": self.text("owner"),
            "probability_override": None if probability.value() < 0 else probability.value(),
            "lead_source": self.text("lead_source"), "notes": self.text("notes"),
        }

    def save(self) -> None:
        values = self.values()
        if self.opportunity_id is None:
            values["stage_id"] = self.choice("stage_id")
            self.saved_new(pipeline.create_opportunity(self.database, values))
        else:
            self.saved_edit(pipeline.update_opportunity(self.database, self.opportunity_id,
                                                        values), pipeline.update_opportunity)
