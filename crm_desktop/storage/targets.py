"""Sales targets (table ``sales_targets``): periods, reads as plain rows, the live target of an
owner and period, and the owners the data knows.

A period is a calendar month ("2026-12") or quarter ("2026-Q4"); :class:`Period` parses and
names them. A target's owner is the name on opportunities and customers; None is the whole
business. Writes are in :mod:`crm_desktop.services.targets` (one audited transaction each).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select

from crm_desktop.models import PERIOD_KINDS, SalesTarget
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

_QUARTER = re.compile(r"(\d{4})\s*[-/ ]?\s*[Qq]([1-4])")
_MONTH = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})")
ANY_OWNER = object()  # list_targets(owner=ANY_OWNER): every owner and the whole business


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month or quarter: ``start`` and ``end`` both included."""

    start: date
    end: date
    kind: str

    @property
    def label(self) -> str:
        """'2026-12' for a month, '2026-Q4' for a quarter."""
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), "month")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        last = calendar.monthrange(year, first + 2)[1]
        return cls(date(year, first, 1), date(year, first + 2, last), "quarter")

    @classmethod
    def containing(cls, day: date, kind: str = "month") -> Period:
        """The month or quarter ``day`` falls in."""
        if kind == "quarter":
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        if kind == "month":
            return cls.month(day.year, day.month)
        raise ValidationError("period", QT_TRANSLATE_NOOP("errors", "{0!r} is not a period; use month or quarter"), kind)

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        """'2026-Q4' (also 2026Q4, 2026 q4) or '2026-12' (also 2026/12); ValidationError
        naming the text otherwise."""
        if isinstance(text, Period):
            return text
        typed = (text or "").strip()
        found = _QUARTER.fullmatch(typed)
        if found:
            return cls.quarter(int(found[1]), int(found[2]))
        found = _MONTH.fullmatch(typed)
        if found and 1 <= int(found[2]) <= 12:
            return cls.month(int(found[1]), int(found[2]))
        raise ValidationError("period", QT_TRANSLATE_NOOP("errors", "{0!r} is not a period: write a month as 2026-12 or a quarter as 2026-Q4"), typed)


@dataclass(frozen=True)
class TargetRow:
    """One sales target as the lists and the command line show it."""

    id: int
    owner: str | None  # None: the whole business
    period: Period
    amount: Decimal
    currency: str
    deals: int | None
    notes: str | None
    deleted: bool = False

    @property
    def period_label(self) -> str:
        return self.period.label

    def to_dict(self) -> dict[str, object]:
        """JSON-ready (amount as text: exact)."""
        return {"id": self.id, "owner": self.owner, "period": self.period.label,
                "period_kind": self.period.kind, "period_start": self.period.start.isoformat(),
                "period_end": self.period.end.isoformat(), "amount": str(self.amount),
                "currency": self.currency, "deals": self.deals, "notes": self.notes}


def clean_owner(owner: str | None) -> str | None:
    """An owner's name trimmed; None (or blank) is the whole business."""
    text = (owner or "").strip()
    return text[:100] or None


def row_of(target: SalesTarget) -> TargetRow:
    if target.period_kind not in PERIOD_KINDS:  # the CHECK constraint keeps this from happening
        raise ValidationError("period", QT_TRANSLATE_NOOP("errors", "unknown period kind {0!r}"), target.period_kind)
    return TargetRow(target.id, target.owner,
                     Period(target.period_start, target.period_end, target.period_kind),
                     target.amount, target.currency, target.deals, target.notes,
                     target.deleted_at is not None)


def live_target(session: Session, owner: str | None, period: Period,
                currency: str) -> SalesTarget | None:
    """The live target of ``owner`` (None: the whole business) for exactly ``period`` in
    ``currency``, if there is one."""
    stmt = select(SalesTarget).where(
        SalesTarget.deleted_at.is_(None), SalesTarget.period_start == period.start,
        SalesTarget.period_end == period.end, SalesTarget.period_kind == period.kind,
        SalesTarget.currency == currency,
        SalesTarget.owner.is_(None) if owner is None else SalesTarget.owner == owner)
    return session.scalars(stmt.order_by(SalesTarget.id)).first()


def list_targets(
    database: Database,
    *,
    owner: object = ANY_OWNER,
    period: Period | None = None,
    overlapping: tuple[date, date] | None = None,
    trash: bool = False,
) -> list[TargetRow]:
    """Live targets (or those in the trash), by period start, whole business first, owner.

    ``owner``: a name, None (the whole business only) or ANY_OWNER. ``period``: exactly that
    month or quarter. ``overlapping``: (first, last) day; targets whose period overlaps it.
    """
    stmt = select(SalesTarget).where(
        SalesTarget.deleted_at.is_not(None) if trash else SalesTarget.deleted_at.is_(None))
    if owner is None:
        stmt = stmt.where(SalesTarget.owner.is_(None))
    elif owner is not ANY_OWNER:
        stmt = stmt.where(SalesTarget.owner == str(owner))
    if period is not None:
        stmt = stmt.where(SalesTarget.period_start == period.start,
                          SalesTarget.period_end == period.end,
                          SalesTarget.period_kind == period.kind)
    if overlapping is not None:
        first, last = overlapping
        stmt = stmt.where(SalesTarget.period_start <= last, SalesTarget.period_end >= first)
    stmt = stmt.order_by(SalesTarget.period_start, SalesTarget.period_kind,
                         SalesTarget.owner.is_not(None), SalesTarget.owner,
                         SalesTarget.currency, SalesTarget.id)
    with database.session() as session:
        return [row_of(target) for target in session.scalars(stmt)]


def target_row(database: Database, target_id: int) -> TargetRow | None:
    """One target (also from the trash), or None."""
    with database.session() as session:
        target = session.get(SalesTarget, target_id)
        return row_of(target) if target is not None else None


_OWNERS = """
SELECT owner FROM opportunities WHERE deleted_at IS NULL AND owner IS NOT NULL AND trim(owner) != ''
UNION
SELECT owner FROM customers WHERE deleted_at IS NULL AND owner IS NOT NULL AND trim(owner) != ''
UNION
SELECT owner FROM sales_targets WHERE deleted_at IS NULL AND owner IS NOT NULL
ORDER BY 1
"""


def known_owners(database: Database) -> list[str]:
    """The owners named on live deals, customers and targets, sorted (a target's owner is
    chosen from these; both owner columns are indexed, so this reads two small indexes)."""
    with database.engine.connect() as connection:
        return [str(name) for (name,) in connection.exec_driver_sql(_OWNERS)]
