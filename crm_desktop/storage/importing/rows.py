"""Validated rows: what one line of the file becomes, ready to be matched and written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from crm_desktop.models import utcnow
from crm_desktop.storage.importing.validate import InvalidValue, person_name
from crm_desktop.storage.validation import email_key, normalize_tags, phone_key

EMAIL_LABELS = ("work", "home", "other")
PHONE_LABELS = ("work", "home", "mobile", "other")
# Fields that are not customer columns (the rest of a customer row's values are).
_NOT_COLUMNS = {
    "first_name", "last_name", "company", "custom", "email", "email_label", "email_work",
    "email_home", "email_other", "phone", "phone_label", "phone_work", "phone_home",
    "phone_mobile", "phone_other", "uuid",
}
CUSTOMER_REF_FIELDS = ("customer_external_id", "customer_email", "customer_phone",
                       "customer_name")


@dataclass(slots=True)
class Contact:
    kind: str
    label: str
    value: str
    key: str
    primary: bool


@dataclass(slots=True)
class CustomerRow:
    row: int
    values: dict[str, Any]
    contacts: list[Contact]
    company: str | None
    ids: list[str]
    # Set when the row has no name: fine for updating a match, invalid for a new customer.
    missing_name: InvalidValue | None = None


@dataclass(slots=True)
class RecordRow:
    """An order, opportunity, ticket or interaction row; `refs` name its customer."""

    row: int
    values: dict[str, Any]
    refs: dict[str, str]
    extra: dict[str, Any] = field(default_factory=dict)
    customer_id: int | None = None


# Google Contacts puts every contact in its system group "My Contacts" ("* myContacts"):
# saying nothing about the customer, it does not become a tag.
_EVERYONE_GROUPS = {"mycontacts"}
_TAG_SPLIT = re.compile(r"[,;，；]|:::")


@lru_cache(maxsize=4096)
def _tags(text: str) -> str | None:
    """Tags from tag cells (joined with commas): "vip; wholesale", and Google's groups
    "* myContacts ::: * starred ::: Clients" ("* " marks Google's own groups)."""
    if ":::" not in text and "*" not in text:
        return normalize_tags(text)
    names = (part.strip().lstrip("*").strip() for part in _TAG_SPLIT.split(text))
    return normalize_tags([n for n in names if n and n.casefold() not in _EVERYONE_GROUPS])


def _phone_key(e164: str) -> str:
    digits = e164[1:]
    return digits if e164[:1] == "+" and digits.isdigit() else phone_key(e164)


def _joined(values: dict[str, Any], name: str, sep: str) -> None:
    parts = values.get(name)
    if parts.__class__ is list:
        values[name] = (parts[0] if len(parts) == 1 else sep.join(str(v) for v in parts if v)
                        ) or None


_MISSING_NAME = "is required (give a name, first/last name or company)"
# (kind, key of the primary's label, (label, key) of the labelled columns, key function)
_CONTACT_FIELDS = (
    ("email", "email_label", tuple((label, f"email_{label}") for label in EMAIL_LABELS)),
    ("phone", "phone_label", tuple((label, f"phone_{label}") for label in PHONE_LABELS)),
)


def build_customer(number: int, values: dict[str, Any]) -> CustomerRow:
    get = values.get
    name = get("name") or person_name(get("first_name"), get("last_name"))
    company = get("company")
    kind = get("kind")
    if not name and company and kind != "person":
        name, kind = company, "company"
    if kind == "company" and company == name:
        company = None
    columns = {k: v for k, v in values.items() if k not in _NOT_COLUMNS}
    missing = None
    if name and name.strip():
        columns["name"] = name.strip()
    else:
        columns.pop("name", None)
        missing = InvalidValue(number, "name", "", _MISSING_NAME)
    if kind:
        columns["kind"] = kind
    if "notes" in columns:
        _joined(columns, "notes", "\n")
    if "street" in columns:
        _joined(columns, "street", ", ")
    if "tags" in columns:
        columns["tags"] = _tags(",".join(columns["tags"]))
    if "custom_fields" in values or "custom" in values:
        custom = dict(get("custom_fields") or {})
        custom.update(get("custom") or {})
        columns["custom_fields"] = custom
    contacts: list[Contact] = []
    for kind_, label_key, labelled in _CONTACT_FIELDS:
        _contacts(values, kind_, label_key, labelled, contacts)
    ids = [x for x in (get("external_id"), get("uuid")) if x]
    return CustomerRow(number, columns, contacts, company, ids, missing)


def _contacts(values: dict[str, Any], kind: str, label_key: str,
              labelled: tuple[tuple[str, str], ...], contacts: list[Contact]) -> None:
    """Append the row's contacts of one kind: the first is primary, repeats are dropped.
    The label column describes every value of the primary column (Google writes two work
    e-mails as "Work" and "a ::: b")."""
    key_of = email_key if kind == "email" else _phone_key
    found: list[tuple[str, str]] = []
    given = values.get(kind)
    if given:
        label = values.get(label_key) or "work"
        found = [(label, value) for value in given]
    for label, key in labelled:
        more = values.get(key)
        if more:
            found += [(label, value) for value in more]
    if len(found) == 1:
        label, value = found[0]
        contacts.append(Contact(kind, label, value, key_of(value), True))
        return
    seen: set[str] = set()
    for label, value in found:
        key = key_of(value)
        if key not in seen:
            contacts.append(Contact(kind, label, value, key, not seen))
            seen.add(key)


def build_record(kind: str, number: int, values: dict[str, Any]) -> RecordRow | InvalidValue:
    refs = {k: values.pop(k) for k in CUSTOMER_REF_FIELDS if values.get(k)}
    if not refs:
        return InvalidValue(number, "customer", "", "needs the customer's email, phone, "
                            "external id or name")
    if "customer_email" in refs:
        refs["customer_email"] = email_key(refs["customer_email"])
    if "customer_phone" in refs:
        refs["customer_phone"] = phone_key(refs["customer_phone"])
    for name in ("notes", "body"):
        _joined(values, name, "\n")
    currency = values.get("currency")
    if currency is not None:
        code = str(currency).strip().upper()
        code = {"RMB": "CNY", "¥": "CNY", "$": "USD", "€": "EUR", "£": "GBP"}.get(code, code)
        if len(code) != 3 or not code.isalpha():
            return InvalidValue(number, "currency", str(currency), "is not a currency code "
                                "(e.g. USD, CNY)")
        values["currency"] = code
    for required in {"opportunities": ("name",), "tickets": ("subject",),
                     "interactions": ("subject",)}.get(kind, ()):
        if not values.get(required):
            return InvalidValue(number, required, "", "is required")
    extra = {}
    if kind == "opportunities" and "stage" in values:
        extra["stage"] = values.pop("stage")
    if kind == "interactions":
        values.setdefault("kind", "note")
        values.setdefault("occurred_at", utcnow())
    if kind == "tickets":
        values.setdefault("opened_at", utcnow())
    if kind == "orders":
        values.setdefault("ordered_at", utcnow())
    return RecordRow(number, values, refs, extra)


def natural_key(kind: str, row: RecordRow) -> tuple[Any, ...] | None:
    """What makes two rows the same record (None: no key, never a duplicate)."""
    values = row.values
    if kind in ("orders", "tickets"):
        return (values["number"],) if values.get("number") else None
    if kind == "opportunities":
        return (row.customer_id, values["name"].strip().lower())
    if kind == "interactions":
        occurred = values.get("occurred_at")
        stamp = occurred.replace(microsecond=0) if isinstance(occurred, datetime) else occurred
        return (row.customer_id, values.get("kind"), values["subject"].strip(), stamp)
    return None
