"""What the data in/out dialogs share: the database from a context or alone, and a job runner.

The dialogs are built either with a `Database` (as in `ImportWizard(database)`) or with the
main window's `AppContext` (which carries the database, runner, undo stack and settings); both
work, so the main window can open them through its generic data-dialog hook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QWidget

from crm_desktop.ui.workers import Runner

REGIONS = ("US", "CN", "GB", "DE", "FR", "CA", "AU", "JP", "IN", "HK", "TW", "SG", "ES", "IT",
           "NL", "BR", "MX", "KR")


@dataclass
class Services:
    database: Any
    context: Any | None
    runner: Runner
    settings: QSettings

    def notify(self, *entities: str) -> None:
        if self.context is not None and hasattr(self.context, "notify"):
            self.context.notify(*entities)

    @property
    def phone_region(self) -> str:
        if self.context is not None and hasattr(self.context, "phone_region"):
            return str(self.context.phone_region)
        return str(self.settings.value("general/phone_region", "US") or "US").upper()

    @property
    def undo_stack(self) -> Any | None:
        return getattr(self.context, "undo_stack", None)


def services(database_or_context: Any, owner: QWidget) -> Services:
    """Database, context (or None), a runner and settings for a dialog."""
    context = database_or_context if hasattr(database_or_context, "runner") else None
    database = context.database if context is not None else database_or_context
    runner = context.runner if context is not None else Runner(owner, parent=owner)
    settings = getattr(context, "settings", None) or QSettings()
    return Services(database, context, runner, settings)


def database_path(database_or_context: Any) -> Any:
    database = getattr(database_or_context, "database", database_or_context)
    return getattr(database, "path", None)


def tr(text: str, context: str = "DataDialogs") -> str:
    return QCoreApplication.translate(context, text)
