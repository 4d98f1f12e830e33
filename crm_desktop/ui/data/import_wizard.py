"""File > Import…: a wizard over `storage.importing` (choose, map, preview) and
`services.data.import_file` (import).

Reading the file, the preview (every row validated and matched) and the import itself run in
worker jobs; the import reports progress and can be cancelled, and lands in one transaction;
the views refresh from the tables it reports as changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from crm_desktop.services.data import import_file
from crm_desktop.services.outcome import Outcome
from crm_desktop.storage.importing import ImportReport, Preview, preview
from crm_desktop.storage.importing.decoding import display_name
from crm_desktop.storage.importing.limits import ImportLimits
from crm_desktop.storage.importing.readers import Source
from crm_desktop.ui.data.data_common import DatabaseOrContext, services
from crm_desktop.ui.data.import_pages import ChoosePage, MappingPage
from crm_desktop.ui.errors import describe, show_error
from crm_desktop.ui.preferences import Preferences
from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP, named
from crm_desktop.ui.theme import style_item_view
from crm_desktop.ui.workers import Job

MAX_LISTED = 1000


class ImportWizard(QWizard):
    """`ImportWizard(database_or_context, parent)`; `report` holds the result when finished."""

    def __init__(self, database: DatabaseOrContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import"))
        self.services = services(database, self)
        self.source: Source | None = None
        self.preview_result: Preview | None = None
        self.report: ImportReport | None = None
        self.job: Job | None = None
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.choose_page = ChoosePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        for page in (self.choose_page, self.mapping_page, self.preview_page, self.run_page):
            self.addPage(page)
        self.resize(820, 560)

    # Values chosen on the pages ----------------------------------------------------------
    def path(self) -> Path:
        return Path(self.choose_page.file_edit.text().strip())

    def kind(self) -> str:
        return str(self.choose_page.kind_combo.currentData())

    def region(self) -> str:
        return self.choose_page.region_combo.currentText().strip().upper() or "US"

    def encoding(self) -> str | None:
        """The text encoding chosen in the combo (None: detect it)."""
        return str(self.choose_page.encoding_combo.currentData() or "") or None

    def limits(self) -> ImportLimits:
        """The longest cell and largest file accepted (Settings)."""
        return Preferences.load(self.services.settings).import_limits()

    def mapping(self) -> dict[str, str | None]:
        return self.mapping_page.mapping()

    def start(self, fn: Callable[..., Any], *args: Any, key: str,
              on_finished: Callable[[Any], None],
              on_failed: Callable[[BaseException], None] | None = None,
              on_progress: Callable[[float, str], None] | None = None, **kwargs: Any) -> Job:
        self.job = self.services.runner.run(
            fn, *args, owner=self, key=key, description=self.tr("Import"),
            on_finished=on_finished, on_failed=on_failed or self._failed,
            on_progress=on_progress, **kwargs)
        return self.job

    def _failed(self, error: BaseException) -> None:
        show_error(self, error)

    def reject(self) -> None:
        """Cancel: stop a running job first (the import then rolls back)."""
        self.services.runner.cancel(owner=self)
        self.services.runner.wait(owner=self, timeout_ms=30_000)
        super().reject()

    def done(self, result: int) -> None:
        self.services.runner.cancel(owner=self)
        self.services.runner.wait(owner=self, timeout_ms=30_000)
        super().done(result)


class PreviewPage(QWizardPage):
    """Every row validated and matched; invalid rows listed; skip/abort and update/skip."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Check"))
        self.setCommitPage(True)
        self.summary = named(QLabel(), "previewSummary")
        self.summary.setWordWrap(True)
        self.invalid = named(QTableWidget(0, 4), "invalidTable")
        style_item_view(self.invalid)
        self.invalid.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Field"), self.tr("Value"), self.tr("Problem")])
        self.invalid.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.invalid.verticalHeader().setVisible(False)
        self.invalid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skip_invalid = named(QRadioButton(self.tr("Skip invalid rows")), "skipRadio")
        self.abort_invalid = named(QRadioButton(self.tr("Abort if any row is invalid")), "abortRadio")
        self.update_match = named(QRadioButton(self.tr("Update existing records")), "updateRadio")
        self.skip_match = named(QRadioButton(self.tr("Skip rows that match existing records")), "skipMatchRadio")
        self.skip_invalid.setChecked(True)
        self.update_match.setChecked(True)
        self.update_match.toggled.connect(self._refresh)
        options = QHBoxLayout()
        for title, first, second in ((self.tr("Invalid rows"), self.skip_invalid,
                                      self.abort_invalid),
                                     (self.tr("Rows already in the database"), self.update_match,
                                      self.skip_match)):
            box = QGroupBox(title)
            group = QButtonGroup(box)
            column = QVBoxLayout(box)
            for button in (first, second):
                group.addButton(button)
                column.addWidget(button)
            options.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.invalid, 1)
        layout.addLayout(options)
        self.ready = False

    def on_invalid(self) -> str:
        return "abort" if self.abort_invalid.isChecked() else "skip"

    def on_match(self) -> str:
        return "update" if self.update_match.isChecked() else "skip"

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self._refresh()

    def _refresh(self, *_args: Any) -> None:
        wizard = self.wizard_
        self.ready = False
        self.completeChanged.emit()
        self.summary.setText(self.tr("Checking every row…"))
        wizard.start(preview, wizard.services.database, wizard.path(), wizard.kind(),
                     wizard.mapping(), wizard.region(), self.on_match(), source=wizard.source,
                     key="preview", on_finished=self._show, on_failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(describe(error))
        show_error(self, error)

    def _show(self, result: Preview) -> None:
        self.wizard_.preview_result = result
        report = result.report
        self.summary.setText(self.tr(
            "{rows} rows: {new} new, {updated} to update, {skipped} skipped "
            "({invalid} invalid rows, {dups} repeated in the file)."
        ).format(rows=report.rows, new=report.imported, updated=report.updated,
                 skipped=report.skipped, invalid=report.invalid_rows,
                 dups=len(report.duplicates)))
        if report.encoding:
            read_as = (self.tr("Read as {0} (chosen on the first page).")
                       if self.wizard_.encoding() else
                       self.tr("Read as {0} (detected; choose another on the first page if "
                               "names look wrong)."))
            self.summary.setText(self.summary.text() + " "
                                 + read_as.format(display_name(report.encoding)))
        if report.warnings:
            self.summary.setText(self.summary.text() + " " + self.tr(
                "Kept with a warning: {count} (marked “Kept” below; check them)."
            ).format(count=len(report.warnings)))
        listed = [(p, p.reason) for p in report.invalid[:MAX_LISTED]] + [
            (w, self.tr("Kept: {0}").format(w.reason)) for w in report.warnings[:MAX_LISTED]]
        self.invalid.setRowCount(len(listed))
        for row, (problem, reason) in enumerate(listed):
            for column, value in enumerate((problem.row, problem.field, problem.value,
                                            reason)):
                item = QTableWidgetItem(str(value))
                if column == 0:
                    item.setData(Qt.ItemDataRole.DisplayRole, int(str(value)))
                self.invalid.setItem(row, column, item)
        self.invalid.resizeColumnsToContents()
        self.ready = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.ready


# What the import reports as it goes (storage's progress messages, capitalised), for lupdate.
_PROGRESS_TEXTS = frozenset((
    QT_TRANSLATE_NOOP("RunPage", "Checking rows"),
    QT_TRANSLATE_NOOP("RunPage", "Matching existing records"),
    QT_TRANSLATE_NOOP("RunPage", "Saving"),
    QT_TRANSLATE_NOOP("RunPage", "Importing customers"),
    QT_TRANSLATE_NOOP("RunPage", "Updating matched customers"),
    QT_TRANSLATE_NOOP("RunPage", "Writing orders"),
    QT_TRANSLATE_NOOP("RunPage", "Writing opportunities"),
    QT_TRANSLATE_NOOP("RunPage", "Writing tickets"),
    QT_TRANSLATE_NOOP("RunPage", "Writing interactions"),
    QT_TRANSLATE_NOOP("RunPage", "Indexing for search"),
))
# The import has landed (committed) once its customers are being indexed for search: a cancel
# then could stop only the indexing (finished at the next start), not undo the import.
_COMMITTED = "indexing for search"


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Import"))
        self.status = named(QLabel(), "runStatus")
        self.status.setWordWrap(True)
        self.bar = named(QProgressBar(), "progressBar")
        self.bar.setRange(0, 1000)
        self.cancel_button = named(QPushButton(self.tr("Cancel import")), "cancelImport")
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.completed = False

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        wizard = self.wizard_
        preview_page = wizard.preview_page
        self.completed = False
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Importing {0}…").format(wizard.path().name))
        wizard.start(import_file, wizard.services.database, wizard.path(), wizard.kind(),
                     wizard.mapping(), wizard.region(), preview_page.on_invalid(),
                     preview_page.on_match(), source=wizard.source, limits=wizard.limits(),
                     encoding=wizard.encoding(), key="import",
                     on_finished=self._done, on_failed=self._failed,
                     on_progress=self._progress)
        if wizard.job is not None:
            wizard.job.cancelledSignal.connect(self._cancelled)

    def _progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        if message == _COMMITTED:
            self.cancel_button.setEnabled(False)
        text = message.capitalize()
        shown = self.tr(text) if text in _PROGRESS_TEXTS else self.tr("Importing…")
        self.status.setText(shown if shown.endswith("…") else shown + "…")

    def _cancel(self) -> None:
        if self.wizard_.job is not None:
            self.wizard_.job.cancel()
        self.status.setText(self.tr("Cancelling…"))

    def _cancelled(self) -> None:
        self._end(self.tr("Cancelled: nothing was imported."))

    def _failed(self, error: BaseException) -> None:
        self._end(describe(error) + "\n" + self.tr("Nothing was imported."))

    def _done(self, outcome: Outcome[ImportReport]) -> None:
        report = outcome.value
        self.wizard_.report = report
        self.bar.setValue(1000)
        self.wizard_.services.apply(outcome.changes)
        self._end(self.tr(
            "Done: {new} imported, {updated} updated, {skipped} skipped of {rows} rows."
        ).format(new=report.imported, updated=report.updated, skipped=report.skipped,
                 rows=report.rows))

    def _end(self, text: str) -> None:
        self.status.setText(text)
        self.cancel_button.setEnabled(False)
        self.completed = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.completed


def open_dialog(context: DatabaseOrContext, parent: QWidget | None = None) -> ImportWizard:
    """What the main window's File > Import… calls."""
    wizard = ImportWizard(context, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard
