"""Today: whom to contact today and why (services.today), read in the background, best first.
Each row shows the customer, what is at stake and the reasons in words; the buttons act on
the selected row: log a call, mark done (the due follow-ups done, the customer off the list
until tomorrow), snooze for a week, open the customer. Every write is undoable."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services import today
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.steps import next_step
from crm_desktop.ui.theme import style_item_view
from crm_desktop.ui.undo import push_command

if TYPE_CHECKING:
    from collections.abc import Callable

    from crm_desktop.services.today import TodayList, TodayRow
    from crm_desktop.storage.database import Database
    from crm_desktop.ui.child_process import ChildService
    from crm_desktop.ui.context import AppContext

LIMIT = 100
SNOOZE_DAYS = 7
ROWS_PER_STEP = 10  # rows of two to four lines: ten fill a 640-pixel window


def load_job(service: ChildService | None, database: Database,
             cancelled: Callable[[], bool] | None = None) -> TodayList:
    """Worker: the list (a few SQL reads and the ranking), made in the background process
    when there is one (only the hundred rows come back)."""
    if service is not None:
        found: TodayList = service.call(today.today_list_in_background, None, LIMIT,
                                        cancelled=cancelled)
        return found
    return today.today_list(database, limit=LIMIT)


def done_job(database: Database, row: TodayRow) -> Any:
    """Mark a row done: its due follow-ups done and the customer off the list until
    tomorrow. Returns what the undo needs."""
    from crm_desktop.services.activities import complete_tasks

    completed = complete_tasks(database, row.task_ids) if row.task_ids else None
    snoozed = today.snooze(database, [row.customer_id], today.tomorrow())
    return completed, snoozed


class TodayPage(Page):
    entities = ("interactions", "customers", "opportunities", "tickets", "analytics_results",
                "settings")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._list: TodayList | None = None
        self.heading = named(QLabel(), "todayHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.table = named(QTableWidget(0, 3), "todayTable")
        style_item_view(self.table)
        self.table.setHorizontalHeaderLabels([self.tr("Customer"), self.tr("At stake"),
                                              self.tr("Why today")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 230)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.call_button = named(QPushButton(self.tr("Log a &call")), "todayCall")
        self.done_button = named(QPushButton(self.tr("&Done")), "todayDone")
        self.done_button.setToolTip(self.tr(
            "Mark the due follow-ups done and take the customer off the list until tomorrow"))
        self.snooze_button = named(QPushButton(self.tr("&Snooze a week")), "todaySnooze")
        self.open_button = named(QPushButton(self.tr("&Open customer")), "todayOpen")
        buttons = QHBoxLayout()
        for button in (self.call_button, self.done_button, self.snooze_button,
                       self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.call_button.clicked.connect(lambda: self.log_call())
        self.done_button.clicked.connect(lambda: self.mark_done())
        self.snooze_button.clicked.connect(lambda: self.snooze())
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()
        self.heading.setText(self.tr("Loading who to contact today…"))
        self.refresh()

    # ------------------------------------------------------------------------------ reading
    def refresh(self) -> None:
        self.context.runner.run(load_job, self.context.background, self.context.database,
                                owner=self, key="load",
                                description=self.tr("Loading Today"),
                                on_finished=self._show, on_failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.heading.setText(self.tr("Could not load Today: %1").replace("%1", str(error)))

    def rows(self) -> tuple[TodayRow, ...]:
        return self._list.rows if self._list is not None else ()

    def _show(self, found: TodayList) -> None:
        self._list = found
        if not found.rows:
            self.heading.setText(self.tr("Nobody needs a call today."))
        else:
            self.heading.setText(self.tr(
                "%Ln customers to contact today, most at stake first.", "", found.total))
        self.table.clearContents()  # no row of the former list left until its step
        self.table.setRowCount(len(found.rows))
        self._fill(found, 0)
        self._selection_changed()

    def _fill(self, found: TodayList, start: int) -> None:
        """Rows `start`.. of the list into the table, a step of ROWS_PER_STEP at a time (the
        first step shows what the window has room for): the reasons' sentences and the rows'
        heights of a hundred rows in one step held the window 60-100 ms."""
        from crm_desktop.services.insights.render import render
        from crm_desktop.ui.analytics.insight_text import LocaleFormats, translate

        if found is not self._list:
            return  # a newer list is shown
        formats = LocaleFormats(found.currency)
        tip = self.tr("What the contact puts at stake: churn risk times the customer's value, "
                      "deals, overdue follow-ups")
        end = min(start + ROWS_PER_STEP, len(found.rows))
        for r in range(start, end):
            row = found.rows[r]
            who = row.name if not row.company else self.tr("%1 (%2)").replace(
                "%1", row.name).replace("%2", row.company)
            item = QTableWidgetItem(who)
            item.setToolTip(row.owner or "")
            self.table.setItem(r, 0, item)
            stake = QTableWidgetItem(formats.money(row.score))
            stake.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            stake.setToolTip(tip)
            self.table.setItem(r, 1, stake)
            lines = [render(s, translate, formats, None) for s in row.reasons]
            why = QTableWidgetItem("\n".join(lines))
            why.setToolTip("\n".join(lines))
            self.table.setItem(r, 2, why)
            self.table.resizeRowToContents(r)
        if end < len(found.rows):
            next_step(self, lambda: self._fill(found, end))

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        for button in (self.call_button, self.done_button, self.snooze_button,
                       self.open_button):
            button.setEnabled(chosen)

    def selected(self) -> TodayRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self._list is None:
            return None
        index = rows[0].row()
        return self._list.rows[index] if index < len(self._list.rows) else None

    # ------------------------------------------------------------------------------ acting
    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.context.open_customer(row.customer_id)

    def log_call(self, subject: str | None = None) -> int | None:
        """Record a call with the selected customer (undo moves it to the trash)."""
        from crm_desktop.services.records import restore, trash

        row = self.selected()
        if row is None:
            return None
        text = subject or self.tr("Call")
        db = self.context.database
        made: dict[str, int] = {}

        def do() -> Any:
            if "id" in made:
                return restore(db, "interactions", [made["id"]])
            out = today.log_call(db, row.customer_id, text)
            made["id"] = out.value
            return out

        push_command(self.context, self.tr("Call with %1").replace("%1", row.name), do,
                     lambda: trash(db, "interactions", [made["id"]]))
        return made["id"]

    def snooze(self, days: int = SNOOZE_DAYS) -> None:
        row = self.selected()
        if row is None:
            return
        db = self.context.database
        until = date.today() + timedelta(days=days)
        state: dict[str, Any] = {}

        def do() -> Any:
            state["change"] = today.snooze(db, [row.customer_id], until)
            return state["change"]

        push_command(self.context, self.tr("Snooze %1").replace("%1", row.name), do,
                     lambda: today.unsnooze(db, state["change"].value))

    def mark_done(self) -> None:
        from crm_desktop.services.activities import reopen_tasks
        from crm_desktop.storage.changes import Changes

        row = self.selected()
        if row is None:
            return
        db = self.context.database
        state: dict[str, Any] = {}

        def do() -> Any:
            completed, snoozed = done_job(db, row)
            state.update(completed=completed, snoozed=snoozed)
            changes = snoozed.changes | (completed.changes if completed else Changes())
            return changes

        def undo() -> Any:
            changes = today.unsnooze(db, state["snoozed"].value).changes
            if state["completed"] is not None:
                changes = changes | reopen_tasks(db, state["completed"].value).changes
            return changes

        push_command(self.context, self.tr("Done: %1").replace("%1", row.name), do, undo)
