"""`RecordHistory`: the audit history of one record (when, who, what changed from what to
what), newest first, read in a worker by `storage.audit_log.record_history`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from crm_desktop.ui.audit.audit_text import action_label, change_text, kind_label
from crm_desktop.ui.theme import style_item_view
from crm_desktop.ui.widgets.display import moment

if TYPE_CHECKING:
    from crm_desktop.storage.audit_log import AuditRecord
    from crm_desktop.ui.context import AppContext


class RecordHistory(QTreeWidget):
    """Shows one record's audit entries; `show_record(entity, id)` loads them (again)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style_item_view(self)
        self.context = context
        self.record: tuple[str, int] | None = None
        self.setObjectName("recordHistory")
        self.setAccessibleName(self.tr("History of this record"))
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What changed")])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, 126)
        self.setColumnWidth(1, 90)

    def show_record(self, entity: str, record_id: int) -> None:
        # Imported here: the customers page is built at start-up before SQLAlchemy is loaded.
        from crm_desktop.storage.audit_log import record_history

        self.record = (entity, record_id)
        self.context.runner.run(
            record_history, self.context.database, entity, record_id, owner=self,
            key="history", description=self.tr("Loading history"),
            on_finished=lambda entries: self._loaded((entity, record_id), entries))

    def _loaded(self, record: tuple[str, int], entries: list[AuditRecord]) -> None:
        if record != self.record:
            return
        self.clear()
        items = []
        for entry in entries:
            what = change_text(entry.field, entry.old_value, entry.new_value)
            if entry.entity != record[0]:
                what = f"{kind_label(entry.entity)} · {what}"
            if entry.action != "update":
                what = f"{action_label(entry.action)} · {what}" if what else \
                    action_label(entry.action)
            who = entry.actor or ""
            item = QTreeWidgetItem([moment(entry.at), who, what])
            item.setToolTip(1, self.tr("{0} on {1}").format(who, entry.machine or "?"))
            item.setToolTip(2, what)
            items.append(item)
        self.addTopLevelItems(items)
        if not items:
            placeholder = QTreeWidgetItem(["", "", self.tr("No recorded changes.")])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addTopLevelItem(placeholder)
