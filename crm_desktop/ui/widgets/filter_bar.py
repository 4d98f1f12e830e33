"""The filter bar above a record list: search text, field filters and saved filters.

Saved filters are `Segment` rows (services.campaigns.save_filter) of the list's entity, so a
campaign can target the same filter. `changed` fires ~200 ms after the user stops typing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QToolButton,
    QWidget,
)

from crm_desktop.ui.widgets.elided_label import ElidedLabel

if TYPE_CHECKING:
    from crm_desktop.storage.campaign_details import SavedFilter
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.query_filter import Filter
    from crm_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

_DEBOUNCE_MS = 200


@dataclass(frozen=True)
class FilterField:
    """A drop-down filter: `choices` are (label, value); "All" (no filter) is added first."""

    key: str  # a column key of the TableSpec or a field of the model
    title: str
    choices: tuple[tuple[str, Any], ...]
    op: str = "eq"


def _saved_filters(database: Database, entity: str) -> list[SavedFilter]:
    # Imported here: the start page's filter bar must not load SQLAlchemy before it shows.
    from crm_desktop.storage.campaign_details import saved_filters

    return saved_filters(database, entity)


def shrinkable(combo: QComboBox, characters: int = 8) -> QComboBox:
    """A drop-down that asks for room for `characters` characters, not for its longest item
    (the choice shown is cut with "…" on a narrow window; the list opens wide enough)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


