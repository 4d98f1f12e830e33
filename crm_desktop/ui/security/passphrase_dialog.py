"""Asking for a passphrase: to open an encrypted database (a wrong one is said in the dialog,
which stays open for another try), or a new one (typed twice).

    ask_to_open(path, parent)      -> the passphrase that opens `path`, or None (cancelled)
    ask_new(parent, title, text)   -> a new passphrase typed twice the same, or None
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.storage import encryption
from crm_desktop.storage.errors import StorageError
from crm_desktop.ui.qt_typed import named


def _tr(text: str) -> str:
    return QCoreApplication.translate("PassphraseDialog", text)


# Checks a typed passphrase: None when it is accepted, else the message to show.
Check = Callable[[str], str | None]


class PassphraseDialog(QDialog):
    """A passphrase field (and with `confirm` a second one), a message line, OK / Cancel."""

    def __init__(self, parent: QWidget | None, title: str, text: str, *, confirm: bool = False,
                 check: Check | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(title)
        self._check = check
        self.text = named(QLabel(text), "passphraseText")
        self.text.setWordWrap(True)
        self.field = named(QLineEdit(), "passphraseField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.again: QLineEdit | None = None
        form = QFormLayout()
        form.addRow(self.tr("Passphrase:"), self.field)
        if confirm:
            self.again = named(QLineEdit(), "passphraseAgain")
            self.again.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(self.tr("Again:"), self.again)
        self.message = named(QLabel(), "passphraseMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def passphrase(self) -> str:
        return self.field.text()

    def submit(self) -> None:
        """Accept when the passphrase passes; else say why under the fields and stay open."""
        problem = None
        if not self.field.text():
            problem = self.tr("Type the passphrase.")
        elif self.again is not None and self.again.text() != self.field.text():
            problem = self.tr("The two passphrases differ.")
        elif self._check is not None:
            problem = self._check(self.field.text())
        if problem:
            self.message.setText(problem)
            self.message.show()
            self.field.selectAll()
            self.field.setFocus()
            return
        self.accept()


def opening_check(path: Path) -> Check:
    """A check that tries the passphrase on the database file (one key derivation)."""

    def check(passphrase: str) -> str | None:
        try:
            encryption.check_file(Path(path), passphrase)
        except encryption.WrongPassphrase:
            return _tr("Wrong passphrase: it does not open this database.")
        except StorageError as error:
            return str(error)
        return None

    return check


def ask_to_open(path: Path | str, parent: QWidget | None = None) -> str | None:
    """The passphrase of the encrypted database `path` (checked), or None when cancelled."""
    dialog = PassphraseDialog(
        parent, _tr("Encrypted database"),
        _tr("{0} is encrypted. Type its passphrase to open it.").format(Path(path).name),
        check=opening_check(Path(path)))
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_new(parent: QWidget | None, title: str, text: str) -> str | None:
    """A new passphrase, typed twice; None when cancelled."""
    dialog = PassphraseDialog(parent, title, text, confirm=True)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def passphrase_to_open(path: Path, given: str | None, parent: QWidget | None) -> str | None:
    """For opening `path`: `given`, else (an encrypted file) what the user types; "" when the
    user cancelled, None for a plain database."""
    if given is not None or not encryption.is_encrypted(path):
        return given
    return ask_to_open(path, parent) or ""
