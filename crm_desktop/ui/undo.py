"""Undoable writes: commands for the app-wide QUndoStack that the main window owns.

Both directions of a command are service calls that return an `Outcome` (or `Changes`); after
each, the views refresh from what it changed (`AppContext.apply`). A single-row write takes a
millisecond or two, so it runs on the GUI thread. A write is run *before* the command is pushed
(`push_command`), so a write that fails shows its error and leaves the stack untouched.

    push_command(context, tr("Move to Won"), do=lambda: pipeline.move(db, 7, won),
                 undo=lambda: pipeline.move(db, 7, old_stage))
    push_trash(context, "customers", [12, 13], tr("Delete 2 customers"))
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from crm_desktop.services import records
from crm_desktop.services.outcome import Outcome
from crm_desktop.storage.changes import Changes

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

Write = Callable[[], Any]  # returns an Outcome, Changes or None


def changes_in(result: Any) -> Changes:
    """The changes a write reported (an Outcome's, or Changes itself)."""
    if isinstance(result, Outcome):
        return result.changes
    if isinstance(result, Changes):
        return result
    return Changes()


class CallbackCommand(QUndoCommand):
    """redo = `do()`, undo = `undo()`; the views refresh from what each changed.

    With `already_done=True` the first `redo()` (the one QUndoStack.push makes) is skipped,
    because the write already happened (the caller ran it to see whether it succeeds).
    """

    def __init__(self, context: AppContext, text: str, do: Write, undo: Write,
                 already_done: bool = False) -> None:
        super().__init__(text)
        self._context = context
        self._do = do
        self._undo = undo
        self._skip_redo = already_done

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self._do, "redo")

    def undo(self) -> None:
        self._run(self._undo, "undo")

    def _run(self, fn: Write, what: str) -> None:
        try:
            self._context.apply(changes_in(fn()))
        except Exception as error:  # shown, not raised: Qt calls us from C++
            from crm_desktop.ui.errors import show_error

            log.debug("%s of %r failed", what, self.text())
            self.setObsolete(True)
            show_error(None, error)


def push_command(context: AppContext, text: str, do: Write, undo: Write) -> Any:
    """Run `do()`; when it succeeds push the command (so Ctrl+Z undoes it) and refresh views.

    Returns what `do()` returned; exceptions propagate (the caller shows them next to a field
    or with `show_error`), and then nothing is pushed.
    """
    result = do()
    push_done(context, text, do, undo, changes_in(result))
    return result


def push_done(context: AppContext, text: str, redo: Write, undo: Write,
              changes: Changes) -> None:
    """Push a command whose write already happened (a dialog saved it) and refresh views."""
    context.undo_stack.push(CallbackCommand(context, text, redo, undo, already_done=True))
    context.apply(changes)


def push_trash(context: AppContext, entity: str, ids: Sequence[int],
               text: str | None = None) -> None:
    """Move rows to the trash (undo restores them)."""
    ids = list(ids)
    database = context.database
    label = text or QCoreApplication.translate("undo", "Move %n record(s) to the trash", "",
                                               len(ids))
    push_command(context, label, lambda: records.trash(database, entity, ids),
                 lambda: records.restore(database, entity, ids))


def push_restore(context: AppContext, entity: str, ids: Sequence[int],
                 text: str | None = None) -> None:
    """Restore rows from the trash (undo puts them back in the trash)."""
    ids = list(ids)
    database = context.database
    label = text or QCoreApplication.translate("undo", "Restore %n record(s)", "", len(ids))
    push_command(context, label, lambda: records.restore(database, entity, ids),
                 lambda: records.trash(database, entity, ids))


def push_created(context: AppContext, entity: str, record_id: int, text: str,
                 changes: Changes) -> None:
    """A record a dialog just created: undo moves it to the trash, redo restores it."""
    database = context.database
    push_done(context, text, lambda: records.restore(database, entity, [record_id]),
              lambda: records.trash(database, entity, [record_id]), changes)


def push_field_edit(context: AppContext, entity: str, row_id: int,
                    new_values: dict[str, Any], text: str | None = None) -> None:
    """Change plain fields of one row; undo writes the old values back."""
    database = context.database
    old_values = records.field_values(database, entity, row_id, list(new_values))
    label = text or QCoreApplication.translate("undo", "Edit {0}").format(", ".join(new_values))
    push_command(context, label,
                 lambda: records.update_fields(database, entity, row_id, new_values),
                 lambda: records.update_fields(database, entity, row_id, old_values))
