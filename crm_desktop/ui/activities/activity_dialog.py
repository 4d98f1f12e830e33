"""Log an activity (call, meeting, email, visit, note) or schedule a task with a due date.

The dialog collects what was typed (times in the user's local time, stored in UTC) and saves
through `services.activities` (`log_activity`, `edit_activity`), which checks it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from crm_desktop.models import INTERACTION_KINDS, utcnow
from crm_desktop.services import activities
from crm_desktop.storage.activity_details import activity, customer_name
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import combo, date_field, line, notes
from crm_desktop.ui.dialogs.record_dialog import RecordDialog
from crm_desktop.ui.widgets.choice_boxes import OwnerBox
from crm_desktop.ui.widgets.customer_picker import CustomerPicker
from crm_desktop.ui.widgets.display import to_local, to_utc


def local(value: datetime | None) -> datetime | None:
    """A stored (UTC) time as the user's local time, what the field shows."""
    return to_local(value) if value is not None else None


def stored(value: datetime | None) -> datetime | None:
    """A local time typed or picked as naive UTC, how times are stored."""
    return to_utc(value) if value is not None else None


class ActivityDialog(RecordDialog):
    entity = "interactions"

    field_aliases = {"customer": "customer_id"}

    def __init__(self, database: Database, interaction_id: int | None = None,
                 parent: QWidget | None = None, *, customer_id: int | None = None,
                 kind: str = "call") -> None:
        title = self.tr("Log activity") if interaction_id is None else self.tr("Edit activity")
        super().__init__(database, title, "activityDialog", parent)
        self.interaction_id = interaction_id
        a = activity(database, interaction_id) if interaction_id else None
        cid = a.customer_id if a else customer_id
        name = a.customer_name if a else (customer_name(database, cid) if cid else None)
        picker = CustomerPicker(database)
        if cid is not None and name is not None:
            picker.set_customer(cid, name)
        picker.setEnabled(a is None)
        self.add_field("customer_id", self.tr("Customer"), picker, required=True)
        kind_box = combo(items(INTERACTION_KINDS), a.kind if a else kind)
        self.add_field("kind", self.tr("Kind"), kind_box)
        self.add_field("subject", self.tr("Subject"), line(a.subject if a else None),
                       required=True)
        self.add_field("occurred_at", self.tr("When"),
                       date_field(local(a.occurred_at if a else utcnow()), with_time=True))
        self.add_field("due_at", self.tr("Due"),
                       date_field(local(a.due_at) if a else None, with_time=True))
        self.add_field("outcome", self.tr("Outcome"), line(a.outcome if a else None))
        self.add_field("owner", self.tr("Owner"), OwnerBox(database, a.owner if a else None))
        self.add_field("body", self.tr("Notes"), notes(a.body if a else None))
        kind_box.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.resize(460, self.sizeHint().height())

    def _kind_changed(self) -> None:
        box = self.field("kind")
        assert isinstance(box, QComboBox)
        self.field("due_at").setEnabled(box.currentData() == "task")

    def values(self) -> dict[str, Any]:
        picker = self.field("customer_id")
        assert isinstance(picker, CustomerPicker)
        if picker.customer_id is None:
            message = (self.tr("pick a customer from the suggestions") if picker.text().strip()
                       else self.tr("is required"))
            raise ValidationError("customer_id", message)
        kind = self.choice("kind")
        subject = self.text("subject", required=True)
        occurred = stored(self.moment("occurred_at")) or utcnow()
        due = stored(self.moment("due_at")) if kind == "task" else None
        return {
            "customer_id": picker.customer_id, "kind": kind, "subject": subject,
            "occurred_at": occurred, "due_at": due, "outcome": self.text("outcome"),
            "owner": self.text("owner"), "body": self.text("body"),
        }

    def save(self) -> None:
        values = self.values()
        if self.interaction_id is None:
            self.saved_new(activities.log_activity(self.database, values))
        else:
            values.pop("customer_id")
            self.saved_edit(activities.edit_activity(self.database, self.interaction_id, values),
                            activities.edit_activity)
