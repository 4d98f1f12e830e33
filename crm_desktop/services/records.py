"""What every kind of record shares: move to the trash, restore, empty the trash, edit fields.

Records are named by their table (`"customers"`, `"quotes"`, ...), as `Changes` names them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from crm_desktop.services.outcome import Outcome, read, write
from crm_desktop.storage import query
from crm_desktop.storage.maintenance import ENTITIES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.models import Entity
    from crm_desktop.storage.database import Database


def model_of(entity: str) -> type[Entity]:
    try:
        return ENTITIES[entity]
    except KeyError:
        raise ValueError(f"unknown kind of record {entity!r}") from None


def trash(database: Database, entity: str, ids: Sequence[int]) -> Outcome[int]:
    """Move rows to the trash (soft delete); undone by `restore`."""
    return _each(database, entity, ids, query.soft_delete)


def restore(database: Database, entity: str, ids: Sequence[int]) -> Outcome[int]:
    """Bring rows back from the trash; undone by `trash`."""
    return _each(database, entity, ids, query.restore)


def _each(database: Database, entity: str, ids: Sequence[int],
          step: Callable[[Session, type[Entity], int], object]) -> Outcome[int]:
    """One write applying ``step`` to each row; returns how many rows it touched."""
    model = model_of(entity)

    def work(session: Session) -> int:
        for row_id in ids:
            step(session, model, row_id)
        return len(ids)

    return write(database, work)


def empty_trash(database: Database, entity: str) -> Outcome[int]:
    """Delete the trash of one kind of record for good (each row audited as a purge)."""
    model = model_of(entity)
    return write(database, lambda session: query.empty_trash(session, model))


def field_values(database: Database, entity: str, row_id: int,
                 fields: Sequence[str]) -> dict[str, Any]:
    """The current values of some fields of a row (what an edit's undo writes back)."""
    model = model_of(entity)

    def work(session: Session) -> dict[str, Any]:
        row = query.get(session, model, row_id, include_deleted=True)
        return {key: getattr(row, key) for key in fields}

    return read(database, work)


def update_fields(database: Database, entity: str, row_id: int,
                  values: dict[str, Any]) -> Outcome[int]:
    """Set plain fields of one row (validated by storage: unknown fields are refused)."""
    model = model_of(entity)
    return write(database, lambda session: query.update(session, model, row_id, **values).id)
