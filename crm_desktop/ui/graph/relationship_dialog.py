"""Link two customers, or edit a link: target (search), kind, strength, since, notes.

    dialog = RelationshipDialog(context.database, customer_id, self, context=context)
    dialog.open()   # Save writes and pushes an undoable command onto context.undo_stack

The writes are `services.customers.link_customers` / `update_relationship`. With ``context``
the write is pushed onto the shared undo stack (undo of a new link moves it to the trash, redo
restores it; undo of an edit writes the old values back) and the views refresh from what each
direction changed. Without it the dialog just writes. ``on_change(relationship_id, alive)``
is called after every do/undo/redo, so a view can update itself in place (the graph page does).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QWidget

from crm_desktop.models import RELATIONSHIP_KINDS
from crm_desktop.services import customers, records
from crm_desktop.services.customers import LinkValues
from crm_desktop.storage.customer_details import relationship_form
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.form import FormDialog, combo, date_field, notes
from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP, named
from crm_desktop.ui.theme import spin_box_look
from crm_desktop.ui.widgets.customer_picker import CustomerPicker

if TYPE_CHECKING:
    from crm_desktop.services.editing import Edit
    from crm_desktop.services.outcome import Outcome
    from crm_desktop.ui.context import AppContext

KIND_CONTEXT = "relationships"
_KIND_LABELS = {
    "colleague": QT_TRANSLATE_NOOP("relationships", "Colleague"),
    "referral": QT_TRANSLATE_NOOP("relationships", "Referral"),
    "family": QT_TRANSLATE_NOOP("relationships", "Family"),
    "partner": QT_TRANSLATE_NOOP("relationships", "Partner"),
    "reports_to": QT_TRANSLATE_NOOP("relationships", "Reports to"),
    "friend": QT_TRANSLATE_NOOP("relationships", "Friend"),
    "other": QT_TRANSLATE_NOOP("relationships", "Other"),
}


def kind_label(kind: str) -> str:
    source = _KIND_LABELS.get(kind)
    return QCoreApplication.translate(KIND_CONTEXT, source) if source else kind


class RelationshipDialog(FormDialog):
    field_aliases = {"target": "target_id"}

    def __init__(self, database: Database, source_id: int, parent: QWidget | None = None, *,
                 context: AppContext | None = None, target_id: int | None = None,
                 relationship_id: int | None = None,
                 on_change: Callable[[int, bool], None] | None = None) -> None:
        title = (self.tr("Link customers") if relationship_id is None
                 else self.tr("Edit relationship"))
        super().__init__(title, "relationshipDialog", parent)
        self.database = database
        self.context = context
        self.source_id = source_id
        self.relationship_id = relationship_id
        self.on_change = on_change
        form = relationship_form(database, source_id, target_id, relationship_id)
        self.source_id = form.source_id
        self._source_name = form.source_name
        self._old = dict(form.values)
        rel = form.values if relationship_id is not None else None
        target_id, target_name = form.target_id, form.target_name
        self.form.addRow(self.tr("From"), named(QLabel(self._source_name), "sourceName"))
        self.picker = CustomerPicker(database)
        self.picker.set_customer(target_id, target_name)
        self.add_field("target_id", self.tr("To"), self.picker, required=True)
        kinds = [(kind_label(k), k) for k in RELATIONSHIP_KINDS]
        self.add_field("kind", self.tr("Kind"), combo(kinds, rel["kind"] if rel else "colleague"))
        self.strength = spin_box_look(QDoubleSpinBox())
        self.strength.setRange(0.0, 1.0)
        self.strength.setSingleStep(0.1)
        self.strength.setDecimals(2)
        self.strength.setValue(float(rel["strength"]) if rel else 0.5)
        self.add_field("strength", self.tr("Strength"), self.strength,
                       hint=self.tr("0 = barely know each other, 1 = very close"))
        self.add_field("since", self.tr("Since"), date_field(rel["since"] if rel else None))
        self.add_field("notes", self.tr("Notes"), notes(rel["notes"] if rel else None))
        self.resize(420, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        if self.picker.customer_id is None:
            message = (self.tr("pick a customer from the suggestions")
                       if self.picker.text().strip() else self.tr("is required"))
            raise ValidationError("target_id", message)
        return {
            "target_id": self.picker.customer_id, "kind": self.choice("kind"),
            "strength": round(self.strength.value(), 2), "since": self.date("since"),
            "notes": self.text("notes"),
        }

    def save(self) -> None:
        values = self.values()
        if self.relationship_id is None:
            self._create(values)
        else:
            self._edit(values)

    def _run(self, text: str, do: Callable[[], Any], undo: Callable[[], Any]) -> Any:
        if self.context is not None:
            from crm_desktop.ui.undo import push_command

            return push_command(self.context, text, do, undo)
        return do()

    def _notifier(self) -> Callable[[int, bool], None]:
        # Captured by the undo closures, which outlive the dialog.
        on_change = self.on_change
        return on_change if on_change is not None else (lambda _id, _alive: None)

    def _create(self, values: dict[str, Any]) -> None:
        database, source, changed = self.database, self.source_id, self._notifier()
        target = values.pop("target_id")
        link = LinkValues(**values)
        created: list[int] = []

        def do() -> Outcome[Any]:
            if created:
                outcome: Outcome[Any] = records.restore(database, "relationships", created)
            else:
                outcome = customers.link_customers(database, source, target, link)
                created.append(outcome.value)
            changed(created[0], True)
            return outcome

        def undo() -> Outcome[int]:
            outcome = records.trash(database, "relationships", created)
            changed(created[0], False)
            return outcome

        text = self.tr("Link {0} and {1}").format(self._source_name, self.picker.text())
        self._run(text, do, undo)
        self.saved_id = created[0]
        self.created = True

    def _edit(self, values: dict[str, Any]) -> None:
        database, rel_id, changed = self.database, self.relationship_id, self._notifier()
        assert rel_id is not None
        wanted = {key: value for key, value in values.items() if self._old.get(key) != value}
        self.saved_id = rel_id
        if not wanted:
            return
        edits: list[Edit[dict[str, Any]]] = []

        def do() -> Outcome[Edit[dict[str, Any]]]:
            outcome = customers.update_relationship(database, rel_id,
                                                    edits[0].after if edits else wanted)
            if not edits:
                edits.append(outcome.value)
            changed(rel_id, True)
            return outcome

        def undo() -> Outcome[Edit[dict[str, Any]]]:
            outcome = customers.update_relationship(database, rel_id, edits[0].before)
            changed(rel_id, True)
            return outcome

        self._run(self.tr("Edit relationship"), do, undo)
        self.before, self.after = dict(edits[0].before), dict(edits[0].after)
