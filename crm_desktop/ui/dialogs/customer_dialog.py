"""Create or edit a customer: errors under the field, phones in E.164 with a default region.

Emails and phones are typed comma-separated (the first is the primary one); each is checked
with storage.validation while saving, and a bad one is named under its field. A company typed by
name is linked to the company customer of that name (created when there is none). Saving with a
"stay in touch" cadence schedules the next follow-up task. Ctrl+S saves, Esc cancels.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget
from sqlalchemy import select

from crm_desktop.models import LIFECYCLE_STATUSES, Customer
from crm_desktop.storage import activities, query
from crm_desktop.storage.customers import create_customer, update_customer
from crm_desktop.storage.errors import ValidationError
from crm_desktop.storage.validation import normalize_email, normalize_phone
from crm_desktop.ui.dialogs.form import FormDialog, combo, date_text, line, notes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.ui.context import AppContext

PLAIN_FIELDS = ("kind", "name", "job_title", "status", "category", "tags", "rating",
                "birthday", "city", "country", "owner", "touch_every_days", "notes")


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
        current: dict[str, Any] = {}
        emails: list[str] = []
        phones: list[str] = []
        company = ""
        if customer_id is not None:
            with context.database.session() as session:
                customer = query.get(session, Customer, customer_id)
                current = {key: getattr(customer, key) for key in PLAIN_FIELDS}
                current["company_id"] = customer.company_id
                # Not a field: kept so that undoing an edit restores when it churned.
                current["churned_at"] = customer.churned_at
                emails = [c.value for c in customer.contacts if c.kind == "email"]
                phones = [c.value for c in customer.contacts if c.kind == "phone"]
                company = customer.company.name if customer.company else ""
        self.old = {**current, "emails": emails, "phones": phones}
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

    # Reading -----------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The plain customer fields (raises ValidationError naming the field)."""
        rating = self.field("rating")
        touch = self.field("touch_every_days")
        assert isinstance(rating, QComboBox) and isinstance(touch, QSpinBox)
        country = (self.text("country") or "").upper() or None
        if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
            raise ValidationError("country", self.tr("use a two-letter code such as US"))
        return {
            "kind": self.choice("kind"), "name": self.text("name", required=True),
            "job_title": self.text("job_title"), "status": self.choice("status"),
            "category": self.text("category"), "tags": self.text("tags"),
            "rating": rating.currentData(), "birthday": self.date("birthday"),
            "city": self.text("city"), "country": country, "owner": self.text("owner"),
            "touch_every_days": touch.value() or None, "notes": self.text("notes"),
        }

    def emails(self) -> list[str]:
        return [normalize_email(e, "emails") for e in split_list(self.text("emails"))]

    def phones(self) -> list[str]:
        return [normalize_phone(p, self.region, "phones")
                for p in split_list(self.text("phones"))]

    # Saving ------------------------------------------------------------------------------------
    def save(self) -> None:
        values = self.values()
        emails, phones = self.emails(), self.phones()
        company_name = self.text("company")
        database = self.context.database
        with database.session() as session:
            values["company_id"] = (_company_id(session, company_name, self.customer_id)
                                    if company_name and values["kind"] == "person" else None)
            if self.customer_id is None:
                customer = create_customer(session, values, emails, phones, self.region)
                self.saved_id, self.created = customer.id, True
            else:
                update_customer(session, self.customer_id, values, emails, phones, self.region)
                self.saved_id = self.customer_id
            if values["touch_every_days"]:
                activities.schedule_follow_up(session, self.saved_id)
        self.after = {**values, "emails": emails, "phones": phones}
        self.before = dict(self.old)


def _company_id(session: Session, name: str, own_id: int | None) -> int:
    found = session.scalar(
        select(Customer.id).where(Customer.name == name, Customer.kind == "company",
                                  Customer.deleted_at.is_(None)).limit(1))
    if found is not None and found != own_id:
        return int(found)
    company = create_customer(session, {"name": name, "kind": "company", "status": "customer"})
    return company.id


def _status_label(status: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {"lead": "Lead", "prospect": "Prospect", "customer": "Customer",
              "churned": "Churned"}
    return QCoreApplication.translate("choices", labels.get(status, status))


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
    from crm_desktop.storage.changes import Changes
    from crm_desktop.ui.undo import push_created, push_done

    database, customer_id = context.database, dialog.saved_id
    assert customer_id is not None
    changed = Changes.of("customers", "contact_points", "interactions")

    def write(state: dict[str, Any]) -> Any:
        def run() -> Changes:
            values = {k: v for k, v in state.items() if k not in ("emails", "phones")}
            with database.session() as session:
                update_customer(session, customer_id, values, state["emails"],
                                state["phones"], dialog.region)
            return changed
        return run

    name = dialog.after.get("name")
    if dialog.created:
        push_created(context, "customers", customer_id,
                     dialog.tr("Create customer {0}").format(name), changed)
    else:
        push_done(context, dialog.tr("Edit customer {0}").format(name),
                  write(dialog.after), write(dialog.before), changed)
