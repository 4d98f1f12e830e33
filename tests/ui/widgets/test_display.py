"""Money, dates and times shown for the user's locale (the default QLocale), money exactly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from crm_desktop.ui.widgets.display import day, moment, money, short_money, to_local

NBSP = "\u00a0"


@pytest.fixture
def locale_named() -> Iterator[object]:
    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(QLocale("C"))


def test_english(locale_named) -> None:  # type: ignore[no-untyped-def]
    locale_named("en_US")
    assert money(Decimal("1234.5"), "USD") == "$1,234.50"
    assert money(Decimal("-0.5"), "EUR") == "-€0.50"
    assert money(Decimal("99"), "CHF") == "99.00 CHF"  # no well-known sign: the code
    assert money(Decimal("950"), "USD", cents=False) == "$950"
    assert short_money(Decimal("1234567"), "CNY") == "¥1.2M"
    assert day(date(2026, 3, 7)) == "3/7/2026"
    assert day(datetime(2026, 12, 31, 23, 0)) == "12/31/2026"


def test_chinese(locale_named) -> None:  # type: ignore[no-untyped-def]
    locale_named("zh_CN")
    assert money(Decimal("1234.5"), "CNY") == "¥1,234.50"
    assert money(Decimal("1234.5"), "USD") == "$1,234.50"
    assert money(Decimal("12"), "JPY") == "JP¥12.00"  # not the yuan's sign
    assert day(date(2026, 3, 7)) == "2026/3/7"
    stored = datetime(2026, 3, 7, 15, 5)  # naive UTC, as storage keeps it
    local = to_local(stored)
    assert moment(stored) == f"{local.year}/{local.month}/{local.day} {local:%H:%M}"


def test_german_puts_the_sign_after(locale_named) -> None:  # type: ignore[no-untyped-def]
    locale_named("de_DE")
    assert money(Decimal("1234.5"), "EUR") == f"1.234,50{NBSP}€"
    assert money(Decimal("-1234.5"), "EUR") == f"-1.234,50{NBSP}€"
    assert day(date(2026, 3, 7)) == "07.03.2026"


def test_money_is_exact(locale_named) -> None:  # type: ignore[no-untyped-def]
    locale_named("en_US")
    # 17 significant digits: a float would print ...567.88 or ...568.00
    assert money(Decimal("12345678901234567.89"), "USD") == "$12,345,678,901,234,567.89"
    assert money(Decimal("0.005"), "USD") == "$0.01"  # half up, like the stored amounts
    assert money(Decimal("-0.004"), "USD") == "$0.00"  # no "-$0.00"
    assert money(None, "USD") == ""
    assert money(Decimal("5"), None) == "5.00"


def test_the_c_locale_keeps_iso_dates(locale_named) -> None:  # type: ignore[no-untyped-def]
    locale_named("C")
    assert day(date(2026, 3, 7)) == "2026-03-07"
    assert money(Decimal("1234.5"), "USD") == "$1,234.50"
    stored = datetime(2026, 3, 7, 15, 5, tzinfo=UTC).replace(tzinfo=None)
    assert moment(stored) == to_local(stored).strftime("%Y-%m-%d %H:%M")
