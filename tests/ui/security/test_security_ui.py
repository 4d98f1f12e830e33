"""The app on an encrypted database: the passphrase asked at start (a wrong one is said in the
dialog), the idle lock that hides the data until the passphrase is typed again, and File >
Security encrypting and decrypting the open database."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from crm_desktop.storage import encryption
from crm_desktop.storage.database import open_database
from crm_desktop.storage.demo.generate import generate
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.security import security_actions
from crm_desktop.ui.security.app_lock import install_app_lock
from crm_desktop.ui.security.passphrase_dialog import PassphraseDialog, opening_check

PASSPHRASE = "open sesame"


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.db"
    database = open_database(path, passphrase=PASSPHRASE)
    generate(database, 20, seed=3)
    yield database
    database.close()


def _window(qtbot, database, settings) -> MainWindow:
    window = MainWindow(database, settings, start_page="customers")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _count(database) -> int:
    with database.engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT count(*) FROM customers").scalar())


def test_a_wrong_passphrase_is_said_in_the_dialog(qtbot, secret):
    secret.close()
    dialog = PassphraseDialog(None, "t", "x", check=opening_check(secret.path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.field.setText("nope")
    dialog.submit()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.isVisible() and "Wrong passphrase" in dialog.message.text()
    dialog.field.setText(PASSPHRASE)
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_new_passphrases_must_match(qtbot):
    dialog = PassphraseDialog(None, "t", "x", confirm=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.field.setText("one")
    dialog.again.setText("two")
    dialog.submit()
    assert dialog.message.text() == "The two passphrases differ."
    dialog.again.setText("one")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_launch_asks_for_the_passphrase(qtbot, secret, settings, monkeypatch):
    from crm_desktop.app import launch

    secret.close()
    asked = []
    monkeypatch.setattr("crm_desktop.ui.security.passphrase_dialog.ask_to_open",
                        lambda path, parent=None: asked.append(path) or None)
    assert launch(secret.path, settings=settings, offer_demo=False) is None  # cancelled
    monkeypatch.setattr("crm_desktop.ui.security.passphrase_dialog.ask_to_open",
                        lambda path, parent=None: PASSPHRASE)
    window = launch(secret.path, settings=settings, offer_demo=False)
    qtbot.addWidget(window)
    assert asked == [secret.path]
    assert window.context.database.passphrase == PASSPHRASE
    assert _count(window.context.database) == 20
    window.close()
    window.context.database.close()


def test_idle_lock_hides_the_data_until_the_passphrase(qtbot, secret, settings):
    window = _window(qtbot, secret, settings)
    lock = install_app_lock(window)
    lock.set_interval_ms(50)
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    screen = window.findChild(QWidget, "lockScreen")
    assert screen is not None and screen.isVisible()
    assert not window.centralWidget().isVisible()
    assert screen.geometry() == window.rect()
    screen.field.setText("wrong")
    assert not lock.try_unlock()
    assert lock.locked and screen.message.text() == "Wrong passphrase."
    screen.field.setText(PASSPHRASE)
    assert lock.try_unlock()
    assert not lock.locked and window.centralWidget().isVisible()
    lock.set_minutes(0)
    window.close()


def test_a_plain_database_is_never_locked(qtbot, db, settings):
    window = _window(qtbot, db, settings)
    lock = install_app_lock(window)
    lock.lock()
    assert not lock.locked
    window.close()


def test_encrypt_then_decrypt_the_open_database(qtbot, db, db_path, settings, monkeypatch):
    generate(db, 15, seed=4)
    window = _window(qtbot, db, settings)
    monkeypatch.setattr(security_actions, "ask_new", lambda *_args: "new secret")
    security_actions.encrypt_database(window)
    qtbot.waitUntil(lambda: window.context.database.passphrase == "new secret"
                    and window.context.database.is_open and window.isEnabled(), timeout=30_000)
    assert encryption.is_encrypted(db_path)
    assert _count(window.context.database) == 15

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(security_actions, "_confirm_current", lambda *_args: True)
    security_actions.decrypt_database(window)
    qtbot.waitUntil(lambda: window.context.database.passphrase is None
                    and window.isEnabled(), timeout=30_000)
    assert not encryption.is_encrypted(db_path)
    assert _count(window.context.database) == 15
    window.close()
    window.context.database.close()


def test_only_an_encrypted_database_sends_every_event_through_the_lock(qtbot, db, secret,
                                                                        settings):
    """A Python filter on every event of the application costs each event the GIL: it is only
    installed while there is something to lock."""
    window = _window(qtbot, db, settings)
    lock = install_app_lock(window)
    lock.set_minutes(5)
    assert not lock.watching  # a plain database is never locked
    window.close()
    encrypted = _window(qtbot, secret, settings)
    lock = install_app_lock(encrypted)
    lock.set_minutes(5)
    assert lock.watching
    lock.set_minutes(0)
    assert not lock.watching
    lock.lock()  # File > Lock now, with no idle time set: the lock screen needs the filter
    assert lock.locked and lock.watching
    encrypted.close()
