"""The SQL of the sales reports: paid orders and closed deals grouped by owner, product,
product category, country, city or month, per currency, within a time range.

The grouping runs in SQLite over narrow covering indexes (revision 0004), so a report over a
million orders never loads the orders into Python (bench/reports.py). What counts, as in
``analytics.sales_report`` on the frames of docs/frames.md: live orders and deals of live
customers; revenue = paid orders placed in the range (by product and category: the lines'
quantity x unit price less discount, before tax);
deals = opportunities won or lost with closed_at in the range. An order belongs to its deal's
owner, else to its customer's; a deal to its own owner. By product or category, a won deal
counts once for each product its orders hold (lost deals hold no products).

SQLite sorts every row it groups unless an index gives them in the group's order, so each
query groups in an index's order first (orders by customer, lines by product) and joins the
few groups it gets to customers or deals; months are one range scan per month and currency.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

DIMENSIONS: tuple[str, ...] = ("owner", "product", "category", "country", "city", "month")
_LIVE_CUSTOMER = "NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)"
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


@contextmanager
def _cursor(database: Database) -> Iterator[Any]:
    from crm_desktop.storage.database import raw_connection

    with raw_connection(database) as connection:
        cursor = connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()


def _bounds(column: str, lo: datetime | None, hi: datetime | None,
            params: dict[str, Any]) -> str:
    """' AND column >= :lo AND column < :hi' for the bounds given (stored times are ISO text
    'YYYY-MM-DD HH:MM:SS[.ffffff]', so they compare as text)."""
    sql = ""
    if lo is not None:
        params["lo"] = lo.strftime(_TIME)
        sql += f" AND {column} >= :lo"
    if hi is not None:
        params["hi"] = hi.strftime(_TIME)
        sql += f" AND {column} < :hi"
    return sql


def _check(by: str) -> None:
    if by not in DIMENSIONS:
        raise ValueError(f"unknown report grouping {by!r}; use one of {', '.join(DIMENSIONS)}")


# ------------------------------------------------------------------------------ revenue
_CURRENCIES = """
WITH RECURSIVE c(x) AS (
  SELECT MIN(currency) FROM orders INDEXED BY ix_orders_report_month
  UNION ALL
  SELECT (SELECT MIN(currency) FROM orders INDEXED BY ix_orders_report_month
           WHERE currency > c.x) FROM c WHERE c.x IS NOT NULL)
SELECT x FROM c WHERE x IS NOT NULL
"""


def _currencies(cursor: Any) -> list[str]:
    """The currencies of the orders, by a skip scan of the month index (a probe each)."""
    cursor.execute(_CURRENCIES)
    return [str(row[0]) for row in cursor.fetchall()]


def _months(cursor: Any, lo: datetime | None, hi: datetime | None) -> list[RevenueGroup]:
    """One range scan of the month index per currency and month."""
    found = []
    for currency in _currencies(cursor):
        params: dict[str, Any] = {"cur": currency}
        cursor.execute("SELECT MIN(ordered_at), MAX(ordered_at) FROM orders INDEXED BY "
                       "ix_orders_report_month WHERE currency = :cur"
                       + _bounds("ordered_at", lo, hi, params), params)
        first, last = cursor.fetchone()
        if first is None:
            continue
        year, month = int(first[:4]), int(first[5:7])
        while f"{year:04d}-{month:02d}" <= last[:7]:
            start = f"{year:04d}-{month:02d}-01"
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            window = {"cur": currency, "start": start, "stop": f"{year:04d}-{month:02d}-01"}
            sql = ("SELECT COUNT(*), SUM(total) FROM orders INDEXED BY ix_orders_report_month"
                   " WHERE currency = :cur AND ordered_at >= :start AND ordered_at < :stop"
                   " AND status = 'paid' AND deleted_at IS NULL"
                   f" AND customer_id {_LIVE_CUSTOMER}" + _bounds("ordered_at", lo, hi, window))
            cursor.execute(sql, window)
            count, total = cursor.fetchone()
            if count:
                found.append(RevenueGroup(start[:7], currency, _cents(total), int(count)))
    return found


_BY_CUSTOMER = """
WITH g AS (
  SELECT customer_id, currency, {extra} SUM(total) AS cents, COUNT(*) AS n
    FROM orders INDEXED BY ix_orders_report_customer
   WHERE status = 'paid' AND deleted_at IS NULL {bounds}
   GROUP BY customer_id, currency {extra_group})
SELECT {key} AS key, g.currency, SUM(g.cents), SUM(g.n)
  FROM g JOIN customers c ON c.id = g.customer_id AND c.deleted_at IS NULL {join}
 GROUP BY 1, 2
"""
_DEAL_OWNER = f"""
  LEFT JOIN opportunities p ON p.id = g.opportunity_id AND p.deleted_at IS NULL
        AND p.customer_id {_LIVE_CUSTOMER}
