"""Checking and normalising what users type or import: emails, phones, dates, money, tags.

Each function returns the normalised value or raises `ValidationError` naming the field and the
reason in words a user understands. Shared by the edit dialogs, the importers and the CLI.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from crm_desktop.storage.errors import ValidationError

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
        raise ValidationError(field, "is empty")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationError(field, f"{text!r} is not a valid email address ({error})") from None
    return str(result.normalized)


def email_key(value: str) -> str:
    """What two spellings of the same address share: used to match and de-duplicate."""
    return value.strip().lower()


def normalize_phone(value: str, region: str = DEFAULT_REGION, field: str = "phone") -> str:
    """E.164 (+14155550100); numbers without a country code are read in `region`."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, "is empty")
    try:
        number = phonenumbers.parse(text, region.upper() if region else None)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(field, f"{text!r} is not a phone number ({error})") from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationError(field, f"{text!r} has the wrong number of digits for a phone")
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(field, f"{text!r} is not a valid phone number in {region}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


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
    raise ValidationError(field, f"{text!r} is not a date (expected e.g. 2024-03-31)")


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
            raise ValidationError(field, f"{value!r} is not an amount of money") from None
    if not amount.is_finite():
        raise ValidationError(field, f"{value!r} is not an amount of money")
    return amount.quantize(Decimal("0.01"))


def parse_percent(value: str | int | Decimal | None, field: str = "percent") -> Decimal:
    """0-100 from '8', '8.5', '8 %' (empty: 0)."""
    raw = str(value if value is not None else "").replace("%", "").strip() or "0"
    try:
        percent = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(field, f"{value!r} is not a percentage") from None
    if not percent.is_finite() or not 0 <= percent <= 100:
        raise ValidationError(field, "must be between 0 and 100 %")
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
        raise ValidationError(field, "is required")
    return text
