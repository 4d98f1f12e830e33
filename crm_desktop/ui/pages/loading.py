"""The "Loading…" a page's holder shows while the page is built in steps (MainWindow.navigate)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QLayout, QWidget

from crm_desktop.ui.qt_typed import named

OBJECT_NAME = "pageLoading"


def show(holder: QWidget, layout: QLayout) -> QWidget:
    """``holder`` with its "Loading…" label (made once)."""
    if holder.findChild(QLabel, OBJECT_NAME) is None:
        loading = named(QLabel(QCoreApplication.translate("MainWindow", "Loading…"), holder),
                        OBJECT_NAME)
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(loading)
    return holder


def remove(holder: QWidget) -> None:
    label = holder.findChild(QLabel, OBJECT_NAME)
    if label is not None:  # hidden and unnamed now: deleteLater only takes it away later
        label.hide()
        label.setObjectName("")  # (not found by name meanwhile, beside another page's)
        label.deleteLater()
