"""Sums of the orders computed in SQL: what the dashboard's figures need of 3 million orders
without loading them (the orders frame and the KPIs' temporaries were the analysis process's
peak at a million customers: about 1 GB).

The orders counted are those of the orders frame (storage/frames.py): not in the trash, of a
customer not in the trash. Amounts stay exact: integer cents, per currency where a figure is
money. Times are compared as SQLite's text (``YYYY-MM-DD HH:MM:SS.ffffff``, what SQLAlchemy
stores), so the boundaries are passed in that form; a time stored without its fraction sorts
before the same instant with one, which gives the same answer for ``<=`` and ``>`` as comparing
the instants. Month keys use ``substr`` of that text: SQLite's form, kept here behind functions
(a server database gets its own queries).

Every query reads one covering index of the orders in order (``ix_orders_report_customer`` for
sums per customer, ``ix_orders_report_month`` per currency): the unary ``+`` on deleted_at and
ordered_at keeps SQLite from looking rows up through the index on either instead (every live
order matches ``deleted_at IS NULL``; a year of orders is a third of them), which read each
row from the table: 2-4x the CPU at 330,000 orders.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

_LIVE = ("+o.deleted_at IS NULL AND o.customer_id NOT IN "
         "(SELECT id FROM customers WHERE deleted_at IS NOT NULL)")
_PAID = f"{_LIVE} AND o.status IN (SELECT value FROM json_each(?))"


def iso(when: pd.Timestamp) -> str:
    """A time as SQLite holds it (microseconds, naive)."""
    return str(pd.Timestamp(when).strftime("%Y-%m-%d %H:%M:%S.%f"))


def _rows(database: Database, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
    from crm_desktop.storage.database import raw_connection

    with raw_connection(database) as connection:
        cursor = connection.cursor()
        try:
            cursor.execute(sql, tuple(parameters))
            return list(cursor.fetchall())
        finally:
            cursor.close()


def _statuses(statuses: Sequence[str]) -> str:
    return json.dumps(list(statuses))


def _in(currency: str | None) -> tuple[str, tuple[str, ...]]:
    """The condition (and its parameter) keeping one currency's orders; none for every
    currency."""
    if currency is None:
        return "", ()
    return " AND UPPER(o.currency) = ?", (currency.upper(),)


@dataclass(frozen=True)
class OrdersOverview:
    """The last order's time (None without orders) and the number of orders per currency,
    whatever their status."""

    last_ordered_at: pd.Timestamp | None
    currencies: dict[str, int]
    last_by_currency: dict[str, pd.Timestamp]


def orders_overview(database: Database) -> OrdersOverview:
    rows = _rows(database, f"SELECT o.currency, COUNT(*), MAX(o.ordered_at) FROM orders o "
                           f"WHERE {_LIVE} GROUP BY o.currency")
    times = [row[2] for row in rows if row[2] is not None]
    last = _time(max(times)) if times else None
    return OrdersOverview(last, {str(row[0]): int(row[1]) for row in rows
                                 if row[0] is not None},
                          {str(row[0]): _time(row[2]) for row in rows
                           if row[0] is not None and row[2] is not None})


def _time(value: str) -> pd.Timestamp:
    return pd.Timestamp(pd.to_datetime(value, format="ISO8601"))


def other_currencies(database: Database, currency: str) -> tuple[int, int]:
    """(orders in other currencies than ``currency``, customers whose every order is in
    another one), whatever the orders' status."""
    orders, customers = _rows(
        database, f"SELECT SUM(other), SUM(NOT mine) FROM (SELECT o.customer_id, "
                  f"SUM(UPPER(o.currency) <> ?) AS other, MAX(UPPER(o.currency) = ?) AS mine "
                  f"FROM orders o WHERE {_LIVE} GROUP BY o.customer_id)",
        (currency.upper(), currency.upper()))[0]
    return int(orders or 0), int(customers or 0)


def paid_by_month(database: Database, until: pd.Timestamp,
                  statuses: Sequence[str]) -> pd.DataFrame:
    """Paid orders at or before ``until`` per currency and calendar month: currency, month
    (``YYYY-MM``), cents (exact sum), orders (count); sorted by currency and month."""
    rows = _rows(database, f"SELECT o.currency, substr(o.ordered_at, 1, 7) AS month, "
                           f"SUM(o.total), COUNT(*) FROM orders o WHERE {_PAID} "
                           f"AND +o.ordered_at <= ? GROUP BY o.currency, month "
                           f"ORDER BY o.currency, month", (_statuses(statuses), iso(until)))
    return pd.DataFrame({"currency": [str(r[0]) for r in rows], "month": [r[1] for r in rows],
                         "cents": pd.array([int(r[2]) for r in rows], dtype="int64"),
                         "orders": pd.array([int(r[3]) for r in rows], dtype="int64")})


@dataclass(frozen=True)
class WindowSums:
    """Paid orders with start < ordered_at <= end: per currency (currency, cents, orders) and
    the number of distinct customers over every currency."""

    per_currency: pd.DataFrame
    customers: int


