"""Campaign members: adding them from a filter, recording sends, responses and conversions."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from crm_desktop.models import Campaign, CampaignMember, Customer, Segment, utcnow
from crm_desktop.storage import query
from crm_desktop.storage.audit import record_bulk
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.query_filter import Filter

STEPS = ("targeted", "sent", "responded", "converted")


HoldoutChooser = Callable[[Sequence[int]], Collection[int]]


def add_members_from_filter(
    session: Session, campaign_id: int,
    filters: Iterable[Filter | Sequence[Any]] | None = None,
    holdout: HoldoutChooser | None = None,
) -> list[int]:
    """Target every live customer matching the filters (default: the campaign's target
    segment). Customers already targeted are left alone. Returns the ids of the members added.
    ``holdout(customer_ids)`` names the new members to keep out of the sending (the random
    control group; services choose them).

    One bulk INSERT (a segment can hold thousands of customers), audited per member as the
    session hook would and reported as changed, so `remove_members` can take them back."""
    campaign = query.get(session, Campaign, campaign_id)
    if filters is None:
        segment = session.get(Segment, campaign.target_segment_id) if campaign.target_segment_id \
            else None
        if segment is None:
            raise ValidationError("target", QT_TRANSLATE_NOOP("errors", "the campaign has no target filter"))
        filters = segment.rules.get("filters", [])
    existing = select(CampaignMember.customer_id).where(CampaignMember.campaign_id == campaign_id)
    stmt = query.filtered(Customer, filters, statement=select(Customer.id)).where(
        Customer.id.not_in(existing)
    ).order_by(Customer.id)
    customer_ids = list(session.scalars(stmt))
    if not customer_ids:
        return []
    from crm_desktop.models.uuids import UuidSource  # every new row's UUIDs

    now = utcnow()
    held = set(holdout(customer_ids)) if holdout is not None else set()
    last = session.scalar(select(func.max(CampaignMember.id))) or 0
    rows = [{"uuid": uuid, "created_at": now, "updated_at": now, "campaign_id": campaign_id,
             "customer_id": customer_id, "targeted_at": now, "holdout": customer_id in held}
            for uuid, customer_id in zip(UuidSource().take(len(customer_ids)), customer_ids,
                                         strict=True)]
    session.connection().execute(insert(CampaignMember), rows)  # Core: no ORM bookkeeping
    # One writer at a time (SQLite): the rows after the last id are the ones just added.
    new_ids = dict(session.execute(select(CampaignMember.customer_id, CampaignMember.id).where(
        CampaignMember.campaign_id == campaign_id, CampaignMember.id > last)).tuples().all())
    for row in rows:
        row["id"] = new_ids[row["customer_id"]]
    record_bulk(session, "campaign_members", rows, "create")
    return [row["id"] for row in rows]


def remove_members(session: Session, member_ids: Iterable[int]) -> int:
    """Take members off their campaign (audited as purges); returns how many were removed."""
    columns = [column.name for column in CampaignMember.__table__.columns]
    wanted = list(member_ids)
    rows = [dict(row._mapping) for row in session.execute(
        select(*(CampaignMember.__table__.c[name] for name in columns))
        .where(CampaignMember.id.in_(wanted)))]
    if rows:
        session.execute(delete(CampaignMember).where(
            CampaignMember.id.in_([row["id"] for row in rows])))
        record_bulk(session, "campaign_members", rows, "purge")
    return len(rows)


def record_step(session: Session, campaign_id: int, customer_id: int, step: str,
                at: datetime | None = None, response: str | None = None) -> CampaignMember:
    """Mark that a member was sent to, responded or converted (earlier steps filled in).

    A holdout member (the campaign's control group) is never sent to: 'sent' is refused. What
    they do happened without the campaign: a response leaves sent_at empty, and a purchase
    ('converted') is not also a response to a campaign they never received."""
    if step not in STEPS:
        raise ValidationError("step", QT_TRANSLATE_NOOP("errors", "must be one of {0}"), ', '.join(STEPS))
    member = session.scalars(select(CampaignMember).where(
        CampaignMember.campaign_id == campaign_id, CampaignMember.customer_id == customer_id
    )).first()
    if member is None:
        member = CampaignMember(campaign_id=campaign_id, customer_id=customer_id)
        session.add(member)
    if member.holdout and step == "sent":
        name = session.scalar(select(Customer.name).where(Customer.id == customer_id))
        raise ValidationError("step", QT_TRANSLATE_NOOP("errors", "{0} is in the campaign's holdout (control group) and is not sent to"), name or customer_id)
    when = at or utcnow()
    for name in STEPS[: STEPS.index(step) + 1]:
        if member.holdout and name in ("sent", "responded") and name != step:
            continue
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
