"""A record dialog whose `save()` calls a service operation, and the undo command for it.

The dialog keeps the operation's `Outcome`: a new record's id, or an `Edit` (what the edit
replaced). After the dialog closed, `push_undo(context, text)` pushes the undo command: a new
record goes to the trash, an edit is undone by the same operation given the old values, and the
views refresh from what the write changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crm_desktop.ui.dialogs.form import FormDialog
from crm_desktop.ui.undo import push_created, push_done

if TYPE_CHECKING:
    from crm_desktop.services.editing import Edit
    from crm_desktop.services.outcome import Outcome
    from crm_desktop.storage.database import Database
    from crm_desktop.ui.context import AppContext

# An edit operation: (database, record id, values) -> Outcome[Edit[values]].
EditOperation = Callable[["Database", int, Any], "Outcome[Any]"]


class RecordDialog(FormDialog):
    """A FormDialog for one kind of record (`entity`, the table name)."""

    entity = ""

    def __init__(self, database: Database, title: str, object_name: str,
                 parent: Any = None) -> None:
        super().__init__(title, object_name, parent)
        self.database = database
        self.outcome: Outcome[Any] | None = None
        self._edit_commands: tuple[Callable[[], Any], Callable[[], Any]] | None = None

    def saved_new(self, outcome: Outcome[int]) -> None:
        """A new record was written (`outcome.value` is its id)."""
        self.outcome, self.saved_id, self.created = outcome, outcome.value, True

    def saved_edit(self, outcome: Outcome[Edit[Any]], operation: EditOperation) -> None:
        """An edit was written by `operation`; its undo is `operation` with the old values."""
        edit = outcome.value
        self.outcome, self.saved_id, self.created = outcome, edit.id, False
        database = self.database
        self._edit_commands = (
            lambda: operation(database, edit.id, edit.after),
            lambda: operation(database, edit.id, edit.before),
        ) if edit.changed else None

    def push_undo(self, context: AppContext, text: str) -> None:
        """Push the undo command of what was saved and refresh the views it changed."""
        if self.outcome is None or self.saved_id is None:
            return
        if self.created:
            push_created(context, self.entity, self.saved_id, text, self.outcome.changes)
        elif self._edit_commands is not None:
            redo, undo = self._edit_commands
            push_done(context, text, redo, undo, self.outcome.changes)
        else:
            context.apply(self.outcome.changes)
