"""File > Export…: a list (as filtered) to CSV or Excel, customers also to vCard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.storage.export.files import export
from crm_desktop.ui.data.data_common import DatabaseOrContext, services
from crm_desktop.ui.errors import describe, show_error
from crm_desktop.ui.qt_typed import named

KINDS = ("customers", "orders", "opportunities", "tickets", "interactions", "quotes",
         "contracts", "products", "campaigns", "campaign_members", "relationships",
         "survey_responses")


class ExportDialog(QDialog):
    """`ExportDialog(database_or_context, kind, filters, parent)`; `written` = rows written."""

    def __init__(self, database: DatabaseOrContext, kind: str = "customers",
                 filters: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.services = services(database, self)
        self.filters = list(filters or [])
        self.written: int | None = None
        labels = {
            "customers": self.tr("Customers"), "orders": self.tr("Orders"),
            "opportunities": self.tr("Opportunities"), "tickets": self.tr("Tickets"),
            "interactions": self.tr("Interactions"), "quotes": self.tr("Quotes"),
            "contracts": self.tr("Contracts"), "products": self.tr("Products"),
            "campaigns": self.tr("Campaigns"), "campaign_members": self.tr("Campaign members"),
            "relationships": self.tr("Relationships"),
            "survey_responses": self.tr("Survey responses"),
        }
        self.kind_combo = named(QComboBox(), "kindCombo")
        for name in KINDS:
            self.kind_combo.addItem(labels[name], name)
        if self.kind_combo.findData(kind) < 0:
            self.kind_combo.addItem(kind, kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.format_combo = named(QComboBox(), "formatCombo")
        self.path_edit = named(QLineEdit(), "pathEdit")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        scope = QLabel(self.tr("Only the rows the list shows (%n filter(s) applied).", "",
                               len(self.filters)) if self.filters else
                       self.tr("All rows (no filter applied)."))
        form = QFormLayout()
        form.addRow(self.tr("List:"), self.kind_combo)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("File:"), row)
        form.addRow("", scope)
        self.bar = named(QProgressBar(), "progressBar")
        self.bar.setRange(0, 1000)
        self.bar.hide()
        self.status = named(QLabel(), "exportStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._kind_changed()
        self.resize(560, 0)

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def _kind_changed(self, *_args: Any) -> None:
        current = self.format_combo.currentData() or "csv"
        self.format_combo.blockSignals(True)
        self.format_combo.clear()
        self.format_combo.addItem(self.tr("CSV (comma-separated, UTF-8)"), "csv")
        self.format_combo.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        if self.kind() == "customers":
            self.format_combo.addItem(self.tr("vCard contacts (.vcf)"), "vcf")
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(current)))
        self.format_combo.blockSignals(False)
        self._format_changed()

    def _format_changed(self, *_args: Any) -> None:
        text = self.path_edit.text().strip()
        if text:
            path = Path(text).with_suffix(f".{self.fmt()}")
        else:
            documents = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            path = Path(documents or Path.home()) / f"{self.kind()}.{self.fmt()}"
        self.path_edit.setText(str(path))

    def _browse(self) -> None:
        filters = {"csv": self.tr("CSV files (*.csv)"), "xlsx": self.tr("Excel files (*.xlsx)"),
                   "vcf": self.tr("vCard files (*.vcf)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path_edit.text(),
                                              filters[self.fmt()])
        if path:
            self.path_edit.setText(path)

    def start_export(self) -> None:
        path = Path(self.path_edit.text().strip())
        if self.services.database.passphrase is not None and not self.confirm_plaintext():
            return
        self.written = None
        self.export_button.setEnabled(False)
        self.bar.setValue(0)
        self.bar.show()
        self.status.setText(self.tr("Exporting…"))
        self.services.runner.run(
            export, self.services.database, self.kind(), self.fmt(), path, self.filters,
            allow_plaintext=True,  # confirmed above for an encrypted database
            owner=self, key="export", description=self.tr("Export"),
            on_finished=self._done, on_failed=self._failed,
            on_progress=lambda fraction, _m: self.bar.setValue(int(fraction * 1000)))

    def confirm_plaintext(self) -> bool:
        """An encrypted database: the file written cannot be encrypted; ask first."""
        answer = QMessageBox.question(
            self, self.tr("Export"),
            self.tr("This database is encrypted, but the export file will not be: anyone who "
                    "can read the file can read these records. Write it anyway?"))
        return answer == QMessageBox.StandardButton.Yes

    def _done(self, count: int) -> None:
        self.written = int(count)
        self.bar.setValue(1000)
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("%n row(s) written to {0}.", "", self.written).format(
            self.path_edit.text()))

    def _failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.bar.hide()
        self.status.setText(describe(error))
        show_error(self, error)

    def done(self, result: int) -> None:
        self.services.runner.cancel(owner=self)
        self.services.runner.wait(owner=self, timeout_ms=30_000)
        super().done(result)


def open_dialog(context: DatabaseOrContext, parent: QWidget | None = None,
                kind: str = "customers",
                filters: Any = None) -> ExportDialog:
    dialog = ExportDialog(context, kind, filters, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
