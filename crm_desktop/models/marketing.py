"""Campaigns, who they targeted and how each member responded; saved segments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Entity, Money, SoftDeletable

CAMPAIGN_CHANNELS = ("email", "sms", "phone", "social", "event", "web", "print", "other")
CAMPAIGN_STATUSES = ("planned", "active", "completed", "cancelled")


class Segment(SoftDeletable, Entity):
    """A saved filter or rule set over one kind of record.

    Filters saved in a list view, campaign targets and the rule engine's definitions all live
    here; `rules` is a JSON document that storage (filters) or analytics (scoring) interprets.
    """

    __tablename__ = "segments"

    name: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(30), default="customers")
    kind: Mapped[str] = mapped_column(String(20), default="filter")
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    description: Mapped[str | None] = mapped_column(Text)


class Campaign(SoftDeletable, Entity):
    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint(
            "status IN ('planned', 'active', 'completed', 'cancelled')", name="status"
        ),
    )

    name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(20), default="email")
    status: Mapped[str] = mapped_column(String(10), default="planned")
    budget: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    actual_cost: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    expected_revenue: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    target_segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL")
    )
    description: Mapped[str | None] = mapped_column(Text)


class CampaignMember(Entity):
    """A customer targeted by a campaign and each step they reached (time = reached).

    A ``holdout`` member is part of the campaign's random control group: never sent to, so
    their responses and purchases show what would have happened without the campaign.
    """

    __tablename__ = "campaign_members"
    __table_args__ = (UniqueConstraint("campaign_id", "customer_id"),)

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    targeted_at: Mapped[datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    responded_at: Mapped[datetime | None] = mapped_column(DateTime)
    converted_at: Mapped[datetime | None] = mapped_column(DateTime)
    response: Mapped[str | None] = mapped_column(String(200))
    holdout: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
