"""What the import writers share: the transaction, the timestamps bulk rows get,
updating matched customers through the ORM, and the audit summary of a bulk import.

Bulk inserts bypass the ORM (and so the per-field audit hook): each import records one summary
audit entry instead. Updates of matched rows go through the ORM session, so each changed field
is audited.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crm_desktop.models import ContactPoint, Customer, utcnow
from crm_desktop.storage.audit import add_entry
from crm_desktop.storage.customers import settle_churned_at
from crm_desktop.storage.importing.errors import ImportCancelled
from crm_desktop.storage.importing.rows import CustomerRow

log = logging.getLogger(__name__)
Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]
CHUNK = 5000


@dataclass
class Written:
    imported: int = 0
    updated: int = 0
    companies_created: int = 0
    first_id: int | None = None
    last_id: int | None = None


def dbapi(session: Session) -> Any:
    """The sqlite3 connection under the session (same transaction)."""
    return session.connection().connection.driver_connection


def begin_immediate(session: Session) -> None:
    """Take the write lock now, so the plan made next cannot be invalidated by another writer
    (once the database is known to be whole and writable: `storage.database.require_writable`)."""
    from crm_desktop.storage.database import require_writable

    require_writable(session)
    raw = dbapi(session)
    if not raw.in_transaction:
        raw.execute("BEGIN IMMEDIATE")


@contextmanager
def big_cache(raw: Any, kib: int = 131072) -> Iterator[None]:
    previous = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size = -{kib}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {int(previous)}")


def timestamp(session: Session, when: Any) -> str:
    """`when` as the DateTime columns store it (so bulk rows read back like ORM rows)."""
    dialect = session.get_bind().dialect
    process = Customer.__table__.c.created_at.type.dialect_impl(dialect).bind_processor(dialect)
    return str(process(when) if process is not None else when)


def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled()


def update_customers(session: Session, updates: list[tuple[int, CustomerRow]],
                     companies: dict[str, int], cancelled: Cancelled | None) -> int:
    """Apply matched rows through the ORM (audited): non-empty cells overwrite, new emails
    and phones are added, nothing is removed. churned_at moves only with a change of status
    (`settle_churned_at`); a company named as the one the customer belongs to stays linked
    (another live company of the same name is not taken instead)."""
    changed = 0
    now = utcnow()
    for start in range(0, len(updates), 500):
        _check(cancelled)
        part = updates[start:start + 500]
        loaded = {
            c.id: c for c in session.scalars(
                select(Customer).where(Customer.id.in_([i for i, _r in part]))
                .options(selectinload(Customer.contacts), selectinload(Customer.company))
            )
        }
        for customer_id, row in part:
            customer = loaded[customer_id]
            values = dict(row.values)
            settle_churned_at(values, customer.status, now)
            for key, value in values.items():
                if key == "custom_fields":
                    value = {**(customer.custom_fields or {}), **value}
                setattr(customer, key, value)
            if row.company and not _named(customer.company, row.company):
                target = companies.get(row.company.casefold())
                if target is not None and target != customer.id:
                    customer.company_id = target
            have = {(c.kind, c.normalized) for c in customer.contacts}
            for c in row.contacts:
                if (c.kind, c.key) in have:
                    continue
                primary = not any(x.kind == c.kind for x in customer.contacts)
                customer.contacts.append(ContactPoint(
                    kind=c.kind, label=c.label, value=c.value, normalized=c.key,
                    is_primary=primary,
                ))
            changed += 1
        session.flush()
    return changed


def _named(company: Customer | None, name: str) -> bool:
    """Whether `company` is live and called `name` (the way the importer compares names)."""
    return (company is not None and company.deleted_at is None
            and company.name.casefold() == name.casefold())


def add_summary(session: Session, entity: str, summary: dict[str, Any]) -> None:
    """The one audit entry of a bulk import (bulk inserts bypass the per-field audit hook)."""
    add_entry(session, entity, summary.get("first_id") or 0, "import",
              new_value=json.dumps(summary, ensure_ascii=False, default=str))