class FilterBar(QWidget):
    changed = Signal()
    savedLoaded = Signal()  # noqa: N815 - the saved filters drop-down was (re)filled

    def __init__(self, context: AppContext, entity: str, fields: Sequence[FilterField] = (),
                 name: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.entity = entity
        self.fields = tuple(fields)
        name = name or f"{entity}Filter"
        self.setObjectName(name)
        self.setAccessibleName(name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName(f"{name}Text")
        self.search_edit.setAccessibleName(self.tr("Filter text"))
        self.search_edit.setPlaceholderText(self.tr("Filter…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(120)
        layout.addWidget(self.search_edit, 2)
        self.combos: dict[str, QComboBox] = {}
        for flt in self.fields:
            combo = QComboBox(self)
            combo.setObjectName(f"{name}_{flt.key}")
            combo.setAccessibleName(flt.title)
            combo.setToolTip(flt.title)
            combo.addItem(self.tr("{0}: all").format(flt.title), None)
            for label, value in flt.choices:
                combo.addItem(label, value)
            shrinkable(combo)
            combo.currentIndexChanged.connect(self._emit_now)
            self.combos[flt.key] = combo
            layout.addWidget(combo)
        self.saved = QComboBox(self)
        self.saved.setObjectName(f"{name}Saved")
        self.saved.setAccessibleName(self.tr("Saved filters"))
        self.saved.setToolTip(self.tr("Saved filters"))
        shrinkable(self.saved)
        self.saved.activated.connect(self._apply_saved)
        layout.addWidget(self.saved)
        self.save_button = QToolButton(self)
        self.save_button.setObjectName(f"{name}Save")
        self.save_button.setText(self.tr("Save filter…"))
        self.save_button.setToolTip(self.tr("Save the current filter under a name"))
        self.save_button.clicked.connect(self.ask_save)
        layout.addWidget(self.save_button)
        self.delete_button = QToolButton(self)
        self.delete_button.setObjectName(f"{name}DeleteSaved")
        self.delete_button.setText("✕")
        self.delete_button.setAccessibleName(self.tr("Delete saved filter"))
        self.delete_button.setToolTip(self.tr("Delete the selected saved filter"))
        self.delete_button.clicked.connect(self.delete_saved)
        layout.addWidget(self.delete_button)
        # The count gives way first on a narrow window (cut, whole in its tooltip).
        self.count_label = ElidedLabel("", self)
        self.count_label.setObjectName(f"{name}Count")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setMinimumWidth(60)
        layout.addWidget(self.count_label, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.search_edit.returnPressed.connect(self._emit_now)
        self._dialog: QInputDialog | None = None
        self._select_after_load: str | None = None
        self.saved.addItem(self.tr("Saved filters…"), None)
        self.delete_button.setEnabled(False)
        context.changed.connect(self._entity_changed)
        # Not urgent: after the list's first rows (and, at start-up, the database) are in.
        QTimer.singleShot(500, self, self.reload_saved)

    def _entity_changed(self, entity: str) -> None:
        if entity == "segments":
            self.reload_saved()

    # State ---------------------------------------------------------------------------------
    def text(self) -> str:
        return self.search_edit.text().strip()

    def filters(self) -> list[Filter]:
        from crm_desktop.storage.query_filter import Filter

        result = []
        for flt in self.fields:
            value = self.combos[flt.key].currentData()
            if value is not None:
                result.append(Filter(flt.key, flt.op, value))
        return result

    def set_state(self, filters: Sequence[Filter | Sequence[Any]], text: str) -> None:
        """Show a filter (e.g. a saved one); fields the bar has no drop-down for are ignored."""
        from crm_desktop.storage.query_filter import Filter

        parsed = [Filter.parse(f) for f in filters]
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            for flt in parsed:
                if flt.field == key:
                    found = combo.findData(flt.value)
                    if found >= 0:
                        combo.setCurrentIndex(found)
            combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.setText(text)
        self.search_edit.blockSignals(False)
        self._emit_now()

    def set_count_text(self, text: str) -> None:
        self.count_label.setText(text)

    def _emit_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    # Saved filters ---------------------------------------------------------------------------
    def reload_saved(self) -> None:
        """Load the saved filters of this entity (in the background)."""
        self.context.runner.run(_saved_filters, self.context.database, self.entity, owner=self,
                                key="saved", description=self.tr("Loading saved filters"),
                                on_finished=self._show_saved, on_failed=lambda _e: None)

    def _show_saved(self, rows: list[SavedFilter]) -> None:
        current = self.saved.currentText() if self.saved.currentIndex() > 0 else None
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem(self.tr("Saved filters…"), None)
        for row in rows:
            self.saved.addItem(row.name, (row.id, dict(row.rules)))
        if current is not None and self.saved.findText(current) > 0:
            self.saved.setCurrentIndex(self.saved.findText(current))
        self.saved.blockSignals(False)
        self.delete_button.setEnabled(bool(rows))
        if self._select_after_load and self.saved.findText(self._select_after_load) > 0:
            self.saved.setCurrentIndex(self.saved.findText(self._select_after_load))
        self._select_after_load = None
        self.savedLoaded.emit()

    def _apply_saved(self, index: int) -> None:
        data = self.saved.itemData(index)
        if not data:
            return
        _row_id, rules = data
        self.set_state(rules.get("filters", []), rules.get("text", ""))

    def ask_save(self) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("saveFilterDialog")
        dialog.setWindowTitle(self.tr("Save filter"))
        dialog.setLabelText(self.tr("Name of the saved filter:"))
        dialog.textValueSelected.connect(self.save_as)
        self._dialog = dialog
        dialog.open()

    def save_as(self, name: str) -> None:
        """Save the current filter under `name` (undo moves it to the trash)."""
        from crm_desktop.services import campaigns
        from crm_desktop.ui.errors import show_error
        from crm_desktop.ui.undo import push_created

        name = name.strip()
        if not name:
            return
        try:
            outcome = campaigns.save_filter(self.context.database, name, self.entity,
                                            self.filters(), self.text())
        except Exception as error:
            show_error(self, error)
            return
        self._select_after_load = name
        push_created(self.context, "segments", outcome.value,
                     self.tr("Save filter {0}").format(name), outcome.changes)

    def delete_saved(self) -> None:
        from crm_desktop.ui.undo import push_trash

        data = self.saved.currentData()
        if not data:
            return
        push_trash(self.context, "segments", [data[0]],
                         self.tr("Delete saved filter {0}").format(self.saved.currentText()))
        self.reload_saved()
