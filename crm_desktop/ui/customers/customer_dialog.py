"""Create or edit a customer: errors under the field, phones in E.164 with a default region.

Emails and phones are typed comma-separated (the first is the primary one). The dialog only
collects what was typed: `services.customers.save_customer` checks it (a bad value is named
under its field), links a company typed by name (created when there is none) and schedules the
next follow-up of a "stay in touch" cadence. Ctrl+S saves, Esc cancels.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from crm_desktop.models import LIFECYCLE_STATUSES
from crm_desktop.services import customers
from crm_desktop.services.customers import CustomerForm, SavedCustomer
from crm_desktop.storage.changes import Changes
from crm_desktop.storage.customer_details import customer_form
from crm_desktop.ui.dialogs.form import FormDialog, combo, date_text, line, notes

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext


def split_list(text: str | None, separators: str = r"[,;]") -> list[str]:
    return [part.strip() for part in re.split(separators, text or "") if part.strip()]


class CustomerDialog(FormDialog):
    field_aliases = {"email": "emails", "phone": "phones", "company_id": "company"}

    def __init__(self, context: AppContext, customer_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        title = self.tr("New customer") if customer_id is None else self.tr("Edit customer")
        super().__init__(title, "customerDialog", parent)
        self.context = context
        self.customer_id = customer_id
        self.region = context.phone_region
        self.saved: SavedCustomer | None = None
        self.changes = Changes()
        current: dict[str, Any] = {}
        emails: list[str] = []
        phones: list[str] = []
        company = ""
        if customer_id is not None:
            state = customer_form(context.database, customer_id)
            current = dict(state.values)
            emails, phones, company = state.emails(), state.phones(), state.company or ""
        self.add_field("kind", self.tr("Kind"), combo(
            [(self.tr("Person"), "person"), (self.tr("Company"), "company")],
            current.get("kind", "person")))
        self.add_field("name", self.tr("Name"), line(current.get("name")), required=True)
        self.add_field("company", self.tr("Company"), line(company or None),
                       hint=self.tr("Company name (created when new)"))
        self.add_field("job_title", self.tr("Job title"), line(current.get("job_title")))
        self.add_field("emails", self.tr("Emails"), line(", ".join(emails) or None),
                       hint=self.tr("name@example.com, comma-separated"))
        self.add_field("phones", self.tr("Phones"), line(", ".join(phones) or None),
                       hint=self.tr("+1 415 555 0100 (without + read in {0})").format(
                           self.region))
        self.add_field("status", self.tr("Status"), combo(
            [(_status_label(s), s) for s in LIFECYCLE_STATUSES], current.get("status", "lead")))
        self.add_field("category", self.tr("Category"), line(current.get("category")))
        self.add_field("tags", self.tr("Tags"), line(current.get("tags")),
                       hint=self.tr("vip, wholesale"))
        rating = combo([(self.tr("Not rated"), None)] + [("★" * i or "0", i) for i in range(6)],
                       current.get("rating"))
        self.add_field("rating", self.tr("Rating"), rating)
        self.add_field("birthday", self.tr("Birthday"),
                       line(date_text(current.get("birthday")) or None), hint="YYYY-MM-DD")
        self.add_field("city", self.tr("City"), line(current.get("city")))
        self.add_field("country", self.tr("Country"), line(current.get("country")),
                       hint=self.tr("Two-letter code, e.g. US"))
        self.add_field("owner", self.tr("Owner"), line(current.get("owner")))
        touch = QSpinBox()
        touch.setRange(0, 3650)
        touch.setSpecialValueText(self.tr("Never"))
        touch.setSuffix(self.tr(" days"))
        touch.setValue(current.get("touch_every_days") or 0)
        self.add_field("touch_every_days", self.tr("Stay in touch every"), touch,
                       hint=self.tr("Creates the next follow-up task after each contact"))
        self.add_field("notes", self.tr("Notes"), notes(current.get("notes")))
        self.resize(520, self.sizeHint().height())

    # Reading ---------------------------------------------------------------------------------
    def typed(self) -> CustomerForm:
        """What was typed; the service checks it (a ValidationError names the field)."""
        rating = self.field("rating")
        touch = self.field("touch_every_days")
        assert isinstance(rating, QComboBox) and isinstance(touch, QSpinBox)
        values = {
            "kind": self.choice("kind"), "name": self.text("name", required=True),
            "job_title": self.text("job_title"), "status": self.choice("status"),
            "category": self.text("category"), "tags": self.text("tags"),
            "rating": rating.currentData(), "birthday": self.date("birthday"),
            "city": self.text("city"), "country": self.text("country"),
            "owner": self.text("owner"), "touch_every_days": touch.value() or None,
            "notes": self.text("notes"),
        }
        return CustomerForm(values, split_list(self.text("emails")),
                            split_list(self.text("phones")), self.text("company"), self.region)

    # Saving ------------------------------------------------------------------------------------
    def save(self) -> None:
        outcome = customers.save_customer(self.context.database, self.customer_id, self.typed())
        self.saved, self.changes = outcome.value, outcome.changes
        self.saved_id, self.created = outcome.value.id, outcome.value.created


def _status_label(status: str) -> str:
    from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP, translate

    labels = {"lead": QT_TRANSLATE_NOOP("choices", "Lead"),
              "prospect": QT_TRANSLATE_NOOP("choices", "Prospect"),
              "customer": QT_TRANSLATE_NOOP("choices", "Customer"),
              "churned": QT_TRANSLATE_NOOP("choices", "Churned")}
    return translate("choices", labels.get(status, status))


def open_customer_dialog(context: AppContext, parent: QWidget | None,
                         customer_id: int | None = None) -> CustomerDialog:
    """Open the dialog (non-blocking); on save, push undo and notify the views."""
    from PySide6.QtCore import Qt

    dialog = CustomerDialog(context, customer_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: _saved(context, dialog))
    dialog.open()
    return dialog


def _saved(context: AppContext, dialog: CustomerDialog) -> None:
    """Undo of a new customer moves it to the trash; of an edit, writes the old state back."""
    from crm_desktop.ui.undo import push_created, push_done

    saved, database = dialog.saved, context.database
    assert saved is not None
    name = saved.after.values.get("name")
    if saved.created:
        push_created(context, "customers", saved.id,
                     dialog.tr("Create customer {0}").format(name), dialog.changes)
    elif saved.before is None or saved.before == saved.after:
        context.apply(dialog.changes)  # nothing to undo (a follow-up may have moved)
    else:
        before, after = saved.before, saved.after
        push_done(context, dialog.tr("Edit customer {0}").format(name),
                  lambda: customers.restore_customer(database, after),
                  lambda: customers.restore_customer(database, before), dialog.changes)
