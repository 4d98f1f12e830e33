"""Daily totals kept in the database for the sales reports (revision 0007): a report adds up
summary rows (days x owners x cities, days x products, ...) instead of grouping every order,
line and deal (at a million customers and 3.3 million orders: seconds became a fraction of
one, bench/reports.py). Reports are asked for whole days, so no order is read at report time.

What is kept, per day (orders by ``ordered_at``, deals by ``closed_at``) and currency, with
the rules of :mod:`crm_desktop.storage.reports` (live orders and deals of live customers):

* ``report_summary_orders``: paid orders and their total per owner, country and city (the
  order's owner: its live deal's owner, else its customer's);
* ``report_summary_products`` / ``report_summary_categories``: paid order lines' amount
  (quantity x unit price less discount, in billionths) and distinct orders per product /
  product category;
* ``report_summary_deals``: deals won and lost, won amount and the won deals' cycle lengths
  per owner, country and city;
* ``report_summary_deal_products`` / ``report_summary_deal_categories``: won deals per product
  (category) their live orders hold, with their cycle lengths.

Triggers on orders, order lines, deals, customers and products write the day of whatever
changed into ``report_summary_stale`` (nothing else: a write stays cheap). `refresh`
recomputes the stale days (one indexed range of orders and deals per run of days) in one
transaction; a database open read-only reads its stale days live instead. The tables are
derived data: not audited, not in the models (migrations_filter), rebuilt by `rebuild_in`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

# Days as 'YYYY-MM-DD' (stored times are ISO text 'YYYY-MM-DD HH:MM:SS[.ffffff]').
_DAY = "substr({0}, 1, 10)"
_LIVE_CUSTOMER = "NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)"
_AMOUNT = "l.quantity * l.unit_price * (10000 - l.discount_pct)"
_CYCLE = "(julianday(d.closed_at) - julianday(d.created_at))"
STALE = "report_summary_stale"

# name -> (columns after the day, SQL computing the day and them for [:start, :stop))
SUMMARIES: dict[str, tuple[tuple[str, ...], str]] = {
    "report_summary_orders": (
        ("currency", "owner", "country", "city", "orders", "cents"), f"""
SELECT substr(o.ordered_at, 1, 10), o.currency,
       COALESCE(NULLIF(trim(p.owner), ''), NULLIF(trim(c.owner), '')),
       NULLIF(trim(c.country), ''), NULLIF(trim(c.city), ''), COUNT(*), SUM(o.total)
  FROM orders o INDEXED BY ix_orders_ordered_at
  JOIN customers c ON c.id = o.customer_id AND c.deleted_at IS NULL
  LEFT JOIN opportunities p ON p.id = o.opportunity_id AND p.deleted_at IS NULL
        AND p.customer_id {_LIVE_CUSTOMER}
 WHERE o.ordered_at >= :start AND o.ordered_at < :stop
   AND o.status = 'paid' AND o.deleted_at IS NULL
 GROUP BY 1, 2, 3, 4, 5"""),
    "report_summary_products": (
        ("currency", "product_id", "orders", "amount"), f"""
SELECT substr(o.ordered_at, 1, 10), o.currency, l.product_id, COUNT(DISTINCT l.order_id),
       TOTAL({_AMOUNT})
  FROM orders o INDEXED BY ix_orders_ordered_at
  CROSS JOIN order_lines l INDEXED BY ix_order_lines_order_id ON l.order_id = o.id
 WHERE o.ordered_at >= :start AND o.ordered_at < :stop
   AND o.status = 'paid' AND o.deleted_at IS NULL AND o.customer_id {_LIVE_CUSTOMER}
 GROUP BY 1, 2, 3"""),
    "report_summary_categories": (
        ("currency", "category", "orders", "amount"), f"""
SELECT substr(o.ordered_at, 1, 10), o.currency, NULLIF(trim(p.category), ''),
       COUNT(DISTINCT l.order_id), TOTAL({_AMOUNT})
  FROM orders o INDEXED BY ix_orders_ordered_at
  CROSS JOIN order_lines l INDEXED BY ix_order_lines_order_id ON l.order_id = o.id
  LEFT JOIN products p ON p.id = l.product_id
 WHERE o.ordered_at >= :start AND o.ordered_at < :stop
   AND o.status = 'paid' AND o.deleted_at IS NULL AND o.customer_id {_LIVE_CUSTOMER}
 GROUP BY 1, 2, 3"""),
    "report_summary_deals": (
        ("currency", "owner", "country", "city", "won", "lost", "won_cents", "cycles"), f"""
