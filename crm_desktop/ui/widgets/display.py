"""Small display helpers shared by the pages: money, dates, times, for the user's locale.

Phone numbers: `phone()` (national format for the home region, international otherwise).
The locale is the default QLocale (`crm_desktop.ui.language.install_translations` sets it from the
language setting): separators, where the currency sign goes and the date order follow it
("$1,234.50" / "¥1,234.50" / "1.234,50 €"; "12/7/2026" / "2026/12/7" / "07.12.2026").
Money is formatted from the Decimal itself (never through a float), always with its currency:
the locale's own sign for its own currency, a well-known sign otherwise ($, €, £), else the ISO
code. The C locale (no language set: LANG=C, CI) keeps ISO dates and English separators.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm_desktop.storage.amounts import Amounts

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

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
_NUMBER = "1.00"  # the probe amount whose place in the locale's currency pattern we look up
_patterns: dict[str, str] = {}


def _locale() -> QLocale:
    locale = QLocale()
    return QLocale("en_US") if locale.language() == QLocale.Language.C else locale


def _is_c_locale() -> bool:
    return QLocale().language() == QLocale.Language.C


def _pattern(locale: QLocale) -> str:
    """The locale's currency pattern with "¤" for the sign and _NUMBER for the amount:
    "¤1.00" (en_US, zh_CN), "1.00 ¤" (de_DE, fr_FR: a no-break space)."""
    name = locale.name()
    if name not in _patterns:
        probe = locale.toCurrencyString(1.0, "¤", 2)
        _patterns[name] = probe.replace(locale.toString(1.0, "f", 2), _NUMBER)
    return _patterns[name]


def currency_sign(currency: str | None, locale: QLocale | None = None) -> str:
    """The sign shown for `currency` ("$", "¥", "€", or the ISO code when it has no sign known
    to be unambiguous here). JPY is "JP¥" where the locale's own currency is CNY (and CNY is
    "CN¥" in Japan)."""
    code = (currency or "").upper()
    locale = locale or _locale()
    own = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    if code and code == own:
        return locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol) or code
    if code in ("JPY", "CNY") and own in ("JPY", "CNY"):
        return code[:2] + "¥"
    if code == "USD" and locale.currencySymbol() == "$":
        return "US$"  # another dollar is the local one (Canada, Australia, ...)
    return _SYMBOLS.get(code, code)


def number(value: Decimal | int, places: int = 2, locale: QLocale | None = None) -> str:
    """A Decimal with the locale's group and decimal separators, exactly (half up)."""
    locale = locale or _locale()
    quantum = Decimal(1).scaleb(-places)
    text = f"{abs(Decimal(value)).quantize(quantum, ROUND_HALF_UP):,.{places}f}"
    digits, _, fraction = text.partition(".")
    digits = digits.replace(",", locale.groupSeparator())
    body = f"{digits}{locale.decimalPoint()}{fraction}" if fraction else digits
    negative = Decimal(value).quantize(quantum, ROUND_HALF_UP) < 0
    return f"{locale.negativeSign()}{body}" if negative else body


def money(amount: Decimal | int | None, currency: str | None = "USD", *, cents: bool = True) -> str:
    """'$1,234.50', '¥1,234.50', '1.234,50 €', '1,234.50 CHF' (exact: Decimal is formatted
    without passing through float); no currency: the number alone."""
    if amount is None:
        return ""
    locale = _locale()
    value = Decimal(amount)
    shown = number(abs(value), 2 if cents else 0, locale)
    negative = value.quantize(Decimal("0.01") if cents else Decimal(1), ROUND_HALF_UP) < 0
    sign = locale.negativeSign() if negative else ""
    if not currency:
        return sign + shown
    symbol = currency_sign(currency, locale)
    if symbol == currency.upper() and symbol not in _SYMBOLS.values():
        return f"{sign}{shown} {symbol}"  # an ISO code reads after the number
    return sign + _pattern(locale).replace(_NUMBER, shown).replace("¤", symbol)


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
    """Compact figures for headers: $1.2M, $45.3k, $950 (¥1.2M in Chinese too: the suffixes are
    the international ones, which read the same in every language)."""
    if amount is None:
        return ""
    value = Decimal(amount)
    for limit, suffix in ((Decimal(1_000_000_000), "B"), (Decimal(1_000_000), "M"),
                          (Decimal(1_000), "k")):
        if abs(value) >= limit:
            text = money(value / limit, currency, cents=True)
            locale = _locale()
            scaled = number(abs(value / limit), 2, locale)
            return text.replace(scaled, number(abs(value / limit), 1, locale) + suffix)
    return money(value, currency, cents=False)


def _date_format(locale: QLocale) -> str:
    """The locale's short date with a four-digit year ("M/d/yyyy", "yyyy/M/d", "dd.MM.yyyy")."""
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def day(value: date | datetime | None) -> str:
    """A day in the locale's short format with four-digit years ("3/4/2026", "2026/3/4")."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if _is_c_locale():
        return value.isoformat()
    locale = _locale()
    return locale.toString(QDate(value.year, value.month, value.day), _date_format(locale))


def to_local(value: datetime) -> datetime:
    """A stored naive-UTC time as naive local time (what the user reads and types)."""
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def to_utc(value: datetime) -> datetime:
    """A naive local time as naive UTC (how storage keeps every time)."""
    return value.astimezone(UTC).replace(tzinfo=None)


def moment(value: datetime | None) -> str:
    """A stored time in local time, to the minute, in the locale's format."""
    if value is None:
        return ""
    local = to_local(value)
    if _is_c_locale():
        return local.strftime("%Y-%m-%d %H:%M")
    locale = _locale()
    pattern = _date_format(locale) + " " + locale.timeFormat(QLocale.FormatType.ShortFormat)
    shown = QDateTime(QDate(local.year, local.month, local.day),
                      QTime(local.hour, local.minute))
    return locale.toString(shown, pattern)
