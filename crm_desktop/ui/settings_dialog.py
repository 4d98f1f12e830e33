"""Edit > Settings…: the user's preferences (`ui.preferences`, kept in QSettings) and the
database's default currency.

    dialog = SettingsDialog(context, window); dialog.open()

Each is used where it matters: the language by `ui.language.install_translations` at the next start, the
theme at once (`ui.theme.apply_theme`), the default country for phone numbers typed without +
and a new customer's country, the currency for new records (stored in the database:
`services.money.set_default_currency`), the backup folder and how many to keep by the automatic
backups (`ui.backup_actions`), the churn window and loyal-customer rule by the dashboard and the
Analytics page, the stay-in-touch default by a new customer, the import limits (longest cell,
largest file) by File > Import….
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.money import clean_currency, default_currency, set_default_currency
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.preferences import RANGES, Preferences
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import spin_box_look
from crm_desktop.ui.widgets.choice_boxes import CountryBox, CurrencyBox

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext


def language_choices() -> list[tuple[str, str]]:
    """(shown, code): each language in its own name, so anyone finds theirs."""
    from PySide6.QtCore import QCoreApplication

    return [(QCoreApplication.translate("SettingsDialog", "Follow the system"), ""),
            ("English", "en"), ("简体中文", "zh_CN")]


def spin(name: str, value: int, suffix: str = "", special: str = "") -> QSpinBox:
    box = named(spin_box_look(QSpinBox()), f"{name}Field")
    low, high = RANGES[name]
    box.setRange(low, high)
    box.setValue(value)
    if suffix:
        box.setSuffix(suffix)
    if special:
        box.setSpecialValueText(special)
    return box


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.context = context
        self.before = Preferences.load(context.settings)
        self.currency_before = default_currency(context.database)
        p = self.before
        self.language = named(QComboBox(), "languageField")
        for text, code in language_choices():
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(0, self.language.findData(p.language)))
        self.theme = named(QComboBox(), "themeField")
        for text, code in ((self.tr("Follow the system"), "system"), (self.tr("Light"), "light"),
                           (self.tr("Dark"), "dark")):
            self.theme.addItem(text, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(p.theme)))
        self.country = named(CountryBox(p.country), "countryField")
        self.currency = named(CurrencyBox(self.currency_before), "currencyField")
        self.backup_folder = named(QLineEdit(p.backup_folder), "backupFolderField")
        self.backup_folder.setPlaceholderText(self.tr("Next to the database (backups folder)"))
        browse = named(QPushButton(self.tr("Choose…")), "backupFolderBrowse")
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backup_folder, 1)
        folder_row.addWidget(browse)
        self.backups_kept = spin("backups_kept", p.backups_kept)
        self.churn_window = spin("churn_window_days", p.churn_window_days, self.tr(" days"))
        self.loyal_min = spin("loyal_min_quarters", p.loyal_min_quarters)
        self.loyal_of = spin("loyal_quarters", p.loyal_quarters, self.tr(" quarters"))
        loyal_row = QHBoxLayout()
        loyal_row.addWidget(self.loyal_min)
        loyal_row.addWidget(QLabel(self.tr("of the last")))
        loyal_row.addWidget(self.loyal_of)
        loyal_row.addStretch(1)
        self.touch = spin("touch_every_days", p.touch_every_days, self.tr(" days"),
                          self.tr("Never"))
        self.max_cell = spin("import_max_cell_chars", p.import_max_cell_chars,
                             self.tr(" characters"))
        self.max_cell.setSingleStep(100_000)
        self.max_cell.setGroupSeparatorShown(True)
        self.max_file = spin("import_max_file_mb", p.import_max_file_mb, self.tr(" MB"))
        self.max_file.setSingleStep(64)
        self.max_file.setGroupSeparatorShown(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Default country"), self.country)
        form.addRow(self.tr("Default currency"), self.currency)
        form.addRow(self.tr("Backup folder"), folder_row)
        form.addRow(self.tr("Backups to keep"), self.backups_kept)
        form.addRow(self.tr("Churn rate over the last"), self.churn_window)
        form.addRow(self.tr("Loyal: orders in"), loyal_row)
        form.addRow(self.tr("Stay in touch by default every"), self.touch)
        form.addRow(self.tr("Import: longest cell"), self.max_cell)
        form.addRow(self.tr("Import: largest file"), self.max_file)
        self.country.setToolTip(self.tr(
            "Phone numbers typed without + are read in this country; new customers start here"))
        self.currency.setToolTip(self.tr("New quotes, orders, opportunities and products start "
                                         "in this currency (kept in this database)"))
        self.churn_window.setToolTip(self.tr(
            "The dashboard's churn rate: the share of active customers lost in this period"))
        self.loyal_min.setToolTip(self.tr(
            "A customer is loyal with paid orders in at least this many of the recent quarters"))
        self.max_cell.setToolTip(self.tr(
            "A row with a longer cell is not imported; the import lists it with this reason"))
        self.max_file.setToolTip(self.tr("A larger file is refused before it is read"))
        self.note = named(QLabel(), "settingsNote")
        self.note.setWordWrap(True)
        self.error = named(QLabel(), "settingsError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.language.currentIndexChanged.connect(self._language_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(580, self.sizeHint().height())

    def _language_changed(self) -> None:
        changed = self.language.currentData() != self.before.language
        self.note.setText(self.tr("The language changes when crm-desktop starts again.")
                          if changed else "")

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"),
                                                  self.backup_folder.text())
        if folder:
            self.backup_folder.setText(folder)

    def chosen(self) -> Preferences:
        """The preferences as set in the dialog (ValidationError names a bad one)."""
        country = (self.country.value() or "").upper()
        if len(country) != 2 or not country.isalpha():
            raise ValidationError("country", self.tr("choose a country from the list"))
        if self.loyal_min.value() > self.loyal_of.value():
            raise ValidationError("loyal_min_quarters", self.tr(
                "a loyal customer cannot need orders in more quarters than are looked at"))
        return replace(
            self.before, language=str(self.language.currentData()),
            theme=str(self.theme.currentData()), country=country,
            backup_folder=self.backup_folder.text().strip(),
            backups_kept=self.backups_kept.value(), churn_window_days=self.churn_window.value(),
            loyal_min_quarters=self.loyal_min.value(), loyal_quarters=self.loyal_of.value(),
            touch_every_days=self.touch.value(), import_max_cell_chars=self.max_cell.value(),
            import_max_file_mb=self.max_file.value())

    def submit(self) -> None:
        try:
            chosen = self.chosen()
            currency = clean_currency(self.currency.value(), "")
        except ValidationError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        chosen.save(self.context.settings)
        if currency and currency != self.currency_before:
            self.context.apply(set_default_currency(self.context.database, currency).changes)
        if chosen.theme != self.before.theme:
            apply_theme(chosen.theme)
        self.accept()


def apply_theme(name: str) -> None:
    """The theme at once (ui.theme, owned by the look's engineer, may be absent in a build)."""
    from PySide6.QtWidgets import QApplication

    try:
        from crm_desktop.ui import theme
    except ImportError:
        return
    app = QApplication.instance()
    apply = getattr(theme, "apply_theme", None)
    if isinstance(app, QApplication) and apply is not None:
        apply(app, name)


def open_settings(context: AppContext, parent: QWidget | None) -> SettingsDialog:
    from PySide6.QtCore import Qt

    dialog = SettingsDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
