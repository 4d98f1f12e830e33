"""Reads for the campaign screens and saved filters, as plain frozen dataclasses:

    campaign_info(database, id)        a campaign's plan, target's name and counts per step
    customer_segments(database)        the saved customer filters a campaign can target
    saved_filters(database, entity)    the saved filters of one list (the filter bar)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.campaign_stats import StepCounts, step_counts

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

# The fields the campaign dialog edits.
CAMPAIGN_FIELDS = ("name", "channel", "status", "budget", "actual_cost", "expected_revenue",
                   "currency", "start_date", "end_date", "target_segment_id", "description")


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    name: str
    channel: str
    status: str
    budget: Decimal
    actual_cost: Decimal
    expected_revenue: Decimal
    currency: str
    start_date: date | None
    end_date: date | None
    target_segment_id: int | None
    target_name: str | None
    description: str | None
    counts: StepCounts = field(default_factory=StepCounts)

    def values(self) -> dict[str, Any]:
        """The editable fields, as the dialog starts with them."""
        return {key: getattr(self, key) for key in CAMPAIGN_FIELDS}


def campaign_info(database: Database, campaign_id: int) -> CampaignInfo | None:
    """A campaign (trashed ones too), or None when there is no such row."""
    from crm_desktop.models import Campaign, Segment

    with database.session() as session:
        c = session.get(Campaign, campaign_id)
        if c is None:
            return None
        target = session.get(Segment, c.target_segment_id) if c.target_segment_id else None
        return CampaignInfo(
            c.id, c.name, c.channel, c.status, c.budget, c.actual_cost, c.expected_revenue,
            c.currency, c.start_date, c.end_date, c.target_segment_id,
            target.name if target else None, c.description, step_counts(session, c.id))


def customer_segments(database: Database) -> list[tuple[str, int]]:
    """(name, id) of the live saved customer filters, by name."""
    from sqlalchemy import select

    from crm_desktop.models import Segment

    with database.session() as session:
        rows = session.execute(
            select(Segment.name, Segment.id)
            .where(Segment.deleted_at.is_(None), Segment.entity == "customers")
            .order_by(Segment.name)
        ).all()
    return [(name, int(segment_id)) for name, segment_id in rows]


@dataclass(frozen=True)
class SavedFilter:
    id: int
    name: str
    rules: Mapping[str, Any]  # {"filters": [[field, op, value], ...], "text": "..."}


def saved_filters(database: Database, entity: str, limit: int = 200) -> list[SavedFilter]:
    """The live saved filters of a list (`entity` is its table), by name."""
    from sqlalchemy import select

    from crm_desktop.models import Segment

    with database.session() as session:
        rows = session.execute(
            select(Segment.id, Segment.name, Segment.rules)
            .where(Segment.entity == entity, Segment.kind == "filter",
                   Segment.deleted_at.is_(None))
            .order_by(Segment.name).limit(limit)
        ).all()
    return [SavedFilter(int(row_id), name, rules or {}) for row_id, name, rules in rows]
