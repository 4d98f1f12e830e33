"""The main window's status bar: database path, record counts and running background jobs.

Counts are made by a worker (a count over a million rows takes tens of milliseconds) when the
window opens and, debounced, after writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database
    from crm_desktop.ui.context import AppContext

COUNTED = ("customers", "opportunities", "tickets")


def count_records(database: Database) -> dict[str, int]:
    # Imported here: the window shows before SQLAlchemy is loaded.
    from crm_desktop.storage.maintenance import live_counts

    return live_counts(database, COUNTED)


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.path_label = QLabel(self)
        self.path_label.setObjectName("databasePath")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("recordCounts")
        self.jobs_label = QLabel(self)
        self.jobs_label.setObjectName("runningJobs")
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(80)
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.addWidget(self.path_label, 1)
        self.addPermanentWidget(self.counts_label)
        self.addPermanentWidget(self.jobs_label)
        self.addPermanentWidget(self.busy)
        self.counts: dict[str, int] = {}
        self._context: AppContext | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.update_counts)
        # Short jobs (a page of rows) would make the indicator flicker: show it after 300 ms.
        self._jobs_timer = QTimer(self)
        self._jobs_timer.setSingleShot(True)
        self._jobs_timer.setInterval(300)
        self._jobs_timer.timeout.connect(self._show_jobs)

    def attach(self, context: AppContext) -> None:
        self._context = context
        path = context.database.path
        self.path_label.setText(str(path) if path else self.tr("(in memory)"))
        self.path_label.setToolTip(self.tr("Database file"))
        context.changed.connect(self._changed)
        context.runner.jobsChanged.connect(lambda _n: self._jobs_timer.start())
        self.counts_label.setText(self.tr("Counting…"))
        # After the first rows are on screen: counting a million rows is not urgent.
        self._timer.start(400)

    def _changed(self, entity: str) -> None:
        if entity in COUNTED:
            self._timer.start()

    def update_counts(self) -> None:
        if self._context is None:
            return
        self._context.runner.run(count_records, self._context.database, owner=self,
                                 key="counts", description=self.tr("Counting records"),
                                 on_finished=self._counted, on_failed=lambda _e: None)

    def _counted(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.counts_label.setText(self.tr("{0} customers · {1} opportunities · {2} tickets")
                                  .format(*(f"{counts[t]:,}" for t in COUNTED)))

    def _show_jobs(self) -> None:
        if self._context is None:
            return
        names = self._context.runner.descriptions()
        self.busy.setVisible(bool(names))
        if names:
            self.jobs_label.setText(self.tr("%n job(s) running", "", len(names)))
            self.jobs_label.setToolTip("\n".join(names))
        else:
            self.jobs_label.clear()
            self.jobs_label.setToolTip("")
