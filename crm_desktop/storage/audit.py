"""One session hook writes the audit log for every create, update, delete and restore.

Nothing else in the code base writes audit entries by hand: whatever goes through a session of
`Database.session()` is recorded, one row per changed field with the old and the new value.
Bulk Core inserts (demo data, imports) bypass the ORM unit of work and are recorded by the bulk
code as one summary entry instead. Every entry is sealed onto the hash chain by
`audit_chain.append`; `add_entry` writes one entry by hand (merge snapshots, import summaries).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from crm_desktop.models import AuditEntry, Entity, SoftDeletable, new_uuid, utcnow
from crm_desktop.storage import audit_chain
from crm_desktop.storage.changes import ChangeCollector

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

# Bookkeeping columns whose change is implied by the change that caused it.
_SKIPPED_FIELDS = {"updated_at", "created_at", "id", "uuid"}


def install(sessions: sessionmaker[Session]) -> None:
    """Attach the hook to a database's session factory (not globally: tests stay isolated)."""
    event.listen(sessions, "before_flush", _before_flush)
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


def _before_flush(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    if any(isinstance(obj, AuditEntry) for obj in session.new):
        raise TypeError("audit entries are written by storage.audit.add_entry (sealed), "
                        "not added to a session")


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    # In after_flush the new/dirty/deleted sets and attribute history still describe the flush
    # that just happened, and new rows already have their ids.
    actor = session.info.get("actor")
    at = _stamp(session, utcnow())
    _collect(session)
    rows: list[tuple[Any, ...]] = []
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
        audit_chain.append(audit_chain.cursor_of(session), _with_machine(session, rows))


def _with_machine(session: Session, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    machine = session.info.get("machine")
    return [(*row, machine) for row in rows]


def _stamp(session: Session, moment: datetime) -> Any:
    """A time as SQLAlchemy stores it (the chain seals the stored text)."""
    dialect = session.get_bind().dialect
    process = AuditEntry.__table__.c.at.type.dialect_impl(dialect).bind_processor(dialect)
    return process(moment) if process is not None else moment


def add_entry(session: Session, entity: str, entity_id: int, action: str, *,
              entity_uuid: str | None = None, field: str | None = None,
              old_value: str | None = None, new_value: str | None = None) -> int:
    """Write one audit entry by hand (sealed, by the session's actor); returns its id."""
    at = _stamp(session, utcnow())
    row = (new_uuid(), at, at, entity, entity_id, entity_uuid, action, field, old_value,
           new_value, at, session.info.get("actor"))
    session.flush()
    return audit_chain.append(audit_chain.cursor_of(session), _with_machine(session, [row]))[0]


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
         actor: str | None, at: Any) -> tuple[Any, ...]:
    """One entry's `audit_chain.CONTENT` values but the machine (`at` as stored)."""
    return (new_uuid(), at, at, obj.__tablename__, obj.id, obj.uuid, action, field,
            to_text(old), to_text(new), at, actor)


def _entries(obj: Entity, action: str, actor: str | None, at: Any,
             values: Any) -> list[tuple[Any, ...]]:
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


def _dirty_entries(obj: Entity, actor: str | None, at: Any) -> list[tuple[Any, ...]]:
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


def _purge_entries(obj: Entity, actor: str | None, at: Any) -> list[tuple[Any, ...]]:
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


def record_bulk(session: Session, entity: str, rows: list[dict[str, Any]], action: str) -> None:
    """Audit rows a bulk Core statement created ("create") or deleted ("purge"), as the hook
    would have: one entry per field with a value. Each row holds the table's columns, with
    `id` and `uuid`; the rows are also reported as changed (`Changes`).

    Written with one DBAPI executemany: thousands of rows (a campaign's members) take
    milliseconds instead of the second SQLAlchemy's per-parameter processing costs."""
    if action not in ("create", "purge"):
        raise ValueError(f"cannot audit {action!r} in bulk")
    from crm_desktop.models.uuids import UuidSource
    from crm_desktop.storage.changes import Changes
    from crm_desktop.storage.database import record_changes

    at = _stamp(session, utcnow())
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
        audit_chain.append(audit_chain.cursor_of(session), _with_machine(session, entries))
    record_changes(session, Changes.rows(entity, [row["id"] for row in rows]))
