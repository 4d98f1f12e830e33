"""What the quote and order dialogs share: a record dialog with a customer picked from
suggestions, a line editor under its fields, and an error about the lines (from
`LineEditor.lines()` or the service) shown under them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.record_dialog import RecordDialog
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.sales.line_editor import LineEditor
from crm_desktop.ui.theme import error_style
from crm_desktop.ui.widgets.customer_picker import CustomerPicker

# Error keys that are about the lines rather than a field of the form.
LINE_FIELDS = ("lines", "quantity", "discount", "unit price")


class LinesDialog(RecordDialog):
    def __init__(self, database: Database, title: str, object_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, title, object_name, parent)
        self.lines_error = named(QLabel(), "linesError")
        self.lines_error.setStyleSheet(error_style())
        self.lines_error.hide()

    def add_customer_field(self, customer_id: int | None, name: str | None) -> CustomerPicker:
        """The first field: the customer, picked from suggestions (pre-set when given)."""
        picker = CustomerPicker(self.database)
        if customer_id:
            picker.set_customer(customer_id, name or "")
        self.add_field("customer_id", self.tr("Customer"), picker, required=True)
        return picker

    def picked_customer(self) -> int:
        """The customer's id; a ValidationError under the field when none was picked."""
        picker = self.field("customer_id")
        assert isinstance(picker, CustomerPicker)
        if picker.customer_id is None:
            raise ValidationError("customer_id", self.tr("pick a customer from the suggestions"))
        return picker.customer_id

    def show_lines(self, editor: LineEditor) -> None:
        """Put the line editor, and the line for its errors, under the fields."""
        self.body.insertWidget(2, editor, 1)
        self.body.insertWidget(3, self.lines_error)

    def set_error(self, key: str, message: str) -> None:
        if key.startswith("line") or key in LINE_FIELDS:
            self.lines_error.setText(f"{key}: {message}")
            self.lines_error.show()
            return
        super().set_error(key, message)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.lines_error.hide()
