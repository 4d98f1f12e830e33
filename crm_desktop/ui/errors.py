"""One place every failure the user should see goes through: `show_error(parent, error)`.

The message box is opened non-modally to the rest of the app (`open()`, window-modal), so a test
or a background job never blocks on it. Every error also reaches the log with its traceback.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from crm_desktop.storage.errors import ValidationError

log = logging.getLogger(__name__)

# The most recent message boxes (kept referenced until closed, and inspectable by tests).
_open_boxes: list[QMessageBox] = []


def error_message(error: ValidationError) -> str:
    """A validation error's message in the user's language (its template translated in the
    context "errors", then filled with its values)."""
    text = QCoreApplication.translate("errors", error.template)
    return text.format(*error.values) if error.values else text


def describe(error: BaseException | str) -> str:
    """The sentence a user reads for an error (storage errors already carry one)."""
    if isinstance(error, str):
        return error
    from crm_desktop.storage.errors import StorageError, ValidationError

    if isinstance(error, ValidationError):
        return QCoreApplication.translate("errors", "{0}: {1}").format(
            error.field, error_message(error))
    if isinstance(error, StorageError):
        return str(error)
    text = str(error) or type(error).__name__
    return QCoreApplication.translate("errors", "Unexpected error: {0}").format(text)


def show_error(parent: QWidget | None, error: BaseException | str, title: str | None = None) -> Any:
    """Log the error and show it in a message box; returns the box (already open)."""
    if isinstance(error, BaseException):
        log.error("%s", describe(error), exc_info=(type(error), error, error.__traceback__))
    else:
        log.error("%s", error)
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("errors", "Something went wrong"))
    box.setText(describe(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _open_boxes.append(box)
    box.finished.connect(lambda _result, b=box: _forget(b))
    box.open()
    return box


def _forget(box: QMessageBox) -> None:
    if box in _open_boxes:
        _open_boxes.remove(box)
    box.deleteLater()


def open_error_boxes() -> list[QMessageBox]:
    """Message boxes currently shown by `show_error` (for tests and automation). A box whose
    parent window was closed is gone with it (without `finished`): it is forgotten here."""
    _open_boxes[:] = [box for box in _open_boxes if shiboken6.isValid(box)]
    return list(_open_boxes)
