"""Generic list/get/create/update/trash functions shared by every entity.

Per-entity modules (customers.py, sales.py, ...) add what is special to them and call these for
the rest. Sorting, filtering and paging always happen in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from crm_desktop.models import Entity, SoftDeletable, utcnow
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from crm_desktop.storage.query_filter import Filter as Filter  # re-exported for callers

E = TypeVar("E", bound=Entity)


def column(model: type[Entity], field: str) -> Any:
    attr = getattr(model, field, None)
    if attr is None or not hasattr(attr, "property") or field.startswith("_"):
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0} has no field {1!r}"), model.__tablename__, field)
    return attr


def condition(model: type[Entity], flt: Filter) -> ColumnElement[bool]:
    col = column(model, flt.field)
    op, value = flt.op, flt.value
    if op == "eq":
        return col == value  # type: ignore[no-any-return]
    if op == "ne":
        return col != value  # type: ignore[no-any-return]
    if op in ("lt", "le", "gt", "ge"):
        return getattr(col, f"__{op}__")(value)  # type: ignore[no-any-return]
    if op == "contains":
        return col.contains(str(value), autoescape=True)  # type: ignore[no-any-return]
    if op == "startswith":
        return col.startswith(str(value), autoescape=True)  # type: ignore[no-any-return]
    if op == "in":
        return col.in_(list(value or []))  # type: ignore[no-any-return]
    if op == "isnull":
        return col.is_(None)  # type: ignore[no-any-return]
    if op == "notnull":
        return col.is_not(None)  # type: ignore[no-any-return]
    raise ValidationError(flt.field, QT_TRANSLATE_NOOP("errors", "unknown operator {0!r}"), op)


def filtered(
    model: type[E],
    filters: Iterable[Filter | Sequence[Any]] = (),
    *,
    trash: bool = False,
    statement: Select[Any] | None = None,
) -> Select[Any]:
    """SELECT of `model` with the filters applied; live rows, or only the trash."""
    stmt = statement if statement is not None else select(model)
    if issubclass(model, SoftDeletable):
        deleted = model.deleted_at
        stmt = stmt.where(deleted.is_not(None) if trash else deleted.is_(None))
    for item in filters:
        stmt = stmt.where(condition(model, Filter.parse(item)))
    return stmt


def get(session: Session, model: type[E], row_id: int, *, include_deleted: bool = False) -> E:
    obj = session.get(model, row_id)
    if obj is None:
        raise NotFound(f"no {model.__tablename__} row with id {row_id}")
    if not include_deleted and isinstance(obj, SoftDeletable) and obj.deleted_at is not None:
        raise NotFound(f"{model.__tablename__} {row_id} is in the trash")
    return obj


def create(session: Session, model: type[E], **values: Any) -> E:
    for key in values:
        column(model, key)
    obj = model(**values)
    session.add(obj)
    session.flush()
    return obj


def update(session: Session, model: type[E], row_id: int, **values: Any) -> E:
    obj = get(session, model, row_id)
    for key, value in values.items():
        column(model, key)
        setattr(obj, key, value)
    session.flush()
    return obj


def soft_delete(session: Session, model: type[E], row_id: int) -> E:
    obj = get(session, model, row_id)
    if not isinstance(obj, SoftDeletable):
        raise ValidationError("id", QT_TRANSLATE_NOOP("errors", "{0} rows cannot go to the trash"), model.__tablename__)
    obj.deleted_at = utcnow()
    session.flush()
    return obj


def restore(session: Session, model: type[E], row_id: int) -> E:
    obj = get(session, model, row_id, include_deleted=True)
    if isinstance(obj, SoftDeletable):
        obj.deleted_at = None
    session.flush()
    return obj


def empty_trash(session: Session, model: type[E]) -> int:
    """Delete for good the rows of `model` in the trash; each is audited as a purge."""
    if not issubclass(model, SoftDeletable):
        return 0
    rows = list(session.scalars(filtered(model, trash=True)))
    for obj in rows:
        session.delete(obj)
    session.flush()
    return len(rows)
