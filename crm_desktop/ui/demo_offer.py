"""First start with an empty database: offer demo data, generated in a worker with progress."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from crm_desktop.services.outcome import Outcome
    from crm_desktop.ui.main_window import MainWindow
    from crm_desktop.ui.workers import Job

log = logging.getLogger(__name__)

DEMO_CUSTOMERS = 2000
_DEMO_STEPS = {"Rebuilding the search index": QT_TRANSLATE_NOOP("demo", "Rebuilding the search index"),
               "Done": QT_TRANSLATE_NOOP("demo", "Done")}


def offer_demo(window: MainWindow) -> QMessageBox | None:
    """Ask (non-blocking) whether to load demo data into the empty database."""
    from crm_desktop.storage.maintenance import is_empty

    database = window.context.database
    if not is_empty(database):
        return None
    box = QMessageBox(QMessageBox.Icon.Question, translate("demo", "Load demo data?"),
                      translate("demo", "This database is empty. Load {0:,} demo customers with three years "
                          "of orders, opportunities, tickets and campaigns to try crm-desktop?"
                          ).format(DEMO_CUSTOMERS),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    box.setObjectName("demoOffer")
    box.button(QMessageBox.StandardButton.Yes).setText(translate("demo", "Load demo data"))
    box.button(QMessageBox.StandardButton.No).setText(translate("demo", "Start empty"))
    box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda: load_demo(window))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def load_demo(window: MainWindow, customers: int | None = None) -> Job:
    """Generate demo data in the background with a cancellable progress dialog; the views
    refresh from the tables it filled."""
    from crm_desktop.services.data import load_demo as demo

    customers = customers or DEMO_CUSTOMERS
    dialog = QProgressDialog(translate("demo", "Generating demo data…"), translate("demo", "Cancel"), 0, 1000, window)
    dialog.setObjectName("demoProgress")
    dialog.setWindowTitle(translate("demo", "Demo data"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    context = window.context

    def progressed(fraction: float, message: str) -> None:
        dialog.setValue(int(fraction * 1000))
        # storage says "1,000 of 2,000 customers", then the index step: shown in the user's words
        step = _DEMO_STEPS.get(message, QT_TRANSLATE_NOOP("demo", "Generating demo data…"))
        dialog.setLabelText(translate("demo", step))

    def finished(outcome: Outcome[dict[str, int]]) -> None:
        dialog.close()
        context.apply(outcome.changes)

    def stopped(*_args: Any) -> None:
        dialog.close()

    job = context.runner.run(
        demo, context.database, customers, owner=window, key="demo",
        description=translate("demo", "Generating demo data"), on_progress=progressed, on_finished=finished,
        on_cancelled=stopped)
    job.failed.connect(stopped)
    dialog.canceled.connect(job.cancel)
    dialog.show()
    return job
