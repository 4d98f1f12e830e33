"""The first run: a welcome that asks how to start (try the demo data, an empty database, or an
existing database file) with the language, the default country (phone numbers) and currency.

Shown by `app.launch` when the app starts on its default database and that file does not exist
yet. "Try the demo data" is the default button, so Enter does what `./dev app` always did: the
default database, filled with demo customers.

    dialog = WelcomeDialog(settings)
    if dialog.exec():
        start = dialog.start()        # Start(path, demo, currency)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui.preferences import Preferences
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.settings_dialog import language_choices
from crm_desktop.ui.widgets.choice_boxes import CountryBox, CurrencyBox

WELCOMED_KEY = "general/welcomed"
# The existing database chosen in the welcome: opened at start instead of the default one.
START_DATABASE_KEY = "general/start_database"


@dataclass(frozen=True)
class Start:
    path: Path  # the database to open (created when it does not exist)
    demo: bool  # fill it with demo data
    currency: str | None  # the default currency of a new database (None: keep the file's)


def should_welcome(settings: QSettings, path: Path) -> bool:
    """First run: the default database does not exist and the welcome was never completed."""
    return not path.exists() and not _true(settings.value(WELCOMED_KEY, False))


def _true(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes")


def guess_country(locale_name: str) -> str:
    """The system's country ("zh_CN" -> "CN"), US when it names none."""
    parts = locale_name.replace("-", "_").split("_")
    return parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else "US"


class WelcomeDialog(QDialog):
    def __init__(self, settings: QSettings, default_path: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QLocale

        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to crm-desktop"))
        self.settings = settings
        self.default_path = default_path
        self.existing: Path | None = None
        prefs = Preferences.load(settings)
        system = QLocale.system()
        heading = QLabel(self.tr("Welcome to crm-desktop"))
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        intro = QLabel(self.tr("Your customers, sales and service in one file on this "
                               "computer, with or without internet. How would you like to "
                               "start?"))
        intro.setWordWrap(True)
        self.demo = named(QRadioButton(self.tr("Try it with demo data (2,000 sample customers; "
                                               "start a real database any time)")), "startDemo")
        self.empty = named(QRadioButton(self.tr("Create an empty database")), "startEmpty")
        self.open_existing = named(QRadioButton(self.tr("Open an existing database…")),
                                   "startOpen")
        self.choices = QButtonGroup(self)
        for button in (self.demo, self.empty, self.open_existing):
            self.choices.addButton(button)
        self.demo.setChecked(True)
        self.where = named(QLabel(), "startWhere")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.language = named(QComboBox(), "languageField")
        for text, code in language_choices():
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        country = prefs.country if settings.contains("general/phone_region") \
            else guess_country(system.name())
        self.country = named(CountryBox(country), "countryField")
        self.country.setToolTip(self.tr("Phone numbers typed without + are read in this country"))
        currency = system.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode) or "USD"
        self.currency = named(CurrencyBox(currency), "currencyField")
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Default country"), self.country)
        form.addRow(self.tr("Currency"), self.currency)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText(self.tr("Start"))
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        for button in (self.demo, self.empty, self.open_existing):
            layout.addWidget(button)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.choices.buttonToggled.connect(lambda *_args: self._show_where())
        self._show_where()
        self.resize(520, self.sizeHint().height())

    def _show_where(self) -> None:
        if self.open_existing.isChecked():
            text = (self.tr("Opens {0}").format(self.existing) if self.existing else
                    self.tr("You choose the file after pressing Start."))
        else:
            text = self.tr("The database is kept in {0}").format(self.default_path)
        self.where.setText(text)
        self.currency.setEnabled(not self.open_existing.isChecked())

    def submit(self) -> None:
        if self.open_existing.isChecked() and self.existing is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Open database"), str(Path.home()),
                self.tr("Databases (*.db *.sqlite);;All files (*)"))
            if not chosen:
                return
            self.existing = Path(chosen)
        self.save_preferences()
        self.accept()

    def start(self) -> Start:
        if self.open_existing.isChecked() and self.existing is not None:
            return Start(self.existing, demo=False, currency=None)
        return Start(self.default_path, demo=self.demo.isChecked(),
                     currency=self.currency.value() or None)

    def save_preferences(self) -> None:
        """The language and country chosen, and that the welcome was done."""
        prefs = Preferences.load(self.settings)
        country = (self.country.value() or prefs.country).upper()
        if len(country) != 2 or not country.isalpha():
            country = prefs.country
        replace(prefs, language=str(self.language.currentData()), country=country).save(
            self.settings)
        if self.open_existing.isChecked() and self.existing is not None:
            self.settings.setValue(START_DATABASE_KEY, str(self.existing))
        self.settings.setValue(WELCOMED_KEY, True)
        self.settings.sync()
