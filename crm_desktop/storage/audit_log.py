"""Reading the audit log: one record's history, the entries a query selects (in pages), the
kinds and actors to filter on, and CSV export. Writing is `storage.audit` / `audit_chain`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select

from crm_desktop.models import AuditEntry, ContactPoint
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.lists.audit import AUDIT_COLUMNS, AuditQuery

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

_EXPORT_BATCH = 2000


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry: when, who (on which computer), which record, what changed."""

    id: int
    at: datetime
    actor: str | None
    machine: str | None
    entity: str
    entity_id: int
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None


def _record(row: Any) -> AuditRecord:
    return AuditRecord(row.id, row.at, row.actor, row.machine, row.entity, row.entity_id,
                       row.action, row.field, row.old_value, row.new_value)


def _columns() -> list[Any]:
    return [AuditEntry.id, *(getattr(AuditEntry, key) for key in AUDIT_COLUMNS)]


def record_history(database: Database, entity: str, entity_id: int,
                   limit: int = 1000) -> list[AuditRecord]:
    """The history of one record, newest first: its own entries and, for a customer, those of
    its emails and phones."""
    mine: Any = (AuditEntry.entity == entity) & (AuditEntry.entity_id == entity_id)
    if entity == "customers":
        contacts = select(ContactPoint.id).where(ContactPoint.customer_id == entity_id)
        mine = or_(mine, (AuditEntry.entity == "contact_points")
                   & AuditEntry.entity_id.in_(contacts))
    statement = (select(*_columns()).where(mine)
                 .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit))
    with database.engine.connect() as connection:
        return [_record(row) for row in connection.execute(statement)]


def read_entries(database: Database, query: AuditQuery, offset: int = 0,
                 limit: int = 200) -> list[AuditRecord]:
    """One page of the entries `query` selects, newest first."""
    statement = query.list_query().page_statement(offset, limit, False)
    with database.engine.connect() as connection:
        return [_record(row) for row in connection.execute(statement)]


def iter_entries(database: Database, query: AuditQuery) -> Iterator[AuditRecord]:
    """Every entry `query` selects, newest first, read in batches (for export)."""
    statement = query.list_query().page_statement(0, -1, False).limit(None)
    with database.engine.connect() as connection:
        result = connection.execution_options(yield_per=_EXPORT_BATCH).execute(statement)
        for row in result:
            yield _record(row)


def entry_kinds(database: Database) -> list[str]:
    """The kinds of record the log has entries for (the entity filter's choices)."""
    with database.engine.connect() as connection:
        return sorted(connection.execute(select(AuditEntry.entity).distinct()).scalars())


def entry_actors(database: Database) -> list[str]:
    """Everyone the log names (the actor filter's choices)."""
    with database.engine.connect() as connection:
        return sorted(a for a in connection.execute(
            select(AuditEntry.actor).distinct()).scalars() if a)


def export_csv(database: Database, query: AuditQuery, path: Path | str) -> int:
    """Write the entries `query` selects to CSV (as every export: UTF-8 with BOM, formula
    cells neutralised); returns how many. Written to a temporary file renamed into place, so a
    failed export leaves no half file."""
    from crm_desktop.storage.export.files import write_csv

    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    rows = ((r.id, r.at, r.actor, r.machine, r.entity, r.entity_id, r.action, r.field,
             r.old_value, r.new_value) for r in iter_entries(database, query))
    try:
        count = write_csv(partial, ["id", *AUDIT_COLUMNS], rows)
        partial.replace(target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"cannot write {target}: {error.strerror or error}") from error
    return count
