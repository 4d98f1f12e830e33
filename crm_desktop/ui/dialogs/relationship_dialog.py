"""Link two customers, or edit a link: target (search), kind, strength, since, notes.

    dialog = RelationshipDialog(context.database, customer_id, self, context=context)
    dialog.open()   # Save writes and pushes an undoable command onto context.undo_stack

With ``context`` the write is pushed onto the shared undo stack (undo of a new link moves it to
the trash, redo restores it; undo of an edit writes the old values back) and views are told that
"relationships" changed. Without it the dialog just writes. ``on_change(relationship_id, alive)``
is called after every do/undo/redo, so a view can update itself in place (the graph page does).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QWidget

from crm_desktop.models import RELATIONSHIP_KINDS, Customer, Relationship
from crm_desktop.storage import query, relationships
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.form import FormDialog, combo, date_text, line, notes
from crm_desktop.ui.widgets.customer_picker import CustomerPicker

if TYPE_CHECKING:
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
FIELDS = ("target_id", "kind", "strength", "since", "notes")


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
        with database.session() as session:
            rel = query.get(session, Relationship, relationship_id) if relationship_id else None
            if rel is not None:
                source_id = self.source_id = rel.source_id
                target_id = rel.target_id
            source = query.get(session, Customer, source_id)
            target = session.get(Customer, target_id) if target_id else None
            self._source_name = source.name
            self._old = {key: getattr(rel, key) for key in FIELDS} if rel else {}
            target_name = target.name if target else ""
        self.form.addRow(self.tr("From"), QLabel(self._source_name, objectName="sourceName"))
        self.picker = CustomerPicker(database)
        self.picker.set_customer(target_id, target_name)
        self.add_field("target_id", self.tr("To"), self.picker, required=True)
        kinds = [(kind_label(k), k) for k in RELATIONSHIP_KINDS]
        self.add_field("kind", self.tr("Kind"), combo(kinds, rel.kind if rel else "colleague"))
        self.strength = QDoubleSpinBox()
        self.strength.setRange(0.0, 1.0)
        self.strength.setSingleStep(0.1)
        self.strength.setDecimals(2)
        self.strength.setValue(float(rel.strength) if rel else 0.5)
        self.add_field("strength", self.tr("Strength"), self.strength,
                       hint=self.tr("0 = barely know each other, 1 = very close"))
        self.add_field("since", self.tr("Since"), line(date_text(rel.since) if rel else None),
                       hint="YYYY-MM-DD")
        self.add_field("notes", self.tr("Notes"), notes(rel.notes if rel else None))
        self.resize(420, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        if self.picker.customer_id is None:
            message = (self.tr("pick a customer from the suggestions")
                       if self.picker.text().strip() else self.tr("is required"))
            raise ValidationError("target_id", message)
        if self.picker.customer_id == self.source_id:
            raise ValidationError("target_id", self.tr("a customer cannot be linked to itself"))
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
            return self.context.run_command(text, do, undo, ["relationships"])
        return do()

    def _notifier(self) -> Callable[[int, bool], None]:
        # Captured by the undo closures, which outlive the dialog.
        on_change = self.on_change
        return on_change if on_change is not None else (lambda _id, _alive: None)

    def _create(self, values: dict[str, Any]) -> None:
        database, source, changed = self.database, self.source_id, self._notifier()
        target = values.pop("target_id")
        created: list[int] = []

        def do() -> int:
            with database.session() as session:
                if created:
                    relationships.restore_relationship(session, created[0])
                else:
                    rel = relationships.create_relationship(session, source, target, **values)
                    created.append(rel.id)
            changed(created[0], True)
            return created[0]

        def undo() -> None:
            with database.session() as session:
                relationships.delete_relationship(session, created[0])
            changed(created[0], False)

        text = self.tr("Link {0} and {1}").format(self._source_name, self.picker.text())
        self.saved_id = self._run(text, do, undo)
        self.created = True

    def _edit(self, values: dict[str, Any]) -> None:
        database, rel_id, changed = self.database, self.relationship_id, self._notifier()
        assert rel_id is not None
        self.record_changes(self._old, values)
        before, after = dict(self.before), dict(self.after)
        if not after:
            self.saved_id = rel_id
            return

        def write(changes: dict[str, Any]) -> Callable[[], None]:
            def run() -> None:
                with database.session() as session:
                    relationships.update_relationship(session, rel_id, **changes)
                changed(rel_id, True)
            return run

        self._run(self.tr("Edit relationship"), write(after), write(before))
        self.saved_id = rel_id
