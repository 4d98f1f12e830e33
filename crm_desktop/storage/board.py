"""The pipeline board: per-stage figures from SQL aggregates and the top cards of each stage.

The kanban board never loads every opportunity: the column headers (count, total, weighted
total, each total per currency: amounts in different currencies are never added) come from one
GROUP BY, and the cards from one windowed query that keeps the first N of
each stage (by amount or by expected close date). Both honour the same filters (owner, close date
range, free text on the name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Integer, Select, func, select, type_coerce
from sqlalchemy.orm import Session

from crm_desktop.models import Customer, Opportunity, Stage
from crm_desktop.storage import pipeline as pipeline_storage
from crm_desktop.storage.amounts import Amounts

CARD_ORDERS = ("amount", "close")


@dataclass(frozen=True)
class BoardFilter:
    """What the board shows: everything by default."""

    owner: str | None = None
    close_from: date | None = None
    close_to: date | None = None
    text: str = ""


@dataclass(frozen=True)
class ColumnSummary:
    stage_id: int
    name: str
    kind: str
    probability: int
    count: int
    total: Amounts  # per currency
    weighted: Amounts  # sum(amount x probability), per currency


@dataclass(frozen=True)
class Card:
    id: int
    stage_id: int
    name: str
    customer_id: int
    customer_name: str
    amount: Decimal
    currency: str
    expected_close: date | None
    owner: str | None
    probability: int
    status: str
    # The win-probability model's estimate (0..1) stored by the last applied "winprob"
    # analysis; None when it never ran or the deal is newer.
    win_probability: float | None = None


@dataclass(frozen=True)
class Board:
    """Everything the board widget draws: one summary and up to N cards per stage."""

    pipeline_id: int
    columns: tuple[ColumnSummary, ...]
    cards: dict[int, tuple[Card, ...]]

    def more(self, stage_id: int) -> int:
        """How many opportunities of the stage are not shown as cards."""
        summary = next(c for c in self.columns if c.stage_id == stage_id)
        return max(summary.count - len(self.cards.get(stage_id, ())), 0)


SelectT = TypeVar("SelectT", bound="Select[*tuple[Any, ...]]")


def _where(stmt: SelectT, flt: BoardFilter) -> SelectT:
    stmt = stmt.where(Opportunity.deleted_at.is_(None))
    if flt.owner:
        stmt = stmt.where(Opportunity.owner == flt.owner)
    if flt.close_from:
        stmt = stmt.where(Opportunity.expected_close >= flt.close_from)
    if flt.close_to:
        stmt = stmt.where(Opportunity.expected_close <= flt.close_to)
    if flt.text.strip():
        stmt = stmt.where(Opportunity.name.contains(flt.text.strip(), autoescape=True))
    return stmt


def _cents() -> Any:
    """The stored integer cents of `amount` (sums stay exact and avoid per-row conversion)."""
    return type_coerce(Opportunity.amount, Integer)


def _probability() -> Any:
    return func.coalesce(Opportunity.probability_override, Stage.probability)


def summaries(
    session: Session, pipeline_id: int | None = None, flt: BoardFilter = BoardFilter()
) -> list[ColumnSummary]:
    """One row per stage of the pipeline (empty stages included), in stage order."""
    stages = pipeline_storage.stages(session, pipeline_id)
    stmt = _where(
        select(
            Opportunity.stage_id,
            Opportunity.currency,
            func.count(Opportunity.id),
            func.coalesce(func.sum(_cents()), 0),
            func.coalesce(func.sum(_cents() * _probability()), 0),
        )
        .join(Stage, Stage.id == Opportunity.stage_id)
        .where(Opportunity.stage_id.in_([s.id for s in stages]))
        .group_by(Opportunity.stage_id, Opportunity.currency),
        flt,
    )
    figures: dict[int, list[tuple[str, int, int, int]]] = {}
    for stage_id, currency, count, cents, weighted in session.execute(stmt):
        figures.setdefault(stage_id, []).append((currency, int(count), int(cents),
                                                 int(weighted)))
    result = []
    for stage in stages:
        rows = figures.get(stage.id, [])
        result.append(ColumnSummary(
            stage_id=stage.id, name=stage.name, kind=stage.kind, probability=stage.probability,
            count=sum(count for _c, count, _t, _w in rows),
            total=Amounts.from_cents((currency, cents) for currency, _n, cents, _w in rows),
            weighted=Amounts.from_cents(((currency, weighted) for currency, _n, _t, weighted
                                         in rows), scale=100),
        ))
    return result


def top_cards(
    session: Session, stage_ids: list[int], flt: BoardFilter = BoardFilter(),
    limit: int = 50, order: str = "amount",
) -> dict[int, tuple[Card, ...]]:
    """The first `limit` opportunities of each stage: biggest amount or soonest close first."""
    if order not in CARD_ORDERS:
        raise ValueError(f"order must be one of {CARD_ORDERS}")
    ordering: tuple[Any, ...]
    if order == "amount":
        ordering = (Opportunity.amount.desc(), Opportunity.id)
    else:
        ordering = (Opportunity.expected_close.is_(None), Opportunity.expected_close,
                    Opportunity.id)
    rank = func.row_number().over(partition_by=Opportunity.stage_id, order_by=ordering)
    inner = _where(
        select(Opportunity.id.label("id"), rank.label("rank"))
        .where(Opportunity.stage_id.in_(stage_ids)),
        flt,
    ).subquery()
    stmt = (
        select(Opportunity, Customer.name, _probability())
        .join(inner, inner.c.id == Opportunity.id)
        .join(Customer, Customer.id == Opportunity.customer_id)
        .join(Stage, Stage.id == Opportunity.stage_id)
        .where(inner.c.rank <= limit)
        .order_by(Opportunity.stage_id, inner.c.rank)
    )
    cards: dict[int, list[Card]] = {stage_id: [] for stage_id in stage_ids}
    for opp, customer_name, probability in session.execute(stmt):
        cards[opp.stage_id].append(Card(
            id=opp.id, stage_id=opp.stage_id, name=opp.name, customer_id=opp.customer_id,
            customer_name=customer_name, amount=opp.amount, currency=opp.currency,
            expected_close=opp.expected_close, owner=opp.owner,
            probability=int(probability), status=opp.status,
            win_probability=opp.win_probability,
        ))
    return {stage_id: tuple(items) for stage_id, items in cards.items()}


def load_board(
    session: Session, pipeline_id: int | None = None, flt: BoardFilter = BoardFilter(),
    limit: int = 50, order: str = "amount",
) -> Board:
    """Summaries and top cards in two queries (what a worker runs for the board page)."""
    columns = summaries(session, pipeline_id, flt)
    pid = pipeline_id or pipeline_storage.default_pipeline(session).id
    cards = top_cards(session, [c.stage_id for c in columns], flt, limit, order)
    return Board(pipeline_id=pid, columns=tuple(columns), cards=cards)


def owners(session: Session) -> list[str]:
    """Distinct owners of live opportunities, for the owner filter."""
    stmt = (
        select(Opportunity.owner).where(Opportunity.deleted_at.is_(None),
                                        Opportunity.owner.is_not(None))
        .distinct().order_by(Opportunity.owner)
    )
    return [owner for owner in session.scalars(stmt) if owner]

