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
from crm_desktop.storage.suggestions import customer_suggestions
from crm_desktop.ui.customers.custom_fields_editor import CustomFieldsEditor
from crm_desktop.ui.dialogs.form import FormDialog, combo, date_field, line, notes
from crm_desktop.ui.theme import spin_box_look
from crm_desktop.ui.widgets.choice_boxes import CountryBox, SuggestBox

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext


# The fields read as text (trimmed; empty is None).
TEXT_FIELDS = ("company_role", "job_title", "department", "category", "tags", "website",
               "street", "city", "region", "postal_code", "country", "industry", "lead_source",
               "owner", "needs", "notes")


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
        offered = customer_suggestions(context.database)
        # Main: who it is and how to reach them.
        self.add_field("kind", self.tr("Kind"), combo(
            [(self.tr("Person"), "person"), (self.tr("Company"), "company")],
            current.get("kind", "person")))
        self.add_field("name", self.tr("Name"), line(current.get("name")), required=True)
        self.add_tab(self.tr("Main"), "mainTab")
        self.add_field("company", self.tr("Company"), line(company or None),
                       hint=self.tr("Company name (created when new)"))
        self.add_field("company_role", self.tr("Role at the company"),
                       line(current.get("company_role")), hint=self.tr("decision maker, buyer"))
        self.add_field("job_title", self.tr("Job title"), line(current.get("job_title")))
        self.add_field("department", self.tr("Department"), line(current.get("department")))
        self.add_field("emails", self.tr("Emails"), line(", ".join(emails) or None),
                       hint=self.tr("name@example.com, comma-separated"))
        self.add_field("phones", self.tr("Phones"), line(", ".join(phones) or None),
                       hint=self.tr("+1 415 555 0100 (without + read in {0})").format(
                           self.region))
        self.add_field("status", self.tr("Status"), combo(
            [(_status_label(s), s) for s in LIFECYCLE_STATUSES], current.get("status", "lead")))
        self.add_field("owner", self.tr("Owner"), SuggestBox(offered.owners,
                                                             current.get("owner")))
        touch = spin_box_look(QSpinBox())
        touch.setRange(0, 3650)
        touch.setSpecialValueText(self.tr("Never"))
        touch.setSuffix(self.tr(" days"))
        touch.setValue(current.get("touch_every_days") or 0 if customer_id is not None
                       else context.preferences.touch_every_days)
        self.add_field("touch_every_days", self.tr("Stay in touch every"), touch,
                       hint=self.tr("Creates the next follow-up task after each contact"))
        # Address: where they are.
        self.add_tab(self.tr("Address"), "addressTab")
        self.add_field("street", self.tr("Street"), line(current.get("street")))
        self.add_field("postal_code", self.tr("Postal code"), line(current.get("postal_code")))
        self.add_field("city", self.tr("City"), line(current.get("city")))
        self.add_field("region", self.tr("Region"), line(current.get("region")),
                       hint=self.tr("State, province"))
        country = current.get("country") if customer_id is not None else context.phone_region
        self.add_field("country", self.tr("Country"), CountryBox(country))
        self.add_field("website", self.tr("Website"), line(current.get("website")),
                       hint="example.com")
        # Profile: what we know about them.
        self.add_tab(self.tr("Profile"), "profileTab")
        self.add_field("industry", self.tr("Industry"),
                       SuggestBox(offered.industries, current.get("industry")))
        self.add_field("lead_source", self.tr("Lead source"),
                       SuggestBox(offered.lead_sources, current.get("lead_source")))
        self.add_field("category", self.tr("Category"),
                       SuggestBox(offered.categories, current.get("category")))
        self.add_field("tags", self.tr("Tags"), line(current.get("tags")),
                       hint=self.tr("vip, wholesale"))
        rating = combo([(self.tr("Not rated"), None)] + [("★" * i or "0", i) for i in range(6)],
                       current.get("rating"))
        self.add_field("rating", self.tr("Rating"), rating)
        self.add_field("birthday", self.tr("Birthday"), date_field(current.get("birthday")))
        self.add_field("needs", self.tr("Needs"), notes(current.get("needs")))
        self.add_field("notes", self.tr("Notes"), notes(current.get("notes")))
        # Custom fields: the ones every customer is offered, and this one's own.
        self.add_tab(self.tr("Custom fields"), "customTab")
        self.custom_fields = CustomFieldsEditor(offered.custom_field_keys,
                                                current.get("custom_fields"))
        self.add_field("custom_fields", self.tr("Fields"), self.custom_fields)
        self.resize(560, self.sizeHint().height())

    # Reading ---------------------------------------------------------------------------------
    def typed(self) -> CustomerForm:
        """What was typed; the service checks it (a ValidationError names the field)."""
        rating = self.field("rating")
        touch = self.field("touch_every_days")
        assert isinstance(rating, QComboBox) and isinstance(touch, QSpinBox)
        values: dict[str, Any] = {key: self.text(key) for key in TEXT_FIELDS}
        values.update({
            "kind": self.choice("kind"), "name": self.text("name", required=True),
            "status": self.choice("status"), "rating": rating.currentData(),
            "birthday": self.date("birthday"), "touch_every_days": touch.value() or None,
            "custom_fields": self.custom_fields.values(),
        })
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
