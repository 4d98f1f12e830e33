"""Monthly totals kept in the database for the sales reports (revision 0006): the reports add up
a few thousand monthly rows instead of grouping every order, line and deal (at a million
customers and 3.3 million orders a report went from seconds to a fraction of one).

What is kept, per month (orders by ``ordered_at``, deals by ``closed_at``) and currency, with
the same rules as :mod:`crm_desktop.storage.reports` (live orders and deals of live customers):

* ``report_summary_orders``: paid orders and their total per owner, country and city (the
  order's owner: its live deal's owner, else its customer's);
* ``report_summary_products`` / ``report_summary_categories``: paid order lines' amount
  (quantity x unit price less discount, in billionths) and distinct orders per product /
  product category;
* ``report_summary_deals``: deals won and lost, won amount and the won deals' cycle lengths
  per owner, country and city;
* ``report_summary_deal_products`` / ``report_summary_deal_categories``: won deals per product
  (category) their live orders hold, with their cycle lengths.

Triggers on orders, order lines, deals, customers and products write the month of whatever
changed into ``report_summary_stale`` (nothing else: a write stays cheap). `refresh` recomputes
the stale months (one indexed range of orders and deals each) in one transaction; a database
open read-only reads its stale months live instead (`stale_months`). The tables are derived
data: not audited, not in the models (migrations_filter), rebuilt by `rebuild`.
"""

from __future__ import annotations

from typing import Any

# Months as 'YYYY-MM' (stored times are ISO text 'YYYY-MM-DD HH:MM:SS[.ffffff]').
_MONTH = "substr({0}, 1, 7)"
_LIVE_CUSTOMER = "NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)"
_AMOUNT = "l.quantity * l.unit_price * (10000 - l.discount_pct)"
_CYCLE = "(julianday(d.closed_at) - julianday(d.created_at))"
STALE = "report_summary_stale"

# name -> (columns after month, SQL computing them for the orders / deals in [:start, :stop))
SUMMARIES: dict[str, tuple[tuple[str, ...], str]] = {
    "report_summary_orders": (
        ("currency", "owner", "country", "city", "orders", "cents"), f"""
SELECT o.currency, COALESCE(NULLIF(trim(p.owner), ''), NULLIF(trim(c.owner), '')),
       NULLIF(trim(c.country), ''), NULLIF(trim(c.city), ''), COUNT(*), SUM(o.total)
  FROM orders o INDEXED BY ix_orders_ordered_at
  JOIN customers c ON c.id = o.customer_id AND c.deleted_at IS NULL
  LEFT JOIN opportunities p ON p.id = o.opportunity_id AND p.deleted_at IS NULL
        AND p.customer_id {_LIVE_CUSTOMER}
 WHERE o.ordered_at >= :start AND o.ordered_at < :stop
   AND o.status = 'paid' AND o.deleted_at IS NULL
 GROUP BY 1, 2, 3, 4"""),
    "report_summary_products": (
        ("currency", "product_id", "orders", "amount"), f"""
SELECT o.currency, l.product_id, COUNT(DISTINCT l.order_id), TOTAL({_AMOUNT})
  FROM orders o INDEXED BY ix_orders_ordered_at
  CROSS JOIN order_lines l INDEXED BY ix_order_lines_order_id ON l.order_id = o.id
 WHERE o.ordered_at >= :start AND o.ordered_at < :stop
   AND o.status = 'paid' AND o.deleted_at IS NULL AND o.customer_id {_LIVE_CUSTOMER}
 GROUP BY 1, 2"""),
    "report_summary_categories": (
        ("currency", "category", "orders", "amount"), f"""
SELECT o.currency, NULLIF(trim(p.category), ''), COUNT(DISTINCT l.order_id), TOTAL({_AMOUNT})
  FROM orders o INDEXED BY ix_orders_ordered_at
  CROSS JOIN order_lines l INDEXED BY ix_order_lines_order_id ON l.order_id = o.id
  LEFT JOIN products p ON p.id = l.product_id
 WHERE o.ordered_at >= :start AND o.ordered_at < :stop
   AND o.status = 'paid' AND o.deleted_at IS NULL AND o.customer_id {_LIVE_CUSTOMER}
 GROUP BY 1, 2"""),
    "report_summary_deals": (
        ("currency", "owner", "country", "city", "won", "lost", "won_cents", "cycles"), f"""
SELECT d.currency, NULLIF(trim(d.owner), ''), NULLIF(trim(c.country), ''),
       NULLIF(trim(c.city), ''), SUM(d.status = 'won'), SUM(d.status = 'lost'),
       SUM(CASE WHEN d.status = 'won' THEN d.amount ELSE 0 END),
       group_concat(CASE WHEN d.status = 'won' THEN {_CYCLE} END)
  FROM opportunities d INDEXED BY ix_opportunities_closed_at
  JOIN customers c ON c.id = d.customer_id AND c.deleted_at IS NULL
 WHERE d.closed_at >= :start AND d.closed_at < :stop
   AND d.deleted_at IS NULL AND d.status IN ('won', 'lost')
 GROUP BY 1, 2, 3, 4"""),
}
# Won deals x the products (categories) their live orders hold: each pair once.
_WON_PAIRS = f"""
SELECT currency, key, COUNT(*), group_concat(days) FROM (
  SELECT DISTINCT {{key}} AS key, d.id, d.currency AS currency, {_CYCLE} AS days
    FROM opportunities d INDEXED BY ix_opportunities_closed_at
    CROSS JOIN orders o INDEXED BY ix_orders_opportunity_id ON o.opportunity_id = d.id
         AND o.deleted_at IS NULL AND o.customer_id {_LIVE_CUSTOMER}
    CROSS JOIN order_lines l INDEXED BY ix_order_lines_order_id ON l.order_id = o.id
    {{join}}
   WHERE d.closed_at >= :start AND d.closed_at < :stop
     AND d.deleted_at IS NULL AND d.status = 'won' AND d.customer_id {_LIVE_CUSTOMER})
 GROUP BY 1, 2"""
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
    return [f"CREATE TABLE IF NOT EXISTS {name} (month TEXT NOT NULL, {typed})",
            f"CREATE INDEX IF NOT EXISTS {name}_by_month ON {name} (month)"]


