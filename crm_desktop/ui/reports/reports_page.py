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
        self.tabs = named(QTabWidget(), "reportsTabs")
        self.targets = TargetsTab(context)
        self.reports = ReportTab(context)
        self.tabs.addTab(self.targets, self.tr("&Targets"))
        self.tabs.addTab(self.reports, self.tr("&Sales reports"))
        self.tabs.currentChanged.connect(lambda _index: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.refresh()

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
        self.tabs.setCurrentWidget(self.targets if name == "targets" else self.reports)

    def shutdown(self) -> None:
        self.targets.shutdown()
        self.reports.shutdown()
        super().shutdown()
