"""Icons load after the window's first rows, a step per turn of the event loop: the import of
QtPy and QtAwesome (seconds on a busy machine) never stands between the window and its rows."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from crm_desktop.ui import icons


class _FirstRows(QObject):
    loaded = Signal()


def test_icons_wait_for_the_first_rows_then_load(qtbot):
    owner, rows = QObject(), _FirstRows()
    done: list[bool] = []
    icons.load_when_shown(owner, rows.loaded, lambda: done.append(icons.ready()))
    qtbot.wait(icons.STEP_DELAY_MS * 6)
    assert done == []  # nothing before the rows are painted
    rows.loaded.emit()
    qtbot.waitUntil(lambda: done == [True], timeout=30_000)


def test_icons_load_at_the_latest_after_a_few_seconds_without_rows(qtbot):
    owner = QObject()
    done: list[bool] = []
    icons.load_when_shown(owner, None, lambda: done.append(icons.ready()))
    qtbot.waitUntil(lambda: done == [True], timeout=icons.LATEST_START_MS + 30_000)


def test_every_step_is_its_own_turn_of_the_event_loop():
    assert icons.LOAD_STEPS[-1] == "font"
    icons.load()  # the self-test's way: all steps at once
    assert icons.ready()
    assert icons._loaded == list(icons.LOAD_STEPS)
    assert icons.load_step() is True  # a no-op once loaded
    assert not icons.icon(icons.PAGE_ICONS["customers"]).isNull()
