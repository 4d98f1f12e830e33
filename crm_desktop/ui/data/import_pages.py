"""The first two pages of the import wizard: choose the file, match its columns to fields."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from crm_desktop.storage.importing import (
    FIELDS,
    KINDS,
    guess_mapping,
    load_template,
    read_source,
    save_template,
)
from crm_desktop.storage.importing.decoding import CHOICES, display_name
from crm_desktop.storage.importing.readers import Source
from crm_desktop.ui.data.data_common import REGIONS
from crm_desktop.ui.errors import describe, show_error
from crm_desktop.ui.qt_typed import named, translate
from crm_desktop.ui.theme import style_item_view

if TYPE_CHECKING:
    from crm_desktop.ui.data.import_wizard import ImportWizard


class ChoosePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(self.tr("CSV (any encoding and delimiter), Excel (.xlsx) or vCard."))
        self.file_edit = named(QLineEdit(), "fileEdit")
        self.file_edit.setPlaceholderText(self.tr("customers.csv"))
        self.file_edit.textChanged.connect(self.completeChanged)
        browse = named(QPushButton(self.tr("Browse…")), "browseButton")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        self.kind_combo = named(QComboBox(), "kindCombo")
        labels = {"customers": self.tr("Customers"), "orders": self.tr("Orders"),
                  "opportunities": self.tr("Opportunities"), "tickets": self.tr("Tickets"),
                  "interactions": self.tr("Interactions")}
        for kind in KINDS:
            self.kind_combo.addItem(labels[kind], kind)
        self.region_combo = named(QComboBox(), "regionCombo")
        self.region_combo.setEditable(True)
        self.region_combo.addItems(list(REGIONS))
        self.region_combo.setCurrentText(wizard.services.phone_region)
        self.encoding_combo = named(QComboBox(), "encodingCombo")
        for code, label in self.encoding_choices():
            self.encoding_combo.addItem(label, code)
        self.encoding_combo.setToolTip(self.tr(
            "CSV and vCard files: the text encoding is detected; choose one if the names in "
            "the preview look wrong. Lines that do not read in it are listed as invalid rows."))
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Import as:"), self.kind_combo)
        form.addRow(self.tr("Phone numbers without a country code are in:"), self.region_combo)
        form.addRow(self.tr("Text encoding:"), self.encoding_combo)

    def encoding_choices(self) -> list[tuple[str, str]]:
        """(codec, label): "detect" first, then `decoding.CHOICES` in the user's language."""
        labels = {
            "utf-8": "UTF-8",
            "gb18030": self.tr("GB18030 / GBK (Simplified Chinese)"),
            "big5": self.tr("Big5 (Traditional Chinese)"),
            "shift_jis": self.tr("Shift-JIS (Japanese)"),
            "cp1252": self.tr("Windows-1252 (Western)"),
            "latin-1": self.tr("ISO-8859-1 (Latin-1)"),
            "utf-16": "UTF-16",
        }
        return [("", self.tr("Detect automatically"))] + [
            (code, labels.get(code, label)) for code, label in CHOICES]

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import file"), "",
            self.tr("Tables and contacts (*.csv *.tsv *.txt *.xlsx *.vcf);;All files (*)"))
        if path:
            self.file_edit.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return Path(self.file_edit.text().strip()).is_file()


class MappingPage(QWizardPage):
    """Which column feeds which field: guessed, editable, savable as a template."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Match the columns"))
        self.status = named(QLabel(), "mappingStatus")
        self.table = named(QTableWidget(0, 3), "mappingTable")
        style_item_view(self.table)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Examples"), self.tr("Field")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        save = named(QPushButton(self.tr("Save as template…")), "saveTemplate")
        load = named(QPushButton(self.tr("Load template…")), "loadTemplate")
        save.clicked.connect(self._save)
        load.clicked.connect(self._load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(load)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.combos: list[QComboBox] = []
        self.loaded_for: tuple[str, str, str] | None = None

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        wizard = self.wizard_
        key = (str(wizard.path()), wizard.kind(), wizard.encoding() or "")
        if self.loaded_for == key:
            return
        self.loaded_for = None
        self.table.setRowCount(0)
        self.status.setText(self.tr("Reading {0}…").format(wizard.path().name))
        wizard.start(read_source, wizard.path(), wizard.limits(), wizard.encoding(),
                     key="read", on_finished=self._fill, on_failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(describe(error))
        show_error(self, error)

    def _fill(self, source: Source) -> None:
        wizard = self.wizard_
        wizard.source = source
        kind = wizard.kind()
        fields = FIELDS[kind]
        guessed = guess_mapping(source.headers, kind)
        self.combos = []
        self.table.setRowCount(len(source.headers))
        for row, header in enumerate(source.headers):
            examples = [cells[row] for cells in source.sample(20)
                        if row < len(cells) and cells[row]][:3]
            self.table.setItem(row, 0, QTableWidgetItem(header))
            self.table.setItem(row, 1, QTableWidgetItem(" · ".join(examples)))
            combo = QComboBox()
            combo.addItem(self.tr("(do not import)"), None)
            for spec in fields:
                combo.addItem(translate("fields", spec.label), spec.name)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(header))))
            combo.currentIndexChanged.connect(self.completeChanged)
            self.table.setCellWidget(row, 2, combo)
            self.combos.append(combo)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(2, 220)
        details = [f"{len(source.rows):,}".replace(",", " ") + " " + self.tr("rows")]
        if source.encoding:
            details.append(display_name(source.encoding))
        if source.delimiter:
            details.append(self.tr("delimiter {0}").format(repr(source.delimiter)))
        self.status.setText(" · ".join(details))
        self.loaded_for = (str(wizard.path()), kind, wizard.encoding() or "")
        self.completeChanged.emit()

    def mapping(self) -> dict[str, str | None]:
        source = self.wizard_.source
        if source is None:
            return {}
        return {h: combo.currentData() for h, combo in zip(source.headers, self.combos,
                                                            strict=False)}

    def set_mapping(self, mapping: dict[str, str | None]) -> None:
        source = self.wizard_.source
        for header, combo in zip(source.headers if source else [], self.combos, strict=False):
            if header in mapping:
                combo.setCurrentIndex(max(0, combo.findData(mapping[header])))

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.loaded_for is not None and any(self.mapping().values())

    def _save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save mapping template"),
                                              "mapping.json", self.tr("Templates (*.json)"))
        if path:
            try:
                save_template(path, self.wizard_.kind(), self.mapping())
            except Exception as error:
                show_error(self, error)

    def _load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load mapping template"), "",
                                              self.tr("Templates (*.json)"))
        if path:
            self.load_template_file(path)

    def load_template_file(self, path: str | Path) -> None:
        try:
            kind, mapping = load_template(path)
            if kind != self.wizard_.kind():
                raise ValueError(self.tr("This template is for {0}.").format(kind))
        except Exception as error:
            show_error(self, error)
            return
        self.set_mapping(mapping)
