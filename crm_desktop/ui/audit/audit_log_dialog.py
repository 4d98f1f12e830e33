"""The audit log dialog: every recorded change, newest first, filtered by record kind, user,
date range and text, exported to CSV; the selected entry's old and new values in full below.

The list is the storage list `audit_list()` in a lazy `SqlTableModel` (pages of 200 rows
fetched in a worker), so a log of millions of entries opens at once. It also shows who new
entries are recorded as, and changes that name (`services.audit.set_actor`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.audit import identity, set_actor
from crm_desktop.storage.audit_log import entry_actors, entry_kinds, export_csv
from crm_desktop.storage.lists.audit import AuditQuery, audit_list
from crm_desktop.ui.audit.audit_text import action_label, kind_label, short_value
from crm_desktop.ui.item_models import ROW_ROLE, ColumnSpec, SqlTableModel, TableSpec
from crm_desktop.ui.theme import spin_box_look, style_item_view
from crm_desktop.ui.widgets.display import moment, to_utc

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database
    from crm_desktop.ui.context import AppContext

_NO_DATE = QDate(2000, 1, 1)  # the date edits' "any" value


class AuditLogDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 entity: str | None = None, entity_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogDialog")
        self.setWindowTitle(self.tr("Audit log"))
        self.context = context
        # Opened from a record: its id applies while its kind is the one chosen.
        self.record = (entity, entity_id) if entity and entity_id is not None else None
        self.resize(980, 600)
        self.model = SqlTableModel(context.database, self._spec(), context.runner, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters(entity))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._table())
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("auditDetails")
        self.details.setAccessibleName(self.tr("The selected entry in full"))
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Select an entry to see its values in full."))
        splitter.addWidget(self.details)
        splitter.setSizes([420, 110])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._footer())
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filters)
        self.model.totalChanged.connect(self._show_total)
        context.changed.connect(self._changed)
        self._load_choices()
        self.apply_filters()

    # Building ----------------------------------------------------------------------------------
    def _spec(self) -> TableSpec:
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return TableSpec(audit_list(), (
            ColumnSpec("at", self.tr("When"), moment, width=126),
            ColumnSpec("actor", self.tr("Who"), width=90),
            ColumnSpec("machine", self.tr("Computer"), width=90),
            ColumnSpec("entity", self.tr("Record"), kind_label, width=100),
            ColumnSpec("entity_id", self.tr("Id"), str, left, width=56),
            ColumnSpec("action", self.tr("Action"), action_label, width=96),
            ColumnSpec("field", self.tr("Field"), width=90),
            ColumnSpec("old_value", self.tr("Old value"), short_value, width=150),
            ColumnSpec("new_value", self.tr("New value"), short_value, width=150),
        ))

    def _filters(self, entity: str | None) -> QHBoxLayout:
        row = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("auditKindFilter")
        self.kind.setAccessibleName(self.tr("Kind of record"))
        self.kind.addItem(self.tr("All records"), None)
        if entity:
            self.kind.addItem(kind_label(entity), entity)
            self.kind.setCurrentIndex(1)
        self.actor = QComboBox(self)
        self.actor.setObjectName("auditActorFilter")
        self.actor.setAccessibleName(self.tr("User"))
        self.actor.addItem(self.tr("All users"), None)
        self.since = self._date_edit("auditSince", self.tr("From day"))
        self.until = self._date_edit("auditUntil", self.tr("To day"))
        self.search = QLineEdit(self)
        self.search.setObjectName("auditSearch")
        self.search.setPlaceholderText(self.tr("Search values…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search in fields, values and users"))
        for combo in (self.kind, self.actor):
            combo.currentIndexChanged.connect(self.apply_filters)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        row.addWidget(self.kind)
        row.addWidget(self.actor)
        row.addWidget(QLabel(self.tr("From"), self))
        row.addWidget(self.since)
        row.addWidget(QLabel(self.tr("to"), self))
        row.addWidget(self.until)
        row.addWidget(self.search, 1)
        return row

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = spin_box_look(QDateEdit(self))
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(self.tr("any day"))
        edit.setDate(_NO_DATE)
        return edit

    def _table(self) -> QTableView:
        self.table = QTableView(self)
        style_item_view(self.table)
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName(self.tr("Audit entries"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setStretchLastSection(True)
        for index, column in enumerate(self.model.spec.columns):
            if column.width:
                self.table.setColumnWidth(index, column.width)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        return self.table

    def _footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.total = QLabel(self)
        self.total.setObjectName("auditTotal")
        row.addWidget(self.total)
        self.identity = QLabel(self)
        self.identity.setObjectName("auditIdentity")
        row.addWidget(self.identity, 1)
        rename = QPushButton(self.tr("Change my name…"), self)
        rename.setObjectName("auditRenameButton")
        rename.setToolTip(self.tr("The name new changes are recorded under"))
        rename.clicked.connect(self.change_name)
        row.addWidget(rename)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("auditExportButton")
        self.export_button.setToolTip(self.tr("Save the entries shown (all pages) as CSV"))
        self.export_button.clicked.connect(self.choose_export)
        row.addWidget(self.export_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        return row

    # Filters -----------------------------------------------------------------------------------
    def _load_choices(self) -> None:
        def both(database: Database) -> tuple[list[str], list[str], tuple[str, str]]:
            return entry_kinds(database), entry_actors(database), identity(database)

        self.context.runner.run(both, self.context.database, owner=self, key="choices",
                                description=self.tr("Loading the audit log"),
                                on_finished=self._choices_loaded)

    def _choices_loaded(self, loaded: tuple[list[str], list[str], tuple[str, str]]) -> None:
        kinds, actors, (actor, machine) = loaded
        for combo, values, label in ((self.kind, kinds, kind_label),
                                     (self.actor, actors, str)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(label(value), value)
            found = combo.findData(current)
            if current is not None and found < 0:
                combo.addItem(label(current), current)
                found = combo.count() - 1
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
        self.identity.setText(self.tr("New changes are recorded as {0} on {1}.")
                              .format(actor, machine))

    def query(self) -> AuditQuery:
        """What the filters select (days are the user's local days)."""
        return AuditQuery(
            entity=self.kind.currentData(),
            entity_id=self.record[1] if self.record and self.kind.currentData() == self.record[0]
            else None,
            actor=self.actor.currentData(), since=self._day_start(self.since, 0),
            until=self._day_start(self.until, 1), text=self.search.text())

    @staticmethod
    def _day_start(edit: QDateEdit, days_after: int) -> datetime | None:
        if edit.date() == _NO_DATE:
            return None
        chosen: date = edit.date().toPython()  # type: ignore[assignment]
        day = chosen + timedelta(days=days_after)
        return to_utc(datetime.combine(day, time()))

    def apply_filters(self) -> None:
        query = self.query()
        list_query = query.list_query()
        self.model.setQuery(list_query.filters, list_query.search)
        self.details.clear()

    def _show_total(self, total: object) -> None:
        self.total.setText(self.tr("%n entries", "", int(total)))  # type: ignore[call-overload]

    def _changed(self, _entity: str) -> None:
        self.model.refresh()  # every write adds entries

    def _show_details(self, current: Any, _previous: Any = None) -> None:
        row = self.model.data(self.model.index(current.row(), 0), ROW_ROLE) \
            if current.isValid() else None
        if row is None:
            self.details.clear()
            return
        lines = [
            self.tr("{0} · {1} on {2} · {3} {4} · {5}").format(
                moment(row.at), row.actor or "?", row.machine or "?", kind_label(row.entity),
                row.entity_id, action_label(row.action)),
            self.tr("Field: {0}").format(row.field or "—"),
            self.tr("Old value: {0}").format("∅" if row.old_value is None else row.old_value),
            self.tr("New value: {0}").format("∅" if row.new_value is None else row.new_value),
        ]
        self.details.setPlainText("\n".join(lines))

    # Actions -----------------------------------------------------------------------------------
    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit log"),
                                              "audit-log.csv", self.tr("CSV files (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the entries the filters select to `path` in a worker."""
        from crm_desktop.ui.errors import show_error

        self.export_button.setEnabled(False)

        def exported(count: int) -> None:
            self.export_button.setEnabled(True)
            self.total.setText(self.tr("Exported %n entries", "", count))

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            show_error(self, error)

        self.context.runner.run(export_csv, self.context.database, self.query(), path,
                                owner=self, key="export",
                                description=self.tr("Exporting the audit log"),
                                on_finished=exported, on_failed=failed)

    def change_name(self) -> None:
        from crm_desktop.ui.errors import show_error

        current, _machine = identity(self.context.database)
        name, ok = QInputDialog.getText(
            self, self.tr("Your name"),
            self.tr("Changes you make are recorded in the audit log under this name:"),
            QLineEdit.EchoMode.Normal, current)
        if not ok or name.strip() == current:
            return
        try:
            outcome = set_actor(self.context.database, name)
        except Exception as error:
            show_error(self, error)
            return
        self.context.apply(outcome.changes)
        self._load_choices()

    def done(self, result: int) -> None:
        self.context.runner.cancel(self, "choices")
        self.model.shutdown()
        super().done(result)


def open_audit_log(context: AppContext, parent: QWidget | None = None,
                   entity: str | None = None, entity_id: int | None = None) -> AuditLogDialog:
    dialog = AuditLogDialog(context, parent, entity, entity_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
