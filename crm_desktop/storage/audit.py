"""One session hook writes the audit log for every create, update, delete and restore.

Nothing else in the code base writes audit entries by hand: whatever goes through a session of
`Database.session()` is recorded, one row per changed field with the old and the new value.
Bulk Core inserts (demo data, imports) bypass the ORM unit of work and are recorded by the bulk
code as one summary entry instead.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from crm_desktop.models import AuditEntry, Entity, SoftDeletable, utcnow
from crm_desktop.storage.changes import ChangeCollector

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

# Bookkeeping columns whose change is implied by the change that caused it.
_SKIPPED_FIELDS = {"updated_at", "created_at", "id", "uuid"}


def install(sessions: sessionmaker[Session]) -> None:
    """Attach the hook to a database's session factory (not globally: tests stay isolated)."""
    event.listen(sessions, "after_flush", _after_flush)


def to_text(value: Any) -> str | None:
    """How a value is written into the audit log (and read back by undo)."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    # In after_flush the new/dirty/deleted sets and attribute history still describe the flush
    # that just happened, and new rows already have their ids.
    actor = session.info.get("actor")
    at = utcnow()
    _collect(session)
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        if isinstance(obj, Entity) and not isinstance(obj, AuditEntry):
            rows.extend(_entries(obj, "create", actor, at, lambda h: (None, _first(h.added))))
    for obj in session.dirty:
        if isinstance(obj, Entity) and not isinstance(obj, AuditEntry):
            rows.extend(_dirty_entries(obj, actor, at))
    for obj in session.deleted:
        if isinstance(obj, Entity) and not isinstance(obj, AuditEntry):
            rows.extend(_purge_entries(obj, actor, at))
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def _collect(session: Session) -> None:
    """Note every row this flush wrote, for the `Changes` a write returns."""
    collector = session.info.get(ChangeCollector.KEY)
    if not isinstance(collector, ChangeCollector):
        return
    for group in (session.new, session.dirty, session.deleted):
        for obj in group:
            if isinstance(obj, Entity) and not isinstance(obj, AuditEntry):
                collector.add(obj.__tablename__, obj.id)


def _first(values: Any) -> Any:
    return values[0] if values else None


def _row(obj: Entity, action: str, field: str | None, old: Any, new: Any,
         actor: str | None, at: datetime) -> dict[str, Any]:
    from crm_desktop.models import new_uuid

    return {
        "uuid": new_uuid(), "created_at": at, "updated_at": at,
        "entity": obj.__tablename__, "entity_id": obj.id, "entity_uuid": obj.uuid,
        "action": action, "field": field, "old_value": to_text(old), "new_value": to_text(new),
        "at": at, "actor": actor,
    }


def _entries(obj: Entity, action: str, actor: str | None, at: datetime,
             values: Any) -> list[dict[str, Any]]:
    state = inspect(obj)
    rows = []
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIPPED_FIELDS:
            continue
        old, new = values(state.attrs[attr.key].history)
        if action == "create" and new is None:
            new = getattr(obj, attr.key)
        if old is None and new is None:
            continue
        rows.append(_row(obj, action, attr.key, old, new, actor, at))
    return rows


def _dirty_entries(obj: Entity, actor: str | None, at: datetime) -> list[dict[str, Any]]:
    state = inspect(obj)
    changes = []
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIPPED_FIELDS:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old, new = _first(history.deleted), _first(history.added)
        if old == new:
            continue
        changes.append((attr.key, old, new))
    action = "update"
    if isinstance(obj, SoftDeletable):
        for key, _old, new in changes:
            if key == "deleted_at":
                action = "delete" if new is not None else "restore"
    return [_row(obj, action, key, old, new, actor, at) for key, old, new in changes]


def _purge_entries(obj: Entity, actor: str | None, at: datetime) -> list[dict[str, Any]]:
    state = inspect(obj)
    rows = []
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIPPED_FIELDS:
            continue
        value = getattr(obj, attr.key)
        if value is not None:
            rows.append(_row(obj, "purge", attr.key, value, None, actor, at))
    if not rows:
        rows.append(_row(obj, "purge", None, None, None, actor, at))
    return rows


_BULK_SQL = (
    "INSERT INTO audit_log (uuid, created_at, updated_at, entity, entity_id, entity_uuid, "
    "action, field, old_value, new_value, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def record_bulk(session: Session, entity: str, rows: list[dict[str, Any]], action: str) -> None:
    """Audit rows a bulk Core statement created ("create") or deleted ("purge"), as the hook
    would have: one entry per field with a value. Each row holds the table's columns, with
    `id` and `uuid`; the rows are also reported as changed (`Changes`).

    Written with one DBAPI executemany: thousands of rows (a campaign's members) take
    milliseconds instead of the second SQLAlchemy's per-parameter processing costs."""
    if action not in ("create", "purge"):
        raise ValueError(f"cannot audit {action!r} in bulk")
    from crm_desktop.storage.changes import Changes
    from crm_desktop.storage.database import record_changes
    from crm_desktop.storage.importing.load import UuidSource

    dialect = session.get_bind().dialect
    process = AuditEntry.__table__.c.at.type.dialect_impl(dialect).bind_processor(dialect)
    now = utcnow()
    at = process(now) if process is not None else now
    actor = session.info.get("actor")
    values = [(row, field, to_text(value)) for row in rows for field, value in row.items()
              if field not in _SKIPPED_FIELDS and value is not None]
    uuids = UuidSource().take(len(values))
    entries = [
        (uuid, at, at, entity, row["id"], row.get("uuid"), action, field,
         None if action == "create" else text, text if action == "create" else None, at, actor)
        for uuid, (row, field, text) in zip(uuids, values, strict=True)
    ]
    if entries:
        session.connection().exec_driver_sql(_BULK_SQL, entries)
    record_changes(session, Changes.rows(entity, [row["id"] for row in rows]))
