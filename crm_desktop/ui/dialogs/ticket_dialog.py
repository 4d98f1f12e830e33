"""Open a new ticket (SLA due from the priority) or edit one's details."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from crm_desktop.models import TICKET_PRIORITIES, TICKET_TYPES, Customer, Ticket
from crm_desktop.models.service import TICKET_CHANNELS
from crm_desktop.storage import query, service
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import FormDialog, combo, line, notes
from crm_desktop.ui.widgets.customer_picker import CustomerPicker

EDIT_FIELDS = ("subject", "type", "priority", "channel", "category", "owner")


class TicketDialog(FormDialog):
    field_aliases = {"customer": "customer_id", "message": "body"}

    def __init__(self, database: Database, ticket_id: int | None = None,
                 parent: QWidget | None = None, *, customer_id: int | None = None) -> None:
        title = self.tr("New ticket") if ticket_id is None else self.tr("Edit ticket")
        super().__init__(title, "ticketDialog", parent)
        self.database = database
        self.ticket_id = ticket_id
        with database.session() as session:
            t = query.get(session, Ticket, ticket_id) if ticket_id else None
            cid = t.customer_id if t else customer_id
            customer = session.get(Customer, cid) if cid else None
            self._old = {key: getattr(t, key) for key in EDIT_FIELDS} if t else {}
        picker = CustomerPicker(database)
        if customer is not None:
            picker.set_customer(customer.id, customer.name)
        picker.setEnabled(t is None)
        self.add_field("customer_id", self.tr("Customer"), picker, required=True)
        self.add_field("subject", self.tr("Subject"), line(t.subject if t else None),
                       required=True)
        self.add_field("type", self.tr("Type"),
                       combo(items(TICKET_TYPES), t.type if t else "consultation"))
        self.add_field("priority", self.tr("Priority"),
                       combo(items(TICKET_PRIORITIES), t.priority if t else "normal"))
        self.add_field("channel", self.tr("Channel"),
                       combo(items(TICKET_CHANNELS), t.channel if t else "email"))
        self.add_field("category", self.tr("Category"), line(t.category if t else None))
        self.add_field("owner", self.tr("Owner"), line(t.owner if t else None))
        if t is None:
            self.add_field("body", self.tr("Message"), notes())
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        picker = self.field("customer_id")
        assert isinstance(picker, CustomerPicker)
        if picker.customer_id is None:
            message = (self.tr("pick a customer from the suggestions") if picker.text().strip()
                       else self.tr("a ticket needs a customer"))
            raise ValidationError("customer_id", message)
        values = {
            "subject": self.text("subject", required=True), "type": self.choice("type"),
            "priority": self.choice("priority"), "channel": self.choice("channel"),
            "category": self.text("category"), "owner": self.text("owner"),
        }
        if self.ticket_id is None:
            values["customer_id"] = picker.customer_id
            values["body"] = self.text("body")
        return values

    def save(self) -> None:
        values = self.values()
        with self.database.session() as session:
            if self.ticket_id is None:
                ticket = service.open_ticket(session, values)
                self.saved_id, self.created = ticket.id, True
            else:
                query.update(session, Ticket, self.ticket_id, **values)
                self.saved_id = self.ticket_id
                self.record_changes(self._old, values)
