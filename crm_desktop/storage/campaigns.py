"""Campaign members: adding them from a filter, recording sends, responses and conversions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.models import Campaign, CampaignMember, Customer, Segment, utcnow
from crm_desktop.storage import query
from crm_desktop.storage.errors import ValidationError
from crm_desktop.storage.query_filter import Filter

STEPS = ("targeted", "sent", "responded", "converted")


def add_members_from_filter(
    session: Session, campaign_id: int,
    filters: Iterable[Filter | Sequence[Any]] | None = None,
) -> list[CampaignMember]:
    """Target every live customer matching the filters (default: the campaign's target
    segment). Customers already targeted are left alone. Returns the members added.

    Through the ORM, so the audit log records each member and a write reports their ids
    (`remove_members` takes them back)."""
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
    ).order_by(Customer.id)
    now = utcnow()
    added = [CampaignMember(campaign_id=campaign_id, customer_id=customer_id, targeted_at=now)
             for customer_id in session.scalars(stmt)]
    session.add_all(added)
    session.flush()
    return added


def remove_members(session: Session, member_ids: Iterable[int]) -> int:
    """Take members off their campaign (each removal audited); returns how many were."""
    removed = 0
    for member in session.scalars(select(CampaignMember).where(
            CampaignMember.id.in_(list(member_ids)))):
        session.delete(member)
        removed += 1
    session.flush()
    return removed


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
