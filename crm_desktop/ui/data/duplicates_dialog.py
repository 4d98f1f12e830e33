"""Find likely duplicate customers and merge them (each merge can be undone).

Finding runs `services.duplicates.find_duplicates` in a worker; a merge and its undo are
`services.customers.merge_customers` / `unmerge`, and the views refresh from what they changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services import customers
from crm_desktop.services.duplicates import DEFAULT_THRESHOLD, DuplicatePair, find_duplicates
from crm_desktop.services.outcome import Outcome
from crm_desktop.ui.data.data_common import DatabaseOrContext, services
from crm_desktop.ui.data.merge_dialog import MergeDialog
from crm_desktop.ui.errors import describe, show_error
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import spin_box_look, style_item_view

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext


class DuplicatesDialog(QDialog):
    """`DuplicatesDialog(database_or_context, undo_stack=None, parent=None)`."""

    def __init__(self, database: DatabaseOrContext, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("Duplicate customers"))
        self.services = services(database, self)
        self.undo_stack = undo_stack if undo_stack is not None else self.services.undo_stack
        self.pairs: list[DuplicatePair] = []
        self.merges: list[int] = []
        self._undo_last: Callable[[], Any] = lambda: None
        self.threshold = named(spin_box_look(QDoubleSpinBox()), "thresholdSpin")
        self.threshold.setRange(0.5, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        find = named(QPushButton(self.tr("Find")), "findButton")
        find.clicked.connect(self.find)
        self.status = named(QLabel(), "duplicatesStatus")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("At least this alike:")))
        top.addWidget(self.threshold)
        top.addWidget(find)
        top.addWidget(self.status, 1)
        self.table = named(QTableWidget(0, 4), "pairsTable")
        style_item_view(self.table)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Score"), self.tr("Customer"), self.tr("Probably the same as"),
             self.tr("Why")])
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _index: self.merge_selected())
        self.merge_button = named(QPushButton(self.tr("Merge…")), "mergeButton")
        self.merge_button.clicked.connect(self.merge_selected)
        self.undo_button = named(QPushButton(self.tr("Undo last merge")), "undoMerge")
        self.undo_button.clicked.connect(self.undo_last)
        self.undo_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def search(self) -> None:
        self.status.setText(self.tr("Comparing customers…"))
        self.services.runner.run(
            find_duplicates, self.services.database, self.threshold.value(), owner=self,
            key="find", description=self.tr("Find duplicates"), on_finished=self._show,
            on_failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(describe(error))
        show_error(self, error)

    def _show(self, pairs: list[DuplicatePair]) -> None:
        self.pairs = list(pairs)
        self.status.setText(self.tr("%n pair(s) found.", "", len(self.pairs)))
        self.table.setRowCount(len(self.pairs))
        for row, pair in enumerate(self.pairs):
            score = QTableWidgetItem(f"{pair.score:.0%}")
            score.setData(Qt.ItemDataRole.UserRole, row)
            self.table.setItem(row, 0, score)
            self.table.setItem(row, 1, QTableWidgetItem(f"{pair.a_name} (#{pair.a})"))
            self.table.setItem(row, 2, QTableWidgetItem(f"{pair.b_name} (#{pair.b})"))
            self.table.setItem(row, 3, QTableWidgetItem(", ".join(pair.reasons)))
        if self.pairs:
            self.table.selectRow(0)

    def merge_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        pair = self.pairs[rows[0].row()]
        dialog = MergeDialog(self.services.context or self.services.database, pair.a, pair.b,
                             self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record_merge(dialog)

    def record_merge(self, dialog: MergeDialog) -> None:
        """Remember a finished merge: on the undo stack (Ctrl+Z) and for 'Undo last merge'."""
        assert dialog.merge_id is not None
        state = {"merge_id": dialog.merge_id}
        survivor, loser, choices = dialog.survivor_id, dialog.loser_id, dict(dialog.choices)
        database = self.services.database

        def redo() -> Outcome[int]:
            outcome = customers.merge_customers(database, survivor, loser, choices)
            state["merge_id"] = outcome.value
            return outcome

        def undo() -> Outcome[tuple[int, int]]:
            return customers.unmerge(database, state["merge_id"])

        self.merges.append(dialog.merge_id)
        self.pairs = [p for p in self.pairs if loser not in (p.a, p.b)]
        self._show(self.pairs)
        self.undo_button.setEnabled(True)
        context = self.services.context
        if context is not None and self.undo_stack is not None:
            from crm_desktop.ui.undo import CallbackCommand

            self.undo_stack.push(CallbackCommand(context, self.tr("Merge customers"), redo,
                                                 undo, already_done=True))
            self._undo_last = self.undo_stack.undo  # the command refreshes the views itself
        else:
            self._undo_last = lambda: self.services.apply(undo().changes)
        self.services.apply(dialog.changes)

    def undo_last(self) -> None:
        try:
            self._undo_last()
        except Exception as error:
            show_error(self, error)
            return
        self.undo_button.setEnabled(False)
        self.search()

    def done(self, result: int) -> None:
        self.services.runner.cancel(owner=self)
        self.services.runner.wait(owner=self, timeout_ms=30_000)
        super().done(result)


def open_dialog(context: AppContext, parent: QWidget | None = None) -> DuplicatesDialog:
    dialog = DuplicatesDialog(context, context.undo_stack, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.search()
    return dialog
