"""The custom fields of a customer: a two-column table (field, value) with the fields every
customer is offered listed first, and a button to add a field.

    editor = CustomFieldsEditor(("Shoe size", "Vegan"), {"Shoe size": "38"})
    editor.values()   # {"Shoe size": "38", "Vegan": ""}  (services drop the empty ones)

The names and values are read as typed; `services.customer_fields` checks them (a value
without a name, a name twice, lengths) and the dialog shows the reason under the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui.theme import style_item_view


class CustomFieldsEditor(QWidget):
    def __init__(self, offered: Sequence[str] = (), values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        style_item_view(self.table)
        self.table.setObjectName("customFieldsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setMinimumHeight(140)
        current = dict(values or {})
        self._original = dict(current)  # numbers and yes/no values stay so when not edited
        folded = {key.casefold() for key in current}
        for key in offered:
            if key.casefold() not in folded:
                current.setdefault(key, "")
        for key, value in current.items():
            self.add_row(key, "" if value is None else _shown(value))
        add = QPushButton(self.tr("Add field"), self)
        add.setObjectName("addCustomField")
        add.clicked.connect(self._add_clicked)
        remove = QPushButton(self.tr("Remove field"), self)
        remove.setObjectName("removeCustomField")
        remove.clicked.connect(self._remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, key: str = "", value: str = "") -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(key))
        self.table.setItem(row, 1, QTableWidgetItem(value))
        return row

    def _add_clicked(self) -> None:
        row = self.add_row()
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def _remove_clicked(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def values(self) -> dict[str, Any]:
        """Every row as typed (names and values trimmed by the service); a value not edited
        keeps its type (a number or yes/no from an import)."""
        found: dict[str, Any] = {}
        for row in range(self.table.rowCount()):
            key, value = self.table.item(row, 0), self.table.item(row, 1)
            name = key.text() if key is not None else ""
            text = value.text() if value is not None else ""
            if not name.strip() and not text.strip():
                continue
            original = self._original.get(name)
            if original is not None and _shown(original) == text:
                found[name] = original
                continue
            found[name if name not in found else f"{name} "] = text  # the service names a twin
        return found


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
