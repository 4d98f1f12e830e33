"""The sales reports' figures: paid orders and closed deals grouped by owner, product, product
category, country, city or month, per currency, within a time range.

What counts, as in ``analytics.sales_report`` on the frames of docs/frames.md: live orders and
deals of live customers; revenue = paid orders placed in the range (by product and category:
the lines' quantity x unit price less discount, before tax); deals = opportunities won or lost
with closed_at in the range. An order belongs to its deal's owner, else to its customer's; a
deal to its own owner. By product or category, a won deal counts once for each product its
orders hold (lost deals hold no products).

The whole months of a range are added up from the monthly totals of
:mod:`crm_desktop.storage.report_summary` (recomputed first for the months changed since, when
the database can be written); the partial months at either end, and stale months of a
read-only database, are computed from the orders and deals themselves (one indexed range each).
So a report costs a few thousand summary rows and at most two months of orders, whatever the
size of the database (bench/reports.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_desktop.storage import report_summary as summary
from crm_desktop.storage.report_summary import SUMMARIES, month_bounds

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

DIMENSIONS: tuple[str, ...] = ("owner", "product", "category", "country", "city", "month")
_TIME = "%Y-%m-%d %H:%M:%S"
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class RevenueGroup:
    """Paid orders of one group and currency: their revenue (exact to the cent)."""

    key: str | None  # None: unknown (no owner, no city, a line without product, ...)
    currency: str
    revenue: Decimal
    orders: int
    key_id: int | None = None  # the product's id (by product)


def _cents(value: int | float | None) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(_CENT)


@dataclass(frozen=True)
class DealGroup:
    """Deals of one group and currency closed in the range. ``won_cycles``: days from
    created to closed of each won deal (for the mean and median). By product or category
    ``lost`` and ``won_cents`` are None: lost deals hold no products."""

    key: str | None
    currency: str
    won: int
    lost: int | None
    won_cents: int | None
    won_cycles: tuple[float, ...]
    key_id: int | None = None


def _line_money(total: float) -> Decimal:
    """A sum of line amounts in billionths of the currency unit, to the cent."""
    return (Decimal(repr(float(total))) / 1_000_000_000).quantize(_CENT)


def _product_names(database: Database) -> dict[int, str]:
    from crm_desktop.storage.database import raw_connection

    with raw_connection(database) as connection:
        return {int(i): str(name) for i, name in
                connection.execute("SELECT id, name FROM products").fetchall()}


def _check(by: str) -> None:
    if by not in DIMENSIONS:
        raise ValueError(f"unknown report grouping {by!r}; use one of {', '.join(DIMENSIONS)}")


# ------------------------------------------------------------------------------ reading
def _month_of(moment: datetime) -> str:
    return moment.strftime("%Y-%m")


def _next_month(month: str) -> str:
    return month_bounds(month)[1][:7]


def _is_month_start(moment: datetime) -> bool:
    return moment == datetime(moment.year, moment.month, 1)


def _plan(lo: datetime | None, hi: datetime | None, stale: set[str]
          ) -> tuple[str, str | None, list[tuple[str, str, str]]]:
    """How to read [lo, hi): whole months in [first, last) from the summaries (last None:
    unbounded; stale months excepted) and the pieces to compute live, each (month, start,
    stop) within one month: the partial months at either end and the stale months."""
    pieces: list[tuple[str, str, str]] = []
    first = "0000-00"
    if lo is not None:
        first = _month_of(lo)
        if not _is_month_start(lo):
            stop = month_bounds(first)[1]
            if hi is not None and hi.strftime(_TIME) < stop:
                stop = hi.strftime(_TIME)
            pieces.append((first, lo.strftime(_TIME), stop))
            first = _next_month(first)
    last = None
    if hi is not None:
        last = _month_of(hi)
        if not _is_month_start(hi) and last >= first:
            pieces.append((last, month_bounds(last)[0], hi.strftime(_TIME)))
        if last < first:
            last = first  # lo and hi in one month: no whole month
    pieces += [(month, *month_bounds(month)) for month in sorted(stale)
               if month >= first and (last is None or month < last)]
    return first, last, pieces


# summary -> its key columns (the report's grouping -> column) and the measures summed
_NUMBERS = ("orders", "cents", "amount", "won", "lost", "won_cents")
_KEYS = {"report_summary_orders": {"owner": 1, "country": 2, "city": 3},
         "report_summary_deals": {"owner": 1, "country": 2, "city": 3},
         "report_summary_products": {"product": 1}, "report_summary_categories": {"category": 1},
         "report_summary_deal_products": {"product": 1},
         "report_summary_deal_categories": {"category": 1}}
Totals = dict[tuple[Any, str], list[Any]]


def _gather(database: Database, name: str, by: str, lo: datetime | None,
            hi: datetime | None) -> Totals:
    """The measures of summary ``name`` per (group, currency) for [lo, hi): whole months
    added up in SQL, the pieces at the ends and the stale months computed live and added."""
    from crm_desktop.storage.database import raw_connection

    columns = SUMMARIES[name][0]
    measures = [c for c in columns[1:] if c in _NUMBERS or c == "cycles"]
    with raw_connection(database) as connection:
        if database.read_only is None:
            summary.refresh(connection)
        cursor = connection.cursor()
        try:
            stale = summary.stale_months(cursor)
            first, last, pieces = _plan(lo, hi, stale)
            key = "month" if by == "month" else columns[_KEYS[name][by]]
            sums = ", ".join(f"group_concat({m})" if m == "cycles" else f"SUM({m})"
                             for m in measures)
            where, params = "month >= :first", {"first": first}
            if last is not None:
                where, params["last"] = where + " AND month < :last", last
            cursor.execute(f"SELECT {key}, currency, {sums} FROM {name} WHERE {where} AND "
                           f"month NOT IN (SELECT month FROM {summary.STALE}) GROUP BY 1, 2",
                           params)
            totals: Totals = {(row[0], row[1]): list(row[2:]) for row in cursor.fetchall()}
            at = [columns.index(m) for m in measures]
            for month, start, stop in pieces:
                for row in summary.compute(cursor, name, start, stop):
                    group = (month if by == "month" else row[_KEYS[name][by]], row[0])
                    _add(totals, group, [row[i] for i in at], measures)
        finally:
            cursor.close()
    return totals


def _add(totals: Totals, group: tuple[Any, str], values: list[Any],
         measures: list[str]) -> None:
    found = totals.get(group)
    if found is None:
        totals[group] = values
        return
    for i, measure in enumerate(measures):
        if measure == "cycles":
            found[i] = ",".join(x for x in (found[i], values[i]) if x)
        else:
            found[i] = (found[i] or 0) + (values[i] or 0)


def _days(cycles: str | None) -> tuple[float, ...]:
    return tuple(float(days) for days in cycles.split(",")) if cycles else ()


def revenue_groups(database: Database, by: str, lo: datetime | None = None,
                   hi: datetime | None = None) -> list[RevenueGroup]:
    """Paid orders placed in [lo, hi) grouped by ``by`` (one of :data:`DIMENSIONS`) and
    currency. Months are labelled 'YYYY-MM'; products by name (``key_id``: the id)."""
    _check(by)
    if by in ("product", "category"):
        totals = _gather(database, "report_summary_products" if by == "product" else
                         "report_summary_categories", by, lo, hi)
        names = _product_names(database) if by == "product" else {}
        return [RevenueGroup(names.get(key) if by == "product" and key is not None else key,
                             currency, _line_money(amount or 0), int(orders),
                             key if by == "product" else None)
                for (key, currency), (orders, amount) in totals.items() if orders]
    totals = _gather(database, "report_summary_orders", by, lo, hi)
    return [RevenueGroup(key, currency, _cents(cents), int(orders))
            for (key, currency), (orders, cents) in totals.items() if orders]


def deal_groups(database: Database, by: str, lo: datetime | None = None,
                hi: datetime | None = None) -> list[DealGroup]:
    """Deals won or lost with closed_at in [lo, hi), grouped by ``by`` and currency."""
    _check(by)
    if by in ("product", "category"):
        totals = _gather(database, "report_summary_deal_products" if by == "product" else
                         "report_summary_deal_categories", by, lo, hi)
        names = _product_names(database) if by == "product" else {}
        return [DealGroup(names.get(key) if by == "product" and key is not None else key,
                          currency, int(won), None, None, _days(cycles),
                          key if by == "product" else None)
                for (key, currency), (won, cycles) in totals.items() if won]
    totals = _gather(database, "report_summary_deals", by, lo, hi)
    return [DealGroup(key, currency, int(won or 0), int(lost or 0), int(won_cents or 0),
                      _days(cycles))
            for (key, currency), (won, lost, won_cents, cycles) in totals.items()
            if won or lost]
