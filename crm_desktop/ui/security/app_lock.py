"""The app lock: after an idle time (setting `security/lock_minutes`, default 15, 0 = off) the
window of an encrypted database hides its data behind a lock screen that asks for the
passphrase again; other windows of the app (dialogs, detached views) are hidden meanwhile.

The idle time is measured from the last key press, mouse click or wheel anywhere in the app.
While locked, keys and shortcuts reach only the lock screen. A plain database has no
passphrase to ask for, so it is never locked.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui.qt_typed import named

if TYPE_CHECKING:
    from crm_desktop.ui.main_window import MainWindow

LOCK_MINUTES_KEY = "security/lock_minutes"
DEFAULT_LOCK_MINUTES = 15
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}
_BLOCKED_WHILE_LOCKED = {QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride,
                         QEvent.Type.Shortcut}


def lock_minutes(settings: object) -> int:
    try:
        value = int(str(settings.value(LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES)))  # type: ignore[attr-defined]
    except ValueError:
        return DEFAULT_LOCK_MINUTES
    return max(0, value)


class LockScreen(QFrame):
    """Covers the whole main window: a passphrase field, Unlock, and a message line."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        title = QLabel(self.tr("crm-desktop is locked"))
        title.setStyleSheet("font-size: 16pt;")
        self.text = QLabel(self.tr("Type the passphrase of the database to go on."))
        self.field = named(QLineEdit(), "lockPassphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaximumWidth(320)
        self.button = named(QPushButton(self.tr("Unlock")), "unlockButton")
        self.message = named(QLabel(), "lockMessage")
        self.message.setStyleSheet("color: #c62828;")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, self.text, self.field, self.button, self.message):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class AppLock(QObject):
    """Watches input app-wide; locks `window` after `minutes` without any."""

    def __init__(self, window: MainWindow, minutes: int) -> None:
        super().__init__(window)
        self.setObjectName("appLock")
        self.window = window
        self.screen: LockScreen | None = None
        self._hidden: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock)
        self._watching = False
        self.set_minutes(minutes)
        window.databaseChanged.connect(self._update_watch)

    @property
    def locked(self) -> bool:
        return self.screen is not None

    @property
    def watching(self) -> bool:
        """Whether the application's events pass through this lock (see _update_watch)."""
        return self._watching

    def set_minutes(self, minutes: int) -> None:
        """Lock after `minutes` idle (0: never)."""
        self.set_interval_ms(max(0, minutes) * 60_000)

    def set_interval_ms(self, milliseconds: int) -> None:
        self._timer.stop()
        self._timer.setInterval(milliseconds)
        if milliseconds > 0:
            self._timer.start()
        self._update_watch()

    def _update_watch(self, *_database: object) -> None:
        """Watch the application's input only while there is something to lock (an encrypted
        database with an idle time, or the lock screen up). A Python filter on every event of
        the application sends each one through the interpreter, and while a worker runs Python
        each of them waits for the GIL (up to 5 ms): 3,400 events as one page opened."""
        app = QApplication.instance()
        wanted = self._passphrase() is not None and (
            self._timer.interval() > 0 or self.screen is not None)
        if app is None or wanted == self._watching:
            return
        if wanted:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = wanted

    def _passphrase(self) -> str | None:
        return self.window.context.database.passphrase

    # ------------------------------------------------------------------------------- events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if self.screen is not None:
            if watched is self.window and kind == QEvent.Type.Resize:
                self.screen.setGeometry(self.window.rect())
            # No shortcut or typing reaches the hidden window.
            return kind in _BLOCKED_WHILE_LOCKED and not self._inside_screen(watched)
        if kind in _ACTIVITY and self._timer.interval() > 0:
            self._timer.start()  # restart the idle countdown
        return False

    def _inside_screen(self, watched: QObject) -> bool:
        screen = self.screen
        node: QObject | None = watched
        while node is not None:
            if node is screen:
                return True
            node = node.parent()
        return False

    # ------------------------------------------------------------------------------ locking
    def lock(self) -> None:
        """Hide the data behind the lock screen (only an encrypted database is locked)."""
        if self.screen is not None or self._passphrase() is None:
            return
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._hidden = [widget for widget in app.topLevelWidgets()
                            if widget.isVisible() and widget is not self.window]
        for widget in self._hidden:
            widget.hide()
        central = self.window.centralWidget()
        if central is not None:
            central.hide()
        screen = self.screen = LockScreen(self.window)
        screen.setGeometry(self.window.rect())
        screen.button.clicked.connect(self.try_unlock)
        screen.field.returnPressed.connect(self.try_unlock)
        screen.show()
        screen.raise_()
        screen.field.setFocus()
        self._update_watch()

    def try_unlock(self) -> bool:
        screen = self.screen
        expected = self._passphrase()
        if screen is None:
            return True
        typed = screen.field.text()
        if expected is not None and not hmac.compare_digest(typed.encode(), expected.encode()):
            screen.message.setText(screen.tr("Wrong passphrase."))
            screen.field.selectAll()
            return False
        self.unlock()
        return True

    def unlock(self) -> None:
        screen, self.screen = self.screen, None
        if screen is None:
            return
        screen.field.clear()
        screen.hide()
        screen.deleteLater()
        central = self.window.centralWidget()
        if central is not None:
            central.show()
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if self._timer.interval() > 0:
            self._timer.start()
        self._update_watch()


def install_app_lock(window: MainWindow) -> AppLock:
    """The window's lock, with the idle time from its settings."""
    lock = AppLock(window, lock_minutes(window.settings))
    window.app_lock = lock  # type: ignore[attr-defined]
    return lock
