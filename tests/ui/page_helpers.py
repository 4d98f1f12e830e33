"""Helpers for the page tests: rows made through storage, dialogs found and filled by widgets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QWidget,
)

from crm_desktop.storage import customers
from crm_desktop.storage.database import Database
from crm_desktop.ui.pipeline.kanban_card import card_mime
from crm_desktop.ui.widgets.customer_picker import CustomerPicker
from crm_desktop.ui.widgets.date_edit import DateEdit


def make_customer(db: Database, name: str, **values: Any) -> int:
    with db.session() as session:
        return customers.create_customer(session, {"name": name, **values}).id


def open_dialog(page: QWidget, qtbot: Any) -> Any:
    """The dialog a page just opened (pages keep it in `_open_dialog`)."""
    qtbot.waitUntil(lambda: getattr(page, "_open_dialog", None) is not None
                    and page._open_dialog.isVisible(), timeout=3000)
    dialog = page._open_dialog
    page._open_dialog = None
    return dialog


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Focus, select all, type (what a user does to replace a field's text).

    ASCII goes in as key presses; other text (Chinese) as an input-method commit, which is how
    it arrives from a real IME (QTest cannot synthesise key events for it). A date field given
    "2026-03-04" or "2026-03-04 10:30" takes it as picked from its calendar (other text is
    typed: letters are refused); an editable combo box gets the text in its line."""
    widget.setFocus()
    if isinstance(widget, DateEdit):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            widget.set_value(moment if widget.with_time else moment.date())
            return
        widget.lineEdit().selectAll()
    elif isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def pick_customer(qtbot: Any, picker: CustomerPicker, text: str) -> None:
    """Type part of a name and press Tab: a single match is picked."""
    type_into(qtbot, picker, text)
    qtbot.waitUntil(lambda: bool(picker.hits()), timeout=2000)
    popup = picker.completer().popup()
    if popup.isVisible():
        popup.hide()
    picker.editingFinished.emit()
    assert picker.customer_id is not None, f"no single customer matches {text!r}"


def click_save(qtbot: Any, dialog: QDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    button = buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def drop_card(column: QWidget, opportunity_id: int) -> None:
    """What a drag ending on a column delivers: enter, then drop (the real drop code path)."""
    mime = card_mime(opportunity_id)
    point = QPointF(column.rect().center())
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    try:
        enter = QDragEnterEvent(point, *args)  # Qt >= 6.12 takes a QPointF
    except TypeError:
        enter = QDragEnterEvent(point.toPoint(), *args)
    QApplication.sendEvent(column, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(column, drop)


def wait_model(qtbot: Any, model: Any, count: int, timeout: int = 5000) -> None:
    """Until a SqlTableModel counts `count` rows and its first rows arrived."""
    def ready() -> bool:
        return model.total() == count and (count == 0 or model.row(0) is not None)
    try:
        qtbot.waitUntil(ready, timeout=timeout)
    except Exception:
        raise AssertionError(f"model shows {model.total()} rows, expected {count}") from None


def shown_page(qtbot, page_class, context):
    """A page built on `context`, shown at 1280x800 (the size screenshots use)."""
    widget = page_class(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget
