"""What the Today list reads (services.today ranks it): tasks due or overdue, open deals
closing soon, open tickets, the latest churn risk, next-product suggestions and unhappy-ticket
flags of the stored analysis results, each customer's value, and the snoozed customers.

Plain SQL over indexed columns, one query per fact (``+column`` keeps SQLite off the
``deleted_at`` indexes: nearly every row has it NULL, so without statistics the planner scanned
all interactions and orders through them, 8 s at 100,000 customers); the large ones (churn risk, values) are
read only for the customers some other fact names or, for churn, the riskiest first. Rows are
plain tuples in frozen dataclasses: no ORM objects leave this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from crm_desktop.storage.database import Database

SNOOZE_KEY = "today_snoozes"  # settings: {"customer id": "YYYY-MM-DD" hidden until}
DEAL_DAYS = 14  # deals expected to close within this many days
CHURN_ROWS = 5000  # the riskiest customers read (the list shows a few dozen)
FOLLOW_UP_OUTCOME = "stay-in-touch"


@dataclass(frozen=True)
class TodayFacts:
    """Everything the Today list is made from, as of ``today``."""

    today: date
    # (task id, customer id, subject, due_at, is stay-in-touch, touch_every_days)
    tasks: list[tuple[int, int, str, datetime, bool, int | None]] = field(default_factory=list)
    # (deal id, customer id, name, amount, currency, expected_close, win probability,
    #  last activity or None)
    deals: list[tuple[int, int, str, float, str, date, float | None, datetime | None]] = field(
        default_factory=list)
    # (ticket id, customer id, subject, opened_at)
    tickets: list[tuple[int, int, str, datetime]] = field(default_factory=list)
    # p, reasons (a list, or the stored details as JSON text: {"reasons": [...]})
    churn: dict[int, tuple[float, Any]] = field(default_factory=dict)
    unhappy: set[int] = field(default_factory=set)  # customers with a likely unhappy ticket
    next_products: dict[int, list[str]] = field(default_factory=dict)
    values: dict[int, float] = field(default_factory=dict)  # clv, else last year's revenue
    customers: dict[int, tuple[str, str | None, str | None]] = field(
        default_factory=dict)  # name, company, owner


def _owner_clause(alias: str, owner: str | None) -> str:
    return "" if owner is None else f" AND COALESCE({alias}.owner, c.owner) = :owner"


def _day(value: Any) -> date:
    return value if isinstance(value, date) and not isinstance(value, datetime) else (
        _when(value).date())


def _when(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def read_facts(database: Database, today: date, owner: str | None = None) -> TodayFacts:
    """The facts of the Today list for ``owner`` (None: everyone's)."""
    params: dict[str, Any] = {"owner": owner, "tomorrow": today + timedelta(days=1),
                              "soon": today + timedelta(days=DEAL_DAYS)}
    with database.engine.connect() as c:
        tasks = [(int(r[0]), int(r[1]), str(r[2] or ""), _when(r[3]), r[4] == FOLLOW_UP_OUTCOME,
                  r[5]) for r in c.execute(text(
                      "SELECT i.id, i.customer_id, i.subject, i.due_at, i.outcome,"
                      " c.touch_every_days FROM interactions i"
                      " JOIN customers c ON c.id = i.customer_id AND +c.deleted_at IS NULL"
                      " WHERE i.kind = 'task' AND i.done = 0 AND +i.deleted_at IS NULL"
                      " AND i.due_at < :tomorrow" + _owner_clause("i", owner)), params)]
        deals = [(int(r[0]), int(r[1]), str(r[2] or ""), float(r[3] or 0) / 100, str(r[4]),
                  _day(r[5]), r[6], _when(r[7]) if r[7] else None) for r in c.execute(text(
                      "SELECT o.id, o.customer_id, o.name, o.amount, o.currency,"
                      " o.expected_close, o.win_probability,"
                      " (SELECT MAX(x.occurred_at) FROM interactions x"
                      "   WHERE x.customer_id = o.customer_id AND x.kind != 'task'"
                      "   AND x.deleted_at IS NULL)"
                      " FROM opportunities o"
                      " JOIN customers c ON c.id = o.customer_id AND +c.deleted_at IS NULL"
                      " WHERE o.status = 'open' AND +o.deleted_at IS NULL"
                      " AND o.expected_close IS NOT NULL AND o.expected_close <= :soon"
                      + _owner_clause("o", owner)), params)]
        tickets = [(int(r[0]), int(r[1]), str(r[2] or ""), _when(r[3])) for r in c.execute(text(
            "SELECT t.id, t.customer_id, t.subject, t.opened_at FROM tickets t"
            " JOIN customers c ON c.id = t.customer_id AND +c.deleted_at IS NULL"
            " WHERE t.status IN ('open', 'pending') AND +t.deleted_at IS NULL"
            + _owner_clause("c", owner)), params)]
        churn = _churn(c, owner)
        unhappy = {int(r[0]) for r in c.execute(text(
            "SELECT customer_id FROM analytics_results WHERE kind = 'satisfaction_risk'"
            " AND label = 'likely unhappy'"))}
        named = ({t[1] for t in tasks} | {d[1] for d in deals} | {t[1] for t in tickets}
                 | set(churn))
        values = _values(c, today, named)
        next_products = _next_products(c, named)
        customers = _customers(c, named)
    return TodayFacts(today, tasks, deals, tickets, churn, unhappy, next_products, values,
                      customers)


def _churn(c: Connection, owner: str | None) -> dict[int, tuple[float, Any]]:
    rows = c.execute(text(
        "SELECT r.customer_id, r.value, r.details FROM analytics_results r"
        " JOIN customers c ON c.id = r.customer_id AND +c.deleted_at IS NULL"
        " WHERE r.kind = 'churn' AND r.label = 'high'" + _owner_clause("c", owner)
        + " ORDER BY r.value DESC LIMIT :limit"), {"owner": owner, "limit": CHURN_ROWS})
    found: dict[int, tuple[float, Any]] = {}
    for cid, value, details in rows:
        # The reasons stay JSON text: services.today decodes those of the rows it shows.
        reasons = details if isinstance(details, str) else list(
            (details or {}).get("reasons") or [])
        found[int(cid)] = (float(value or 0), reasons)
    return found


def _chunks(ids: set[int], size: int = 5000) -> list[list[int]]:
    ordered = sorted(ids)
    return [ordered[i:i + size] for i in range(0, len(ordered), size)]


def _in(ids: list[int]) -> str:
    return ",".join(str(int(i)) for i in ids)  # integers only: safe to inline


def _values(c: Connection, today: date, ids: set[int]) -> dict[int, float]:
    """Each customer's value: the stored lifetime value, else last year's paid revenue."""
    values: dict[int, float] = {}
    since = today - timedelta(days=365)
    for chunk in _chunks(ids):
        for cid, total in c.execute(text(
                f"SELECT customer_id, SUM(total) / 100.0 FROM orders WHERE customer_id IN"
                f" ({_in(chunk)}) AND +status = 'paid' AND +deleted_at IS NULL"
                f" AND ordered_at >= :since GROUP BY customer_id"), {"since": since}):
            values[int(cid)] = float(total or 0)
        for cid, value in c.execute(text(
                f"SELECT customer_id, value FROM analytics_results WHERE kind = 'clv'"
                f" AND customer_id IN ({_in(chunk)})")):
            if value is not None:
                values[int(cid)] = float(value)
    return values


def _next_products(c: Connection, ids: set[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for chunk in _chunks(ids):
        for cid, details in c.execute(text(
                f"SELECT customer_id, details FROM analytics_results WHERE kind ="
                f" 'next_products' AND customer_id IN ({_in(chunk)})")):
            loaded = json.loads(details) if isinstance(details, str) else (details or {})
            products = [str(p) for p in (loaded.get("products") or [])]
            if products:
                found[int(cid)] = products
    return found


def _customers(c: Connection, ids: set[int]) -> dict[int, tuple[str, str | None, str | None]]:
    found: dict[int, tuple[str, str | None, str | None]] = {}
    for chunk in _chunks(ids):
        for cid, name, company, owner in c.execute(text(
                f"SELECT c.id, c.name, p.name, c.owner FROM customers c"
                f" LEFT JOIN customers p ON p.id = c.company_id WHERE c.id IN ({_in(chunk)})")):
            found[int(cid)] = (str(name or ""), company, owner)
    return found


def snoozed(database: Database, today: date) -> dict[int, date]:
    """Customers hidden from Today until a later day (customer id -> that day)."""
    with database.engine.connect() as c:
        row = c.execute(text("SELECT value FROM settings WHERE key = :key"),
                        {"key": SNOOZE_KEY}).first()
    if row is None or row[0] is None:
        return {}
    stored = json.loads(row[0]) if isinstance(row[0], str) else row[0]
    until = {int(k): date.fromisoformat(str(v)) for k, v in dict(stored).items()}
    return {k: v for k, v in until.items() if v > today}
