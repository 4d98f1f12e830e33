"""The undo command for what a record dialog saved, refreshing the views from what it changed.

    open_form(page, dialog, lambda d: push_form_saved(context, d, "campaigns",
                                                      tr("Edit campaign"), d.changes))

A new record: undo moves it to the trash, redo restores it. An edit: undo writes the fields it
changed back (`dialog.before`), redo writes them again (`dialog.after`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_desktop.services import records
from crm_desktop.ui.undo import push_created, push_done

if TYPE_CHECKING:
    from crm_desktop.storage.changes import Changes
    from crm_desktop.ui.context import AppContext
    from crm_desktop.ui.dialogs.form import FormDialog


def push_form_saved(context: AppContext, dialog: FormDialog, entity: str, label: str,
                    changes: Changes) -> None:
    """Push the undo of `dialog`'s save (`changes`: what the save's Outcome reported)."""
    database, record_id = context.database, dialog.saved_id
    if record_id is None:
        return
    if dialog.created:
        push_created(context, entity, record_id, label, changes)
    elif dialog.after:
        before, after = dict(dialog.before), dict(dialog.after)
        push_done(context, label,
                  lambda: records.update_fields(database, entity, record_id, after),
                  lambda: records.update_fields(database, entity, record_id, before),
                  changes)
    else:
        context.apply(changes)
