"""The contract every page of the main window follows.

    class TicketsPage(Page):
        entities = ("tickets", "customers")      # refresh() runs when these change

        def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
            super().__init__(context, parent)
            ...

The main window creates a page the first time it is shown (from `pages.PAGES`), sets its
objectName/accessibleName (`ticketsPage`), and routes the shortcuts to the current page:
Ctrl+N -> `new_record()`, Delete -> `delete_selected()`, View > Show trash -> `set_trash_mode()`;
Enter in a list opens the record (`open_selected()`, wired by `RecordList`). Global search and
other pages call `show_record(id)` to bring a record into view. `shutdown()` runs when the
window closes: cancel and wait for the page's background jobs there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext


# The window's stepped build (GUI thread only): True while it makes a page, then the page
# made (the first Page whose constructor runs inside `parts_in_steps`), None otherwise.
_stepped: list[object] = [None]


@contextmanager
def parts_in_steps() -> Iterator[None]:
    """The page made inside this keeps its `build_later` parts for the window to make in later
    steps (MainWindow.navigate); a page made anywhere else, or by that page's constructor, is
    whole when made."""
    _stepped[0] = True
    try:
        yield
    finally:
        _stepped[0] = None


class Page(QWidget):
    # Entities whose changes make this page refresh (names as in AppContext.changed).
    entities: ClassVar[tuple[str, ...]] = ()
    # Whether the page has a trash view (View > Show trash is enabled for it).
    has_trash: ClassVar[bool] = False

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = False
        self._parts: list[Callable[[], None]] = []
        if _stepped[0] is True:  # the page the window makes in steps, not one it makes
            _stepped[0] = self
        context.changed.connect(self._on_changed)

    # Built in parts ------------------------------------------------------------------------
    def build_later(self, part: Callable[[], None]) -> None:
        """Make `part` of the page in an event-loop step of its own when the page is opened
        from the navigation (made inside `parts_in_steps`: MainWindow.navigate), else now. A
        page whose widgets take more than one step to make (the Analytics page's settings and
        its result panes) splits them this way; parts run in the order given."""
        if _stepped[0] is self or self._parts:
            self._parts.append(part)
        else:
            part()

    def parts_left(self) -> int:
        return len(self._parts)

    def build_next_part(self) -> None:
        if self._parts:
            self._parts.pop(0)()

    def finish_build(self) -> None:
        """Make every part still to make (the page is wanted now)."""
        while self._parts:
            self._parts.pop(0)()

    # What the main window calls ----------------------------------------------------------
    def refresh(self) -> None:
        """Reload what the page shows from the database (in the background)."""

    def new_record(self) -> None:
        """Ctrl+N: open the create dialog of the page's main record kind."""

    def open_selected(self) -> None:
        """Enter / double click: open the selected record (detail or edit dialog)."""

    def delete_selected(self) -> None:
        """Delete: move the selected records to the trash (undoable with Ctrl+Z)."""

    def show_history(self) -> None:
        """Ctrl+Shift+H: the audit history of the selected record (who changed what, when)."""

    def show_record(self, record_id: int) -> None:
        """Bring one record into view and select it (global search, links from other pages)."""

    def set_trash_mode(self, trash: bool) -> None:
        """Show the trash (restore / empty) instead of the live records."""

    def trash_mode(self) -> bool:
        return False

    def focus_filter(self) -> None:
        """Put the keyboard focus in the page's own filter box, if it has one."""

    def shutdown(self) -> None:
        """The window is closing: cancel and wait for background work of this page."""
        self.context.runner.shutdown(owner=self)

    # Refresh after writes, lazily when hidden --------------------------------------------
    def _on_changed(self, entity: str) -> None:
        if entity not in self.entities:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._stale:
            self._stale = False
            self.refresh()
        return super().event(event)