def _mark(select: str) -> str:
    return f"INSERT OR IGNORE INTO {STALE} (month) {select};"


def _order_months(row: str) -> str:
    """The order's month and its deal's closing month (the deal reports by product)."""
    return (_mark(f"SELECT {_MONTH.format(row + '.ordered_at')}") +
            _mark(f"SELECT {_MONTH.format('closed_at')} FROM opportunities "
                  f"WHERE id = {row}.opportunity_id"))


def _line_months(row: str) -> str:
    return (_mark(f"SELECT {_MONTH.format('ordered_at')} FROM orders WHERE id = {row}.order_id") +
            _mark(f"SELECT {_MONTH.format('d.closed_at')} FROM orders o "
                  f"JOIN opportunities d ON d.id = o.opportunity_id WHERE o.id = {row}.order_id"))


def _deal_months(row: str) -> str:
    """The deal's closing month and the months of its orders (their owner is the deal's)."""
    return (_mark(f"SELECT {_MONTH.format(row + '.closed_at')}") +
            _mark(f"SELECT {_MONTH.format('ordered_at')} FROM orders WHERE opportunity_id = {row}.id"))


def _customer_months(row: str) -> str:
    """The months of the customer's orders and deals, of the deals its orders came from and
    of the orders of its deals (a deal's owner is its orders' owner while both are live)."""
    return (_mark(f"SELECT {_MONTH.format('ordered_at')} FROM orders WHERE customer_id = {row}.id") +
            _mark(f"SELECT {_MONTH.format('closed_at')} FROM opportunities "
                  f"WHERE customer_id = {row}.id") +
            _mark(f"SELECT {_MONTH.format('d.closed_at')} FROM orders o JOIN opportunities d "
                  f"ON d.id = o.opportunity_id WHERE o.customer_id = {row}.id") +
            _mark(f"SELECT {_MONTH.format('o.ordered_at')} FROM opportunities d JOIN orders o "
                  f"ON o.opportunity_id = d.id WHERE d.customer_id = {row}.id"))


def _product_months(row: str) -> str:
    return (_mark(f"SELECT {_MONTH.format('o.ordered_at')} FROM order_lines l JOIN orders o ON "
                  f"o.id = l.order_id WHERE l.product_id = {row}.id") +
            _mark(f"SELECT {_MONTH.format('d.closed_at')} FROM order_lines l JOIN orders o ON "
                  f"o.id = l.order_id JOIN opportunities d ON d.id = o.opportunity_id "
                  f"WHERE l.product_id = {row}.id"))


