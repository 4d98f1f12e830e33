"""The interface speaks the chosen language: $CRM_LANG, else the `general/language` setting, else the
system's; our translation and Qt's own are installed for it (and removed for English)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from crm_desktop.ui.language import LANGUAGE_ENV, LANGUAGE_KEY, chosen_locale, install_translations


@pytest.fixture
def english_afterwards(qapp: QCoreApplication) -> Iterator[QCoreApplication]:
    yield qapp
    install_translations(qapp, QLocale("C"))
    QLocale.setDefault(QLocale("C"))


def _settings(tmp_path: Path, language: str | None) -> QSettings:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    if language is not None:
        settings.setValue(LANGUAGE_KEY, language)
    return settings


def test_the_setting_chooses_the_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    assert chosen_locale(_settings(tmp_path, "zh_CN")).name() == "zh_CN"
    assert chosen_locale(_settings(tmp_path, "en")).language() == QLocale.Language.English
    assert chosen_locale(_settings(tmp_path, "system")) == QLocale.system()
    assert chosen_locale(_settings(tmp_path, None)) == QLocale.system()
    assert chosen_locale(_settings(tmp_path, "xx_bogus")) == QLocale.system()


def test_the_environment_overrides_the_setting(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LANGUAGE_ENV, "zh_CN")
    assert chosen_locale(_settings(tmp_path, "en")).name() == "zh_CN"
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    assert chosen_locale(_settings(tmp_path, "zh_CN")).language() == QLocale.Language.English


def test_chinese_translates_our_texts_and_qts(english_afterwards: QCoreApplication) -> None:
    installed = install_translations(english_afterwards, QLocale("zh_CN"))
    assert len(installed) == 2  # ours and qtbase
    assert QLocale().name() == "zh_CN"  # formatting follows
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert QCoreApplication.translate("pages", "Customers") == "客户"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    install_translations(english_afterwards, QLocale("en_US"))
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_a_validation_error_reads_in_chinese(english_afterwards: QCoreApplication) -> None:
    from crm_desktop.storage.errors import ValidationError
    from crm_desktop.storage.validation import parse_money
    from crm_desktop.ui.errors import describe, error_message

    with pytest.raises(ValidationError) as caught:
        parse_money("12 apples", "amount")
    assert caught.value.message == "'12 apples' is not an amount of money"  # the CLI's
    install_translations(english_afterwards, QLocale("zh_CN"))
    assert error_message(caught.value) == "'12 apples' 不是金额"
    assert describe(caught.value) == "amount：'12 apples' 不是金额"


def test_the_main_window_speaks_chinese(english_afterwards: QCoreApplication, db: object,
                                        tmp_path: Path, qtbot: object) -> None:
    from crm_desktop.ui.main_window import MainWindow

    install_translations(english_afterwards, QLocale("zh_CN"))
    window = MainWindow(db, _settings(tmp_path, None), start_page="customers")
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:3] == ["文件(&F)", "编辑(&E)", "视图(&V)"]
