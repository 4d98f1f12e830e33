"""A page built in parts (Page.build_later): made whole when made directly or shown at once;
opened from the navigation, one part per event-loop step, then shown; usable after the
steps, whole if the user left it mid-build, stopped cleanly when the window closes, and
replaced by the error card when a part fails."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.pages import PAGES, PageEntry
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.pages.error_page import ErrorPage


class PartsPage(Page):
    """Three labels, the second and third made later."""

    made: list[str] = []
    fail = False

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self._label("first"))
        self.build_later(lambda: layout.addWidget(self._label("second")))
        self.build_later(lambda: layout.addWidget(self._label("third")))

    def _label(self, name: str) -> QLabel:
        if name == "third" and PartsPage.fail:
            raise RuntimeError("the third part failed")
        PartsPage.made.append(name)
        label = QLabel(name, self)
        label.setObjectName(name)
        self.last = label
        return label

    def shutdown(self) -> None:
        assert self.last.objectName() == "third"  # a page's own shutdown expects it whole
        super().shutdown()


_steps: list = []  # the window's event-loop steps, run by the test one at a time


def _window(qtbot, db, settings, monkeypatch) -> MainWindow:
    """A window whose Tickets entry makes a PartsPage; its build steps wait for `_step()`."""
    PartsPage.made = []
    PartsPage.fail = False
    _steps.clear()
    entries = [PageEntry(e.name, e.title, lambda: PartsPage) if e.name == "tickets" else e
               for e in PAGES]
    monkeypatch.setattr("crm_desktop.ui.window_pages.PAGES", entries)
    monkeypatch.setattr("crm_desktop.ui.window_pages.next_step",
                        lambda _receiver, fn: _steps.append(fn))
    main = MainWindow(db, settings, start_page="customers")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _step() -> None:
    _steps.pop(0)()


def _choose(main: MainWindow, name: str) -> None:
    main.navigation.setCurrentRow([e.name for e in PAGES].index(name))


def test_a_page_made_directly_is_whole(qtbot, context):
    page = PartsPage(context)
    qtbot.addWidget(page)
    assert page.parts_left() == 0 and PartsPage.made[-3:] == ["first", "second", "third"]


def test_chosen_in_the_navigation_one_part_per_step_then_shown(qtbot, db, settings,
                                                               monkeypatch):
    main = _window(qtbot, db, settings, monkeypatch)
    _choose(main, "tickets")
    assert main.page("tickets") is None  # "Loading…" painted first
    _step()
    page = main.page("tickets")
    assert PartsPage.made == ["first"] and page.parts_left() == 2 and not page.isVisible()
    _step()
    assert PartsPage.made == ["first", "second"] and page.parts_left() == 1
    assert not page.isVisible()
    _step()
    assert PartsPage.made == ["first", "second", "third"] and page.parts_left() == 0
    assert not page.isVisible()
    _step()  # shown
    assert page.isVisible() and _steps == []
    assert [w.objectName() for w in page.findChildren(QLabel)] == ["first", "second", "third"]
    assert main.current_page() is page
    main.close()


def test_shown_at_once_mid_build_it_is_finished_first(qtbot, db, settings, monkeypatch):
    main = _window(qtbot, db, settings, monkeypatch)
    _choose(main, "tickets")
    _step()
    page = main.show_page("tickets")  # a link wants it now
    assert page.isVisible() and page.parts_left() == 0
    assert PartsPage.made == ["first", "second", "third"]
    while _steps:  # the steps under way find nothing left to make
        _step()
    assert PartsPage.made == ["first", "second", "third"] and main.page("tickets") is page
    assert page.isVisible()
    main.close()


def test_left_mid_build_it_is_whole_when_chosen_again(qtbot, db, settings, monkeypatch):
    main = _window(qtbot, db, settings, monkeypatch)
    _choose(main, "tickets")
    _step()
    page = main.page("tickets")
    _choose(main, "activities")  # before its parts are made
    while _steps:  # the tickets page's parts, then the activities page's build
        _step()
    assert main.page("activities").isVisible() and main.current_page() is main.page("activities")
    assert PartsPage.made == ["first", "second", "third"] and not page.isVisible()
    _choose(main, "tickets")
    assert page.isVisible()
    assert main.current_page() is page and len(page.findChildren(QLabel)) == 3
    main.close()


def test_the_build_stops_when_the_window_closes(qtbot, db, settings, monkeypatch, caplog):
    main = _window(qtbot, db, settings, monkeypatch)
    _choose(main, "tickets")
    _step()
    main.close()  # the half-made page is shut down as a bare page (its jobs stopped)
    while _steps:
        _step()
    assert PartsPage.made == ["first"] and main.page("tickets").parts_left() == 2
    assert "did not shut down" not in caplog.text
    assert main.runner.jobs() == []


def test_a_part_that_fails_gives_the_error_card(qtbot, db, settings, monkeypatch):
    main = _window(qtbot, db, settings, monkeypatch)
    PartsPage.fail = True
    _choose(main, "tickets")
    while _steps:
        _step()
    assert isinstance(main.page("tickets"), ErrorPage) and main.page("tickets").isVisible()
    assert main.current_page() is main.page("tickets")
    assert main.findChildren(PartsPage) == [] or not any(
        p.isVisible() for p in main.findChildren(PartsPage))
    main.close()


def test_a_page_made_by_the_stepped_pages_constructor_is_whole(qtbot, context):
    """Only the page the window makes in steps keeps parts for later: one its constructor
    makes (a tab, an embedded list) is whole, since no step would ever make its parts."""
    from crm_desktop.ui.pages.base import parts_in_steps

    class Outer(Page):
        def __init__(self, context, parent=None) -> None:
            super().__init__(context, parent)
            self.inner = PartsPage(context, self)
            self.build_later(lambda: None)

    PartsPage.made, PartsPage.fail = [], False
    with parts_in_steps():
        outer = Outer(context)
    qtbot.addWidget(outer)
    assert outer.parts_left() == 1 and outer.inner.parts_left() == 0
    assert PartsPage.made == ["first", "second", "third"]
    later = PartsPage(context)  # made after the stepped build: whole
    qtbot.addWidget(later)
    assert later.parts_left() == 0