SELECT substr(d.closed_at, 1, 10), d.currency, NULLIF(trim(d.owner), ''),
       NULLIF(trim(c.country), ''),
       NULLIF(trim(c.city), ''), SUM(d.status = 'won'), SUM(d.status = 'lost'),
       SUM(CASE WHEN d.status = 'won' THEN d.amount ELSE 0 END),
       group_concat(CASE WHEN d.status = 'won' THEN {_CYCLE} END)
  FROM opportunities d INDEXED BY ix_opportunities_closed_at
  JOIN customers c ON c.id = d.customer_id AND c.deleted_at IS NULL
 WHERE d.closed_at >= :start AND d.closed_at < :stop
   AND d.deleted_at IS NULL AND d.status IN ('won', 'lost')
 GROUP BY 1, 2, 3, 4, 5"""),
}
# Won deals x the products (categories) their live orders hold: each pair once.
_WON_PAIRS = f"""
SELECT day, currency, key, COUNT(*), group_concat(days) FROM (
  SELECT DISTINCT {{key}} AS key, d.id, substr(d.closed_at, 1, 10) AS day,
         d.currency AS currency, {_CYCLE} AS days
    FROM opportunities d INDEXED BY ix_opportunities_closed_at
    CROSS JOIN orders o INDEXED BY ix_orders_opportunity_id ON o.opportunity_id = d.id
         AND o.deleted_at IS NULL AND o.customer_id {_LIVE_CUSTOMER}
    CROSS JOIN order_lines l INDEXED BY ix_order_lines_order_id ON l.order_id = o.id
    {{join}}
   WHERE d.closed_at >= :start AND d.closed_at < :stop
     AND d.deleted_at IS NULL AND d.status = 'won' AND d.customer_id {_LIVE_CUSTOMER})
 GROUP BY 1, 2, 3"""
SUMMARIES["report_summary_deal_products"] = (
    ("currency", "product_id", "won", "cycles"), _WON_PAIRS.format(key="l.product_id", join=""))
SUMMARIES["report_summary_deal_categories"] = (
    ("currency", "category", "won", "cycles"),
    _WON_PAIRS.format(key="NULLIF(trim(p.category), '')",
                      join="LEFT JOIN products p ON p.id = l.product_id"))

_TYPES = {"orders": "INTEGER", "cents": "INTEGER", "amount": "REAL", "product_id": "INTEGER",
          "won": "INTEGER", "lost": "INTEGER", "won_cents": "INTEGER"}


def _table_sql(name: str, columns: tuple[str, ...]) -> list[str]:
    typed = ", ".join(f"{c} {_TYPES.get(c, 'TEXT')}" for c in columns)
    return [f"CREATE TABLE IF NOT EXISTS {name} (day TEXT NOT NULL, {typed})",
            f"CREATE INDEX IF NOT EXISTS {name}_by_day ON {name} (day)"]


def _mark(select: str) -> str:
    return f"INSERT OR IGNORE INTO {STALE} (day) {select};"


def _order_days(row: str) -> str:
    """The order's day and its deal's closing day (the deal reports by product)."""
    return (_mark(f"SELECT {_DAY.format(row + '.ordered_at')}") +
            _mark(f"SELECT {_DAY.format('closed_at')} FROM opportunities "
                  f"WHERE id = {row}.opportunity_id"))


def _line_days(row: str) -> str:
    return (_mark(f"SELECT {_DAY.format('ordered_at')} FROM orders WHERE id = {row}.order_id") +
            _mark(f"SELECT {_DAY.format('d.closed_at')} FROM orders o "
                  f"JOIN opportunities d ON d.id = o.opportunity_id WHERE o.id = {row}.order_id"))


def _deal_days(row: str) -> str:
    """The deal's closing day and the days of its orders (their owner is the deal's)."""
    return (_mark(f"SELECT {_DAY.format(row + '.closed_at')}") +
            _mark(f"SELECT {_DAY.format('ordered_at')} FROM orders WHERE opportunity_id = {row}.id"))


def _customer_days(row: str) -> str:
    """The days of the customer's orders and deals, of the deals its orders came from and of
    the orders of its deals (a deal's owner is its orders' owner while both are live)."""
    return (_mark(f"SELECT {_DAY.format('ordered_at')} FROM orders WHERE customer_id = {row}.id") +
            _mark(f"SELECT {_DAY.format('closed_at')} FROM opportunities "
                  f"WHERE customer_id = {row}.id") +
            _mark(f"SELECT {_DAY.format('d.closed_at')} FROM orders o JOIN opportunities d "
                  f"ON d.id = o.opportunity_id WHERE o.customer_id = {row}.id") +
            _mark(f"SELECT {_DAY.format('o.ordered_at')} FROM opportunities d JOIN orders o "
                  f"ON o.opportunity_id = d.id WHERE d.customer_id = {row}.id"))


def _product_days(row: str) -> str:
    return (_mark(f"SELECT {_DAY.format('o.ordered_at')} FROM order_lines l JOIN orders o ON "
                  f"o.id = l.order_id WHERE l.product_id = {row}.id") +
            _mark(f"SELECT {_DAY.format('d.closed_at')} FROM order_lines l JOIN orders o ON "
                  f"o.id = l.order_id JOIN opportunities d ON d.id = o.opportunity_id "
                  f"WHERE l.product_id = {row}.id"))


_WATCHED = {  # table -> (columns whose update matters, the days a row touches)
    "orders": ("customer_id, opportunity_id, ordered_at, status, currency, total, deleted_at",
               _order_days),
    "order_lines": ("order_id, product_id, quantity, unit_price, discount_pct", _line_days),
    "opportunities": ("customer_id, amount, currency, status, closed_at, created_at, owner, "
                      "deleted_at", _deal_days),
    "customers": ("owner, country, city, deleted_at", _customer_days),
    "products": ("category", _product_days),
}


def _trigger_sql() -> list[str]:
    statements = []
    for table, (columns, days) in _WATCHED.items():
        prefix = f"CREATE TRIGGER IF NOT EXISTS report_summary_{table}"
        if table not in ("customers", "products"):  # a new customer or product has no orders
            statements.append(f"{prefix}_insert AFTER INSERT ON {table} BEGIN "
                              f"{days('NEW')} END")
        statements.append(f"{prefix}_update AFTER UPDATE OF {columns} ON {table} BEGIN "
                          f"{days('OLD')} {days('NEW')} END")
        statements.append(f"{prefix}_delete AFTER DELETE ON {table} BEGIN {days('OLD')} END")
    return statements


def schema_sql() -> list[str]:
    """The tables, indexes and triggers (revision 0007 runs them; IF NOT EXISTS throughout)."""
    statements = [f"CREATE TABLE IF NOT EXISTS {STALE} (day TEXT NOT NULL PRIMARY KEY) "
                  "WITHOUT ROWID"]
    for name, (columns, _sql) in SUMMARIES.items():
        statements += _table_sql(name, columns)
    return statements + _trigger_sql()


def drop_triggers_sql() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS report_summary_{table}_{event}"
            for table in _WATCHED for event in ("insert", "update", "delete")]


def create_triggers_sql() -> list[str]:
    return _trigger_sql()


def drop_sql() -> list[str]:
    return drop_triggers_sql() + [f"DROP TABLE IF EXISTS {name}"
                                  for name in (*SUMMARIES, STALE)]


def mark_customers(cursor: Any, first_id: int, last_id: int | None = None) -> None:
    """Mark stale the days of the orders and closed deals of customers first_id..last_id (all
    customers from first_id when no last_id): what the triggers would have marked for rows a
    bulk writer (demo data) added with the triggers dropped, one statement per table."""
    last = "" if last_id is None else f" AND customer_id <= {int(last_id)}"
    cursor.execute(_mark(f"SELECT DISTINCT {_DAY.format('ordered_at')} FROM orders "
                         f"WHERE customer_id >= {int(first_id)}{last}"))
    cursor.execute(_mark(f"SELECT DISTINCT {_DAY.format('closed_at')} FROM opportunities "
                         f"WHERE closed_at IS NOT NULL AND customer_id >= {int(first_id)}"
                         f"{last}"))


def next_day(day: str) -> str:
    """The day after a 'YYYY-MM-DD' day."""
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def compute(cursor: Any, name: str, start: str, stop: str) -> list[tuple[Any, ...]]:
    """Summary ``name``'s rows (day first) for the orders / deals in [start, stop)."""
    cursor.execute(SUMMARIES[name][1], {"start": start, "stop": stop})
    return list(cursor.fetchall())


