"""What the data in/out dialogs share: the database from a context or alone, and a job runner.

The dialogs are built either with a `Database` (as in `ImportWizard(database)`) or with the
main window's `AppContext` (which carries the database, runner, undo stack and settings); both
work, so the main window can open them through its generic data-dialog hook. With a context,
what a write changed reaches every view (`apply`); alone, there is no view to tell.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from crm_desktop.storage.changes import Changes
from crm_desktop.storage.database import Database
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.workers import Runner

REGIONS = ("US", "CN", "GB", "DE", "FR", "CA", "AU", "JP", "IN", "HK", "TW", "SG", "ES", "IT",
           "NL", "BR", "MX", "KR")

DatabaseOrContext = Database | AppContext


@dataclass
class Services:
    database: Database
    context: AppContext | None
    runner: Runner
    settings: QSettings

    def apply(self, changes: Changes) -> None:
        """Refresh the views from what a write changed (nothing to do without a context)."""
        if self.context is not None:
            self.context.apply(changes)

    @property
    def phone_region(self) -> str:
        if self.context is not None:
            return self.context.phone_region
        return str(self.settings.value("general/phone_region", "US") or "US").upper()

    @property
    def undo_stack(self) -> QUndoStack | None:
        return self.context.undo_stack if self.context is not None else None


def services(database_or_context: DatabaseOrContext, owner: QWidget) -> Services:
    """Database, context (or None), a runner and settings for a dialog."""
    if isinstance(database_or_context, AppContext):
        context = database_or_context
        return Services(context.database, context, context.runner, context.settings)
    return Services(database_or_context, None, Runner(owner, parent=owner), QSettings())


def database_path(database_or_context: DatabaseOrContext) -> Path | None:
    database = (database_or_context.database if isinstance(database_or_context, AppContext)
                else database_or_context)
    return database.path

