"""The dialog of one sales target: owner (or the whole business), month or quarter, amount,
currency, deals won (optional) and notes. Saving goes through `services.targets` (checked
there: one live target per owner, period and currency); the page pushes the undo step."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from crm_desktop.services import targets
from crm_desktop.services.editing import Edit
from crm_desktop.services.money import default_currency
from crm_desktop.services.outcome import Outcome
from crm_desktop.services.targets import Period, TargetInput, TargetRow
from crm_desktop.storage.changes import Changes
from crm_desktop.storage.database import Database
from crm_desktop.ui.dialogs.form import FormDialog
from crm_desktop.ui.theme import spin_box_look

WHOLE_BUSINESS = ""  # the owner combo's data for "the whole business"


def period_choices(today: date) -> list[Period]:
    """This month and quarter, the next ones, then the previous ones (most used first)."""
    month, quarter = Period.containing(today, "month"), Period.containing(today, "quarter")
    next_month = Period.containing(month.end.replace(day=28) + _days(4), "month")
    next_quarter = Period.containing(quarter.end + _days(1), "quarter")
    last_month = Period.containing(month.start - _days(1), "month")
    last_quarter = Period.containing(quarter.start - _days(1), "quarter")
    return [month, quarter, next_month, next_quarter, last_month, last_quarter]


def _days(n: int) -> Any:
    from datetime import timedelta

    return timedelta(days=n)


class TargetDialog(FormDialog):
    """Create (``target=None``) or change a target. After a save: ``outcome`` (the service's),
    ``created``, and for a change ``edit`` (its ``before`` is what undo writes back)."""

    def __init__(self, database: Database, target: TargetRow | None = None,
                 owners: list[str] | None = None, parent: QWidget | None = None) -> None:
        title = self.tr("New sales target") if target is None else self.tr("Edit sales target")
        super().__init__(title, "targetDialog", parent)
        self.database = database
        self.target = target
        self.outcome: Outcome[Any] | None = None
        self.edit: Edit[dict[str, Any]] | None = None
        owner = QComboBox()
        owner.setEditable(True)
        owner.addItem(self.tr("(whole business)"), WHOLE_BUSINESS)
        for name in owners if owners is not None else targets.known_owners(database):
            owner.addItem(name, name)
        if target is not None and target.owner:
            index = owner.findData(target.owner)
            if index < 0:
                owner.addItem(target.owner, target.owner)
                index = owner.count() - 1
            owner.setCurrentIndex(index)
        self.add_field("owner", self.tr("Owner"), owner,
                       hint=self.tr("A salesperson, or the whole business"))
        period = QComboBox()
        period.setEditable(True)
        for choice in period_choices(date.today()):
            period.addItem(choice.label, choice.label)
        if target is not None:
            period.setCurrentText(target.period.label)
        self.add_field("period", self.tr("Period"), period, required=True,
                       hint=self.tr("A month as 2026-12 or a quarter as 2026-Q4"))
        amount = QLineEdit(f"{target.amount:.2f}" if target is not None else "")
        self.add_field("amount", self.tr("Amount"), amount, required=True,
                       hint=self.tr("Revenue to reach, e.g. 50,000"))
        currency = QLineEdit(target.currency if target is not None
                             else default_currency(database))
        currency.setMaxLength(3)
        self.add_field("currency", self.tr("Currency"), currency)
        deals = spin_box_look(QSpinBox())
        deals.setRange(0, 1_000_000)
        deals.setSpecialValueText(self.tr("(none)"))
        deals.setValue(target.deals or 0 if target is not None else 0)
        self.add_field("deals", self.tr("Deals won"), deals,
                       hint=self.tr("Optional: how many deals to win"))
        notes = QPlainTextEdit(target.notes or "" if target is not None else "")
        notes.setMaximumHeight(70)
        self.add_field("notes", self.tr("Notes"), notes)
        self.resize(420, self.sizeHint().height())

    def collected(self) -> TargetInput:
        owner = self.field("owner")
        assert isinstance(owner, QComboBox)
        typed = owner.currentText().strip()
        data = owner.currentData()
        # A typed name that is not the "(whole business)" entry is an owner.
        name = None if (data == WHOLE_BUSINESS and typed == owner.itemText(0)) or not typed \
            else typed
        deals = self.field("deals")
        assert isinstance(deals, QSpinBox)
        return TargetInput(owner=name, period=self.text("period", required=True) or "",
                           amount=self.text("amount", required=True) or "",
                           currency=self.text("currency"), deals=deals.value() or None,
                           notes=self.text("notes"))

    def save(self) -> None:
        wanted = self.collected()
        if self.target is None:
            created = targets.create_target(self.database, wanted)
            self.outcome, self.saved_id, self.created = created, created.value, True
        else:
            changed = targets.update_target(self.database, self.target.id, wanted)
            self.outcome, self.saved_id, self.edit = changed, self.target.id, changed.value

    @property
    def changes(self) -> Changes:
        return self.outcome.changes if self.outcome is not None else Changes()
