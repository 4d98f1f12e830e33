"""The demo data generator: reproducible, consistent, loadable through the ORM, and telling its
story (planted segments, campaign dependency, churn history)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm_desktop.models import (
    INTERACTION_KINDS,
    RELATIONSHIP_KINDS,
    SLA_HOURS,
    Campaign,
    ContactPoint,
    Contract,
    Customer,
    Interaction,
    Opportunity,
    Order,
    Quote,
    Relationship,
    Segment,
    Ticket,
)
from crm_desktop.storage import maintenance, row_counts, sales
from crm_desktop.storage.database import Database, open_database
from crm_desktop.storage.demo.generate import TABLES as WRITTEN
from crm_desktop.storage.demo.generate import Cancelled, generate
from crm_desktop.storage.search.customers import search_customers

NOW = datetime(2025, 6, 1)
SMALL = 300
LARGE = 3000
TABLES = (
    "customers", "contact_points", "relationships", "interactions", "products", "pipelines",
    "stages", "opportunities", "stage_changes", "quotes", "quote_lines", "orders", "order_lines",
    "contracts", "campaigns", "campaign_members", "segments", "tickets", "ticket_messages",
    "survey_responses",
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _make(path: Path, customers: int, seed: int = 1) -> tuple[Database, dict[str, int]]:
    database = open_database(path)
    return database, generate(database, customers, seed=seed, now=NOW)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[str, int]]]:
    database, counts = _make(tmp_path_factory.mktemp("small") / "t.db", SMALL)
    yield database, counts
    database.close()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    database, _ = _make(tmp_path_factory.mktemp("large") / "t.db", LARGE, seed=7)
    path = database.path
    database.close()
    connection = sqlite3.connect(str(path))
    yield connection
    connection.close()


def _sql(database: Database, statement: str) -> list[tuple[Any, ...]]:
    with database.engine.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql(statement).all()]


def _one(database: Database, statement: str) -> Any:
    return _sql(database, statement)[0][0]


def test_same_seed_gives_identical_tables(small: tuple[Database, dict[str, int]],
                                          tmp_path: Path) -> None:
    first, _ = small
    second, _ = _make(tmp_path / "t.db", SMALL)
    other, _ = _make(tmp_path / "other.db", SMALL, seed=2)
    try:
        for table in TABLES:
            statement = f"SELECT * FROM {table} ORDER BY id"
            assert _sql(first, statement) == _sql(second, statement), table
        names = "SELECT name FROM customers ORDER BY id"
        assert _sql(first, names) != _sql(other, names)
    finally:
        second.close()
        other.close()


def test_every_table_filled_and_counted(small: tuple[Database, dict[str, int]]) -> None:
    database, counts = small
    for table in TABLES:
        rows = _one(database, f"SELECT count(*) FROM {table}")
        assert rows, table
        assert counts[table] == rows, table
    assert tuple(counts) == WRITTEN
    assert counts["customers"] == SMALL
    assert counts["products"] == 40
    stages = _sql(database, "SELECT name, probability, kind FROM stages ORDER BY position")
    assert [s[0] for s in stages][:4] == ["Qualification", "Needs analysis", "Proposal",
                                          "Negotiation"]


def test_database_is_consistent(small: tuple[Database, dict[str, int]]) -> None:
    database, _ = small
    assert _sql(database, "PRAGMA foreign_key_check") == []
    assert _sql(database, "PRAGMA integrity_check") == [("ok",)]
    assert maintenance.check(database).ok
    triggers = _one(database, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                              "AND name NOT LIKE 'report_summary%' AND name NOT LIKE 'row_counts%'")
    assert triggers == 6  # the search triggers are back after the bulk load
    counting = _one(database, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                              "AND name LIKE 'row_counts%'")
    assert counting == len(row_counts.TRIGGERS)  # the live rows per table (revision 0008)
    summary = _one(database, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                             "AND name LIKE 'report_summary%'")
    assert summary == 13  # the sales reports' daily totals (revision 0006) stay current


def test_search_index_is_built(small: tuple[Database, dict[str, int]]) -> None:
    database, _ = small
    assert _one(database, "SELECT count(*) FROM customer_search") == SMALL
    assert _one(database, "SELECT count(*) FROM customer_short") == SMALL
    chinese = _one(database, "SELECT name FROM customers WHERE kind = 'person' AND name "
                             "GLOB '[一-龥]*' ORDER BY id LIMIT 1")
    email = _one(database, "SELECT normalized FROM contact_points WHERE kind = 'email' "
                           "ORDER BY id DESC LIMIT 1")
    with database.engine.connect() as connection:
        assert chinese in [hit.name for hit in search_customers(connection, str(chinese))]
        assert search_customers(connection, str(email))


def test_won_opportunities_are_orders_with_the_same_total(
        small: tuple[Database, dict[str, int]]) -> None:
    database, _ = small
    rows = _sql(database, """
        SELECT p.id, p.amount, count(o.id), sum(o.total), min(o.ordered_at) = p.closed_at
          FROM opportunities p LEFT JOIN orders o ON o.opportunity_id = p.id
         WHERE p.status = 'won' GROUP BY p.id""")
    assert rows
    assert all(count == 1 and amount == total and same for _, amount, count, total, same in rows)
    assert _one(database, """SELECT count(*) FROM orders o JOIN opportunities p
                              ON p.id = o.opportunity_id WHERE p.status <> 'won'""") == 0
    lost = _sql(database, "SELECT close_reason, closed_at FROM opportunities WHERE status = 'lost'")
    assert lost and all(reason and closed for reason, closed in lost)
    assert _one(database, "SELECT count(*) FROM opportunities WHERE status = 'open' "
                          "AND closed_at IS NOT NULL") == 0
    # Every opportunity's stage history starts with no previous stage and ends in its stage.
    assert _one(database, """
        SELECT count(*) FROM opportunities p WHERE p.stage_id <> (
          SELECT s.to_stage_id FROM stage_changes s WHERE s.opportunity_id = p.id
           ORDER BY s.changed_at DESC, s.id DESC LIMIT 1)""") == 0


def test_orm_reads_demo_rows_with_python_types(small: tuple[Database, dict[str, int]]) -> None:
    database, _ = small
    with database.session() as session:
        customer = session.scalars(select(Customer).options(selectinload(Customer.contacts))
                                   .where(Customer.kind == "person").limit(1)).one()
        assert isinstance(customer.created_at, datetime)
        assert isinstance(customer.contacts[0].is_primary, bool)
        orders = session.scalars(select(Order).options(selectinload(Order.lines))).all()
        assert len(orders) == _one(database, "SELECT count(*) FROM orders")
        for order in orders:
            assert isinstance(order.total, Decimal) and order.total.as_tuple().exponent == -2
            assert isinstance(order.ordered_at, datetime)
            assert order.lines and sales.totals(order.lines).total == order.total
        line = orders[0].lines[0]
        assert isinstance(line.quantity, Decimal) and line.quantity == int(line.quantity)
        assert isinstance(line.discount_pct, Decimal)
        ticket = session.scalars(select(Ticket).options(selectinload(Ticket.messages))
                                 .where(Ticket.resolved_at.is_not(None)).limit(1)).one()
        assert isinstance(ticket.opened_at, datetime) and isinstance(ticket.sla_due, datetime)
        assert ticket.sla_due - ticket.opened_at == timedelta(hours=SLA_HOURS[ticket.priority])
        assert ticket.messages[0].direction == "in" and ticket.messages[0].body == ticket.body
        contract = session.scalars(select(Contract).limit(1)).one()
        assert isinstance(contract.start_date, date) and isinstance(contract.value, Decimal)
        assert isinstance(session.scalars(select(Segment)).first().rules, dict)  # type: ignore[union-attr]
        assert isinstance(session.scalars(select(Relationship)).first().strength, float)  # type: ignore[union-attr]
        assert isinstance(session.scalars(select(Interaction)).first().done, bool)  # type: ignore[union-attr]
        campaign = session.scalars(select(Campaign)).first()
        assert campaign is not None and isinstance(campaign.budget, Decimal)
        quote = session.scalars(select(Quote).where(Quote.status == "accepted")).first()
        assert quote is not None and isinstance(quote.issued_on, date)
        opportunity = session.get(Opportunity, 1)
        assert opportunity is not None and isinstance(opportunity.amount, Decimal)


def test_accepted_quotes_became_their_orders(small: tuple[Database, dict[str, int]]) -> None:
    database, _ = small
    rows = _sql(database, """
        SELECT q.id, o.id, o.opportunity_id = q.opportunity_id,
               (SELECT count(*) FROM quote_lines l WHERE l.quote_id = q.id),
               (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id)
          FROM quotes q LEFT JOIN orders o ON o.quote_id = q.id WHERE q.status = 'accepted'""")
    assert rows
    assert all(order and same and n == m for _, order, same, n, m in rows)


def test_contacts_are_normalised(small: tuple[Database, dict[str, int]]) -> None:
    database, _ = small
    emails = _sql(database, "SELECT value, normalized FROM contact_points WHERE kind = 'email'")
    assert emails and all(n == v.lower() and "@" in v for v, n in emails)
    phones = _sql(database, "SELECT value, normalized FROM contact_points WHERE kind = 'phone'")
    assert any(v.startswith("+86") for v, _ in phones)
    assert any(v.startswith("+1") for v, _ in phones)
    for value, normalized in phones:
        assert normalized == value[1:] and normalized.isdigit()
        assert phonenumbers.is_valid_number(phonenumbers.parse(value)), value
    assert _one(database, """SELECT count(*) FROM (SELECT customer_id, kind FROM contact_points
                              WHERE is_primary GROUP BY 1, 2 HAVING count(*) > 1)""") == 0


def test_names_cities_and_people(small: tuple[Database, dict[str, int]]) -> None:
    database, _ = small
    persons = [n for (n,) in _sql(database, "SELECT name FROM customers WHERE kind = 'person'")]
    chinese = [n for n in persons if CJK.search(n)]
    assert 0.3 < len(chinese) / len(persons) < 0.7
    assert {len(n) for n in chinese} >= {2, 3}
    assert all(" " in n for n in persons if not CJK.search(n))
    cities = {c for (c,) in _sql(database, "SELECT DISTINCT city FROM customers")}
    assert {"北京", "上海"} <= cities and {"New York", "London"} & cities
    companies = _one(database, "SELECT count(*) FROM customers WHERE kind = 'company'")
    assert 0.05 * SMALL < companies < 0.16 * SMALL
    staff = _sql(database, """SELECT e.company_role, p.kind FROM customers e
                               JOIN customers p ON p.id = e.company_id""")
    assert staff and all(role and kind == "company" for role, kind in staff)
    statuses = {s for (s,) in _sql(database, "SELECT DISTINCT status FROM customers")}
    assert statuses == {"lead", "prospect", "customer", "churned"}
    first, last = _sql(database, "SELECT min(created_at), max(created_at) FROM customers")[0]
    assert str(NOW - timedelta(days=3 * 366)) < str(first) and str(last) < str(NOW)


def test_relationships_network(small: tuple[Database, dict[str, int]]) -> None:
    database, _ = small
    rows = _sql(database, "SELECT source_id, target_id, kind, strength FROM relationships")
    assert all(s != t and k in RELATIONSHIP_KINDS and 0 <= w <= 1 for s, t, k, w in rows)
    assert len({frozenset((s, t)) for s, t, _, _ in rows}) == len(rows)
    assert _one(database, """SELECT count(*) FROM relationships r
        JOIN customers a ON a.id = r.source_id JOIN customers b ON b.id = r.target_id
        WHERE r.kind IN ('colleague', 'reports_to') AND a.company_id IS NOT b.company_id""") == 0
    degree = _sql(database, """SELECT id, count(*) FROM (SELECT source_id id FROM relationships
        UNION ALL SELECT target_id FROM relationships) GROUP BY id ORDER BY 2 DESC LIMIT 1""")
    assert degree[0][1] >= 20  # a hub


def test_audit_entry_summarises_the_load(small: tuple[Database, dict[str, int]]) -> None:
    database, counts = small
    rows = _sql(database, "SELECT action, new_value FROM audit_log WHERE entity = 'demo'")
    assert len(rows) == 1 and rows[0][0] == "create"
    assert json.loads(str(rows[0][1])) == counts


def test_tickets_have_themes_in_two_languages(small: tuple[Database, dict[str, int]]) -> None:
    database, _ = small
    categories = {c for (c,) in _sql(database, "SELECT DISTINCT category FROM tickets")}
    assert categories == {"Refund", "Delivery", "Account", "Quality", "Invoice"}
    subjects = [s for (s,) in _sql(database, "SELECT subject FROM tickets")]
    assert any(CJK.search(s) for s in subjects) and any(not CJK.search(s) for s in subjects)
    conversation = _one(database, """SELECT max(n) FROM (SELECT count(*) n FROM ticket_messages
                                      GROUP BY ticket_id)""")
    assert conversation == 3
    assert _one(database, "SELECT count(*) FROM survey_responses WHERE score NOT BETWEEN 0 AND 10"
                ) == 0
    kinds = {k for (k,) in _sql(database, "SELECT DISTINCT kind FROM interactions")}
    assert kinds == set(INTERACTION_KINDS)


def test_campaign_response_depends_on_category(large: sqlite3.Connection) -> None:
    rates = dict(large.execute("""
        SELECT c.category, avg(m.responded_at IS NOT NULL) FROM campaign_members m
          JOIN customers c ON c.id = m.customer_id WHERE c.category IS NOT NULL
           AND m.sent_at IS NOT NULL GROUP BY 1""").fetchall())
    assert len(rates) == 5
    assert rates["Bargain hunter"] > rates["VIP"] > rates["One-time buyer"]
    assert rates["Bargain hunter"] - rates["At risk"] > 0.15
    converted = large.execute("""SELECT count(*), sum(o.id IS NOT NULL) FROM campaign_members m
        LEFT JOIN orders o ON o.campaign_id = m.campaign_id AND o.customer_id = m.customer_id
        WHERE m.converted_at IS NOT NULL""").fetchone()
    assert converted[0] > 0 and converted[0] == converted[1]


def test_segments_behave_differently(large: sqlite3.Connection) -> None:
    stats = {row[0]: row[1:] for row in large.execute("""
        SELECT c.category, count(o.id) * 1.0 / count(DISTINCT c.id), avg(o.total)
          FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
         WHERE c.category IS NOT NULL GROUP BY 1""")}
    assert stats["VIP"][0] > stats["Bargain hunter"][0] > stats["One-time buyer"][0] == 1.0
    assert stats["Big ticket"][1] > 2 * stats["Bargain hunter"][1]
    share = large.execute("""SELECT avg(category IS NOT NULL) FROM customers
                             WHERE status IN ('customer', 'churned')""").fetchone()[0]
    assert 0.6 < share < 0.8
    assert large.execute("SELECT count(*) FROM customers WHERE status IN ('lead', 'prospect') "
                         "AND category IS NOT NULL").fetchone()[0] == 0


def test_churned_customers_history_explains_it(large: sqlite3.Connection) -> None:
    churned = large.execute("SELECT count(*), sum(churned_at IS NULL) FROM customers "
                            "WHERE status = 'churned'").fetchone()
    assert churned[0] > 0.02 * LARGE and churned[1] == 0  # a few percent have left
    assert large.execute("SELECT count(*) FROM customers WHERE status <> 'churned' "
                         "AND churned_at IS NOT NULL").fetchone()[0] == 0
    late = large.execute("""SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id
        WHERE c.status = 'churned' AND o.ordered_at > datetime(c.churned_at, '-60 days')""")
    assert late.fetchone()[0] == 0
    before, others = large.execute("""
        SELECT avg(CASE WHEN c.status = 'churned' THEN t.satisfaction END),
               avg(CASE WHEN c.status <> 'churned' THEN t.satisfaction END)
          FROM tickets t JOIN customers c ON c.id = t.customer_id""").fetchone()
    assert before < others - 0.5
    complaints = large.execute("""SELECT count(DISTINCT c.id) * 1.0 / (SELECT count(*)
        FROM customers WHERE status = 'churned') FROM customers c JOIN tickets t
        ON t.customer_id = c.id WHERE c.status = 'churned' AND t.opened_at > (SELECT
        max(o.ordered_at) FROM orders o WHERE o.customer_id = c.id)""").fetchone()[0]
    assert complaints > 0.5
    nps = dict(large.execute("""SELECT c.status, avg(s.score) FROM survey_responses s
        JOIN customers c ON c.id = s.customer_id GROUP BY 1""").fetchall())
    assert nps["churned"] < nps["customer"] - 1


def test_tasks_contracts_and_campaigns_around_now(large: sqlite3.Connection) -> None:
    now, tomorrow = str(NOW), str(NOW + timedelta(days=1))
    overdue, today = large.execute("""SELECT sum(due_at < ? AND NOT done),
        sum(due_at >= ? AND due_at < ? AND NOT done) FROM interactions WHERE kind = 'task'""",
                                   (now, now, tomorrow)).fetchone()
    assert overdue > 0 and today > 0
    renewals = large.execute("SELECT count(*) FROM contracts WHERE status = 'active' AND "
                             "renewal_date BETWEEN ? AND ?",
                             (NOW.date().isoformat(), (NOW + timedelta(days=60)).date()
                              .isoformat())).fetchone()[0]
    assert renewals > 0
    assert large.execute("SELECT count(*) FROM campaigns").fetchone()[0] == 30
    assert large.execute("SELECT count(*) FROM contracts WHERE end_date < start_date"
                         ).fetchone()[0] == 0
    for table, column in (("customers", "created_at"), ("orders", "ordered_at"),
                          ("tickets", "opened_at"), ("interactions", "created_at"),
                          ("ticket_messages", "sent_at"), ("stage_changes", "changed_at"),
                          ("campaign_members", "created_at"), ("survey_responses",
                                                               "responded_at")):
        latest = large.execute(f"SELECT max({column}) FROM {table}").fetchone()[0]
        assert latest < now, table


def test_open_tickets_are_recent_and_few_are_overdue(large: sqlite3.Connection) -> None:
    """A demo team resolves its tickets: the open ones were opened in the last weeks and only
    a few are past their SLA (the tickets page is not all red)."""
    opened, overdue, count = large.execute(
        "SELECT min(opened_at), sum(sla_due < ?), count(*) FROM tickets"
        " WHERE status IN ('open', 'pending')", (str(NOW),)).fetchone()
    assert count > 0
    assert opened >= str(NOW - timedelta(days=31))
    assert 0 < overdue <= count // 2
    # stuck tickets from long ago were resolved late, not left open
    late = large.execute("SELECT count(*) FROM tickets WHERE resolved_at > sla_due"
                         " AND julianday(resolved_at) - julianday(opened_at) >= 3"
                         " AND opened_at < ?", (str(NOW - timedelta(days=60)),)).fetchone()[0]
    assert late > 0


def test_cancel_writes_nothing(db: Database) -> None:
    calls: list[float] = []
    with pytest.raises(Cancelled):
        generate(db, 100, progress=lambda f, _m: calls.append(f), cancelled=lambda: True)
    assert _one(db, "SELECT count(*) FROM customers") == 0
    assert _one(db, "SELECT count(*) FROM products") == 0
    assert _one(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                    "AND name NOT LIKE 'report_summary%'") == 6 + len(row_counts.TRIGGERS)


def test_progress_and_default_now(db: Database) -> None:
    calls: list[tuple[float, str]] = []
    counts = generate(db, 120, seed=3, progress=lambda f, m: calls.append((f, m)))
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert counts["customers"] == 120
    today = datetime.combine(datetime.now(UTC).date(), datetime.min.time()) + timedelta(days=1)
    assert str(_one(db, "SELECT max(created_at) FROM customers")) < str(today)


def test_generating_twice_adds_to_the_database(db: Database) -> None:
    generate(db, 60, seed=4, now=NOW)
    counts = generate(db, 60, seed=5, now=NOW)
    assert counts["products"] == 0 and counts["pipelines"] == 0
    assert _one(db, "SELECT count(*) FROM customers") == 120
    assert _one(db, "SELECT count(*) FROM customer_search") == 120
    assert _sql(db, "PRAGMA foreign_key_check") == []
    with db.session() as session:
        assert session.scalars(select(ContactPoint).limit(1)).one()


@pytest.mark.parametrize("customers", [0, 1, 2, 5])
def test_tiny_databases(tmp_path: Path, customers: int) -> None:
    database, counts = _make(tmp_path / "t.db", customers, seed=customers)
    try:
        assert counts["customers"] == customers
        assert maintenance.check(database).ok
    finally:
        database.close()
