"""One icon set for the whole app: Material Design Icons (QtAwesome's "mdi6" font), drawn in the
palette's colours so they read in the light and the dark theme.

Icons are named by what they stand for (`PAGE_ICONS`, `ACTION_ICONS`, `ENTITY_ICONS`, ...), never
by glyph in a page. QtAwesome (with QtPy) takes a second or more to import on a slow machine, so
start-up does not wait for it: once the window shows its first rows with text, the main window
runs `load_step()` on the GUI thread (importing QtPy in a worker crashes Qt) one step per turn
of the event loop, and `icon()` works from then on (`ready()`); before that it returns an
empty icon. The
frozen app bundles the fonts (PyInstaller's qtawesome hook, listed in scripts/bundle_rules.py).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtGui import QGuiApplication, QIcon, QPalette

from crm_desktop.ui.steps import next_step

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

_font: Any = None  # QtAwesome's IconicFont holding the mdi6 font only
_loaded: list[str] = []  # the steps of LOAD_STEPS done

# QtAwesome's import and font loading, split so that no step holds the GUI thread long: QtPy
# patches each Qt module while it is imported (100-200 ms each on a slow laptop, on the GUI
# thread: importing it in a worker crashed Qt), and QtAwesome's own first icon loads and
# checksums eleven fonts where this app draws from one.
STEP_DELAY_MS = 50  # after the first rows are painted
LATEST_START_MS = 3000  # when the first page has no rows to wait for, or they are slow


def _qtpy_core() -> None:
    import qtpy.QtCore  # noqa: F401


def _qtpy_gui() -> None:
    import qtpy.QtGui  # noqa: F401


def _qtpy_widgets() -> None:
    import qtpy.QtWidgets  # noqa: F401


def _qtawesome() -> None:
    import qtawesome  # noqa: F401


def _mdi6_font() -> None:
    global _font
    import qtawesome
    from qtawesome.iconic_font import IconicFont

    mdi6 = next(args for args in qtawesome._BUNDLED_FONTS if args[0] == "mdi6")
    _font = IconicFont(mdi6)


LOAD_STEPS: tuple[Callable[[], None], ...] = (_qtpy_core, _qtpy_gui, _qtpy_widgets, _qtawesome,
                                              _mdi6_font)


def load_step() -> bool:
    """Do the next step of loading the icons; True once icons are ready (then a no-op)."""
    if _font is not None:
        return True
    os.environ.setdefault("QT_API", "pyside6")  # QtPy must not pick another binding
    step = LOAD_STEPS[len(_loaded)]
    step()
    _loaded.append(step.__name__)
    return _font is not None


def load() -> None:
    """Load the icons in one go (the self-test; the window loads them a step at a time)."""
    while not load_step():
        pass


def load_when_shown(owner: QObject, first_rows: SignalInstance | None,
                    done: Callable[[], None]) -> None:
    """Load the icons once ``first_rows`` fires (the window's first rows are painted) or after
    a few seconds, a step per turn of the event loop so clicks and paints get in between, then
    call ``done``. Started at a fixed delay instead, QtPy's import (2.7 s on a busy machine)
    held back the first rows."""
    started = False

    def step() -> None:
        try:
            ready = load_step()
        except Exception:  # the app works with text only
            log.warning("no icons", exc_info=True)
            return
        if ready:
            done()
        else:
            next_step(owner, step)

    def start() -> None:
        nonlocal started
        if not started:
            started = True
            QTimer.singleShot(STEP_DELAY_MS, owner, step)

    if first_rows is not None:
        first_rows.connect(start)
    QTimer.singleShot(LATEST_START_MS, owner, start)


def ready() -> bool:
    return _font is not None


def icon(glyph: str, palette: QPalette | None = None) -> QIcon:
    """The Material Design icon `glyph` ("account-outline") in `palette`'s text colour (the
    selected state in its highlighted-text colour, disabled dimmed); an empty icon until
    `load()` ran, or for a glyph the font lacks."""
    if _font is None:
        return QIcon()
    p = palette if palette is not None else QGuiApplication.palette()
    text = p.color(QPalette.ColorRole.WindowText)
    try:
        result: QIcon = _font.icon(
            f"mdi6.{glyph}", color=text, color_active=text,
            color_selected=p.color(QPalette.ColorRole.HighlightedText),
            color_disabled=p.color(QPalette.ColorGroup.Disabled,
                                   QPalette.ColorRole.WindowText))
    except Exception:  # a missing glyph must not break a page
        log.warning("no icon %s", glyph, exc_info=True)
        return QIcon()
    return result
