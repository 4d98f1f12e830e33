"""The customers page: filterable list (`customerTable`, `customerFilter`), detail pane, trash."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.ui.context import AppContext
from crm_desktop.ui.customers.customer_detail import CustomerDetail
from crm_desktop.ui.customers.customer_views import customer_filter_fields, customer_spec
from crm_desktop.ui.pages.list_page import ListPage

log = logging.getLogger(__name__)


class CustomersPage(ListPage):
    """The customer dialog pushes its own undo (customer_dialog.open_customer_dialog)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.detail = CustomerDetail(context, self)
        self.make_list(customer_spec(), customer_filter_fields(), detail=self.detail,
                       table_name="customerTable", filter_name="customerFilter", parent=self)
        self.table = self.list.table
        self.model = self.list.model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(self._header())
        layout.addWidget(self.list, 1)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(self.tr("Customers"), self)
        title.setObjectName("pageTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        row.addWidget(title)
        row.addStretch(1)
        self.create_button = self.new_button(self.tr("New customer"), "newCustomerButton",
                                             self.tr("Create a customer (Ctrl+N)"))
        row.addWidget(self.create_button)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.edit_button.setObjectName("editCustomerButton")
        self.edit_button.clicked.connect(self.open_selected)
        row.addWidget(self.edit_button)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName("deleteCustomerButton")
        self.delete_button.setToolTip(self.tr("Move the selected customers to the trash "
                                              "(Delete; Ctrl+Z undoes)"))
        self.delete_button.clicked.connect(self.delete_selected)
        row.addWidget(self.delete_button)
        self.trash_box = QCheckBox(self.tr("Trash"), self)
        self.trash_box.setObjectName("customerTrashToggle")
        self.trash_box.setToolTip(self.tr("Show deleted customers to restore them"))
        self.trash_box.toggled.connect(self.set_trash_mode)
        row.addWidget(self.trash_box)
        return row

    # Page contract -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.list.refresh()
        self.detail.reload()

    def new_record(self) -> None:
        from crm_desktop.ui.customers.customer_dialog import open_customer_dialog

        dialog = open_customer_dialog(self.context, self.window())
        dialog.accepted.connect(lambda: self._show_saved(dialog.saved_id))

    def edit(self, record_id: Any = None) -> None:
        from crm_desktop.ui.customers.customer_dialog import open_customer_dialog

        record_id = record_id or self.current_id()
        if record_id:
            open_customer_dialog(self.context, self.window(), record_id)

    def show_detail(self, record_id: Any) -> None:
        self.detail.show_customer(record_id)

    def show_record(self, record_id: int) -> None:
        if self.list.trash_mode():
            self.set_trash_mode(False)
        if not self.list.select_id(record_id):
            self.table.clearSelection()
        self.detail.show_customer(record_id)

    def set_trash_mode(self, trash: bool) -> None:
        if self.trash_box.isChecked() != trash:
            self.trash_box.setChecked(trash)  # calls back here through toggled
            return
        self.list.set_trash_mode(trash)
        self.create_button.setEnabled(not trash)
        self.delete_button.setEnabled(not trash)
        self.detail.show_customer(None)

    def shutdown(self) -> None:
        super().shutdown()
        self.context.runner.shutdown(owner=self.detail)

    def _show_saved(self, record_id: int | None) -> None:
        if record_id is not None:
            self.detail.show_customer(record_id)
