"""Undoable writes: commands for the app-wide QUndoStack that the main window owns.

Each command runs storage functions in one session (a single-row write takes a millisecond or
two, so it runs on the GUI thread) and then tells the views what changed. A write is run *before*
the command is pushed (`push_command`), so a write that fails shows its error and leaves the
stack untouched.

    context.run_command(tr("Move to Won"), do=lambda: ..., undo=lambda: ..., entities=["opportunities"])
    push_soft_delete(context, Customer, [12, 13], tr("Delete 2 customers"))
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from crm_desktop.models import Entity
    from crm_desktop.ui.context import AppContext

log = logging.getLogger(__name__)


class CallbackCommand(QUndoCommand):
    """redo = `do()`, undo = `undo()`; `notify(entity)` is called for `entities` after each.

    With `already_done=True` the first `redo()` (the one QUndoStack.push makes) is skipped,
    because the caller ran `do()` itself to see whether it succeeds.
    """

    def __init__(self, text: str, do: Callable[[], Any], undo: Callable[[], Any],
                 entities: Iterable[str] = (), notify: Callable[[str], None] | None = None,
                 already_done: bool = False) -> None:
        super().__init__(text)
        self._do = do
        self._undo = undo
        self.entities = tuple(entities)
        self._notify = notify
        self._skip_redo = already_done

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self._do, "redo")

    def undo(self) -> None:
        self._run(self._undo, "undo")

    def _run(self, fn: Callable[[], Any], what: str) -> None:
        try:
            fn()
        except Exception as error:  # shown, not raised: Qt calls us from C++
            from crm_desktop.ui.errors import show_error

            log.debug("%s of %r failed", what, self.text())
            self.setObsolete(True)
            show_error(None, error)
        finally:
            self._changed()

    def _changed(self) -> None:
        if self._notify is not None:
            for entity in self.entities:
                self._notify(entity)


def push_command(context: AppContext, text: str, do: Callable[[], Any],
                 undo: Callable[[], Any], entities: Iterable[str] = ()) -> Any:
    """Run `do()`; when it succeeds push the command (so Ctrl+Z undoes it) and notify views.

    Returns what `do()` returned; exceptions propagate (the caller shows them next to a field
    or with `show_error`), and then nothing is pushed.
    """
    result = do()
    command = CallbackCommand(text, do, undo, entities, context.notify, already_done=True)
    context.undo_stack.push(command)
    command._changed()
    return result


def push_soft_delete(context: AppContext, model: type[Entity], ids: Sequence[int],
                     text: str | None = None, entity: str | None = None) -> None:
    """Move rows to the trash (redo) and restore them (undo), in one session each."""
    from crm_desktop.storage import query

    ids = list(ids)
    database = context.database
    name = entity or model.__tablename__

    def delete() -> None:
        with database.session() as session:
            for row_id in ids:
                query.soft_delete(session, model, row_id)

    def restore() -> None:
        with database.session() as session:
            for row_id in ids:
                query.restore(session, model, row_id)

    label = text or QCoreApplication.translate("undo", "Move %n record(s) to the trash", "",
                                               len(ids))
    push_command(context, label, delete, restore, [name])


def push_restore(context: AppContext, model: type[Entity], ids: Sequence[int],
                 text: str | None = None, entity: str | None = None) -> None:
    """Restore rows from the trash (undo puts them back in the trash)."""
    from crm_desktop.storage import query

    ids = list(ids)
    database = context.database
    name = entity or model.__tablename__

    def restore() -> None:
        with database.session() as session:
            for row_id in ids:
                query.restore(session, model, row_id)

    def delete() -> None:
        with database.session() as session:
            for row_id in ids:
                query.soft_delete(session, model, row_id)

    label = text or QCoreApplication.translate("undo", "Restore %n record(s)", "", len(ids))
    push_command(context, label, restore, delete, [name])


def push_field_edit(context: AppContext, model: type[Entity], row_id: int,
                    new_values: dict[str, Any], text: str | None = None,
                    entity: str | None = None) -> None:
    """Change fields of one row (storage.query.update); undo writes the old values back."""
    from crm_desktop.storage import query

    database = context.database
    with database.session() as session:
        current = query.get(session, model, row_id)
        old_values = {key: getattr(current, key) for key in new_values}

    def apply(values: dict[str, Any]) -> Callable[[], None]:
        def write() -> None:
            with database.session() as session:
                query.update(session, model, row_id, **values)
        return write

    label = text or QCoreApplication.translate("undo", "Edit {0}").format(
        ", ".join(new_values))
    push_command(context, label, apply(new_values), apply(old_values),
                 [entity or model.__tablename__])
