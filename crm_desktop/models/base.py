"""Declarative base and the columns every row carries.

Every row has an integer key (fast joins, compact indexes) and a stable UUID (what sync will use
to recognise a row across databases). Money is stored exactly as integer minor units and exposed
as `Decimal`; it never passes through float.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from crm_desktop.models.uuids import new_uuid as new_uuid  # every new row's UUID

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Naive UTC now: SQLite has no time zones, so every stored time is UTC by convention."""
    return datetime.now(UTC).replace(tzinfo=None)


class ScaledDecimal(TypeDecorator[Decimal]):
    """A Decimal stored as an integer of `10**scale` units (cents for money, basis points for %).

    Integers are exact in every database, sum exactly in SQL and sort correctly, which REAL and
    SQLite's NUMERIC affinity do not guarantee.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int = 2) -> None:
        super().__init__()
        self.scale = scale
        self._factor = Decimal(10) ** scale

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            # Floats reach us from widgets and CSV parsing; go through str so 0.1 stays 0.1.
            value = Decimal(repr(value))
        scaled = (Decimal(value) * self._factor).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / self._factor).quantize(Decimal(1).scaleb(-self.scale))


def Money() -> ScaledDecimal:  # noqa: N802 - reads like a type in column declarations
    """Money in minor units (2 decimals)."""
    return ScaledDecimal(2)


def Percent() -> ScaledDecimal:  # noqa: N802
    """A percentage with two decimals (12.5 % is stored as 1250)."""
    return ScaledDecimal(2)


def Quantity() -> ScaledDecimal:  # noqa: N802
    """A quantity with three decimals (hours, kilograms), stored in thousandths."""
    return ScaledDecimal(3)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Entity(Base):
    """Abstract parent of every domain table: integer key, UUID and timestamps."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SoftDeletable:
    """Rows the user can delete to the trash and restore; emptying the trash removes them."""

    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None, index=True)
