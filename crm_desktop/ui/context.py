"""What every page is given: the database, the undo stack, the job runner, settings, navigation.

Nothing is reached through globals: a test builds an `AppContext` around a temporary database and
can construct any page alone (`AppContext(db)`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

from crm_desktop.storage.changes import Changes
from crm_desktop.storage.database import Database
from crm_desktop.ui.workers import Runner

if TYPE_CHECKING:
    from crm_desktop.ui.child_process import ChildService
    from crm_desktop.ui.preferences import Preferences

log = logging.getLogger(__name__)

DEFAULT_PHONE_REGION = "US"


class AppContext(QObject):
    """Shared services. After every write `apply(changes)` emits `changed(entity)` for each
    table it touched, e.g. "customers", so each view refreshes what it shows, and
    `changesApplied(Changes)` for views that look at the ids."""

    changed = Signal(str)
    changesApplied = Signal(object)  # noqa: N815 - Changes

    def __init__(
        self,
        database: Database,
        undo_stack: QUndoStack | None = None,
        runner: Runner | None = None,
        settings: QSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.runner = runner if runner is not None else Runner(parent=self)
        self.settings = settings if settings is not None else QSettings()
        # Navigation callbacks, set by the main window (no-ops when a page is used alone).
        self._open_customer: Callable[[int], None] = lambda _id: None
        self._open_record: Callable[[str, int], None] = lambda _entity, _id: None
        self._background: ChildService | None = None

    # Background process ----------------------------------------------------------------------
    @property
    def background(self) -> ChildService | None:
        """The child process that runs analyses and the dashboard on this database (started on
        first use; it keeps the frames it loaded). None for an in-memory database."""
        path = self.database.path
        if path is None:
            return None
        if self._background is None:
            from crm_desktop.ui.child_process import ChildService

            self._background = ChildService(str(path), passphrase=self.database.passphrase)
        return self._background

    def close_background(self) -> None:
        """Stop the background process (at exit, after the runner's jobs have stopped)."""
        if self._background is not None:
            self._background.close()

    # Navigation ------------------------------------------------------------------------------
    def open_customer(self, customer_id: int) -> None:
        """Show the customer (customers page, detail of that customer)."""
        self._open_customer(customer_id)

    def open_record(self, entity: str, record_id: int) -> None:
        """Show any record: "customers", "opportunities", "tickets", "orders", ..."""
        self._open_record(entity, record_id)

    def set_navigation(self, open_customer: Callable[[int], None],
                       open_record: Callable[[str, int], None]) -> None:
        self._open_customer = open_customer
        self._open_record = open_record

    # Change notification ---------------------------------------------------------------------
    def apply(self, changes: Changes) -> None:
        """Tell every view what a write changed (from the write's Outcome)."""
        for entity in changes:
            self.changed.emit(entity)
        if changes:
            self.changesApplied.emit(changes)

    # Settings --------------------------------------------------------------------------------
    @property
    def preferences(self) -> Preferences:
        """The user's preferences (read fresh: the Settings dialog may have changed them)."""
        from crm_desktop.ui.preferences import Preferences

        return Preferences.load(self.settings)

    @property
    def phone_region(self) -> str:
        """Region used for phone numbers typed without a country code (e.g. "US", "CN")."""
        value = self.settings.value("general/phone_region", DEFAULT_PHONE_REGION)
        return str(value or DEFAULT_PHONE_REGION).upper()
