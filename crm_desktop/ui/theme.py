"""Light and dark palettes on the Fusion style; "system" follows the desktop's colour scheme.

Colours with a meaning (muted text, overdue, renewing soon, a tag, a conversation bubble) come
from `tones()`, derived from the palette, never written into a page: rich text uses the classes
of `html_style()` (`ThemedBrowser`, `ThemedLabel` restyle themselves on a theme switch), painted
widgets ask `tones()` when they paint.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QTextBrowser, QWidget

log = logging.getLogger(__name__)
_Widget = TypeVar("_Widget", bound=QWidget)

THEMES = ("system", "light", "dark")
SETTINGS_KEY = "view/theme"

# Style sheets on the few widgets that need them, not on the application: with a sheet on the
# application every widget is styled through Qt's style-sheet style, which made building and
# polishing a page about twice as slow (customers page: 21 -> 9 ms of GUI-thread CPU to build).
NAVIGATION_STYLE = """
QListWidget#navigation { border: none; background: palette(window); font-size: 10.5pt; }
QListWidget#navigation::item { padding: 7px 10px; border-radius: 6px; margin: 1px 6px; }
QListWidget#navigation::item:selected { background: palette(highlight);
                                        color: palette(highlighted-text); }
"""
SEARCH_STYLE = "QLineEdit#globalSearch { padding: 4px 8px; border-radius: 12px; }"
# Every table and tree view (`style_item_view`): its grid and header sections.
ITEM_VIEW_STYLE = """
QTableView { gridline-color: palette(midlight); }
QHeaderView::section { padding: 4px 6px; }
"""


# Spin and date boxes are sized by Qt's style-sheet style a little wider than by Fusion alone:
# a sheet that matches nothing keeps them as they were under the application's sheet.
SPIN_BOX_STYLE = "QAbstractSpinBox#_ {}"


def spin_box_look(box: _Widget) -> _Widget:
    """`box` (a spin or date box) sized as every spin box of the app; returns it."""
    box.setStyleSheet(SPIN_BOX_STYLE)
    return box


HEADER_STYLE = "QHeaderView::section { padding: 4px 6px; }"


def style_item_view(view: QWidget) -> None:
    """The look every table and tree view shares (grid colour, header padding)."""
    view.setStyleSheet(ITEM_VIEW_STYLE)


def style_gridless_table(table: QTableView) -> None:
    """`style_item_view` for a table without a grid: only its header has a sheet (a sheet on
    the table restyles its viewport, scroll bars and corner too: 4 ms a list)."""
    table.horizontalHeader().setStyleSheet(HEADER_STYLE)


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
    app.setStyleSheet("")  # see NAVIGATION_STYLE
    return "dark" if dark else "light"


# Colours that mean something -----------------------------------------------------------------
@dataclass(frozen=True)
class Tones:
    """The colours of the current palette by meaning, as "#rrggbb" (light or dark variants).

    `muted` secondary text; `surface` a card or bubble on the window (Base), `raised` a panel
    behind cards, `border` its outline; `danger` overdue/errors (text) on `danger_bg`;
    `warning` / `warning_bg` renewing soon; `good` a rise; `info_bg` / `info` a tag or our own
    message."""

    dark: bool
    text: str
    muted: str
    surface: str
    raised: str
    border: str
    accent: str
    danger: str
    danger_bg: str
    warning: str
    warning_bg: str
    good: str
    info: str
    info_bg: str


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    """`share` of `b` mixed into `a`."""
    return QColor(round(a.red() + (b.red() - a.red()) * share),
                  round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))


def tones(palette: QPalette | None = None) -> Tones:
    """The meaning colours of `palette` (default: the application's). Kept per palette
    colours: a delegate asks for them for every cell it paints."""
    p = palette if palette is not None else QGuiApplication.palette()
    window = p.color(QPalette.ColorRole.Window)
    base = p.color(QPalette.ColorRole.Base)
    text = p.color(QPalette.ColorRole.Text)
    key = (window.rgba(), base.rgba(), text.rgba(), p.color(QPalette.ColorRole.Highlight).rgba())
    found = _TONES.get(key)
    if found is None:
        if len(_TONES) > 16:
            _TONES.clear()
        found = _TONES[key] = _make_tones(p, window, base, text)
    return found


_TONES: dict[tuple[int, int, int, int], Tones] = {}


def _make_tones(p: QPalette, window: QColor, base: QColor, text: QColor) -> Tones:
    dark = window.lightness() < 128
    return Tones(
        dark=dark, text=text.name(), muted=_mix(text, base, 0.42).name(),
        surface=base.name(), raised=_mix(window, text, 0.06 if dark else 0.045).name(),
        border=_mix(base, text, 0.22 if dark else 0.18).name(),
        accent=p.color(QPalette.ColorRole.Highlight).name(),
        danger="#ff8a80" if dark else "#b3261e",
        danger_bg="#4a2626" if dark else "#fbe3e1",
        warning="#f2c661" if dark else "#8a5a00",
        warning_bg="#4a3d1c" if dark else "#fff4d6",
        good="#7bd389" if dark else "#2e7d32",
        info="#a8c8ff" if dark else "#0d47a1",
        info_bg="#26395a" if dark else "#e3eefc",
    )


def html_style(palette: QPalette | None = None) -> str:
    """CSS classes for rich text (QTextBrowser default style sheet, or a QLabel's <style>):
    muted, danger, warning, good, tag, ours/theirs (conversation bubbles), head (a table's
    header row), stat (a figure cell), key (the label column of facts)."""
    t = tones(palette)
    return (
        f".muted {{ color: {t.muted}; }} .key {{ color: {t.muted}; padding-right: 12px; }}"
        f" .danger {{ color: {t.danger}; font-weight: bold; }}"
        f" .warning {{ color: {t.warning}; }} .good {{ color: {t.good}; }}"
        f" .tag {{ background-color: {t.info_bg}; color: {t.info}; }}"
        f" .ours {{ background-color: {t.info_bg}; }}"
        f" .theirs {{ background-color: {t.raised}; }}"
        f" .head {{ background-color: {t.raised}; }}"
        f" .stat {{ background-color: {t.info_bg}; }}"
    )


def styled_html(body: str) -> str:
    """`body` with the palette's classes (html_style) in a <style> element: for rich text in a
    QLabel, which has no default style sheet (render again on a palette change)."""
    return f"<html><head><style>{html_style()}</style></head><body>{body}</body></html>"


class ThemedBrowser(QTextBrowser):
    """A read-only rich text view whose HTML may use the classes of `html_style`; a theme
    switch restyles the text shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._html = ""
        self.document().setDefaultStyleSheet(html_style())

    def setHtml(self, text: str) -> None:  # noqa: N802
        self._html = text
        self.document().setDefaultStyleSheet(html_style(self.palette()))
        super().setHtml(text)

    def clear(self) -> None:
        self._html = ""
        super().clear()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            bar = self.verticalScrollBar()
            position = bar.value()
            self.setHtml(self._html)
            bar.setValue(position)


class ThemedLabel(QLabel):
    """A rich-text label whose HTML may use the classes of `html_style` (restyled on a theme
    switch)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self._html = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802
        self._html = text
        super().setText(styled_html(text) if text else "")

    def html(self) -> str:
        """The text as set (without the style element)."""
        return self._html

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._html:
            super().setText(styled_html(self._html))


def mute(widget: QWidget) -> QWidget:
    """Secondary text (a hint, a unit): the palette's placeholder colour, in either theme."""
    widget.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return widget


def error_style(size: str = "") -> str:
    """Style sheet of an error message under a field (the palette's danger colour)."""
    return f"color: {tones().danger};" + (f" font-size: {size};" if size else "")


def invalid_style() -> str:
    """Style sheet of a field whose value was refused."""
    return f"border: 1px solid {tones().danger};"
