"""What the record pages share: one `RecordList` (filter bar, lazy table, detail pane, trash) and
the new/edit/delete wiring around it.

    class TicketsPage(ListPage):
        entities = ("tickets", "customers")

        def __init__(self, context, parent=None):
            super().__init__(context, parent)
            self.detail = TicketDetail()
            self.make_list(ticket_spec(), filter_fields(), detail=self.detail,
                           table_name="ticketQueue", filter_name="ticketFilter",
                           split=[820, 460])
            new = self.new_button(self.tr("&New ticket"), "newTicketButton")

        def make_dialog(self, record_id, **options):   # None: a new record
            return TicketDialog(self.context.database, record_id, parent=self)

        def undo_text(self, record_id):
            return self.tr("New ticket") if record_id is None else self.tr("Edit ticket")

        def show_detail(self, record_id): ...            # the list's current record changed

Ctrl+N opens `make_dialog(None)`, Enter or a double click `make_dialog(id)` (not in the trash
view); after a save `saved()` pushes the dialog's undo command (dialogs/record_dialog.py). A
record that disappeared since it was listed gives one line (`show_error`), not a traceback.
Delete, the trash view and the filter's focus go to the list. A tab of a page (the sales tabs)
is a ListPage too, opening its dialogs over the page (`form_owner`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtWidgets import QPushButton, QWidget

from crm_desktop.storage.errors import StorageError
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.item_models import TableSpec
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.pages.page_tools import default_split, open_form
from crm_desktop.ui.widgets.filter_bar import FilterField
from crm_desktop.ui.widgets.record_list import RecordList

if TYPE_CHECKING:
    # (a type only: the dialogs' module imports the services, which the customers page, shown
    # at start-up before SQLAlchemy is imported, must not)
    from crm_desktop.ui.dialogs.record_dialog import RecordDialog


class ListPage(Page):
    has_trash: ClassVar[bool] = True

    # Building ----------------------------------------------------------------------------------
    def make_list(self, spec: TableSpec, filter_fields: Sequence[FilterField] = (),
                  detail: QWidget | None = None, table_name: str | None = None,
                  filter_name: str | None = None, split: Sequence[int] | None = None,
                  parent: QWidget | None = None) -> RecordList:
        """The page's record list: its current record goes to `show_detail`, Enter or a double
        click to `edit`; `split` sizes the list/detail splitter unless the user moved it."""
        # Made inside the page (not moved into it afterwards: a built widget tree moved into
        # the window has its style resolved again, widget by widget).
        self.list = RecordList(self.context, spec, filter_fields, detail=detail,
                               table_name=table_name, filter_name=filter_name,
                               parent=parent if parent is not None else self)
        self.list.currentChanged.connect(self.show_detail)
        self.list.activated.connect(self.edit)
        if split is not None:
            default_split(self.list, list(split))
        return self.list

    def new_button(self, text: str, name: str, tooltip: str = "") -> QPushButton:
        """A button that creates a record (what Ctrl+N does)."""
        button = QPushButton(text, self)
        button.setObjectName(name)
        if tooltip:
            button.setToolTip(tooltip)
        button.clicked.connect(lambda: self.new_record())
        return button

    # What subclasses say -----------------------------------------------------------------------
    def make_dialog(self, record_id: int | None, **options: Any) -> RecordDialog:
        """The dialog that creates (`record_id` None) or edits a record of the page."""
        raise NotImplementedError

    def undo_text(self, record_id: int | None) -> str:
        """The undo stack's text for a save of the dialog ("New ticket", "Edit ticket")."""
        raise NotImplementedError

    def show_detail(self, record_id: Any) -> None:
        """The list's current record changed (an id, or None)."""

    def form_owner(self) -> QWidget:
        """The widget dialogs open over (and keep their reference on)."""
        return self

    def current_id(self) -> int | None:
        return self.list.current_id()

    # Dialogs -----------------------------------------------------------------------------------
    def new_record(self) -> None:
        self.open_dialog(None)

    def edit(self, record_id: Any = None) -> None:
        record_id = record_id or self.current_id()
        if not record_id or self.trash_mode():
            return
        self.open_dialog(record_id)

    def open_selected(self) -> None:
        self.edit(self.current_id())

    def open_dialog(self, record_id: int | None, **options: Any) -> None:
        try:
            dialog = self.make_dialog(record_id, **options)
        except StorageError as error:  # gone (or in the trash) since it was listed
            show_error(self.form_owner(), error)
            return
        open_form(self.form_owner(), dialog, lambda _d: self.saved(dialog, record_id))

    def saved(self, dialog: RecordDialog, record_id: int | None) -> None:
        """After a save: push the undo command (the views refresh from what it changed)."""
        dialog.push_undo(self.context, self.undo_text(record_id))

    def show_history(self) -> None:
        """The audit log dialog, showing the current record's entries."""
        from crm_desktop.ui.audit.audit_log_dialog import open_audit_log

        record_id = self.current_id()
        if record_id is not None:
            open_audit_log(self.context, self.form_owner(), self.list.spec.entity, record_id)

    # The list ----------------------------------------------------------------------------------
    def delete_selected(self) -> None:
        self.list.delete_selected()

    def set_trash_mode(self, trash: bool) -> None:
        self.list.set_trash_mode(trash)

    def trash_mode(self) -> bool:
        return self.list.trash_mode()

    def focus_filter(self) -> None:
        self.list.filter_bar.search_edit.setFocus()

    def shutdown(self) -> None:
        self.list.shutdown()
        super().shutdown()
