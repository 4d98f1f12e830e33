"""One icon set for the whole app: Material Design Icons (QtAwesome's "mdi6" font), drawn in the
palette's colours so they read in the light and the dark theme.

Icons are named by what they stand for (`PAGE_ICONS`, `ACTION_ICONS`, `ENTITY_ICONS`, ...), never
by glyph in a page. QtAwesome (with QtPy) takes a second or more to import on a slow machine, so
start-up does not wait for it: the main window calls `load()` (on the GUI thread: importing QtPy
in a worker crashes Qt) shortly after it is shown with text, and `icon()` works from then on
(`ready()`); before that it returns an empty icon. The
frozen app bundles the fonts (PyInstaller's qtawesome hook, listed in scripts/bundle_rules.py).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtGui import QGuiApplication, QIcon, QPalette

log = logging.getLogger(__name__)

# The navigation (pages.PAGES names).
PAGE_ICONS = {
    "dashboard": "view-dashboard-outline", "customers": "account-group-outline",
    "today": "calendar-star", "pipeline": "view-column-outline", "sales": "receipt-text-outline",
    "reports": "chart-timeline-variant",
    "campaigns": "bullhorn-outline", "tickets": "lifebuoy",
    "activities": "calendar-check-outline", "graph": "graph-outline",
    "analytics": "chart-box-outline",
}
# The main toolbar's actions (main_actions names).
ACTION_ICONS = {
    "new": "plus", "delete": "trash-can-outline", "undo": "undo", "redo": "redo",
    "refresh": "refresh", "find": "magnify",
}
# Records in the global search (storage entity names).
ENTITY_ICONS = {
    "customers": "account-outline", "opportunities": "handshake-outline",
    "tickets": "ticket-outline",
}
# A chart's toolbar.
CHART_ICONS = {"save": "content-save-outline", "copy": "content-copy",
               "reset": "fit-to-screen-outline"}

_qta: Any = None


def load() -> None:
    """Import QtAwesome (slow, but only on the GUI thread: QtPy patches Qt's enums while it is
    imported). Safe to call more than once."""
    global _qta
    if _qta is not None:
        return
    os.environ.setdefault("QT_API", "pyside6")  # QtPy must not pick another binding
    import qtawesome

    _qta = qtawesome


def ready() -> bool:
    return _qta is not None


def icon(glyph: str, palette: QPalette | None = None) -> QIcon:
    """The Material Design icon `glyph` ("account-outline") in `palette`'s text colour (the
    selected state in its highlighted-text colour, disabled dimmed); an empty icon until
    `load()` ran, or for a glyph the font lacks."""
    if _qta is None:
        return QIcon()
    p = palette if palette is not None else QGuiApplication.palette()
    text = p.color(QPalette.ColorRole.WindowText)
    try:
        result: QIcon = _qta.icon(
            f"mdi6.{glyph}", color=text, color_active=text,
            color_selected=p.color(QPalette.ColorRole.HighlightedText),
            color_disabled=p.color(QPalette.ColorGroup.Disabled,
                                   QPalette.ColorRole.WindowText))
    except Exception:  # a missing glyph must not break a page
        log.warning("no icon %s", glyph, exc_info=True)
        return QIcon()
    return result
