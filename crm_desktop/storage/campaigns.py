"""Campaign members: adding them from a filter, recording sends, responses and conversions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from crm_desktop.models import Campaign, CampaignMember, Customer, Segment, new_uuid, utcnow
from crm_desktop.storage import query
from crm_desktop.storage.errors import ValidationError
from crm_desktop.storage.query_filter import Filter

STEPS = ("targeted", "sent", "responded", "converted")


def add_members_from_filter(
    session: Session, campaign_id: int,
    filters: Iterable[Filter | Sequence[Any]] | None = None,
) -> int:
    """Target every live customer matching the filters (default: the campaign's target
    segment). Customers already targeted are left alone. Returns how many were added."""
    campaign = query.get(session, Campaign, campaign_id)
    if filters is None:
        segment = session.get(Segment, campaign.target_segment_id) if campaign.target_segment_id \
            else None
        if segment is None:
            raise ValidationError("target", "the campaign has no target filter")
        filters = segment.rules.get("filters", [])
    existing = select(CampaignMember.customer_id).where(CampaignMember.campaign_id == campaign_id)
    stmt = query.filtered(Customer, filters, statement=select(Customer.id)).where(
        Customer.id.not_in(existing)
    )
    ids = list(session.scalars(stmt))
    now = utcnow()
    if ids:
        session.execute(insert(CampaignMember), [
            {"uuid": new_uuid(), "created_at": now, "updated_at": now,
             "campaign_id": campaign_id, "customer_id": cid, "targeted_at": now}
            for cid in ids
        ])
    return len(ids)


def record_step(session: Session, campaign_id: int, customer_id: int, step: str,
                at: datetime | None = None, response: str | None = None) -> CampaignMember:
    """Mark that a member was sent to, responded or converted (earlier steps filled in)."""
    if step not in STEPS:
        raise ValidationError("step", f"must be one of {', '.join(STEPS)}")
    member = session.scalars(select(CampaignMember).where(
        CampaignMember.campaign_id == campaign_id, CampaignMember.customer_id == customer_id
    )).first()
    if member is None:
        member = CampaignMember(campaign_id=campaign_id, customer_id=customer_id)
        session.add(member)
    when = at or utcnow()
    for name in STEPS[: STEPS.index(step) + 1]:
        if getattr(member, f"{name}_at") is None:
            setattr(member, f"{name}_at", when)
    if response:
        member.response = response
    session.flush()
    return member


def save_filter(session: Session, name: str, entity: str,
                filters: Iterable[Filter | Sequence[Any]], text: str = "") -> Segment:
    """A saved filter: list views offer it again and campaigns target it."""
    rules = {"filters": [Filter.parse(f).to_list() for f in filters], "text": text}
    return query.create(session, Segment, name=name, entity=entity, kind="filter", rules=rules)