"""


def _customer_groups(cursor: Any, by: str, lo: datetime | None,
                     hi: datetime | None) -> list[RevenueGroup]:
    """Orders summed per customer (and deal, by owner) in the customer index's order, then
    the customers' (or deals') attribute: a hundred thousand lookups, not a million."""
    params: dict[str, Any] = {}
    owner = by == "owner"
    sql = _BY_CUSTOMER.format(
        extra="opportunity_id," if owner else "", extra_group=", opportunity_id" if owner else "",
        bounds=_bounds("ordered_at", lo, hi, params),
        key=("COALESCE(NULLIF(trim(p.owner), ''), NULLIF(trim(c.owner), ''))" if owner
             else f"NULLIF(trim(c.{by}), '')"),
        join=_DEAL_OWNER if owner else "")
    cursor.execute(sql, params)
    return [RevenueGroup(key, currency, _cents(cents), int(n))
            for key, currency, cents, n in cursor.fetchall()]


# A line's amount before tax: quantity (thousandths) x unit price (cents) x (1 - discount
# (hundredths of a percent)), in billionths of the currency unit, summed as a float (TOTAL:
# exact to far below a cent at any realistic size). One expression per line keeps the
# million-line scan lean; the sum is rounded to cents once.
_AMOUNT = "l.quantity * l.unit_price * (10000 - l.discount_pct)"
_BY_PRODUCT = f"""
SELECT l.product_id, o.currency, TOTAL({_AMOUNT}), COUNT(DISTINCT l.order_id)
  FROM order_lines l INDEXED BY ix_order_lines_report
  JOIN orders o INDEXED BY ix_orders_report_lookup ON o.id = l.order_id
 WHERE o.status = 'paid' AND o.deleted_at IS NULL AND o.customer_id {_LIVE_CUSTOMER} {{bounds}}
 GROUP BY 1, 2
"""


def _line_money(total: float) -> Decimal:
    return (Decimal(repr(float(total))) / 1_000_000_000).quantize(_CENT)


# By category: the products are read in category order (their category index) and each one's
# lines from the line index, so the rows reach GROUP BY already grouped (no sort of every
# line); one sum and one distinct count per currency. Lines without a product come after.
_BY_CATEGORY = f"""
SELECT NULLIF(trim(p.category), ''), {{columns}}
  FROM products p INDEXED BY ix_products_category
  CROSS JOIN order_lines l INDEXED BY ix_order_lines_report ON l.product_id = p.id
  JOIN orders o INDEXED BY ix_orders_report_lookup ON o.id = l.order_id
 WHERE o.status = 'paid' AND o.deleted_at IS NULL AND o.customer_id {_LIVE_CUSTOMER} {{bounds}}
 GROUP BY p.category
"""
_WITHOUT_PRODUCT = f"""
SELECT NULL, {{columns}}
  FROM order_lines l INDEXED BY ix_order_lines_report
  JOIN orders o INDEXED BY ix_orders_report_lookup ON o.id = l.order_id
 WHERE l.product_id IS NULL AND o.status = 'paid' AND o.deleted_at IS NULL
   AND o.customer_id {_LIVE_CUSTOMER} {{bounds}}
"""


def _category_groups(cursor: Any, lo: datetime | None,
                     hi: datetime | None) -> list[RevenueGroup]:
    currencies = _currencies(cursor)
    params: dict[str, Any] = {f"c{i}": currency for i, currency in enumerate(currencies)}
    columns = ", ".join(
        f"TOTAL(CASE WHEN o.currency = :c{i} THEN {_AMOUNT} END), "
        f"COUNT(DISTINCT CASE WHEN o.currency = :c{i} THEN l.order_id END)"
        for i in range(len(currencies)))
    if not currencies:
        return []
    bounds = _bounds("o.ordered_at", lo, hi, params)
    found: dict[tuple[str | None, str], RevenueGroup] = {}
    for sql in (_BY_CATEGORY, _WITHOUT_PRODUCT):
        cursor.execute(sql.format(columns=columns, bounds=bounds), params)
        for key, *values in cursor.fetchall():
            for i, currency in enumerate(currencies):
                total, count = values[2 * i], int(values[2 * i + 1] or 0)
                if not count:
                    continue
                group = found.get((key, currency))  # blank categories join "(none)"
                money = _line_money(total)
                found[(key, currency)] = RevenueGroup(key, currency, money, count) \
                    if group is None else RevenueGroup(key, currency, group.revenue + money,
                                                       group.orders + count)
    return list(found.values())


def _product_groups(cursor: Any, lo: datetime | None,
                    hi: datetime | None) -> list[RevenueGroup]:
    params: dict[str, Any] = {}
    cursor.execute(_BY_PRODUCT.format(bounds=_bounds("o.ordered_at", lo, hi, params)), params)
    rows = cursor.fetchall()
    names = _product_names(cursor)
    return [RevenueGroup(names.get(key) if key is not None else None, currency,
                         _line_money(total), int(n), key)
            for key, currency, total, n in rows]


def _product_names(cursor: Any) -> dict[int, str]:
    cursor.execute("SELECT id, name FROM products")
    return {int(i): str(name) for i, name in cursor.fetchall()}


def revenue_groups(database: Database, by: str, lo: datetime | None = None,
                   hi: datetime | None = None) -> list[RevenueGroup]:
    """Paid orders placed in [lo, hi) grouped by ``by`` (one of :data:`DIMENSIONS`) and
    currency. Months are labelled 'YYYY-MM'; products by name (``key_id``: the id)."""
    _check(by)
    with _cursor(database) as cursor:
        if by == "month":
            return _months(cursor, lo, hi)
        if by == "product":
            return _product_groups(cursor, lo, hi)
        if by == "category":
            return _category_groups(cursor, lo, hi)
        return _customer_groups(cursor, by, lo, hi)


# ------------------------------------------------------------------------------ deals
_CYCLE = "(julianday(d.closed_at) - julianday(d.created_at))"
_CLOSED = f"""
FROM opportunities d {{join}}
WHERE d.deleted_at IS NULL AND d.status IN ('won', 'lost') AND d.closed_at IS NOT NULL
  AND d.customer_id {_LIVE_CUSTOMER} {{bounds}}
