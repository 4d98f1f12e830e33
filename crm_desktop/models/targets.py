"""Sales targets: what an owner (or the whole business) should sell in a month or a quarter."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Entity, Money, SoftDeletable

PERIOD_KINDS = ("month", "quarter")


class SalesTarget(SoftDeletable, Entity):
    """A money target (and optionally a number of deals won) for one period.

    ``owner`` is the opportunity/customer owner the target is for; NULL means the whole
    business. The period runs from ``period_start`` to ``period_end``, both included (a
    calendar month or quarter). One live target per owner, period and currency: services
    enforce it (a NULL owner cannot be made unique by SQL).
    """

    __tablename__ = "sales_targets"
    __table_args__ = (
        CheckConstraint("period_kind IN ('month', 'quarter')", name="period_kind"),
        CheckConstraint("period_end >= period_start", name="period"),
        CheckConstraint("amount >= 0", name="amount"),
        CheckConstraint("deals IS NULL OR deals >= 0", name="deals"),
    )

    owner: Mapped[str | None] = mapped_column(String(100), index=True)
    period_kind: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[date] = mapped_column(Date, index=True)
    period_end: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    deals: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
