"""Sales targets: set, change and delete them (checked, audited, undoable) and measure the
progress towards them beside the weighted forecast of the open pipeline.

    outcome = set_target(database, TargetInput(owner="Alice Chen", period="2026-Q4",
                                               amount="50000", currency="EUR", deals=10))
    outcome.value          # SetTarget(id=3, created=True, before={})
    report = progress(database, as_of=date(2026, 11, 15))
    report.rows[0].share   # actual / target money, 0..1+ (None without a money target)

Progress is :func:`crm_desktop.analytics.sales_targets.target_progress`: actual = won deals
closed in the period (``basis="deals"``, default) or paid orders placed in it
(``basis="orders"``); the projection is the linear pace; the pipeline figure is the weighted
amount of open deals expected to close by the period's end, weighted as the sales forecast
does (:func:`crm_desktop.analytics.winprob.forecast_weights`: the win-probability model when
it is good enough, else each deal's stage probability; ``weights="stage"`` skips the model).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_desktop.services.editing import Edit
from crm_desktop.services.money import clean_currency, default_currency
from crm_desktop.services.outcome import Outcome, write
from crm_desktop.storage import query
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.targets import (
    ANY_OWNER,
    Period,
    TargetRow,
    clean_owner,
    known_owners,
    list_targets,
    live_target,
    target_row,
)
from crm_desktop.storage.validation import parse_money

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy.orm import Session

    from crm_desktop.analytics import CancelFn, ProgressFn
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.frame_cache import FrameCache

__all__ = [
    "ANY_OWNER", "BASES", "WEIGHTS", "Period", "ProgressReport", "SetTarget", "TargetInput",
    "TargetProgress", "TargetRow", "create_target", "delete_target", "known_owners",
    "list_targets", "progress", "set_target", "target_row", "update_target",
]

BASES = ("deals", "orders")
WEIGHTS = ("model", "stage")
EDITABLE = ("owner", "period_kind", "period_start", "period_end", "amount", "currency", "deals",
            "notes")


@dataclass(frozen=True)
class TargetInput:
    """What a target dialog or ``targets set`` gives: owner None = the whole business; the
    period as text ('2026-Q4', '2026-12') or a Period; amount as typed; currency None = the
    database's default currency; deals (won) optional."""

    owner: str | None
    period: Period | str
    amount: Decimal | str | int | float
    currency: str | None = None
    deals: int | str | None = None
    notes: str | None = None


