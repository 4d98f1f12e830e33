"""The sales reports' figures: paid orders and closed deals grouped by owner, product, product
category, country, city or month, per currency, within a time range.

What counts, as in ``analytics.sales_report`` on the frames of docs/frames.md: live orders and
deals of live customers; revenue = paid orders placed in the range (by product and category:
the lines' quantity x unit price less discount, before tax); deals = opportunities won or lost
with closed_at in the range. An order belongs to its deal's owner, else to its customer's; a
deal to its own owner. By product or category, a won deal counts once for each product its
orders hold (lost deals hold no products).

The days of a range are added up from the daily totals of
:mod:`crm_desktop.storage.report_summary` (recomputed first for the days changed since, when
the database can be written); stale days of a read-only database, and a part of a day at
either end (a bound that is not midnight), are computed from the orders and deals themselves
(one indexed range each). So a report reads summary rows, not orders, whatever the size of
the database (bench/reports.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_desktop.storage import report_summary as summary
from crm_desktop.storage.report_summary import SUMMARIES

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


def _by_product(database: Database, products: str, categories: str, by: str,
                lo: datetime | None, hi: datetime | None,
                ) -> list[tuple[tuple[str | None, int | None, str], list[Any]]]:
    """Totals of summary ``products`` (by product) or ``categories`` (by category) keyed
    (label, product id or None, currency): products are labelled by their name."""
    totals = _gather(database, products if by == "product" else categories, by, lo, hi)
    if by != "product":
        return [((key, None, currency), measures)
                for (key, currency), measures in totals.items()]
    names = _product_names(database)
    return [((names.get(key) if key is not None else None, key, currency), measures)
            for (key, currency), measures in totals.items()]


def _check(by: str) -> None:
    if by not in DIMENSIONS:
        raise ValueError(f"unknown report grouping {by!r}; use one of {', '.join(DIMENSIONS)}")


# ------------------------------------------------------------------------------ reading
def _plan(lo: datetime | None, hi: datetime | None, stale: list[str]
          ) -> tuple[str, str | None, list[tuple[str, str]]]:
    """How to read [lo, hi): whole days in [first, last) from the summaries (last None:
    unbounded; stale days excepted) and the [start, stop) ranges to compute live: a part of
    a day at either end (a time that is not midnight) and the stale days (in runs)."""
    pieces: list[tuple[str, str]] = []
    first = "0000-00-00"
    if lo is not None:
        first = lo.strftime("%Y-%m-%d")
        if lo.time() != time(0):
            first = summary.next_day(first)
            stop = first if hi is None or hi.strftime(_TIME) >= first else hi.strftime(_TIME)
            pieces.append((lo.strftime(_TIME), stop))
    last = None
    if hi is not None:
        last = max(hi.strftime("%Y-%m-%d"), first)
        if hi.time() != time(0) and hi.strftime("%Y-%m-%d") >= first:
            pieces.append((last, hi.strftime(_TIME)))
    pieces += summary.runs([day for day in stale
                            if day >= first and (last is None or day < last)])
    return first, last, pieces


# summary -> the reports' groupings it holds: grouping -> its column
_NUMBERS = ("orders", "cents", "amount", "won", "lost", "won_cents")
_KEYS = {"report_summary_orders": {"owner": "owner", "country": "country", "city": "city"},
         "report_summary_deals": {"owner": "owner", "country": "country", "city": "city"},
         "report_summary_products": {"product": "product_id"},
         "report_summary_categories": {"category": "category"},
         "report_summary_deal_products": {"product": "product_id"},
         "report_summary_deal_categories": {"category": "category"}}
Totals = dict[tuple[Any, str], list[Any]]


def _gather(database: Database, name: str, by: str, lo: datetime | None,
            hi: datetime | None) -> Totals:
    """The measures of summary ``name`` per (group, currency) for [lo, hi): whole days
    added up in SQL, the parts of days at the ends and any stale days computed live."""
    from crm_desktop.storage.database import raw_connection

    columns = SUMMARIES[name][0]
    measures = [c for c in columns if c in _NUMBERS or c == "cycles"]
    key = "substr(day, 1, 7)" if by == "month" else _KEYS[name][by]
    with raw_connection(database) as connection:
        if database.read_only is None:
            summary.refresh(connection)
        cursor = connection.cursor()
        try:
            first, last, pieces = _plan(lo, hi, summary.stale_days(cursor))
            sums = ", ".join(f"group_concat({m})" if m == "cycles" else f"SUM({m})"
                             for m in measures)
            where, params = "day >= :first", {"first": first}
            if last is not None:
                where, params["last"] = where + " AND day < :last", last
            cursor.execute(f"SELECT {key}, currency, {sums} FROM {name} WHERE {where} AND "
                           f"day NOT IN (SELECT day FROM {summary.STALE}) GROUP BY 1, 2",
                           params)
            totals: Totals = {(row[0], row[1]): list(row[2:]) for row in cursor.fetchall()}
            at = [1 + columns.index(m) for m in measures]  # computed rows: the day first
            key_at = 0 if by == "month" else 1 + columns.index(key)
            for start, stop in pieces:
                for row in summary.compute(cursor, name, start, stop):
                    group = (row[0][:7] if by == "month" else row[key_at], row[1])
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
        return [RevenueGroup(name, currency, _line_money(amount or 0), int(orders), key_id)
                for (name, key_id, currency), (orders, amount) in
                _by_product(database, "report_summary_products", "report_summary_categories",
                            by, lo, hi) if orders]
    totals = _gather(database, "report_summary_orders", by, lo, hi)
    return [RevenueGroup(key, currency, _cents(cents), int(orders))
            for (key, currency), (orders, cents) in totals.items() if orders]


def deal_groups(database: Database, by: str, lo: datetime | None = None,
                hi: datetime | None = None) -> list[DealGroup]:
    """Deals won or lost with closed_at in [lo, hi), grouped by ``by`` and currency."""
    _check(by)
    if by in ("product", "category"):
        return [DealGroup(name, currency, int(won), None, None, _days(cycles), key_id)
                for (name, key_id, currency), (won, cycles) in
                _by_product(database, "report_summary_deal_products",
                            "report_summary_deal_categories", by, lo, hi) if won]
    totals = _gather(database, "report_summary_deals", by, lo, hi)
    return [DealGroup(key, currency, int(won or 0), int(lost or 0), int(won_cents or 0),
                      _days(cycles))
            for (key, currency), (won, lost, won_cents, cycles) in totals.items()
            if won or lost]
