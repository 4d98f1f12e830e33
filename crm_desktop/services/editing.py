"""What the record operations of every area share: an edit that remembers what it replaced (so
its undo is the same operation given the old values), and the name of a customer for a dialog
opened from that customer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from crm_desktop.models import Customer, Entity
from crm_desktop.services.outcome import read
from crm_desktop.storage import query
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

V = TypeVar("V")


@dataclass(frozen=True)
class Edit(Generic[V]):
    """An edit of record `id`: `before` and `after` hold only what changed.

    Undo is the edit operation given `before`, redo the same given `after`.
    """

    id: int
    before: V
    after: V

    @property
    def changed(self) -> bool:
        return self.before != self.after


def set_fields(session: Session, model: type[Entity], row_id: int,
               values: Mapping[str, Any], allowed: Iterable[str],
               check: Callable[[Any], None] | None = None) -> Edit[dict[str, Any]]:
    """Set the fields of one row that differ from `values` (only `allowed` fields).

    `check(row)` runs before the change is written: a rule across fields (an end date before
    the start) raises ValidationError there rather than a database constraint error.
    """
    allowed = set(allowed)
    row = query.get(session, model, row_id)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, value in values.items():
        if key not in allowed:
            raise ValidationError(key, QT_TRANSLATE_NOOP("errors", "cannot be changed here"))
        old = getattr(row, key)
        if old != value:
            before[key], after[key] = old, value
            setattr(row, key, value)
    if check is not None:
        check(row)
    session.flush()
    return Edit(row_id, before, after)


def edit_fields(row: Any, values: Mapping[str, Any],
                apply: Callable[[Mapping[str, Any]], Any]) -> Edit[dict[str, Any]]:
    """Run `apply(values)` on `row` (an ORM object) and report the fields whose value changed
    (for writes that go through a storage function rather than plain attributes)."""
    before = {key: getattr(row, key) for key in values}
    apply(values)
    after = {key: getattr(row, key) for key in values}
    changed = [key for key in values if before[key] != after[key]]
    return Edit(int(row.id), {k: before[k] for k in changed}, {k: after[k] for k in changed})


def customer_name(database: Database, customer_id: int | None) -> str:
    """The customer's name ("" for none), e.g. to pre-fill a dialog opened from a customer."""
    if not customer_id:
        return ""
    return read(database, lambda session: query.get(
        session, Customer, customer_id, include_deleted=True).name)
