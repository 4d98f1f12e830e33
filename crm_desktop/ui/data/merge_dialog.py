"""Merge two customers, choosing field by field which value survives (undoable).

The dialog shows `storage.customer_details.merge_preview` and merges through
`services.customers.merge_customers`; whoever opened it pushes the undo (`DuplicatesDialog`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services import customers
from crm_desktop.storage.changes import Changes
from crm_desktop.storage.customer_details import merge_preview
from crm_desktop.storage.importing.fields import FIELDS
from crm_desktop.storage.merge import COMBINABLE
from crm_desktop.ui.data.data_common import DatabaseOrContext, services
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP, named, translate
from crm_desktop.ui.theme import style_item_view

_LABELS = {spec.name: spec.label for spec in FIELDS["customers"]}
_LABELS.update(company_id=QT_TRANSLATE_NOOP("fields", "Company"),
               email=QT_TRANSLATE_NOOP("fields", "Email"),
               phone=QT_TRANSLATE_NOOP("fields", "Phone"), kind=QT_TRANSLATE_NOOP("fields", "Kind"))


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


class MergeDialog(QDialog):
    """`MergeDialog(database_or_context, survivor_id, loser_id)`; after OK, `merge_id` and
    `changes` (what the merge changed)."""

    def __init__(self, database: DatabaseOrContext, survivor_id: int, loser_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge customers"))
        self.services = services(database, self)
        self.survivor_id, self.loser_id = survivor_id, loser_id
        self.merge_id: int | None = None
        self.changes = Changes()
        self.choices: dict[str, str] = {}
        self._groups: dict[str, QButtonGroup] = {}
        self.heading = named(QLabel(), "mergeHeading")
        self.heading.setWordWrap(True)
        self.table = named(QTableWidget(0, 4), "mergeTable")
        style_item_view(self.table)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Keep"), self.tr("Take from the other"),
             self.tr("Both")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch)
        self.moves = named(QLabel(), "mergeMoves")
        self.moves.setWordWrap(True)
        swap = named(QPushButton(self.tr("Swap: keep the other one")), "swapButton")
        swap.clicked.connect(self.swap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.moves)
        layout.addWidget(swap, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self.resize(760, 560)
        self._load()

    def _load(self) -> None:
        preview = merge_preview(self.services.database, self.survivor_id, self.loser_id)
        rows = preview.choices
        self.heading.setText(self.tr(
            "Keep “{0}” (#{1}) and merge “{2}” (#{3}) into it; “{2}” goes to the trash. "
            "You can undo this.").format(preview.survivor_name, self.survivor_id,
                                         preview.loser_name, self.loser_id))
        moving = [f"{count} {table.replace('_', ' ')}" for table, count in preview.moving]
        self.moves.setText(self.tr("Moved to the kept customer: {0}.").format(
            ", ".join(moving)) if moving else self.tr("The other customer has no records."))
        shown = [r for r in rows if r.field == "name" or _text(r.survivor) != _text(r.loser)]
        self.table.setRowCount(len(shown))
        self._groups = {}
        for index, row in enumerate(shown):
            label = QTableWidgetItem(translate("fields", _LABELS.get(row.field, row.field)))
            label.setData(Qt.ItemDataRole.UserRole, row.field)
            self.table.setItem(index, 0, label)
            group = QButtonGroup(self.table)
            for column, pick, value in ((1, "survivor", row.survivor), (2, "loser", row.loser),
                                        (3, "both", None)):
                if pick == "both" and row.field not in COMBINABLE:
                    continue
                button = QRadioButton(_text(value) if pick != "both" else self.tr("both"))
                button.setProperty("pick", pick)
                group.addButton(button)
                self.table.setCellWidget(index, column, button)
                if pick == row.default:
                    button.setChecked(True)
            self._groups[row.field] = group
        self.table.resizeColumnToContents(0)

    def choice(self, field: str) -> str:
        group = self._groups.get(field)
        checked = group.checkedButton() if group is not None else None
        return str(checked.property("pick")) if checked is not None else "survivor"

    def set_choice(self, field: str, pick: str) -> None:
        group = self._groups[field]
        for button in group.buttons():
            if button.property("pick") == pick:
                button.setChecked(True)

    def swap(self) -> None:
        self.survivor_id, self.loser_id = self.loser_id, self.survivor_id
        self._load()

    def accept(self) -> None:
        self.choices = {field: self.choice(field) for field in self._groups}
        try:
            outcome = customers.merge_customers(self.services.database, self.survivor_id,
                                                self.loser_id, self.choices)
        except Exception as error:
            show_error(self, error)
            return
        self.merge_id, self.changes = outcome.value, outcome.changes
        super().accept()