def paid_in_window(database: Database, start: pd.Timestamp, end: pd.Timestamp,
                   statuses: Sequence[str], currency: str | None = None) -> WindowSums:
    only, code = _in(currency)
    where = f"{_PAID} AND +o.ordered_at > ? AND +o.ordered_at <= ?{only}"
    parameters = (_statuses(statuses), iso(start), iso(end), *code)
    rows = _rows(database, f"SELECT o.currency, SUM(o.total), COUNT(*) FROM orders o "
                           f"WHERE {where} GROUP BY o.currency ORDER BY o.currency", parameters)
    customers = _rows(database, f"SELECT COUNT(DISTINCT o.customer_id) FROM orders o "
                                f"WHERE {where}", parameters)[0][0]
    frame = pd.DataFrame({"currency": [str(r[0]) for r in rows],
                          "cents": pd.array([int(r[1]) for r in rows], dtype="int64"),
                          "orders": pd.array([int(r[2]) for r in rows], dtype="int64")})
    return WindowSums(frame, int(customers or 0))


@dataclass(frozen=True)
class KpiSums:
    """The paid orders' sums behind the key figures, from one pass over them: revenue (cents,
    every currency kept added as the KPI does), orders and distinct customers of the year
    window; revenue of the loyalty window, the part of it from loyal customers and how many
    are loyal; customers active at the churn period's start and, of those, not at its end."""

    year_cents: int
    year_orders: int
    year_customers: int
    loyal_cents: int
    loyalty_cents: int
    loyal_customers: int
    active_at_start: int
    gone: int


def kpi_sums(database: Database, as_of: pd.Timestamp, year_start: pd.Timestamp,
             loyalty_start: pd.Timestamp, edges: Sequence[pd.Timestamp], min_quarters: int,
             start_window: tuple[pd.Timestamp, pd.Timestamp],
             end_window: tuple[pd.Timestamp, pd.Timestamp], statuses: Sequence[str],
             currency: str | None = None) -> KpiSums:
    """Windows are (after, until]: the year (year_start, as_of], the loyalty window
    (loyalty_start, as_of], whose orders are in the quarter numbered by how many ``edges``
    they are at or before (loyal: ``min_quarters`` or more distinct quarters), and the
    churn period's activity windows. Every window ends at or before as_of."""
    (s0, s1), (e0, e1) = start_window, end_window
    only, code = _in(currency)
    quarter = " + ".join(["(o.ordered_at <= ?)"] * len(edges)) or "0"
    inner = (
        "SELECT SUM(CASE WHEN o.ordered_at > ? THEN o.total END) AS y_cents, "
        "SUM(o.ordered_at > ?) AS y_orders, "
        "SUM(CASE WHEN o.ordered_at > ? THEN o.total END) AS l_cents, "
        f"COUNT(DISTINCT CASE WHEN o.ordered_at > ? THEN {quarter} END) AS quarters, "
        "MAX(o.ordered_at > ? AND o.ordered_at <= ?) AS a, "
        "MAX(o.ordered_at > ? AND o.ordered_at <= ?) AS b "
        f"FROM orders o WHERE {_PAID} AND +o.ordered_at > ? AND +o.ordered_at <= ?{only} "
        "GROUP BY o.customer_id")
    sql = ("SELECT SUM(y_cents), SUM(y_orders), SUM(y_orders > 0), "
           "SUM(CASE WHEN quarters >= ? THEN l_cents END), SUM(l_cents), SUM(quarters >= ?), "
           f"SUM(a), SUM(a AND NOT b) FROM ({inner})")
    parameters = [min_quarters, min_quarters, iso(year_start), iso(year_start),
                  iso(loyalty_start), iso(loyalty_start), *(iso(e) for e in edges),
                  iso(s0), iso(s1), iso(e0), iso(e1), _statuses(statuses),
                  iso(min(year_start, loyalty_start, s0, e0)), iso(as_of), *code]
    row = _rows(database, sql, parameters)[0]
    return KpiSums(*(int(value or 0) for value in row))


def customer_sums(database: Database, until: pd.Timestamp,
                  statuses: Sequence[str]) -> pd.DataFrame:
    """Per customer with a paid order at or before ``until``, by increasing id: customer_id,
    last_ordered_at, orders (count), amount (exact cents as units, float)."""
    from crm_desktop.storage.database import raw_connection
    from crm_desktop.storage.frame_chunks import read_query

    sql = (f"SELECT o.customer_id, MAX(o.ordered_at) AS last_ordered_at, COUNT(*) AS orders, "
           f"SUM(o.total) / 100.0 AS amount FROM orders o WHERE {_PAID} AND "
           f"+o.ordered_at <= ? GROUP BY o.customer_id ORDER BY o.customer_id")
    with raw_connection(database) as connection:
        frame = read_query(connection, sql, (_statuses(statuses), iso(until)),
                           datetimes=("last_ordered_at",))
    if not len(frame):
        frame = frame.astype({"customer_id": "int64", "orders": "int64", "amount": "float64"})
    return frame


def customer_statuses(database: Database) -> dict[str, int]:
    """Customers not in the trash per status (NULL as "unknown"), as the customers frame's
    ``status`` counted."""
    rows = _rows(database, "SELECT COALESCE(status, 'unknown'), COUNT(*) FROM customers "
                           "WHERE deleted_at IS NULL GROUP BY 1")
    return {str(status): int(count) for status, count in rows}
