"""Writing orders, opportunities, tickets and interactions (rows that belong to a customer)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from crm_desktop.models import (
    SLA_HOURS,
    Interaction,
    Opportunity,
    Order,
    StageChange,
    Ticket,
    TicketMessage,
    utcnow,
)
from crm_desktop.storage.importing.load import (
    CHUNK,
    Cancelled,
    Progress,
    Written,
    add_summary,
)
from crm_desktop.storage.importing.load import _check as check_cancelled
from crm_desktop.storage.importing.match import RecordPlan
from crm_desktop.storage.importing.rows import RecordRow
from crm_desktop.storage.importing.validate import InvalidValue
from crm_desktop.storage.pipeline import default_pipeline

MODELS: dict[str, Any] = {
    "orders": Order, "opportunities": Opportunity, "tickets": Ticket, "interactions": Interaction,
}
_PREFIX = {"orders": "SO", "tickets": "T"}


def resolve_stages(session: Session, rows: list[RecordRow]) -> list[InvalidValue]:
    """Give each opportunity row its pipeline and stage (by name, default: the first stage)."""
    pipeline = default_pipeline(session)
    stages = {s.name.casefold(): s for s in pipeline.stages}
    first = pipeline.stages[0]
    problems = []
    for row in rows:
        name = row.extra.get("stage")
        stage = stages.get(str(name).strip().casefold()) if name else first
        if stage is None:
            names = ", ".join(s.name for s in pipeline.stages)
            problems.append(InvalidValue(row.row, "stage", str(name),
                                         f"is not a stage of the pipeline ({names})"))
            continue
        row.values["pipeline_id"] = pipeline.id
        row.values["stage_id"] = stage.id
        row.values["status"] = stage.kind
        row.extra["stage_kind"] = stage.kind
    return problems


def _prepare(kind: str, row: RecordRow, row_id: int) -> dict[str, Any]:
    values = dict(row.values, id=row_id, customer_id=row.customer_id)
    if kind == "tickets":
        priority = values.setdefault("priority", "normal")
        values.setdefault("sla_due", values["opened_at"] + timedelta(hours=SLA_HOURS[priority]))
    if kind == "opportunities" and row.extra.get("stage_kind") in ("won", "lost"):
        close = values.get("expected_close")
        values.setdefault("closed_at", datetime(close.year, close.month, close.day)
                          if isinstance(close, date) else utcnow())
    return values


def _numbers(session: Session, kind: str, rows: list[dict[str, Any]]) -> None:
    """Number the rows the file left unnumbered, the way storage.sales/service do."""
    model = MODELS[kind]
    missing = [v for v in rows if not v.get("number")]
    if not missing:
        return
    taken = {v["number"] for v in rows if v.get("number")}
    proposals = [f"{_PREFIX[kind]}-{v['id']:06d}" for v in missing]
    for start in range(0, len(proposals), 500):
        part = proposals[start:start + 500]
        taken.update(session.scalars(select(model.number).where(model.number.in_(part))))
    for values, number in zip(missing, proposals, strict=True):
        suffix = 1
        while number in taken:
            suffix += 1
            number = f"{_PREFIX[kind]}-{values['id']:06d}-{suffix}"
        taken.add(number)
        values["number"] = number


def write_records(session: Session, kind: str, plan: RecordPlan, summary: dict[str, Any],
                  progress: Progress, cancelled: Cancelled | None) -> Written:
    model = MODELS[kind]
    written = Written()
    next_id = (session.scalar(select(func.max(model.id))) or 0) + 1
    prepared = [_prepare(kind, row, next_id + i) for i, row in enumerate(plan.new)]
    if kind in _PREFIX:
        _numbers(session, kind, prepared)
    for start in range(0, len(prepared), CHUNK):
        check_cancelled(cancelled)
        part = prepared[start:start + CHUNK]
        session.execute(insert(model), part)
        if kind == "tickets":
            messages = [
                {"ticket_id": v["id"], "direction": "in", "body": v["body"],
                 "sent_at": v["opened_at"]}
                for v in part if v.get("body")
            ]
            if messages:
                session.execute(insert(TicketMessage), messages)
        if kind == "opportunities":
            session.execute(insert(StageChange), [
                {"opportunity_id": v["id"], "from_stage_id": None, "to_stage_id": v["stage_id"],
                 "changed_at": v.get("closed_at") or utcnow()}
                for v in part
            ])
        progress((start + len(part)) / max(1, len(prepared)), f"writing {kind}")
    for start in range(0, len(plan.updates), 500):
        check_cancelled(cancelled)
        for row_id, row in plan.updates[start:start + 500]:
            obj = session.get(model, row_id)
            assert obj is not None
            if kind == "opportunities" and row.values.get("stage_id") != obj.stage_id:
                session.add(StageChange(opportunity_id=obj.id, from_stage_id=obj.stage_id,
                                        to_stage_id=row.values["stage_id"]))
            for key, value in row.values.items():
                setattr(obj, key, value)
            written.updated += 1
        session.flush()
    written.imported = len(prepared)
    if prepared:
        written.first_id, written.last_id = prepared[0]["id"], prepared[-1]["id"]
    summary.update(imported=written.imported, updated=written.updated,
                   first_id=written.first_id, last_id=written.last_id)
    add_summary(session, kind, summary)
    return written