def _deals(value: int | str | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError("deals", QT_TRANSLATE_NOOP("errors", "{0!r} is not a whole number of deals"), value) from None
    if number < 0:
        raise ValidationError("deals", QT_TRANSLATE_NOOP("errors", "cannot be negative"))
    return number


def clean_target(database: Database, target: TargetInput) -> dict[str, Any]:
    """The checked column values of a target; ValidationError naming the field."""
    period = Period.parse(target.period)
    amount = parse_money(target.amount, "amount")
    if amount < 0:
        raise ValidationError("amount", QT_TRANSLATE_NOOP("errors", "cannot be negative"))
    currency = (clean_currency(target.currency) if (target.currency or "").strip()
                else default_currency(database))
    deals = _deals(target.deals)
    if amount == 0 and not deals:
        raise ValidationError("amount", QT_TRANSLATE_NOOP("errors", "give a money target, a number of deals, or both"))
    return {"owner": clean_owner(target.owner), "period_kind": period.kind,
            "period_start": period.start, "period_end": period.end, "amount": amount,
            "currency": currency, "deals": deals, "notes": (target.notes or "").strip() or None}


def _period_of(values: Mapping[str, Any]) -> Period:
    return Period(values["period_start"], values["period_end"], values["period_kind"])


def _describe(values: Mapping[str, Any]) -> str:
    who = values["owner"] or "the whole business"
    return f"{who} in {_period_of(values).label} ({values['currency']})"


def create_target(database: Database, target: TargetInput) -> Outcome[int]:
    """A new target; refused when the owner already has a live one for that period and
    currency (change that one instead). Undo: ``records.trash(database, "sales_targets",
    [id])``."""
    from crm_desktop.models import SalesTarget

    values = clean_target(database, target)

    def work(session: Session) -> int:
        if live_target(session, values["owner"], _period_of(values), values["currency"]):
            raise ValidationError("period", QT_TRANSLATE_NOOP("errors", "a target for {0} exists already"), _describe(values))
        return query.create(session, SalesTarget, **values).id

    return write(database, work)


def update_target(database: Database, target_id: int,
                  target: TargetInput) -> Outcome[Edit[dict[str, Any]]]:
    """Change a target; the value says what changed. Undo:
    ``records.update_fields(database, "sales_targets", id, edit.before)``."""
    from crm_desktop.models import SalesTarget

    values = clean_target(database, target)

    def work(session: Session) -> Edit[dict[str, Any]]:
        other = live_target(session, values["owner"], _period_of(values), values["currency"])
        if other is not None and other.id != target_id:
            raise ValidationError("period", QT_TRANSLATE_NOOP("errors", "a target for {0} exists already"), _describe(values))
        row = query.get(session, SalesTarget, target_id)
        before = {key: getattr(row, key) for key in EDITABLE}
        changed = {key: value for key, value in values.items() if before[key] != value}
        if changed:
            query.update(session, SalesTarget, target_id, **changed)
        return Edit(target_id, {k: before[k] for k in changed}, changed)

    return write(database, work)


@dataclass(frozen=True)
class SetTarget:
    """What ``set_target`` did: created a target, or changed one (``before``: old values)."""

    id: int
    created: bool
    before: dict[str, Any] = field(default_factory=dict)


def set_target(database: Database, target: TargetInput) -> Outcome[SetTarget]:
    """Create the owner's target for the period and currency, or change the live one."""
    from crm_desktop.models import SalesTarget

    values = clean_target(database, target)

    def work(session: Session) -> SetTarget:
        row = live_target(session, values["owner"], _period_of(values), values["currency"])
        if row is None:
            return SetTarget(query.create(session, SalesTarget, **values).id, True)
        before = {key: getattr(row, key) for key in EDITABLE if getattr(row, key) != values[key]}
        if before:
            query.update(session, SalesTarget, row.id, **{k: values[k] for k in before})
        return SetTarget(row.id, False, before)

    return write(database, work)


def delete_target(database: Database, target_id: int) -> Outcome[int]:
    """Move a target to the trash. Undo: ``records.restore(database, "sales_targets", [id])``."""
    from crm_desktop.models import SalesTarget

    return write(database, lambda session: query.soft_delete(session, SalesTarget,
                                                             target_id).id)


# ------------------------------------------------------------------------------ progress
def _money(value: float | None) -> Decimal | None:
    if value is None or value != value:  # NaN
        return None
    return Decimal(repr(round(float(value), 2))).quantize(Decimal("0.01"))


def _share(value: Any) -> float | None:
    if value is None or value != value:
        return None
    return float(value)


@dataclass(frozen=True)
class TargetProgress:
    """How far one target is: money and deals so far, their share of the target, how much of
    the period has passed, where the current pace leads, and the weighted open pipeline
    expected to close in the rest of the period. Shares are 0..1 (above 1: beaten); None
    where undefined (no money or deals target, a period that has not started)."""

    target_id: int
    owner: str | None
    period: Period
    currency: str
    target_amount: Decimal
    target_deals: int | None
    actual_amount: Decimal
    actual_deals: int
    share: float | None
    deals_share: float | None
    elapsed_share: float
    projected_amount: Decimal | None
    projected_share: float | None
    pipeline_weighted: Decimal | None

    def to_dict(self) -> dict[str, Any]:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "target_id": self.target_id, "owner": self.owner, "period": self.period.label,
            "period_start": self.period.start.isoformat(),
            "period_end": self.period.end.isoformat(), "currency": self.currency,
            "target_amount": text(self.target_amount), "target_deals": self.target_deals,
            "actual_amount": text(self.actual_amount), "actual_deals": self.actual_deals,
            "share": self.share, "deals_share": self.deals_share,
            "elapsed_share": self.elapsed_share,
            "projected_amount": text(self.projected_amount),
            "projected_share": self.projected_share,
            "pipeline_weighted": text(self.pipeline_weighted),
        }


@dataclass(frozen=True)
class ProgressReport:
    """Progress of every target asked for, as of ``as_of``; ``weights`` says how the open
    pipeline was weighted (the forecast's figures: model or stage probability, and why)."""

    as_of: datetime
    basis: str
    weights: dict[str, float | str]
    rows: tuple[TargetProgress, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(sep=" ", timespec="seconds"),
                "basis": self.basis, "weights": dict(self.weights),
                "targets": [row.to_dict() for row in self.rows]}


def _as_of(value: date | datetime | None) -> datetime:
    from crm_desktop.models import utcnow

    if value is None:
        return utcnow()
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(23, 59, 59))  # a day counts to its end


