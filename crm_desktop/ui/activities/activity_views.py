"""The activities page's pieces: the interaction log spec, the due-task table, the reminder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.models import INTERACTION_KINDS
from crm_desktop.storage.lists.activities import interaction_list
from crm_desktop.storage.queues import DueCounts, TaskRow
from crm_desktop.ui.dialogs.choices import label
from crm_desktop.ui.item_models import ColumnSpec, TableSpec
from crm_desktop.ui.qt_typed import named, translate
from crm_desktop.ui.steps import next_step
from crm_desktop.ui.theme import tones
from crm_desktop.ui.widgets.display import moment
from crm_desktop.ui.widgets.filter_bar import FilterField
from crm_desktop.ui.widgets.record_list import list_table_look

TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def interaction_spec() -> TableSpec:
    return TableSpec(
        interaction_list(),
        (
            ColumnSpec("occurred_at", translate("ActivitiesPage", "When"), moment, width=130),
            ColumnSpec("kind", translate("ActivitiesPage", "Kind"), label, width=70),
            ColumnSpec("subject", translate("ActivitiesPage", "Subject"), width=260),
            ColumnSpec("customer", translate("ActivitiesPage", "Customer"), width=150),
            ColumnSpec("due_at", translate("ActivitiesPage", "Due"), moment, width=130),
            ColumnSpec("done", translate("ActivitiesPage", "Done"), lambda v: "✓" if v else "", Qt.AlignmentFlag.AlignCenter, width=45),
            ColumnSpec("outcome", translate("ActivitiesPage", "Outcome"), width=140),
            ColumnSpec("owner", translate("ActivitiesPage", "Owner"), width=90),
        ),
    )


def filter_fields() -> list[FilterField]:
    return [
        FilterField("kind", translate("ActivitiesPage", "Kind"), tuple((label(k), k) for k in INTERACTION_KINDS)),
        FilterField("done", translate("ActivitiesPage", "Done"), ((translate("ActivitiesPage", "Open"), False), (translate("ActivitiesPage", "Done"), True))),
    ]


FIRST_ROWS = 40  # due tasks shown at once; the others in steps of the event loop
ROWS_PER_STEP = 60


class DueTaskTable(QTableWidget):
    """Tasks due today and overdue (overdue in red), at most a few hundred rows.
    Ctrl+D (or Ctrl+Enter) asks to mark the selected tasks done."""

    doneRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("dueTasks")
        self.setAccessibleName(translate("ActivitiesPage", "Tasks due today and overdue"))
        self.setHorizontalHeaderLabels([translate("ActivitiesPage", "Due"), translate("ActivitiesPage", "Subject"), translate("ActivitiesPage", "Customer"), translate("ActivitiesPage", "Owner")])
        list_table_look(self)
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 200), (2, 180), (3, 110)):
            self.setColumnWidth(column, width)
        self.rows: list[TaskRow] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.key() in (Qt.Key.Key_D, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.doneRequested.emit()
            return
        super().keyPressEvent(event)

    def set_rows(self, rows: list[TaskRow]) -> None:
        """Show ``rows``: the first FIRST_ROWS at once (what the window has room for), the
        others ROWS_PER_STEP per step of the event loop (a few hundred rows of items in one
        step held the window 40-90 ms on first opening the page)."""
        selected = set(self.selected_ids())
        self.rows = rows
        self.setRowCount(len(rows))
        self._fill(rows, selected, 0, FIRST_ROWS)

    def _fill(self, rows: list[TaskRow], selected: set[int], start: int, count: int) -> None:
        if rows is not self.rows:
            return  # newer rows were set meanwhile
        end = min(start + count, len(rows))
        overdue = tones(self.palette())
        for r in range(start, end):
            task = rows[r]
            due = translate("ActivitiesPage", "{0}  (overdue)").format(moment(task.due_at)) \
                if task.overdue else moment(task.due_at)
            for c, text in enumerate((due, task.subject, task.customer_name, task.owner or "")):
                item = QTableWidgetItem(text)
                item.setData(TASK_ID_ROLE, task.id)
                if task.overdue:
                    item.setBackground(QColor(overdue.danger_bg))
                    item.setForeground(QColor(overdue.danger))
                self.setItem(r, c, item)
            if task.id in selected:
                self.selectRow(r)
        if end < len(rows):
            next_step(self, lambda: self._fill(rows, selected, end, ROWS_PER_STEP))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectedIndexes()})
        return [self.rows[r].id for r in rows if r < len(self.rows)]

    def current_task(self) -> TaskRow | None:
        row = self.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, task_id: int) -> int:
        return next((i for i, t in enumerate(self.rows) if t.id == task_id), -1)


def reminder_text(counts: DueCounts) -> str:
    parts = []
    if counts.today:
        parts.append(translate("ActivitiesPage", "%1 due today").replace("%1", str(counts.today)))
    if counts.overdue:
        parts.append(translate("ActivitiesPage", "%1 overdue").replace("%1", str(counts.overdue)))
    return translate("ActivitiesPage", "You have tasks waiting: %1.").replace("%1", ", ".join(parts))


class TaskReminder(QDialog):
    """A small non-modal window: how many tasks are due, a button to go to them."""

    def __init__(self, counts: DueCounts, open_activities: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskReminder")
        self.setAccessibleName(translate("ActivitiesPage", "Task reminder"))
        self.setWindowTitle(translate("ActivitiesPage", "Tasks due"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.counts = counts
        title = named(QLabel(translate("ActivitiesPage", "Tasks and follow-ups")), "reminderTitle")
        title.setStyleSheet("font-size: 14px; font-weight: bold;")
        text = named(QLabel(reminder_text(counts)), "reminderText")
        text.setWordWrap(True)
        self.setMinimumWidth(340)
        if counts.overdue:
            text.setStyleSheet(f"color: {tones().danger};")
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(translate("ActivitiesPage", "&Open activities"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("openActivitiesButton")
        later = buttons.addButton(translate("ActivitiesPage", "&Later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("laterButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.accepted.connect(open_activities)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.open_button.setDefault(True)
