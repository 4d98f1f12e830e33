"""The main window's geometry, its dock/toolbar state and its splitter, kept in QSettings
(window/geometry, window/state, window/splitter) from one session to the next."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

DEFAULT_SIZE = (1280, 800)  # the first start's window, before any was saved


def restore_window_state(window: QMainWindow, splitter: QSplitter,
                         settings: QSettings) -> None:
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray | bytes) and geometry:
        window.restoreGeometry(QByteArray(geometry))
    else:
        window.resize(*DEFAULT_SIZE)
    state = settings.value("window/state")
    if isinstance(state, QByteArray | bytes) and state:
        window.restoreState(QByteArray(state))
    saved = settings.value("window/splitter")
    if isinstance(saved, QByteArray | bytes) and saved:
        splitter.restoreState(QByteArray(saved))


def save_window_state(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/splitter", splitter.saveState())