_WATCHED = {  # table -> (columns whose update matters, the months a row touches)
    "orders": ("customer_id, opportunity_id, ordered_at, status, currency, total, deleted_at",
               _order_months),
    "order_lines": ("order_id, product_id, quantity, unit_price, discount_pct", _line_months),
    "opportunities": ("customer_id, amount, currency, status, closed_at, created_at, owner, "
                      "deleted_at", _deal_months),
    "customers": ("owner, country, city, deleted_at", _customer_months),
    "products": ("category", _product_months),
}


def _trigger_sql() -> list[str]:
    statements = []
    for table, (columns, months) in _WATCHED.items():
        prefix = f"CREATE TRIGGER IF NOT EXISTS report_summary_{table}"
        if table not in ("customers", "products"):  # a new customer or product has no orders
            statements.append(f"{prefix}_insert AFTER INSERT ON {table} BEGIN "
                              f"{months('NEW')} END")
        statements.append(f"{prefix}_update AFTER UPDATE OF {columns} ON {table} BEGIN "
                          f"{months('OLD')} {months('NEW')} END")
        statements.append(f"{prefix}_delete AFTER DELETE ON {table} BEGIN {months('OLD')} END")
    return statements


def schema_sql() -> list[str]:
    """The tables, indexes and triggers (revision 0006 runs them; IF NOT EXISTS throughout)."""
    statements = [f"CREATE TABLE IF NOT EXISTS {STALE} (month TEXT NOT NULL PRIMARY KEY) "
                  "WITHOUT ROWID"]
    for name, (columns, _sql) in SUMMARIES.items():
        statements += _table_sql(name, columns)
    return statements + _trigger_sql()


def drop_sql() -> list[str]:
    triggers = [f"DROP TRIGGER IF EXISTS report_summary_{table}_{event}"
                for table in _WATCHED for event in ("insert", "update", "delete")]
    return triggers + [f"DROP TABLE IF EXISTS {name}" for name in (*SUMMARIES, STALE)]


def month_bounds(month: str) -> tuple[str, str]:
    """('YYYY-MM-01', first day of the next month) of a 'YYYY-MM' month."""
    year, number = int(month[:4]), int(month[5:7])
    year_after, after = (year + 1, 1) if number == 12 else (year, number + 1)
    return f"{month}-01", f"{year_after:04d}-{after:02d}-01"


def compute(cursor: Any, name: str, start: str, stop: str) -> list[tuple[Any, ...]]:
    """Summary ``name``'s rows (without the month) for the orders / deals in [start, stop)."""
    cursor.execute(SUMMARIES[name][1], {"start": start, "stop": stop})
    return list(cursor.fetchall())


def stale_months(cursor: Any) -> set[str]:
    cursor.execute(f"SELECT month FROM {STALE}")
    return {str(row[0]) for row in cursor.fetchall()}


def refresh(connection: Any) -> int:
    """Recompute the stale months in one write transaction on a sqlite3 ``connection``; the
    number of months recomputed (0, without writing, when none is stale)."""
    cursor = connection.cursor()
    try:
        if not stale_months(cursor):
            return 0
        cursor.execute("BEGIN IMMEDIATE")
        try:
            months = refresh_in(cursor)
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")
        return months
    finally:
        cursor.close()


def refresh_in(cursor: Any) -> int:
    """`refresh` inside the caller's transaction (the migration's)."""
    months = sorted(stale_months(cursor))
    for month in months:
        start, stop = month_bounds(month)
        for name, (columns, _sql) in SUMMARIES.items():
            cursor.execute(f"DELETE FROM {name} WHERE month = ?", (month,))
            rows = compute(cursor, name, start, stop)
            marks = ", ".join("?" * (len(columns) + 1))
            cursor.executemany(f"INSERT INTO {name} (month, {', '.join(columns)}) "
                               f"VALUES ({marks})", [(month, *row) for row in rows])
        cursor.execute(f"DELETE FROM {STALE} WHERE month = ?", (month,))
    return len(months)


def rebuild_in(cursor: Any) -> int:
    """Mark every month of every order and deal stale and recompute them all."""
    for name in SUMMARIES:
        cursor.execute(f"DELETE FROM {name}")
    cursor.execute(_mark(f"SELECT DISTINCT {_MONTH.format('ordered_at')} FROM orders"))
    cursor.execute(_mark(f"SELECT DISTINCT {_MONTH.format('closed_at')} FROM opportunities "
                         "WHERE closed_at IS NOT NULL"))
    return refresh_in(cursor)
