"""Small display helpers shared by the sales, service and activity pages: money, dates, times."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

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
