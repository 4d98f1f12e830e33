"""`write(database, work)`: one audited transaction that returns its value and what it changed.

    outcome = write(database, lambda session: sales.accept_quote(session, quote_id).id)
    outcome.value    # the new order's id
    outcome.changes  # Changes({"quotes": {7}, "orders": {31}, "order_lines": {...}})
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from crm_desktop.storage.changes import Changes
from crm_desktop.storage.database import changes_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a write returned and what it changed."""

    value: T
    changes: Changes = field(default_factory=Changes)


def write(database: Database, work: Callable[[Session], T],
          also: Changes | None = None) -> Outcome[T]:
    """Run `work(session)` in one transaction; `also` names changes made by bulk statements
    that the session hook cannot see."""
    with database.session() as session:
        value = work(session)
    changes = changes_of(session)
    return Outcome(value, changes | also if also is not None else changes)


def read(database: Database, work: Callable[[Session], T]) -> T:
    """Run `work(session)` for a read (one transaction, nothing to report)."""
    with database.session() as session:
        return work(session)
