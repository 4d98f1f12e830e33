"""Targets & reports: sales targets with their progress (tab 1) and the sales reports (tab 2).
Both load in workers; the targets refresh when targets, deals or orders change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.reports.report_tab import ReportTab
from crm_desktop.ui.reports.targets_tab import TargetsTab

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext


class ReportsPage(Page):
    entities = ("sales_targets", "opportunities", "orders", "order_lines", "products")
    has_trash = False

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("reportsPage")
        self.setAccessibleName("reportsPage")
        self.tabs = named(QTabWidget(self), "reportsTabs")
        self.targets = TargetsTab(context, self.tabs)
        self.tabs.addTab(self.targets, self.tr("&Targets"))
        # The sales reports (a chart and its table) are built when their tab is first shown:
        # both tabs at once made one step of 80 ms of the GUI thread's time.
        self._reports: ReportTab | None = None
        self._reports_slot = QWidget(self.tabs)
        self._reports_slot.setObjectName("reportsSlot")
        slot_layout = QVBoxLayout(self._reports_slot)
        slot_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._reports_slot, self.tr("&Sales reports"))
        self.tabs.currentChanged.connect(lambda _index: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.refresh()

    @property
    def reports(self) -> ReportTab:
        """The sales reports tab, built now if it was not yet."""
        if self._reports is None:
            self._reports = ReportTab(self.context, self._reports_slot)
            layout = self._reports_slot.layout()
            assert layout is not None
            layout.addWidget(self._reports)
        return self._reports

    def refresh(self) -> None:
        """Reload what the current tab shows (the other reloads when it is shown)."""
        if self.tabs.currentWidget() is self.targets:
            self.targets.refresh()
        else:
            self.reports.refresh()

    def new_record(self) -> None:
        self.tabs.setCurrentWidget(self.targets)
        self.targets.new_target()

    def open_selected(self) -> None:
        if self.tabs.currentWidget() is self.targets:
            self.targets.edit_selected()

    def delete_selected(self) -> None:
        if self.tabs.currentWidget() is self.targets:
            self.targets.delete_selected()

    def show_tab(self, name: str) -> None:
        """"targets" or "reports"."""
        self.tabs.setCurrentWidget(self.targets if name == "targets" else self._reports_slot)

    def shutdown(self) -> None:
        self.targets.shutdown()
        if self._reports is not None:
            self._reports.shutdown()
        super().shutdown()