def stale_days(cursor: Any) -> list[str]:
    cursor.execute(f"SELECT day FROM {STALE} ORDER BY day")
    return [str(row[0]) for row in cursor.fetchall()]


def runs(days: list[str]) -> list[tuple[str, str]]:
    """Sorted days as [start, stop) ranges of consecutive days."""
    found: list[tuple[str, str]] = []
    for day in days:
        if found and found[-1][1] == day:
            found[-1] = (found[-1][0], next_day(day))
        else:
            found.append((day, next_day(day)))
    return found


def refresh(connection: Any) -> int:
    """Recompute the stale days in one write transaction on a sqlite3 ``connection``; the
    number of days recomputed (0, without writing, when none is stale)."""
    cursor = connection.cursor()
    try:
        if not stale_days(cursor):
            return 0
        cursor.execute("BEGIN IMMEDIATE")
        try:
            days = refresh_in(cursor)
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")
        return days
    finally:
        cursor.close()


def refresh_in(cursor: Any) -> int:
    """`refresh` inside the caller's transaction (the migration's): each run of consecutive
    stale days is one indexed range of orders and of deals per summary."""
    days = stale_days(cursor)
    for start, stop in runs(days):
        for name, (columns, _sql) in SUMMARIES.items():
            cursor.execute(f"DELETE FROM {name} WHERE day >= ? AND day < ?", (start, stop))
            marks = ", ".join("?" * (len(columns) + 1))
            cursor.executemany(f"INSERT INTO {name} (day, {', '.join(columns)}) "
                               f"VALUES ({marks})", compute(cursor, name, start, stop))
        cursor.execute(f"DELETE FROM {STALE} WHERE day >= ? AND day < ?", (start, stop))
    return len(days)


def rebuild_in(cursor: Any) -> int:
    """Mark every day of every order and deal stale and recompute them all."""
    for name in SUMMARIES:
        cursor.execute(f"DELETE FROM {name}")
    cursor.execute(_mark(f"SELECT DISTINCT {_DAY.format('ordered_at')} FROM orders"))
    cursor.execute(_mark(f"SELECT DISTINCT {_DAY.format('closed_at')} FROM opportunities "
                         "WHERE closed_at IS NOT NULL"))
    return refresh_in(cursor)
