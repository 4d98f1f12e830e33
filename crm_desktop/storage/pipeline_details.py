"""What the pipeline page and the opportunity dialog show of one opportunity, and the stages.

Plain frozen dataclasses (never ORM objects): the UI formats them (money with its currency,
dates in the locale) and holds no session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.models import Customer, Opportunity, Stage, StageChange
from crm_desktop.storage import pipeline

CENT = Decimal("0.01")
HISTORY_LIMIT = 20


@dataclass(frozen=True)
class StageChoice:
    id: int
    name: str
    kind: str  # open, won, lost
    probability: int


@dataclass(frozen=True)
class StageStep:
    """One entry of the stage history: when the opportunity arrived in which stage."""

    at: datetime
    stage_name: str


@dataclass(frozen=True)
class OpportunityDetail:
    id: int
    name: str
    customer_id: int
    customer_name: str
    stage_id: int
    stage_name: str
    status: str
    amount: Decimal
    currency: str
    probability: int  # the override, else the stage's
    probability_override: int | None
    expected_close: date | None
    owner: str | None
    lead_source: str | None
    close_reason: str | None
    notes: str | None
    deleted_at: datetime | None
    history: tuple[StageStep, ...] = ()
    # Stored by the last applied win-probability analysis (0..1), and when.
    win_probability: float | None = None
    win_probability_at: datetime | None = None

    @property
    def weighted(self) -> Decimal:
        """The amount weighted by the probability, to the cent."""
        return (self.amount * self.probability / 100).quantize(CENT, ROUND_HALF_UP)


def stage_choices(session: Session, pipeline_id: int | None = None) -> list[StageChoice]:
    """The stages of a pipeline in order (the default pipeline is created on first use)."""
    return [StageChoice(s.id, s.name, s.kind, s.probability)
            for s in pipeline.stages(session, pipeline_id)]


def opportunity_detail(session: Session, opportunity_id: int,
                       history_limit: int = HISTORY_LIMIT) -> OpportunityDetail | None:
    """One opportunity (also from the trash) with the newest `history_limit` stage changes."""
    opp = session.get(Opportunity, opportunity_id)
    if opp is None:
        return None
    customer = session.get(Customer, opp.customer_id)
    stage = session.get(Stage, opp.stage_id)
    history = session.execute(
        select(StageChange.changed_at, Stage.name)
        .join(Stage, Stage.id == StageChange.to_stage_id)
        .where(StageChange.opportunity_id == opportunity_id)
        .order_by(StageChange.changed_at.desc(), StageChange.id.desc()).limit(history_limit)
    ).all() if history_limit else []
    probability = opp.probability_override if opp.probability_override is not None else (
        stage.probability if stage else 0)
    return OpportunityDetail(
        id=opp.id, name=opp.name, customer_id=opp.customer_id,
        customer_name=customer.name if customer else "", stage_id=opp.stage_id,
        stage_name=stage.name if stage else "", status=opp.status, amount=opp.amount,
        currency=opp.currency, probability=probability,
        probability_override=opp.probability_override, expected_close=opp.expected_close,
        owner=opp.owner, lead_source=opp.lead_source, close_reason=opp.close_reason,
        notes=opp.notes, deleted_at=opp.deleted_at,
        history=tuple(StageStep(at, name) for at, name in history),
        win_probability=opp.win_probability, win_probability_at=opp.win_probability_at,
    )