"""
_DEAL_KEYS = {
    "owner": ("NULLIF(trim(d.owner), '')", ""),
    "month": ("substr(d.closed_at, 1, 7)", ""),
    "country": ("NULLIF(trim(c.country), '')", "JOIN customers c ON c.id = d.customer_id"),
    "city": ("NULLIF(trim(c.city), '')", "JOIN customers c ON c.id = d.customer_id"),
}
# Won deals x the products their (live) orders hold: each pair once (CROSS JOIN keeps this
# join order: from the few won deals to their orders and lines, not from every line).
_WON_PRODUCTS = f"""
SELECT DISTINCT {{key}}, d.id, d.currency, {_CYCLE}
  FROM opportunities d
  CROSS JOIN orders o ON o.opportunity_id = d.id AND o.deleted_at IS NULL
       AND o.customer_id {_LIVE_CUSTOMER}
  CROSS JOIN order_lines l ON l.order_id = o.id
  {{join}}
 WHERE d.deleted_at IS NULL AND d.status = 'won' AND d.closed_at IS NOT NULL
   AND d.customer_id {_LIVE_CUSTOMER} {{bounds}}
"""


def _cycles(rows: list[tuple[Any, ...]]) -> dict[tuple[Any, str], list[float]]:
    cycles: dict[tuple[Any, str], list[float]] = {}
    for key, currency, days in rows:
        cycles.setdefault((key, currency), []).append(float(days))
    return cycles


def deal_groups(database: Database, by: str, lo: datetime | None = None,
                hi: datetime | None = None) -> list[DealGroup]:
    """Deals won or lost with closed_at in [lo, hi), grouped by ``by`` and currency."""
    _check(by)
    params: dict[str, Any] = {}
    with _cursor(database) as cursor:
        if by in ("product", "category"):
            key, join = (("l.product_id", "") if by == "product" else
                         ("NULLIF(trim(p.category), '')",
                          "LEFT JOIN products p ON p.id = l.product_id"))
            cursor.execute(_WON_PRODUCTS.format(key=key, join=join,
                                                bounds=_bounds("d.closed_at", lo, hi, params)),
                           params)
            pairs = cursor.fetchall()
            names = _product_names(cursor) if by == "product" else {}
            cycles = _cycles([(k, currency, days) for k, _deal, currency, days in pairs])
            return [DealGroup(names.get(k) if by == "product" and k is not None else k,
                              currency, len(days), None, None, tuple(days),
                              k if by == "product" else None)
                    for (k, currency), days in cycles.items()]
        key, join = _DEAL_KEYS[by]
        closed = _CLOSED.format(join=join, bounds=_bounds("d.closed_at", lo, hi, params))
        # one pass: the won deals' cycle lengths travel as one text per group (for medians)
        cursor.execute(
            f"SELECT {key}, d.currency, SUM(d.status = 'won'), SUM(d.status = 'lost'),"
            f" SUM(CASE WHEN d.status = 'won' THEN d.amount ELSE 0 END),"
            f" group_concat(CASE WHEN d.status = 'won' THEN {_CYCLE} END) {closed}"
            " GROUP BY 1, 2", params)
        sums = cursor.fetchall()
    return [DealGroup(k, currency, int(won), int(lost), int(cents or 0),
                      tuple(float(days) for days in cycles.split(",")) if cycles else ())
            for k, currency, won, lost, cents, cycles in sums]
