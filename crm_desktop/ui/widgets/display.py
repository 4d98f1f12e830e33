"""Small display helpers shared by the pages: money, dates, times, phone numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm_desktop.storage.amounts import Amounts

# The region whose numbers are shown in national format ("(646) 347-3013"); others are shown
# international ("+44 20 7946 0958"). The main window sets it from the settings.
_home_region = "US"


def set_home_region(region: str) -> None:
    global _home_region
    if region and region.upper() != _home_region:
        _home_region = region.upper()
        _phone.cache_clear()


def phone(value: str | None) -> str:
    """A stored phone number (E.164, "+16463473013") formatted for reading: national format for
    numbers of the home region, international for the others; text that is no number is shown
    as it is."""
    return _phone(value, _home_region) if value else ""


@lru_cache(maxsize=4096)
def _phone(value: str, home: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, home)
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_possible_number(number):
        return value
    style = (phonenumbers.PhoneNumberFormat.NATIONAL
             if phonenumbers.region_code_for_number(number) == home
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥"}


def money(amount: Decimal | int | None, currency: str | None = "USD", *, cents: bool = True) -> str:
    """'$1,234.50' (exact: Decimal is formatted without passing through float)."""
    if amount is None:
        return ""
    value = Decimal(amount)
    text = f"{value:,.2f}" if cents else f"{value:,.0f}"
    symbol = _SYMBOLS.get((currency or "").upper())
    if symbol:
        return f"-{symbol}{text[1:]}" if text.startswith("-") else f"{symbol}{text}"
    return f"{text} {currency}" if currency else text


def money_parts(amounts: Amounts, *, short: bool = False, cents: bool = True,
                empty: str = "–") -> str:
    """A total kept per currency: '€12,400.00 · $3,100.00' (`short`: '€12.4k · $3.1k').
    Amounts in different currencies are never added (there is no exchange-rate table)."""
    if not amounts:
        return empty
    return " · ".join(short_money(value, code or None) if short
                      else money(value, code or None, cents=cents)
                      for code, value in amounts.parts)


def short_money(amount: Decimal | int | None, currency: str | None = "USD") -> str:
    """Compact figures for headers: $1.2M, $45.3k, $950."""
    if amount is None:
        return ""
    value = Decimal(amount)
    for limit, suffix in ((Decimal(1_000_000_000), "B"), (Decimal(1_000_000), "M"),
                          (Decimal(1_000), "k")):
        if abs(value) >= limit:
            scaled = value / limit
            symbol = _SYMBOLS.get((currency or "").upper(), "")
            return f"{symbol}{scaled:,.1f}{suffix}" + ("" if symbol else f" {currency}")
    return money(value, currency, cents=False)


def day(value: date | datetime | None) -> str:
    """A day in the locale's short format with four-digit years ("3/4/2026", "2026/3/4")."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    from PySide6.QtCore import QDate, QLocale

    from crm_desktop.ui.widgets.date_edit import display_format

    return QLocale().toString(QDate(value.year, value.month, value.day), display_format())


def to_local(value: datetime) -> datetime:
    """A stored naive-UTC time as naive local time (what the user reads and types)."""
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def to_utc(value: datetime) -> datetime:
    """A naive local time as naive UTC (how storage keeps every time)."""
    return value.astimezone(UTC).replace(tzinfo=None)


def moment(value: datetime | None) -> str:
    """A stored time in local time, to the minute, in the locale's short format."""
    if value is None:
        return ""
    from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

    from crm_desktop.ui.widgets.date_edit import display_format

    local = to_local(value)
    shown = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return QLocale().toString(shown, display_format(with_time=True))
