"""The rules of the customer form beyond storage's: which fields it edits, how each typed value
is checked and normalised (country codes, web addresses, lengths, birthdays, custom fields).

    clean_form_values({"country": "uk", "website": "example.com"})
        -> {"country": "GB", "website": "https://example.com"}
    clean_custom_fields({" Shoe size ": "38", "Vegan": ""})  -> {"Shoe size": "38"}

Each check raises `ValidationError(field, reason)` naming the field, so the dialog shows the
reason under it (custom fields: under the custom-fields table).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from crm_desktop.storage.customer_details import EDITABLE_FIELDS
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.validation import parse_date

# The longest text each column takes (as the model declares it; SQLite would not stop more,
# a server database would).
TEXT_LIMITS: dict[str, int] = {
    "name": 200, "company_role": 100, "job_title": 100, "department": 100, "website": 200,
    "street": 200, "city": 100, "region": 100, "postal_code": 20, "industry": 100,
    "lead_source": 50, "owner": 100, "category": 100,
}
CUSTOM_KEY_LIMIT = 60
CUSTOM_VALUE_LIMIT = 500
# What people type instead of the ISO 3166 code.
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}
_COUNTRY = re.compile(r"[A-Z]{2}")
_HOST = re.compile(r"[^\s/]+\.[^\s/.]{2,}")


def clean_form_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Each value the form gives, checked and normalised: a known field each, texts trimmed and
    within their length, a two-letter country, a web address, a birthday not in the future,
    custom fields as a clean mapping (None when empty)."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0],
                              QT_TRANSLATE_NOOP("errors", "is not a field of the customer form"))
    cleaned = dict(values)
    for key, limit in TEXT_LIMITS.items():
        if key in cleaned:
            cleaned[key] = _text(cleaned[key], key, limit)
    if "country" in cleaned:
        cleaned["country"] = clean_country(cleaned["country"])
    if "website" in cleaned:
        cleaned["website"] = clean_website(cleaned["website"])
    if "birthday" in cleaned:
        cleaned["birthday"] = clean_birthday(cleaned["birthday"])
    if "custom_fields" in cleaned:
        cleaned["custom_fields"] = clean_custom_fields(cleaned["custom_fields"])
    for key in ("needs", "notes"):
        if key in cleaned:
            cleaned[key] = (str(cleaned[key]).strip() or None) if cleaned[key] else None
    if "touch_every_days" in cleaned:
        cleaned["touch_every_days"] = cleaned["touch_every_days"] or None
    return cleaned


def _text(value: Any, field: str, limit: int) -> str | None:
    text = str(value).strip() if value is not None else ""
    if len(text) > limit:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "is too long ({0} characters; at most {1})"),
                              len(text), limit)
    return text or None


def clean_country(value: str | None) -> str | None:
    """The ISO 3166 two-letter code typed (upper-cased; UK is GB), None when empty."""
    country = (value or "").strip().upper() or None
    if country is None:
        return None
    country = _COUNTRY_ALIASES.get(country, country)
    if not _COUNTRY.fullmatch(country):
        raise ValidationError("country", QT_TRANSLATE_NOOP("errors", "use a two-letter code such as US"))
    return country


def clean_website(value: str | None) -> str | None:
    """A web address with its scheme ("example.com" -> "https://example.com"), None when empty."""
    text = (value or "").strip()
    if not text:
        return None
    address = text if re.match(r"(?i)https?://", text) else f"https://{text}"
    host = urlsplit(address).netloc
    if " " in text or not _HOST.fullmatch(host.rsplit("@", 1)[-1].split(":", 1)[0]):
        raise ValidationError("website", QT_TRANSLATE_NOOP("errors", "{0!r} is not a web address (such as example.com)"),
                              text)
    if len(address) > TEXT_LIMITS["website"]:
        raise ValidationError("website", QT_TRANSLATE_NOOP("errors", "is too long (at most {0} characters)"),
                              TEXT_LIMITS["website"])
    return address


def clean_birthday(value: Any, today: date | None = None) -> date | None:
    """A date (or text `parse_date` reads) that is not in the future."""
    birthday = parse_date(value, "birthday")
    if birthday is not None and birthday > (today or date.today()):
        raise ValidationError("birthday", QT_TRANSLATE_NOOP("errors", "cannot be in the future"))
    return birthday


def clean_custom_fields(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Custom fields as a mapping of trimmed names to values; a field without a value is
    dropped; numbers and yes/no values (from an import) are kept as they are. None when empty.
    Two fields whose names differ only in case or spaces are refused."""
    if not value:
        return None
    if not isinstance(value, Mapping):
        raise ValidationError("custom_fields",
                              QT_TRANSLATE_NOOP("errors", "must be pairs of a field name and a value"))
    cleaned: dict[str, Any] = {}
    seen: dict[str, str] = {}
    for raw_key, raw_value in value.items():
        key = " ".join(str(raw_key or "").split())
        item = raw_value.strip() if isinstance(raw_value, str) else raw_value
        if item is None or item == "":
            continue
        if not key:
            raise ValidationError("custom_fields",
                                  QT_TRANSLATE_NOOP("errors", "the value {0!r} has no field name"), item)
        if len(key) > CUSTOM_KEY_LIMIT:
            raise ValidationError("custom_fields", QT_TRANSLATE_NOOP("errors", "the field name {0!r} is too long (at most {1} characters)"),
                                  key, CUSTOM_KEY_LIMIT)
        if isinstance(item, str) and len(item) > CUSTOM_VALUE_LIMIT:
            raise ValidationError("custom_fields", QT_TRANSLATE_NOOP("errors", "the value of {0!r} is too long (at most {1} characters)"),
                                  key, CUSTOM_VALUE_LIMIT)
        folded = key.casefold()
        if folded in seen:
            raise ValidationError("custom_fields",
                                  QT_TRANSLATE_NOOP("errors", "the field {0!r} appears twice"), key)
        seen[folded] = key
        cleaned[key] = item
    return cleaned or None
