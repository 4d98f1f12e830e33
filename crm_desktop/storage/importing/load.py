"""What the import writers share: the transaction, fast UUIDs, the timestamps bulk rows get,
updating matched customers through the ORM, and the audit summary of a bulk import.

Bulk inserts bypass the ORM (and so the per-field audit hook): each import records one summary
audit entry instead. Updates of matched rows go through the ORM session, so each changed field
is audited.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import add
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


class UuidSource:
    """Time-ordered (version 7) UUIDs for bulk rows.

    Still unique (48 random bits per UUID besides the time and a counter), but consecutive,
    so the unique index on `uuid` grows at one end instead of at 100,000 random places:
    inserting and committing a large import is about twice as fast as with uuid4.
    """

    def __init__(self) -> None:
        self._ms = int(time.time() * 1000)
        self._counter = 0

    def take(self, count: int) -> list[str]:
        if self._counter + count >= 1 << 26:
            self._ms, self._counter = self._ms + 1, 0
        start, self._counter = self._counter, self._counter + count
        head = f"{self._ms:012x}"
        base = f"{head[:8]}-{head[8:]}-7"
        tails = _TWELVE.findall(os.urandom(6 * count).hex())
        # Built a run of 2**14 at a time by C loops (no Python per UUID): within a run only
        # the low 14 bits of the counter change, whose texts are made once (`_low_parts`).
        lows = _low_parts()
        out: list[str] = []
        counter, end = start, start + count
        while counter < end:
            run_end = min(end, ((counter >> 14) + 1) << 14)
            prefix = f"{base}{(counter >> 14) & 0xFFF:03x}-"
            low = counter & 0x3FFF
            out.extend(map(add, map(add, repeat(prefix), lows[low:low + run_end - counter]),
                           tails[counter - start:run_end - start]))
            counter = run_end
        return out


_TWELVE = re.compile(".{12}")


@lru_cache(maxsize=1)
def _low_parts() -> list[str]:
    """The text of the 14 low counter bits with the variant bits: '8000-' ... 'bfff-'."""
    return [f"{0x8000 | c:04x}-" for c in range(1 << 14)]


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
