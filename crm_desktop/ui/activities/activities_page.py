"""Activities: tasks and follow-ups due today and overdue (mark done), and the log of calls,
meetings, emails, visits and notes. `startup_reminder(context, parent)` is what the main
window calls at start: a small non-blocking window with the number of tasks due."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services import activities
from crm_desktop.services.activities import CompletedTasks
from crm_desktop.services.outcome import Outcome
from crm_desktop.storage import queues
from crm_desktop.storage.activity_details import activity, due_task_list, reminder_counts
from crm_desktop.storage.errors import StorageError
from crm_desktop.ui.activities.activity_dialog import ActivityDialog
from crm_desktop.ui.activities.activity_views import (
    DueTaskTable,
    TaskReminder,
    filter_fields,
    interaction_spec,
)
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.dialogs.choices import label
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.pages.list_page import ListPage
from crm_desktop.ui.pages.page_tools import DetailPane, esc, facts
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.undo import push_command
from crm_desktop.ui.widgets.display import moment
from crm_desktop.ui.workers import Job

log = logging.getLogger(__name__)


class ActivitiesPage(ListPage):
    entities = ("interactions", "customers")
    dueLoaded = Signal()  # noqa: N815 - the due-task table shows fresh rows

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("activitiesPage")
        self.setAccessibleName("activitiesPage")
        # Every widget is made inside its final parent: a built list moved into a box made
        # afterwards had its style resolved again, widget by widget (17 ms of the page's first
        # build).
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        due_box = self._due_box(splitter)
        log_box = QWidget(splitter)
        self.detail = DetailPane("activityDetail", log_box)
        self.detail.add_button("editActivityButton", self.tr("&Edit"),
                               lambda: self.edit(self.detail.record_id))
        self.detail.add_button("activityCustomerButton", self.tr("Show c&ustomer"),
                               self.open_customer)
        self.make_list(interaction_spec(), filter_fields(), detail=self.detail,
                       table_name="activityLog", filter_name="activityFilter", split=[820, 420],
                       parent=log_box)
        self._log_box(log_box)
        splitter.addWidget(due_box)
        splitter.addWidget(log_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.show_detail(None)
        self.refresh_due()

    def _due_box(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        self.due = DueTaskTable(box)
        self.due.itemSelectionChanged.connect(self._due_selection)
        self.due.itemActivated.connect(lambda _item: self.edit(self._due_id()))
        self.due.doneRequested.connect(self.mark_done)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.due_title = named(QLabel(box), "dueTitle")
        self.due_title.setStyleSheet("font-size: 14px; font-weight: bold;")
        row.addWidget(self.due_title)
        row.addStretch(1)
        self.done_button = named(QPushButton(self.tr("&Mark done"), box), "markDoneButton")
        self.done_button.setToolTip(self.tr("Complete the selected tasks (Ctrl+D)"))
        self.done_button.clicked.connect(self.mark_done)
        self.done_button.setEnabled(False)
        row.addWidget(self.done_button)
        task = named(QPushButton(self.tr("New &task"), box), "newTaskButton")
        task.clicked.connect(lambda: self.new_record(kind="task"))
        row.addWidget(task)
        log_button = named(QPushButton(self.tr("&Log activity"), box), "logActivityButton")
        log_button.setToolTip(self.tr("Log a call, meeting, email, visit or note (Ctrl+N)"))
        log_button.clicked.connect(lambda: self.new_record())
        row.addWidget(log_button)
        layout.addLayout(row)
        layout.addWidget(self.due, 1)
        return box

    def _log_box(self, box: QWidget) -> None:
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        title = named(QLabel(self.tr("Activity log"), box), "logTitle")
        title.setStyleSheet("font-size: 14px; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(self.list, 1)

    # Due tasks -------------------------------------------------------------------------------
    def refresh_due(self) -> None:
        self.context.runner.run(due_task_list, self.context.database, owner=self, key="due",
                                description=self.tr("Loading tasks due"),
                                on_finished=self._due_loaded)

    def _due_loaded(self, rows: list[queues.TaskRow]) -> None:
        self.due.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        self.due_title.setText(
            self.tr("Due today and overdue: %1 (%2 overdue)").replace("%1", str(len(rows)))
            .replace("%2", str(overdue)) if rows else self.tr("Nothing due today. Well done!"))
        self._due_selection()
        self.dueLoaded.emit()

    def _due_id(self) -> int | None:
        task = self.due.current_task()
        return task.id if task else None

    def _due_selection(self) -> None:
        self.done_button.setEnabled(bool(self.due.selected_ids()))
        task_id = self._due_id()
        if task_id is not None:
            self.show_detail(task_id)

    def mark_done(self) -> None:
        """Complete the selected tasks in one undoable step (undo also drops the follow-up
        task that completing scheduled)."""
        ids = self.due.selected_ids()
        if not ids:
            return
        database = self.context.database
        done: list[CompletedTasks] = []

        def do() -> Outcome[CompletedTasks]:
            outcome = activities.complete_tasks(database, ids)
            done[:] = [outcome.value]
            return outcome

        def undo() -> Outcome[int]:
            return activities.reopen_tasks(database, done[0])

        text = self.tr("Mark %1 task(s) done").replace("%1", str(len(ids)))
        try:
            push_command(self.context, text, do, undo)
        except StorageError as error:
            show_error(self, error)

    # Page API --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_due()
        self.list.refresh()
        if self.detail.record_id is not None:
            self.show_detail(self.detail.record_id)

    def new_record(self, kind: str = "call") -> None:
        self.open_dialog(None, kind=kind)

    def make_dialog(self, record_id: int | None, **options: Any) -> ActivityDialog:
        return ActivityDialog(self.context.database, record_id, parent=self, **options)

    def undo_text(self, record_id: int | None) -> str:
        return self.tr("Log activity") if record_id is None else self.tr("Edit activity")

    def open_selected(self) -> None:
        if self.due.hasFocus():
            self.edit(self._due_id())
        else:
            self.edit(self.list.current_id())

    def delete_selected(self) -> None:
        if self.due.hasFocus() and self.due.selected_ids():
            from crm_desktop.ui.undo import push_trash

            push_trash(self.context, "interactions", self.due.selected_ids())
        else:
            self.list.delete_selected()

    def show_record(self, record_id: int) -> None:
        row = self.due.row_of(record_id)
        if row >= 0:
            self.due.selectRow(row)
        else:
            self.list.select_id(record_id)
        self.show_detail(record_id)

    # Detail ----------------------------------------------------------------------------------
    def show_detail(self, interaction_id: Any) -> None:
        if not interaction_id:
            self.detail.clear(self.tr("Select an activity or a task."))
            return
        item = activity(self.context.database, interaction_id)
        if item is None:
            self.detail.clear()
            return
        body = facts([
            (self.tr("Kind"), label(item.kind)),
            (self.tr("Customer"), item.customer_name),
            (self.tr("When"), moment(item.occurred_at)),
            (self.tr("Due"), moment(item.due_at)),
            (self.tr("Done"), self.tr("yes") if item.done else (
                self.tr("no") if item.kind == "task" else "")),
            (self.tr("Outcome"), item.outcome), (self.tr("Owner"), item.owner),
        ])
        if item.body:
            body += f"<p>{esc(item.body)}</p>"
        self.detail.show_html(item.id, item.subject, body)
        self._detail_customer = item.customer_id

    def open_customer(self) -> None:
        customer_id = getattr(self, "_detail_customer", None)
        if customer_id:
            self.context.open_customer(customer_id)


def startup_reminder(context: AppContext, parent: QWidget | None = None,
                     on_shown: Callable[[TaskReminder | None], Any] | None = None) -> Job:
    """At start: count the tasks due today and overdue in the background, then show a small
    non-modal reminder with the numbers (nothing when none are due).

    "Open activities" shows the Activities page through `parent.show_page("activities")` (the
    main window), or else `context.open_record("interactions", first due task)`. `on_shown`
    gets the reminder (or None) once the counts are in. Returns the background job."""
    def show(result: tuple[queues.DueCounts, int | None]) -> None:
        counts, first = result
        reminder: TaskReminder | None = None
        if counts.total:
            def open_activities() -> None:
                show_page = getattr(parent, "show_page", None)
                if callable(show_page):
                    show_page("activities")
                elif first is not None:
                    context.open_record("interactions", first)

            reminder = TaskReminder(counts, open_activities, parent)
            reminder.show()
        if on_shown is not None:
            on_shown(reminder)

    return context.runner.run(reminder_counts, context.database, owner=parent,
                              key="startup-reminder",
                              description=QCoreApplication.translate(
                                  "ActivitiesPage", "Counting tasks due"),
                              on_finished=show)
