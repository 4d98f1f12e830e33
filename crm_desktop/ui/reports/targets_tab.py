"""The targets tab: every target of a period with its progress (won so far, pace, the weighted
open pipeline beside it), and new / edit / delete, each undoable (Ctrl+Z).

Progress is `services.targets.progress` in a worker: it weighs the open pipeline as the sales
forecast does (the win-probability model when it is good enough), which takes seconds on a
large database.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services import records, targets
from crm_desktop.services.targets import ProgressReport, TargetProgress
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.targets import target_row
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.pages.page_tools import open_form
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.reports.rows_model import RowsModel
from crm_desktop.ui.reports.target_dialog import TargetDialog, period_choices
from crm_desktop.ui.reports.target_views import owner_text, progress_columns
from crm_desktop.ui.theme import style_item_view
from crm_desktop.ui.undo import push_command, push_done

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext

NOW = ""  # the period combo's data for "the targets running today"


class TargetsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.report: ProgressReport | None = None
        self.period = named(QComboBox(), "targetPeriod")
        self.period.setAccessibleName(self.tr("Period"))
        self.period.addItem(self.tr("Running now"), NOW)
        for choice in period_choices(date.today()):
            self.period.addItem(choice.label, choice.label)
        self.period.currentIndexChanged.connect(self.refresh)
        self.basis = named(QComboBox(), "targetBasis")
        self.basis.setAccessibleName(self.tr("Count as sold"))
        self.basis.addItem(self.tr("Won deals"), "deals")
        self.basis.addItem(self.tr("Paid orders"), "orders")
        self.basis.currentIndexChanged.connect(self.refresh)
        self.new_button = self._button("newTargetButton", self.tr("&New target…"),
                                       self.new_target)
        self.edit_button = self._button("editTargetButton", self.tr("&Edit…"),
                                        self.edit_selected)
        self.delete_button = self._button("deleteTargetButton", self.tr("&Delete"),
                                          self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period:")))
        bar.addWidget(self.period)
        bar.addWidget(QLabel(self.tr("Sold means:")))
        bar.addWidget(self.basis)
        bar.addStretch(1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        self.model = RowsModel(progress_columns(), self)
        self.table = named(QTableView(), "targetTable")
        style_item_view(self.table)
        self.table.setAccessibleName(self.tr("Sales targets and their progress"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.
                                                           ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.status = named(QLabel(), "targetStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self._selection_changed()

    def _button(self, name: str, text: str, slot: Any) -> QPushButton:
        button = named(QPushButton(text), name)
        button.setAccessibleName(text.replace("&", "").replace("…", ""))
        button.clicked.connect(slot)
        return button

    # Loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.status.setText(self.tr("Measuring progress…"))
        self.context.runner.run(
            targets.progress, self.context.database, None, self.period.currentData() or None,
            basis=self.basis.currentData(), weights="model", owner=self, key="progress",
            description=self.tr("Measuring sales targets"), on_finished=self._show,
            on_failed=self._failed,
            on_progress=lambda f, m: self.status.setText(
                self.tr("Measuring progress… %1%").replace("%1", f"{100 * f:.0f}")))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("Could not measure the progress: %1").replace(
            "%1", str(error)))
        show_error(self, error)

    def _show(self, report: ProgressReport) -> None:
        self.report = report
        self.model.set_rows(report.rows)
        self._selection_changed()
        if not report.rows:
            self.status.setText(self.tr(
                "No targets for this period yet. Set one with “New target…”: an amount to "
                "reach per month or quarter, for a salesperson or the whole business."))
            return
        weighted_by = str(report.weights.get("weights", ""))
        self.status.setText(self.tr(
            "%n target(s). The weighted pipeline counts open deals expected to close by the "
            "period's end, weighted by %1.", "", len(report.rows)).replace(
            "%1", self.tr("the win-probability model") if "model" in weighted_by
            else self.tr("each stage's probability")))

    # Selection -------------------------------------------------------------------------------
    def selected(self) -> TargetProgress | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: Any) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # Writes ---------------------------------------------------------------------------------
    def new_target(self) -> None:
        dialog = TargetDialog(self.context.database, parent=self)
        open_form(self, dialog, self._created)

    def _created(self, dialog: Any) -> None:
        database, target_id = self.context.database, dialog.saved_id
        push_done(self.context, self.tr("New sales target"),
                  lambda: records.restore(database, "sales_targets", [target_id]),
                  lambda: records.trash(database, "sales_targets", [target_id]),
                  dialog.changes)

    def edit_selected(self) -> None:
        chosen = self.selected()
        target = target_row(self.context.database, chosen.target_id) if chosen else None
        if target is None:
            return
        dialog = TargetDialog(self.context.database, target, parent=self)
        open_form(self, dialog, self._edited)

    def _edited(self, dialog: Any) -> None:
        edit = dialog.edit
        if edit is None or not edit.changed:
            return
        database, target_id = self.context.database, edit.id
        push_done(self.context, self.tr("Edit sales target"),
                  lambda: records.update_fields(database, "sales_targets", target_id,
                                                dict(edit.after)),
                  lambda: records.update_fields(database, "sales_targets", target_id,
                                                dict(edit.before)),
                  dialog.changes)

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        database, target_id = self.context.database, chosen.target_id
        text = self.tr("Delete the target of %1 for %2").replace(
            "%1", owner_text(chosen.owner)).replace("%2", chosen.period.label)
        try:
            push_command(self.context, text,
                         lambda: targets.delete_target(database, target_id),
                         lambda: records.restore(database, "sales_targets", [target_id]))
        except StorageError as error:
            show_error(self, error)

    def shutdown(self) -> None:
        self.context.runner.shutdown(owner=self)
