"""Light and dark palettes on the Fusion style; "system" follows the desktop's colour scheme."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
SETTINGS_KEY = "view/theme"

_STYLE = """
QListWidget#navigation { border: none; background: palette(window); font-size: 10.5pt; }
QListWidget#navigation::item { padding: 7px 10px; border-radius: 6px; margin: 1px 6px; }
QListWidget#navigation::item:selected { background: palette(highlight);
                                        color: palette(highlighted-text); }
QTableView { gridline-color: palette(midlight); }
QHeaderView::section { padding: 4px 6px; }
QLineEdit#globalSearch { padding: 4px 8px; border-radius: 12px; }
"""


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        return bool(scheme() == Qt.ColorScheme.Dark)
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(37, 37, 40), QColor(48, 48, 52), QColor(230, 230, 230)
    disabled = QColor(127, 127, 127)
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.AlternateBase: QColor(44, 44, 48),
        QPalette.ColorRole.ToolTipBase: window, QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150),
        QPalette.ColorRole.Text: text, QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text, QPalette.ColorRole.BrightText: QColor(255, 90, 90),
        QPalette.ColorRole.Link: QColor(100, 160, 255),
        QPalette.ColorRole.Highlight: QColor(42, 110, 200),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Mid: QColor(90, 90, 95), QPalette.ColorRole.Midlight: QColor(62, 62, 66),
        QPalette.ColorRole.Dark: QColor(25, 25, 28), QPalette.ColorRole.Light: QColor(75, 75, 80),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def light_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: QColor(246, 246, 248),
        QPalette.ColorRole.WindowText: QColor(28, 28, 30),
        QPalette.ColorRole.Base: QColor(255, 255, 255),
        QPalette.ColorRole.AlternateBase: QColor(245, 247, 250),
        QPalette.ColorRole.Text: QColor(28, 28, 30), QPalette.ColorRole.Button: QColor(240, 240, 243),
        QPalette.ColorRole.ButtonText: QColor(28, 28, 30),
        QPalette.ColorRole.Highlight: QColor(38, 110, 210),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.PlaceholderText: QColor(120, 120, 128),
        QPalette.ColorRole.ToolTipBase: QColor(255, 255, 240),
        QPalette.ColorRole.ToolTipText: QColor(28, 28, 30),
        QPalette.ColorRole.Mid: QColor(170, 170, 178),
        QPalette.ColorRole.Midlight: QColor(222, 222, 228),
        QPalette.ColorRole.Link: QColor(25, 95, 200),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    return p


def apply_theme(app: QApplication, theme: str) -> str:
    """Apply "system", "light" or "dark"; returns the palette actually used."""
    if theme not in THEMES:
        theme = "system"
    app.setStyle("Fusion")
    dark = system_is_dark() if theme == "system" else theme == "dark"
    app.setPalette(dark_palette() if dark else light_palette())
    app.setStyleSheet(_STYLE)
    return "dark" if dark else "light"
