"""Checking and normalising what users type or import: emails, phones, dates, money, tags.

Each function returns the normalised value or raises `ValidationError` naming the field and the
reason in words a user understands. Shared by the edit dialogs, the importers and the CLI.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import ValidationResult

from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError

DEFAULT_REGION = "US"

_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%m/%d/%Y", "%d/%m/%Y", "%Y%m%d",
    "%d-%m-%Y", "%b %d %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y年%m月%d日",
)
_CURRENCY_MARKS = re.compile(r"[\s$€£¥￥]|USD|EUR|GBP|CNY|RMB|元")


def normalize_email(value: str, field: str = "email") -> str:
    """A syntactically valid address, domain lower-cased (no DNS lookup: we work offline)."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "is empty"))
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} is not a valid email address ({1})"), text, error) from None
    return str(result.normalized)


def email_key(value: str) -> str:
    """What two spellings of the same address share: used to match and de-duplicate."""
    return value.strip().lower()


class PhoneCheck(NamedTuple):
    """A phone number in E.164, and a warning when it is kept although it may be wrong."""

    e164: str
    warning: str | None = None


# Why `phonenumbers.is_possible_number_with_reason` refuses a number (IS_POSSIBLE is fine).
_IMPOSSIBLE = {
    ValidationResult.TOO_SHORT: "is too short for a phone number in {where}",
    ValidationResult.TOO_LONG: "is too long for a phone number in {where}",
    ValidationResult.INVALID_LENGTH: "has the wrong number of digits for a phone number in "
                                     "{where}",
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "is missing its area code ({where})",
    ValidationResult.INVALID_COUNTRY_CODE: "does not start with a known country code",
}
# A warning (the number is kept): callers say so ("kept" in reports).
_UNALLOCATED = ("is not a valid number for {where} as far as this app knows (the right length, "
                "but not in a listed range)")


def check_phone(value: str, region: str = DEFAULT_REGION, field: str = "phone") -> PhoneCheck:
    """E.164 (+14155550100) and a warning or None; numbers without a country code are read in
    `region`. One rule for the dialogs and the importers:

    - a number with the wrong number of digits for its country (or a local number without
      its area code) is refused: `ValidationError` naming the number, the reason and the
      country its code says (a + prefix wins over `region`);
    - a number of the right length that phonenumbers does not know as allocated is kept with
      a warning (its metadata lags real allocations: refusing it would lose a customer's row);
    - a valid number has no warning.
    """
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "is empty"))
    region = (region or DEFAULT_REGION).upper()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} is not a phone number ({1})"), text, error) from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != ValidationResult.IS_POSSIBLE:
        problem = _IMPOSSIBLE.get(reason, "is not a phone number")
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} {1}"), text, problem.format(where=_where(number, region)))
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.is_valid_number(number):
        return PhoneCheck(e164)
    shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return PhoneCheck(e164, f"{shown} {_UNALLOCATED.format(where=_where(number, region))}")


def normalize_phone(value: str, region: str = DEFAULT_REGION, field: str = "phone") -> str:
    """E.164 for what `check_phone` accepts (possible numbers are kept, see there)."""
    return check_phone(value, region, field).e164


def _where(number: phonenumbers.PhoneNumber, region: str) -> str:
    """'Singapore (SG)': the country the number's code says (the given region when the code
    is that region's), or 'country code +N' for a code several countries share."""
    code = number.country_code or 0  # parse() always sets it
    if code == phonenumbers.country_code_for_region(region):
        return region_name(region)
    regions = phonenumbers.region_codes_for_country_code(code)
    if len(regions) == 1 and regions[0] != phonenumbers.UNKNOWN_REGION:
        return region_name(regions[0])
    return f"country code +{code}"


@lru_cache(maxsize=256)
def region_name(region: str) -> str:
    """'Singapore (SG)' for 'SG' (English names from phonenumbers' data, loaded when first
    needed: it takes a few tenths of a second)."""
    from phonenumbers import geocoder

    example = phonenumbers.example_number(region)
    name = geocoder.country_name_for_number(example, "en") if example is not None else ""
    return f"{name} ({region})" if name else region


_TYPE_DESCS = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager",
               "uan", "voicemail", "fixed_line", "mobile")


@lru_cache(maxsize=1024)
def validity_pattern(region: str, length: int) -> re.Pattern[str] | None:
    """One regex equal to phonenumbers' validity test for national numbers of this length.

    `is_valid_number_for_region` accepts a national number when it matches the general pattern
    and one of the type patterns (premium rate ... mobile), each only for its possible lengths;
    matching the union of those patterns at once costs one regex instead of up to eleven.
    None when no number of that length is valid there.
    """
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    general = meta.general_desc if meta is not None else None
    if meta is None or general is None or not general.national_number_pattern:
        return None
    if general.possible_length and length not in general.possible_length:
        return None
    patterns = []
    for name in _TYPE_DESCS:
        desc = getattr(meta, name)
        if name == "mobile" and meta.same_mobile_and_fixed_line_pattern:
            continue
        if desc is None or not desc.national_number_pattern:
            continue
        if desc.possible_length and length not in desc.possible_length:
            continue
        patterns.append(desc.national_number_pattern)
    if not patterns:
        return None
    union = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"(?=(?:{general.national_number_pattern})$)(?:{union})")


def phone_key(e164: str) -> str:
    """Digits only: what phone search and matching compare."""
    return "".join(ch for ch in e164 if ch.isdigit())


def parse_date(value: str | date | datetime | None, field: str = "date") -> date | None:
    """A date from ISO, European, US (month first when ambiguous is not guessed: ISO first)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} is not a date (expected e.g. 2024-03-31)"), text)


def parse_money(value: str | int | float | Decimal | None, field: str = "amount") -> Decimal:
    """An exact amount with two decimals from '1,234.50', '$99', '¥ 1200', '1.234,50'."""
    if value is None or value == "":
        return Decimal("0.00")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | float):
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = _CURRENCY_MARKS.sub("", str(value))
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d{1,2})?", text):
            text = text.replace(".", "").replace(",", ".")  # 1.234,50 (European)
        else:
            text = text.replace(",", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} is not an amount of money"), value) from None
    if not amount.is_finite():
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} is not an amount of money"), value)
    return amount.quantize(Decimal("0.01"))


def parse_percent(value: str | int | Decimal | None, field: str = "percent") -> Decimal:
    """0-100 from '8', '8.5', '8 %' (empty: 0)."""
    raw = str(value if value is not None else "").replace("%", "").strip() or "0"
    try:
        percent = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} is not a percentage"), value) from None
    if not percent.is_finite() or not 0 <= percent <= 100:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "must be between 0 and 100 %"))
    return percent


def normalize_tags(value: str | list[str] | None) -> str | None:
    """'VIP;  wholesale,vip' -> 'vip, wholesale': lower case, unique, sorted."""
    if value is None:
        return None
    parts = value if isinstance(value, list) else re.split(r"[,;，；]", value)
    tags = sorted({p.strip().lower() for p in parts if p and p.strip()})
    return ", ".join(tags) or None


def require(value: str | None, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "is required"))
    return text
