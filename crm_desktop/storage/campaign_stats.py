"""Campaign members as a list (with customer names) and how many reached each step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.models import CampaignMember, Customer
from crm_desktop.storage.campaigns import STEPS


@dataclass(frozen=True)
class StepCounts:
    targeted: int = 0
    sent: int = 0
    responded: int = 0
    converted: int = 0

    def get(self, step: str) -> int:
        return int(getattr(self, step))


def step_counts(session: Session, campaign_id: int) -> StepCounts:
    """Members that reached each step (a later step counts the earlier ones too)."""
    columns = [func.count(getattr(CampaignMember, f"{step}_at")) for step in STEPS]
    row = session.execute(
        select(*columns).where(CampaignMember.campaign_id == campaign_id)
    ).one()
    return StepCounts(*(int(value or 0) for value in row))


@dataclass(frozen=True)
class MemberRow:
    customer_id: int
    customer_name: str
    step: str
    targeted_at: datetime | None
    sent_at: datetime | None
    responded_at: datetime | None
    converted_at: datetime | None
    response: str | None


def _step(member: CampaignMember) -> str:
    reached = [step for step in STEPS if getattr(member, f"{step}_at") is not None]
    return reached[-1] if reached else "targeted"


def members(
    session: Session, campaign_id: int, offset: int = 0, limit: int = 500, text: str = ""
) -> list[MemberRow]:
    """A page of a campaign's members, by customer name."""
    stmt = (
        select(CampaignMember, Customer.name)
        .join(Customer, Customer.id == CampaignMember.customer_id)
        .where(CampaignMember.campaign_id == campaign_id, Customer.deleted_at.is_(None))
    )
    if text.strip():
        stmt = stmt.where(Customer.name.contains(text.strip(), autoescape=True))
    stmt = stmt.order_by(Customer.name, Customer.id).offset(offset).limit(limit)
    return [
        MemberRow(
            customer_id=m.customer_id, customer_name=name, step=_step(m),
            targeted_at=m.targeted_at, sent_at=m.sent_at, responded_at=m.responded_at,
            converted_at=m.converted_at, response=m.response,
        )
        for m, name in session.execute(stmt)
    ]
