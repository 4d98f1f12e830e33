"""Campaign operations shared by the UI and the command line: plan a campaign (checked: dates
in order, no negative money, a currency code), add the customers of its target filter as
members and take them back, record sends, responses and conversions and undo that, and save a
list's filter (a campaign can target it).

Members are added and removed in bulk (a target can hold thousands of customers) and audited
per member; the write reports the member ids, and the undo of "add members" removes exactly
those.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_desktop.services.editing import Edit, edit_fields
from crm_desktop.services.money import clean_currency
from crm_desktop.services.outcome import Outcome, write
from crm_desktop.storage import campaigns as store
from crm_desktop.storage import query
from crm_desktop.storage.campaign_details import CAMPAIGN_FIELDS
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.query_filter import Filter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

MONEY_FIELDS = ("budget", "actual_cost", "expected_revenue")
STEP_FIELDS = ("targeted_at", "sent_at", "responded_at", "converted_at", "response")


def clean_campaign(values: Mapping[str, Any]) -> dict[str, Any]:
    """The plan's rules: a name, the end not before the start, no negative amount, a currency
    code (empty: USD). Raises `ValidationError` naming the field."""
    unknown = set(values) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], QT_TRANSLATE_NOOP("errors", "is not a field of a campaign"))
    cleaned = dict(values)
    if "name" in cleaned and not (cleaned["name"] or "").strip():
        raise ValidationError("name", QT_TRANSLATE_NOOP("errors", "is required"))
    start, end = cleaned.get("start_date"), cleaned.get("end_date")
    if start is not None and end is not None and end < start:
        raise ValidationError("end_date", QT_TRANSLATE_NOOP("errors", "ends before it starts"))
    for name in MONEY_FIELDS:
        if name in cleaned:
            amount = Decimal(cleaned[name] or 0)
            if amount < 0:
                raise ValidationError(name, QT_TRANSLATE_NOOP("errors", "cannot be negative"))
            cleaned[name] = amount
    if "currency" in cleaned:
        cleaned["currency"] = clean_currency(cleaned["currency"])
    return cleaned


def create_campaign(database: Database, values: Mapping[str, Any]) -> Outcome[int]:
    from crm_desktop.models import Campaign

    cleaned = clean_campaign(values)
    return write(database, lambda session: query.create(session, Campaign, **cleaned).id)


def update_campaign(database: Database, campaign_id: int,
                    values: Mapping[str, Any]) -> Outcome[Edit[dict[str, Any]]]:
    """Change a campaign's plan; the value says what changed (its undo:
    `records.update_fields("campaigns", id, edit.before)`)."""
    from crm_desktop.models import Campaign

    cleaned = clean_campaign(values)

    def work(session: Session) -> Edit[dict[str, Any]]:
        row = query.get(session, Campaign, campaign_id)
        return edit_fields(row, cleaned, lambda changed: query.update(
            session, Campaign, campaign_id, **changed))

    return write(database, work)


def add_members(database: Database, campaign_id: int, holdout_share: float = 0.0,
                seed: int | None = None) -> Outcome[tuple[int, ...]]:
    """Target every customer of the campaign's saved filter not targeted yet; the value is the
    ids of the members added (what `remove_members` takes to undo it).

    ``holdout_share`` (0 to below 1, e.g. 0.1): that share of the new members, drawn at random
    (``seed`` makes the draw repeatable), is kept out of the sending as the campaign's control
    group; ``campaign_effect`` compares the others with them."""
    if not 0 <= holdout_share < 1:
        raise ValidationError("holdout_share", QT_TRANSLATE_NOOP("errors", "must be at least 0 and below 1 (e.g. 0.1)"))

    def held(customer_ids: Sequence[int]) -> tuple[int, ...]:
        from crm_desktop.analytics.campaign_effect import choose_holdout

        return choose_holdout(customer_ids, holdout_share, seed).holdout

    return write(database, lambda session: tuple(store.add_members_from_filter(
        session, campaign_id, holdout=held if holdout_share > 0 else None)))


def remove_members(database: Database, member_ids: Sequence[int]) -> Outcome[int]:
    return write(database, lambda session: store.remove_members(session, member_ids))


@dataclass(frozen=True)
class RecordedStep:
    """What `record_step` replaced: each member's step fields before."""

    campaign_id: int
    before: Mapping[int, Mapping[str, datetime | str | None]]  # member id -> STEP_FIELDS


def record_step(database: Database, campaign_id: int, member_ids: Sequence[int], step: str,
                response: str | None = None) -> Outcome[RecordedStep]:
    """Record that members were sent to, responded or converted (earlier steps filled in).
    Sending to a holdout member is refused (ValidationError naming the customer; nothing is
    recorded): they are the control group."""
    from sqlalchemy import select

    from crm_desktop.models import CampaignMember

    if not member_ids:
        raise ValidationError("members", QT_TRANSLATE_NOOP("errors", "select the members first"))
    text = (response or "").strip() or None

    def work(session: Session) -> RecordedStep:
        members = session.scalars(select(CampaignMember).where(
            CampaignMember.id.in_(list(member_ids)),
            CampaignMember.campaign_id == campaign_id)).all()
        before = {m.id: {f: getattr(m, f) for f in STEP_FIELDS} for m in members}
        for member in members:
            store.record_step(session, campaign_id, member.customer_id, step, response=text)
        return RecordedStep(campaign_id, before)

    return write(database, work)


def restore_steps(database: Database, recorded: RecordedStep) -> Outcome[int]:
    """Undo `record_step`: each member's step fields as they were."""
    from sqlalchemy import select

    from crm_desktop.models import CampaignMember

    def work(session: Session) -> int:
        members = session.scalars(select(CampaignMember).where(
            CampaignMember.id.in_(list(recorded.before)))).all()
        for member in members:
            for name, value in recorded.before[member.id].items():
                setattr(member, name, value)
        return len(members)

    return write(database, work)


def save_filter(database: Database, name: str, entity: str,
                filters: Sequence[Filter | Sequence[Any]], text: str = "") -> Outcome[int]:
    """Save a list's filter under a name (a Segment: the list offers it again and campaigns
    can target it); its undo moves it to the trash."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("name", QT_TRANSLATE_NOOP("errors", "is required"))
    return write(database, lambda session: store.save_filter(
        session, name, entity, filters, text).id)
