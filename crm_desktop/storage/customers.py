"""Customers: create and update with their emails and phones validated and normalised; the
custom fields every customer is offered."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from crm_desktop.models import LIFECYCLE_STATUSES, ContactPoint, Customer, utcnow
from crm_desktop.storage import query
from crm_desktop.storage.database_settings import get_setting, put_setting
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.validation import (
    DEFAULT_REGION,
    email_key,
    normalize_email,
    normalize_phone,
    normalize_tags,
    phone_key,
    require,
)


@dataclass
class ContactInput:
    """An email or phone as typed; `customers.save` validates and normalises it."""

    kind: str
    value: str
    label: str = "work"
    is_primary: bool = False


def clean_values(values: dict[str, Any]) -> dict[str, Any]:
    """Validate the plain fields of a customer; raises `ValidationError` naming the field."""
    cleaned = dict(values)
    if "name" in cleaned:
        cleaned["name"] = require(cleaned["name"], "name")
    if "status" in cleaned and cleaned["status"] not in LIFECYCLE_STATUSES:
        raise ValidationError("status", QT_TRANSLATE_NOOP("errors", "must be one of {0}"), ', '.join(LIFECYCLE_STATUSES))
    if "kind" in cleaned and cleaned["kind"] not in ("person", "company"):
        raise ValidationError("kind", QT_TRANSLATE_NOOP("errors", "must be person or company"))
    if cleaned.get("rating") not in (None, ""):
        rating = int(cleaned["rating"])
        if not 0 <= rating <= 5:
            raise ValidationError("rating", QT_TRANSLATE_NOOP("errors", "must be between 0 and 5"))
        cleaned["rating"] = rating
    if "tags" in cleaned:
        cleaned["tags"] = normalize_tags(cleaned["tags"])
    return cleaned


def settle_churned_at(values: dict[str, Any], was_status: str | None,
                      now: datetime | None = None) -> None:
    """Make `values` (a write of a customer's fields) say what its status means for churned_at.

    `churned_at` is when the customer became churned, so only a change of status moves it:
    becoming churned stamps `now` (unless the write gives the time), staying churned leaves it
    as it is (unless given), any other status clears it. A write without a status changes
    nothing. `was_status` is the status before the write (None for a new customer). Shared by
    the edit dialog's save, `update_customer` and the importer.
    """
    status = values.get("status")
    if status is None:
        return
    if status != "churned":
        values["churned_at"] = None
    elif was_status != "churned" and values.get("churned_at") is None:
        values["churned_at"] = now or utcnow()


def clean_contacts(
    contacts: Iterable[ContactInput], region: str = DEFAULT_REGION
) -> list[ContactPoint]:
    """Validated contact rows with exactly one primary per kind (the first, unless marked)."""
    result: list[ContactPoint] = []
    for contact in contacts:
        if not (contact.value or "").strip():
            continue
        if contact.kind == "email":
            value = normalize_email(contact.value)
            key = email_key(value)
        elif contact.kind == "phone":
            value = normalize_phone(contact.value, region)
            key = phone_key(value)
        else:
            raise ValidationError("contact", QT_TRANSLATE_NOOP("errors", "unknown kind {0!r}"), contact.kind)
        result.append(ContactPoint(
            kind=contact.kind, label=contact.label or "work", value=value, normalized=key,
            is_primary=contact.is_primary,
        ))
    for kind in ("email", "phone"):
        of_kind = [c for c in result if c.kind == kind]
        primaries = [c for c in of_kind if c.is_primary]
        for extra in primaries[1:]:
            extra.is_primary = False
        if of_kind and not primaries:
            of_kind[0].is_primary = True
    return result


def create_customer(
    session: Session,
    values: dict[str, Any],
    emails: Sequence[str | ContactInput] = (),
    phones: Sequence[str | ContactInput] = (),
    region: str = DEFAULT_REGION,
) -> Customer:
    cleaned = clean_values({"name": values.get("name"), **values})
    settle_churned_at(cleaned, None)
    contacts = clean_contacts(_as_inputs("email", emails) + _as_inputs("phone", phones), region)
    customer = Customer(**cleaned)
    customer.contacts = contacts
    session.add(customer)
    session.flush()
    return customer


def update_customer(
    session: Session,
    customer_id: int,
    values: dict[str, Any],
    emails: Sequence[str | ContactInput] | None = None,
    phones: Sequence[str | ContactInput] | None = None,
    region: str = DEFAULT_REGION,
) -> Customer:
    """Change fields; when `emails`/`phones` are given they replace that kind of contact."""
    customer = query.get(session, Customer, customer_id)
    cleaned = clean_values(values)
    for key in cleaned:
        query.column(Customer, key)
    settle_churned_at(cleaned, customer.status)
    for key, value in cleaned.items():
        setattr(customer, key, value)
    for kind, given in (("email", emails), ("phone", phones)):
        if given is None:
            continue
        new = clean_contacts(_as_inputs(kind, given), region)
        kept = [c for c in customer.contacts if c.kind != kind]
        customer.contacts = kept + new
    session.flush()
    return customer


def _as_inputs(kind: str, items: Sequence[str | ContactInput]) -> list[ContactInput]:
    return [
        item if isinstance(item, ContactInput) else ContactInput(kind, item, is_primary=i == 0)
        for i, item in enumerate(items)
    ]


# The names of the custom fields offered for every customer (a setting of the database): a field
# defined once stays offered, even when no customer has a value for it any more.
CUSTOM_FIELD_KEYS = "customer_custom_fields"


def stored_custom_field_keys(session: Session) -> list[str]:
    value = get_setting(session, CUSTOM_FIELD_KEYS)
    return [str(key) for key in value] if isinstance(value, list) else []


def remember_custom_field_keys(session: Session, keys: Iterable[str]) -> None:
    """Add the names not known yet (compared without case) to the stored list, in order."""
    known = stored_custom_field_keys(session)
    folded = {key.casefold() for key in known}
    new = [key for key in dict.fromkeys(keys) if key.casefold() not in folded]
    if new:
        put_setting(session, CUSTOM_FIELD_KEYS, known + new)
