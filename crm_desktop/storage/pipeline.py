"""The sales pipeline: default stages, moving opportunities between stages, winning and losing.

A move is recorded in the stage history (`stage_changes`, what the funnel analytics read); its
undo (`undo_move`) puts the opportunity back exactly as it was and removes that history row, so
an undone move leaves no trace but the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.models import DEFAULT_STAGES, Opportunity, Pipeline, Stage, StageChange, utcnow
from crm_desktop.storage import query
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.validation import parse_money, require


def default_pipeline(session: Session) -> Pipeline:
    """The default pipeline, created with the default stages the first time it is asked for."""
    pipeline = session.scalars(select(Pipeline).where(Pipeline.is_default.is_(True))).first()
    if pipeline is None:
        pipeline = Pipeline(name="Sales", is_default=True)
        pipeline.stages = [
            Stage(name=name, position=i, probability=probability, kind=kind)
            for i, (name, probability, kind) in enumerate(DEFAULT_STAGES)
        ]
        session.add(pipeline)
        session.flush()
    return pipeline


def create_opportunity(session: Session, values: dict[str, Any]) -> Opportunity:
    values = dict(values)
    values["name"] = require(values.get("name"), "name")
    if not values.get("customer_id"):
        raise ValidationError("customer", QT_TRANSLATE_NOOP("errors", "is required"))
    values["amount"] = parse_money(values.get("amount"), "amount")
    pipeline = (
        session.get(Pipeline, values["pipeline_id"]) if values.get("pipeline_id")
        else default_pipeline(session)
    )
    assert pipeline is not None
    values["pipeline_id"] = pipeline.id
    stage_id = values.get("stage_id") or pipeline.stages[0].id
    values["stage_id"] = stage_id
    opportunity = query.create(session, Opportunity, **values)
    session.add(StageChange(opportunity_id=opportunity.id, from_stage_id=None, to_stage_id=stage_id))
    _apply_stage_kind(opportunity, session.get(Stage, stage_id), None)
    session.flush()
    return opportunity


@dataclass(frozen=True)
class StageState:
    """What a stage move changes on an opportunity."""

    stage_id: int
    status: str
    closed_at: datetime | None
    close_reason: str | None


@dataclass(frozen=True)
class StageMove:
    """A move that happened: enough to undo it (`undo_move`) or to do it again (`move`)."""

    opportunity_id: int
    stage_id: int
    reason: str | None
    before: StageState
    history_id: int | None  # the stage_changes row it added (None: already in that stage)


def move(session: Session, opportunity_id: int, stage_id: int,
         reason: str | None = None) -> StageMove:
    """Change the stage (recorded in the stage history and the audit log); returns what its
    undo needs.

    Moving to a won or lost stage closes the opportunity and needs a reason; moving back to an
    open stage reopens it.
    """
    opportunity = query.get(session, Opportunity, opportunity_id)
    before = StageState(opportunity.stage_id, opportunity.status, opportunity.closed_at,
                        opportunity.close_reason)
    stage = session.get(Stage, stage_id)
    if stage is None or stage.pipeline_id != opportunity.pipeline_id:
        raise ValidationError("stage", QT_TRANSLATE_NOOP("errors", "is not a stage of this opportunity's pipeline"))
    if stage_id == opportunity.stage_id:
        return StageMove(opportunity_id, stage_id, reason, before, None)
    if stage.kind in ("won", "lost") and not (reason or "").strip():
        raise ValidationError("reason", QT_TRANSLATE_NOOP("errors", "say why the opportunity was {0}"), stage.kind)
    change = StageChange(
        opportunity_id=opportunity.id, from_stage_id=opportunity.stage_id, to_stage_id=stage_id
    )
    session.add(change)
    opportunity.stage_id = stage_id
    _apply_stage_kind(opportunity, stage, reason)
    session.flush()
    return StageMove(opportunity_id, stage_id, reason, before, change.id)


def undo_move(session: Session, done: StageMove) -> Opportunity:
    """Put the opportunity back as it was before `done` and drop the history row it added."""
    opportunity = query.get(session, Opportunity, done.opportunity_id)
    if opportunity.stage_id != done.stage_id:
        raise ValidationError("stage", QT_TRANSLATE_NOOP("errors", "{0} has moved to another stage since"), opportunity.name)
    state = done.before
    opportunity.stage_id = state.stage_id
    opportunity.status = state.status
    opportunity.closed_at = state.closed_at
    opportunity.close_reason = state.close_reason
    change = session.get(StageChange, done.history_id) if done.history_id else None
    if change is not None:
        session.delete(change)
    session.flush()
    return opportunity


def closing_stage(session: Session, opportunity_id: int, kind: str) -> Stage:
    """The won or lost stage of the opportunity's pipeline."""
    opportunity = query.get(session, Opportunity, opportunity_id)
    found = session.scalars(select(Stage).where(
        Stage.pipeline_id == opportunity.pipeline_id, Stage.kind == kind
    ).order_by(Stage.position)).first()
    if found is None:
        raise ValidationError("stage", QT_TRANSLATE_NOOP("errors", "the pipeline has no {0} stage"), kind)
    return found


def _apply_stage_kind(opportunity: Opportunity, stage: Stage | None, reason: str | None) -> None:
    if stage is None:
        return
    opportunity.status = stage.kind
    if stage.kind == "open":
        opportunity.closed_at = None
        opportunity.close_reason = None
    else:
        opportunity.closed_at = utcnow()
        opportunity.close_reason = reason


def stages(session: Session, pipeline_id: int | None = None) -> list[Stage]:
    pipeline = session.get(Pipeline, pipeline_id) if pipeline_id else default_pipeline(session)
    assert pipeline is not None
    return list(pipeline.stages)


def probability(opportunity: Opportunity) -> int:
    """Percent: the override when the salesperson set one, else the stage's."""
    if opportunity.probability_override is not None:
        return opportunity.probability_override
    return opportunity.stage.probability
