"""The base of the record dialogs: labelled fields, the error shown under its field, save.

A subclass adds fields with `add_field(key, label, widget)` (after `add_tab(title)` they go
on that tab) and implements `save()`, which reads and checks the values (the `text`/`money`/
`date`/`moment` helpers raise `ValidationError` naming the field) and writes them through
storage in one session. Dates are `DateEdit` fields (calendar, locale format, may be empty);
countries, currencies and owners `TypeAheadBox`es whose `value()` is the code typed or chosen. `submit()` (Save button, Ctrl+S,
Enter in a one-line field) clears the old errors, calls `save()`, shows a `ValidationError`
under the field it names and keeps the dialog open, or accepts on success. Esc cancels.

After a successful save: `saved_id`, `created` and, for edits, `before` (the previous values of
the fields that changed) so the page can offer undo.
"""

from __future__ import annotations

import datetime as dt
import logging
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.storage.errors import StorageError, ValidationError
from crm_desktop.storage.validation import parse_money
from crm_desktop.ui.errors import error_message, show_error
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import error_style, invalid_style
from crm_desktop.ui.widgets.choice_boxes import TypeAheadBox
from crm_desktop.ui.widgets.date_edit import DateEdit

log = logging.getLogger(__name__)



class FormDialog(QDialog):
    """A dialog of fields with inline errors; subclasses implement `save()`."""

    # Storage names some fields differently from the dialog ("unit price" -> "unit_price").
    field_aliases: dict[str, str] = {}

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        self.setModal(True)
        self.saved_id: int | None = None
        self.created = False
        self.before: dict[str, Any] = {}
        self.after: dict[str, Any] = {}
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self.form = self._new_form()
        self.tabs: QTabWidget | None = None
        self.general_error = named(QLabel(), "formError")
        self.general_error.setStyleSheet(error_style("11px"))
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("saveButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.general_error)
        self.body.addLayout(self.form)
        self.body.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.submit)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Ctrl+S also when the Save shortcut did not fire (window not active, e.g. offscreen).
        if event.matches(QKeySequence.StandardKey.Save):
            self.submit()
            return
        super().keyPressEvent(event)

    # Building ------------------------------------------------------------------------------
    @staticmethod
    def _new_form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return form

    def add_tab(self, title: str, object_name: str = "") -> QWidget:
        """Fields added from now on go on a new tab (those added before stay above the tabs)."""
        if self.tabs is None:
            self.tabs = named(QTabWidget(self), "formTabs")
            self.body.insertWidget(self.body.indexOf(self.buttons), self.tabs)
        page = QWidget(self.tabs)
        if object_name:
            page.setObjectName(object_name)
        self.form = self._new_form()
        page.setLayout(self.form)
        self.tabs.addTab(page, title)
        return page

    def add_field(self, key: str, label: str, widget: QWidget, *, required: bool = False,
                  hint: str = "") -> QWidget:
        widget.setObjectName(f"{key}Field")
        widget.setAccessibleName(label)
        if hint:
            widget.setToolTip(hint)
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(hint)
            elif isinstance(widget, QComboBox) and (combo_line := widget.lineEdit()) is not None:
                combo_line.setPlaceholderText(hint)
        error = named(QLabel(), f"{key}Error")
        error.setStyleSheet(error_style("11px"))
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        column.addWidget(error)
        caption = QLabel(f"{label} *" if required else label)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        self._fields[key] = widget
        self._errors[key] = error
        return widget

    def field(self, key: str) -> QWidget:
        return self._fields[key]

    # Errors --------------------------------------------------------------------------------
    def set_error(self, key: str, message: str) -> None:
        key = self.field_aliases.get(key, key)
        label = self._errors.get(key)
        if label is None:
            self.general_error.setText(message if ":" in message else f"{key}: {message}")
            self.general_error.show()
            self._grow()
            return
        label.setText(message)
        label.show()
        self._grow()
        widget = self._fields[key]
        widget.setProperty("invalid", True)
        widget.setStyleSheet(invalid_style())
        self._show_tab_of(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_tab_of(self, widget: QWidget) -> None:
        if self.tabs is None:
            return
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
                return

    def _grow(self) -> None:
        """Make room for error lines that appeared (never shrink what the user sized)."""
        self.body.activate()
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    def error_text(self, key: str) -> str:
        label = self._errors.get(key)
        return label.text() if label is not None and not label.isHidden() else ""

    def clear_errors(self) -> None:
        self.general_error.hide()
        for key, label in self._errors.items():
            label.hide()
            label.clear()
            self._fields[key].setStyleSheet("")
            self._fields[key].setProperty("invalid", False)

    # Saving --------------------------------------------------------------------------------
    def submit(self) -> None:
        self.clear_errors()
        try:
            self.save()
        except ValidationError as error:
            log.info("not saved: %s", error)
            self.set_error(error.field, error_message(error))
            return
        except StorageError as error:
            self.general_error.setText(str(error))
            self.general_error.show()
            return
        except Exception as error:  # noqa: BLE001 - every failure reaches show_error and the log
            show_error(self, error)
            return
        self.accept()

    def save(self) -> None:
        raise NotImplementedError

    # Reading values (raise ValidationError naming the field) -------------------------------
    def text(self, key: str, *, required: bool = False) -> str | None:
        widget = self._fields[key]
        if isinstance(widget, QPlainTextEdit):
            value = widget.toPlainText().strip()
        elif isinstance(widget, TypeAheadBox):
            value = widget.value() or ""
        elif isinstance(widget, QComboBox):
            value = widget.currentText().strip()
        else:
            value = widget.text().strip()  # type: ignore[attr-defined]
        if required and not value:
            raise ValidationError(key, self.tr("is required"))
        return value or None

    def money(self, key: str) -> Decimal:
        return parse_money(self.text(key) or "", key)

    def date(self, key: str, *, required: bool = False) -> date | None:
        """The day of a `DateEdit` (None when empty)."""
        value = self._date_value(key, required)
        return value.date() if isinstance(value, datetime) else value

    def moment(self, key: str, *, required: bool = False) -> dt.datetime | None:
        """The local date and time of a `DateEdit(with_time=True)` (None when empty)."""
        value = self._date_value(key, required)
        return value if isinstance(value, datetime) or value is None else \
            datetime.combine(value, datetime.min.time())

    def _date_value(self, key: str, required: bool) -> dt.date | dt.datetime | None:
        widget = self._fields[key]
        assert isinstance(widget, DateEdit), f"{key} is not a date field"
        value = widget.value()
        if required and value is None:
            raise ValidationError(key, self.tr("is required"))
        return value

    def choice(self, key: str) -> Any:
        widget = self._fields[key]
        assert isinstance(widget, QComboBox)
        return widget.currentData()

    def record_changes(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Remember what an edit changed, for undo."""
        self.before = {k: old[k] for k in new if old.get(k) != new[k]}
        self.after = {k: new[k] for k in self.before}


def line(value: object = None) -> QLineEdit:
    edit = QLineEdit()
    if value is not None:
        edit.setText(str(value))
    return edit


def combo(items: list[tuple[str, Any]], current: Any = None) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    if current is not None:
        index = box.findData(current)
        if index >= 0:
            box.setCurrentIndex(index)
    return box


def date_field(value: date | datetime | None = None, *, with_time: bool = False) -> DateEdit:
    """A date (or date and time) picked from a calendar, shown in the locale's format."""
    return DateEdit(value, with_time=with_time)


def notes(value: str | None = None) -> QPlainTextEdit:
    edit = QPlainTextEdit(value or "")
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(70)
    return edit
