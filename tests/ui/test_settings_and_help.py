"""Settings (QSettings preferences, each used where it matters), the first-run welcome and the
Help menu's dialogs (issue 12: First run, Settings, Help)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget

from crm_desktop.services.money import default_currency
from crm_desktop.ui.backup_actions import auto_backup_if_due
from crm_desktop.ui.preferences import Preferences
from crm_desktop.ui.settings_dialog import SettingsDialog


def test_preferences_round_trip_and_bad_values_fall_back(settings):
    assert Preferences.load(settings) == Preferences()
    chosen = Preferences(language="zh_CN", theme="dark", country="CN", backup_folder="/x",
                         backups_kept=3, churn_window_days=30, loyal_min_quarters=1,
                         loyal_quarters=2, touch_every_days=14)
    chosen.save(settings)
    assert Preferences.load(settings) == chosen
    for key, value in (("view/theme", "purple"), ("general/language", "xx"),
                       ("general/phone_region", "Narnia"), ("backup/keep", "many"),
                       ("analysis/churn_window_days", "99999")):
        settings.setValue(key, value)
    loaded = Preferences.load(settings)
    assert (loaded.theme, loaded.language, loaded.country, loaded.backups_kept,
            loaded.churn_window_days) == ("system", "", "US", Preferences().backups_kept, 730)


@pytest.fixture
def keep_palette():
    """The dialog applies the theme to the whole application: put it back for other tests."""
    app = QApplication.instance()
    palette, style_sheet = app.palette(), app.styleSheet()
    yield
    app.setPalette(palette)
    app.setStyleSheet(style_sheet)


def test_the_settings_dialog_stores_each_choice(qtbot, context, db, keep_palette):
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert "starts again" in dialog.note.text()
    dialog.country.set_value("CN")
    dialog.currency.set_value("EUR")
    dialog.backup_folder.setText("/tmp/backups-here")
    dialog.backups_kept.setValue(4)
    dialog.churn_window.setValue(60)
    dialog.loyal_min.setValue(3)
    dialog.loyal_of.setValue(6)
    dialog.touch.setValue(21)
    dialog.max_cell.setValue(5000)
    dialog.max_file.setValue(20)
    dialog.submit()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert Preferences.load(context.settings) == Preferences(
        language="zh_CN", theme="dark", country="CN", backup_folder="/tmp/backups-here",
        backups_kept=4, churn_window_days=60, loyal_min_quarters=3, loyal_quarters=6,
        touch_every_days=21, import_max_cell_chars=5000, import_max_file_mb=20)
    limits = Preferences.load(context.settings).import_limits()
    assert (limits.max_cell_chars, limits.max_file_bytes) == (5000, 20 * 1024 * 1024)
    assert context.phone_region == "CN"  # phone numbers typed without + are read in China
    assert default_currency(db) == "EUR"  # new records start in euros (kept in the database)
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    assert window.lightness() < 100  # the dark theme is on


def test_the_settings_dialog_refuses_an_impossible_loyalty_rule(qtbot, context):
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.loyal_min.setValue(5)
    dialog.loyal_of.setValue(2)
    dialog.submit()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "quarters" in dialog.error.text()
    assert Preferences.load(context.settings) == Preferences()


def test_automatic_backups_go_to_the_chosen_folder_and_keep_as_many(db_path, tmp_path,
                                                                  settings):
    folder = tmp_path / "my backups"
    Preferences(backup_folder=str(folder), backups_kept=2).save(settings)
    made = [auto_backup_if_due(db_path, "startup", settings) for _ in range(3)]
    assert all(path is not None and path.parent == folder for path in made)
    assert len(list(folder.glob("*.db"))) == 2
    assert not (db_path.parent / "backups").exists()


def test_the_analytics_page_starts_from_the_preferred_rules(qtbot, settings):
    from crm_desktop.ui.analytics.analysis_params import ParamsPanel

    Preferences(churn_window_days=45, loyal_min_quarters=3, loyal_quarters=5).save(settings)
    panel = ParamsPanel(settings)
    qtbot.addWidget(panel)
    assert panel.values("kpis") == {"period": "month", "churn_window_days": 45,
                                    "loyal_min_quarters": 3, "loyal_quarters": 5}


# Help ------------------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, db, settings):
    from crm_desktop.ui.main_window import MainWindow

    main = MainWindow(db, settings, start_page="customers")
    qtbot.addWidget(main)
    yield main
    main.close()


def test_about_names_version_database_schema_and_data_folder(qtbot, window, db):
    from crm_desktop import __version__
    from crm_desktop.storage.paths import data_dir
    from crm_desktop.ui import main_actions

    dialog = main_actions.about(window)
    qtbot.addWidget(dialog)
    shown = dialog.findChild(QLabel, "aboutText").text()
    for part in (__version__, str(db.path), db.schema_version(), str(data_dir())):
        assert part and part in shown, part


def test_the_shortcuts_list_comes_from_the_actions(qtbot, window):
    from PySide6.QtGui import QKeySequence

    from crm_desktop.ui import main_actions
    from crm_desktop.ui.help_dialogs import shortcut_rows

    rows = dict(shortcut_rows(window.actions_by_name))
    undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText)
    assert undo in rows["Undo"]
    assert "Settings" in rows and "Keyboard shortcuts" in rows
    window.actions_by_name["refresh"].setShortcut(QKeySequence("Ctrl+Alt+R"))  # follows
    dialog = main_actions.keyboard_shortcuts(window)
    qtbot.addWidget(dialog)
    listed = dialog.findChild(QTableWidget, "shortcutsTable")
    keys = [listed.item(row, 1).text() for row in range(listed.rowCount())]
    assert QKeySequence("Ctrl+Alt+R").toString(QKeySequence.SequenceFormat.NativeText) in keys


def test_the_user_guide_opens(qtbot, window):
    from PySide6.QtWidgets import QTextBrowser

    from crm_desktop.ui import main_actions

    dialog = main_actions.user_guide(window)
    qtbot.addWidget(dialog)
    guide = dialog.findChild(QTextBrowser, "userGuide")
    assert "Custom fields" in guide.toPlainText() and "Keyboard shortcuts" in guide.toPlainText()


# First run -------------------------------------------------------------------------------------
def test_the_welcome_starts_the_default_database_with_demo_data_by_default(qtbot, tmp_path,
                                                                          settings):
    from crm_desktop.ui.welcome import WelcomeDialog, should_welcome

    path = tmp_path / "crm.db"
    assert should_welcome(settings, path)
    dialog = WelcomeDialog(settings, path)
    qtbot.addWidget(dialog)
    dialog.country.set_value("CN")
    dialog.currency.set_value("CNY")
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.submit()
    start = dialog.start()
    assert (start.path, start.demo, start.currency) == (path, True, "CNY")
    prefs = Preferences.load(settings)
    assert (prefs.language, prefs.country) == ("zh_CN", "CN")
    assert not should_welcome(settings, path)  # once is enough


def test_first_run_creates_an_empty_database_in_the_currency_chosen(qtbot, tmp_path,
                                                                    monkeypatch):
    from crm_desktop import app
    from crm_desktop.ui.welcome import WelcomeDialog

    default = tmp_path / "data" / "crm.db"
    default.parent.mkdir()
    monkeypatch.setattr("crm_desktop.storage.paths.default_database_path", lambda: default)
    monkeypatch.delenv(app.QUIT_WHEN_SHOWN, raising=False)

    def choose_empty(self: WelcomeDialog) -> int:
        self.empty.setChecked(True)
        self.currency.set_value("JPY")
        self.submit()
        return 1

    monkeypatch.setattr(WelcomeDialog, "exec", choose_empty)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = app.launch(settings=settings, start_page="customers")
    qtbot.addWidget(window)
    database = window.context.database
    assert Path(database.path) == default and default.exists()
    assert default_currency(database) == "JPY"
    window.close()
    database.close()


def test_an_existing_database_chosen_in_the_welcome_opens_at_each_start(qtbot, tmp_path,
                                                                       monkeypatch, db_path):
    from crm_desktop import app
    from crm_desktop.ui.welcome import WelcomeDialog

    default = tmp_path / "data" / "crm.db"
    monkeypatch.setattr("crm_desktop.storage.paths.default_database_path", lambda: default)
    monkeypatch.delenv(app.QUIT_WHEN_SHOWN, raising=False)
    shown = []

    def open_existing(self: WelcomeDialog) -> int:
        shown.append(True)
        self.open_existing.setChecked(True)
        self.existing = db_path
        self.submit()
        return 1

    monkeypatch.setattr(WelcomeDialog, "exec", open_existing)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    for _start in range(2):
        window = app.launch(settings=settings, start_page="customers", offer_demo=False)
        qtbot.addWidget(window)
        assert Path(window.context.database.path) == db_path
        window.close()
        window.context.runner.shutdown(5000)
        window.context.database.close()
    assert shown == [True] and not default.exists()