def _pipeline(opportunities: pd.DataFrame, orders: pd.DataFrame | None, weights: str,
              steps: ProgressFn | None, cancelled: CancelFn | None
              ) -> tuple[pd.DataFrame, dict[str, float | str]]:
    """Open deals with their ``weighted`` amount, as the sales forecast weighs them."""
    from crm_desktop.analytics import winprob
    from crm_desktop.analytics.forecast import opportunity_probability

    probabilities = None
    figures: dict[str, float | str] = {"weights": "stage probability"}
    if weights == "model" and orders is not None:
        probabilities, figures = winprob.forecast_weights(opportunities, orders,
                                                          progress=steps, cancelled=cancelled)
    probability = (probabilities if probabilities is not None
                   else opportunity_probability(opportunities))
    amount = opportunities["amount"].astype(float).fillna(0.0)
    pipeline = opportunities.assign(weighted=amount * probability.fillna(0.0))
    return pipeline[pipeline["status"] == "open"], figures


def stage_weighted_progress(database: Database, **options: Any) -> ProgressReport:
    """:func:`progress` with the open pipeline weighted by stage (the pipeline's target line,
    the dashboard's tile), for a caller that passes the database alone: the app's background
    process, where its frames (every order) stay out of the window's process and its pandas
    work off the window's GIL."""
    return progress(database, weights="stage", **options)


def progress_modules() -> None:
    """Import what :func:`progress` imports when it first runs (pandas, the target analytics,
    the frame loaders), for a caller that wants that done ahead, in a worker of its choice."""
    import pandas  # noqa: F401

    from crm_desktop.analytics import report, sales_targets  # noqa: F401
    from crm_desktop.storage import frames  # noqa: F401


def progress(
    database: Database,
    as_of: date | datetime | None = None,
    period: Period | str | None = None,
    *,
    owner: object = ANY_OWNER,
    basis: str = "deals",
    weights: str = "model",
    frames: FrameCache | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> ProgressReport:
    """Progress of the live targets of ``period`` (default: every target whose month or
    quarter contains ``as_of``, default now), for ``owner`` (a name, None = the whole
    business only, default every one). ``basis``: 'deals' (won deals' amounts) or 'orders'
    (paid orders). ``weights``: 'model' (as the forecast; fits the win-probability model:
    seconds on a large database, so call it in a worker) or 'stage'. ``frames``: the
    analysis process' cache, when there is one."""
    import pandas as pd

    from crm_desktop.analytics import report as step
    from crm_desktop.analytics.sales_targets import target_progress
    from crm_desktop.storage import frames as loaders

    if basis not in BASES:
        raise ValidationError("basis", QT_TRANSLATE_NOOP("errors", "{0!r}; use deals or orders"), basis)
    if weights not in WEIGHTS:
        raise ValidationError("weights", QT_TRANSLATE_NOOP("errors", "{0!r}; use model or stage"), weights)
    when = _as_of(as_of)
    chosen = Period.parse(period) if period is not None else None
    targets = list_targets(database, owner=owner, period=chosen,
                           overlapping=None if chosen else (when.date(), when.date()))
    if not targets:
        return ProgressReport(when, basis, {}, ())

    def frame(name: str) -> pd.DataFrame:
        return frames.get(name) if frames is not None else getattr(loaders, name)(database)

    step(progress, cancelled, 0.05, "Loading deals")
    opportunities = frame("opportunities")
    need_orders = basis == "orders" or weights == "model"
    orders = frame("orders") if need_orders else None
    customers = frame("customers") if basis == "orders" else None
    step(progress, cancelled, 0.3, "Weighing the open pipeline")
    pipeline, figures = _pipeline(opportunities, orders, weights,
                                  None if progress is None else
                                  (lambda f, m: step(progress, cancelled, 0.3 + 0.5 * f, m)),
                                  cancelled)
    table = pd.DataFrame({
        "owner": pd.Series([t.owner for t in targets], dtype=object),
        "period_start": [t.period.start for t in targets],
        "period_end": [t.period.end for t in targets],
        "amount": [float(t.amount) for t in targets],
        "deals": pd.Series([t.deals for t in targets], dtype=object),
        "currency": [t.currency for t in targets],
    })
    step(progress, cancelled, 0.85, "Measuring targets")
    found = target_progress(table, opportunities, orders, customers, as_of=when, basis=basis,
                            pipeline=pipeline)
    rows = []
    for target, result in zip(targets, found.to_dict("records"), strict=True):
        projected = _money(result["projected_amount"])
        rows.append(TargetProgress(
            target.id, target.owner, target.period, target.currency, target.amount,
            target.deals, _money(result["actual_amount"]) or Decimal("0.00"),
            int(result["actual_deals"]), _share(result["share"]),
            _share(result["deals_share"]) if target.deals else None,
            float(result["elapsed_share"]), projected, _share(result["projected_share"]),
            _money(result["pipeline_weighted"])))
    step(progress, cancelled, 1.0, "Targets done")
    return ProgressReport(when, basis, figures, tuple(rows))
