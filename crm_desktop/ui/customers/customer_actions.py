"""Quick actions on a customer: log an activity, new opportunity, new ticket, follow-up task,
stay-in-touch cadence. Each write is undoable (Ctrl+Z) and tells the views what changed.

Dialogs are opened with `open()` (window-modal, non-blocking) and returned, so tests can drive
them; the write happens in the dialog's `save()`, the undo command is pushed on accept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from crm_desktop.ui.qt_typed import translate

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext
    from crm_desktop.ui.dialogs.record_dialog import RecordDialog


def _open(dialog: RecordDialog, context: AppContext, text: str) -> RecordDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: dialog.push_undo(context, text))
    dialog.open()
    return dialog


def log_activity(context: AppContext, parent: QWidget | None, customer_id: int,
                 kind: str = "call") -> RecordDialog:
    """Log a call/meeting/note/... (kind "task" schedules a follow-up task)."""
    from crm_desktop.ui.activities.activity_dialog import ActivityDialog

    dialog = ActivityDialog(context.database, None, parent, customer_id=customer_id, kind=kind)
    text = translate("customer_actions", "Schedule follow-up") if kind == "task" else translate("customer_actions", "Log activity")
    return _open(dialog, context, text)


def new_opportunity(context: AppContext, parent: QWidget | None, customer_id: int) -> RecordDialog:
    from crm_desktop.ui.pipeline.opportunity_dialog import OpportunityDialog

    dialog = OpportunityDialog(context.database, None, parent, customer_id=customer_id)
    return _open(dialog, context, translate("customer_actions", "New opportunity"))


def new_ticket(context: AppContext, parent: QWidget | None, customer_id: int) -> RecordDialog:
    from crm_desktop.ui.tickets.ticket_dialog import TicketDialog

    dialog = TicketDialog(context.database, None, parent, customer_id=customer_id)
    return _open(dialog, context, translate("customer_actions", "New ticket"))


def set_cadence(context: AppContext, customer_id: int, days: int | None) -> None:
    """Stay in touch every `days` days (None: stop); schedules the next follow-up task.
    Undo puts the previous cadence back and removes (or moves back) that task."""
    from crm_desktop.services import customers
    from crm_desktop.services.customers import CadenceChange
    from crm_desktop.services.outcome import Outcome
    from crm_desktop.ui.undo import push_command

    database = context.database
    done: list[CadenceChange] = []

    def do() -> Outcome[CadenceChange]:
        outcome = customers.set_cadence(database, customer_id, days)
        done[:] = [outcome.value]
        return outcome

    def undo() -> Outcome[int]:
        return customers.revert_cadence(database, done[0])

    text = (translate("customer_actions", "Stay in touch every {0} days").format(days) if days
            else translate("customer_actions", "Stop stay-in-touch"))
    push_command(context, text, do, undo)
