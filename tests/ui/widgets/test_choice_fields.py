"""Date fields (calendar, locale format, may be empty) and the type-ahead boxes for country,
currency and owner: what a dialog reads from each."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from PySide6.QtCore import QLocale, Qt

from crm_desktop.app import resources_dir
from crm_desktop.ui.widgets.choice_boxes import CountryBox, CurrencyBox, SuggestBox
from crm_desktop.ui.widgets.date_edit import DateEdit, display_format, full_century
from crm_desktop.ui.widgets.regions import countries, country_name


def test_a_date_field_may_be_empty_and_gives_back_what_was_set(qtbot):
    field = DateEdit()
    qtbot.addWidget(field)
    assert field.value() is None and field.is_empty()
    field.set_value(date(2026, 3, 4))
    assert field.value() == date(2026, 3, 4)
    field.clear_action.trigger()
    assert field.value() is None
    field.set_value(date(2026, 3, 4))
    field.lineEdit().selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)  # Delete over the whole text empties it
    assert field.value() is None


def test_a_date_and_time_field_keeps_the_minutes(qtbot):
    field = DateEdit(datetime(2026, 3, 4, 10, 30), with_time=True)
    qtbot.addWidget(field)
    assert field.value() == datetime(2026, 3, 4, 10, 30)
    assert field.calendarPopup()


def test_dates_show_in_the_locales_format_with_four_digit_years():
    assert display_format(QLocale("en_US")) == "M/d/yyyy"
    assert display_format(QLocale("de_DE")) == "dd.MM.yyyy"
    assert "yyyy" in display_format(QLocale("zh_CN"))
    assert full_century(24, date(2026, 1, 1)) == 2024
    assert full_century(90, date(2026, 1, 1)) == 1990


def test_country_box_reads_name_code_or_english_name(qtbot):
    box = CountryBox("DE")
    qtbot.addWidget(box)
    assert box.value() == "DE"
    box.setCurrentIndex(-1)
    box.setEditText("france")
    assert box.value() == "FR"
    box.setEditText("gb")
    assert box.value() == "GB"
    box.setEditText("Narnia")  # not a country: given as typed, the service names the field
    assert box.value() == "Narnia"
    box.setEditText("")
    assert box.value() is None


def test_currency_and_owner_boxes(qtbot):
    currency = CurrencyBox("cny")
    qtbot.addWidget(currency)
    assert currency.value() == "CNY" and "¥" in currency.currentText()
    owner = SuggestBox(["Ana", "Bo"], "Cleo")  # an owner no longer listed is still offered
    qtbot.addWidget(owner)
    assert owner.value() == "Cleo" and owner.findData("Cleo") >= 0
    completer = owner.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains


def test_country_names_in_chinese_and_the_file_up_to_date():
    names = {c.code: c.name for c in countries(QLocale("zh_CN"))}
    assert names["CN"] == "中国" and names["DE"] == "德国"
    assert country_name("fr", QLocale("en_US")) == "France"
    from scripts.make_region_names import region_names

    stored = json.loads((resources_dir() / "regions.json").read_text(encoding="utf-8"))
    assert stored == region_names(), "run scripts/make_region_names.py"


@pytest.mark.parametrize(("locale", "typed", "expected"), [
    ("en_US", "3/4/2026", date(2026, 3, 4)), ("de_DE", "04.03.2026", date(2026, 3, 4)),
    ("zh_CN", "2026/3/4", date(2026, 3, 4)), ("en_US", "12/25/90", date(1990, 12, 25)),
])
@pytest.mark.parametrize("start", [None, date(2020, 1, 1)])
def test_a_date_typed_in_the_locales_format(qtbot, locale, typed, expected, start):
    """Into an empty field, or over the whole of a filled one, as written (separators typed
    after a section that filled itself are skipped; a two-digit year is the nearest)."""
    before = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        field = DateEdit(start)
        qtbot.addWidget(field)
        field.show()
        field.setFocus()
        field.lineEdit().selectAll()
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert field.value() == expected
    finally:
        QLocale.setDefault(before)
