"""Type-ahead search over customers, opportunities and tickets (the Ctrl+K box).

Customers come from the FTS5 indexes (storage.search.customers: any substring, Chinese names of two
characters included). Opportunities match by name prefix and tickets by number or subject
prefix: `LIKE 'text%'`, which SQLite answers from an index on the column when one exists (with
NOCASE collation) and otherwise by a scan that stops at the first `limit` hits. Each group is a
separate function so the UI can show customers first and fill the others in as they come.
`coalesce(deleted_at, deleted_at) IS NULL` keeps SQLite from choosing the (unselective)
deleted_at index over the name/subject/number index.

Indexes these queries want (not in the schema yet: a migration for storage's owner):
    CREATE INDEX ix_opportunities_name_nocase ON opportunities (name COLLATE NOCASE);
    CREATE INDEX ix_tickets_subject_nocase ON tickets (subject COLLATE NOCASE);
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, literal_column, or_, select, table, text, true
from sqlalchemy.engine import Connection

from crm_desktop.storage.search.customers import search_customers


@dataclass(frozen=True)
class GlobalHit:
    entity: str  # "customers", "opportunities" or "tickets"
    id: int
    title: str
    subtitle: str | None


def _like_prefix(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def customer_hits(connection: Connection, query: str, limit: int = 8) -> list[GlobalHit]:
    hits = []
    for hit in search_customers(connection, query, limit=limit):
        parts = [p for p in (hit.company, hit.email, hit.phone, hit.city) if p]
        hits.append(GlobalHit("customers", hit.id, hit.name, " · ".join(parts) or None))
    return hits


def opportunity_hits(connection: Connection, query: str, limit: int = 5) -> list[GlobalHit]:
    query = query.strip()
    if len(query) < 2:
        return []
    rows = connection.execute(text("""
        SELECT o.id, o.name, c.name, s.name
          FROM (SELECT id, name, customer_id, stage_id FROM opportunities
                 WHERE name LIKE :prefix ESCAPE '\\' AND coalesce(deleted_at, deleted_at) IS NULL
                 LIMIT :limit) o
          JOIN customers c ON c.id = o.customer_id
          JOIN stages s ON s.id = o.stage_id
    """), {"prefix": _like_prefix(query), "limit": limit}).all()
    return [GlobalHit("opportunities", r[0], r[1], f"{r[2]} · {r[3]}") for r in rows]


def ticket_hits(connection: Connection, query: str, limit: int = 5) -> list[GlobalHit]:
    query = query.strip()
    if len(query) < 2:
        return []
    number = query.upper()
    # Ticket numbers are upper case ("T-000123"): a range on the unique index finds them.
    rows = connection.execute(text("""
        SELECT t.id, t.number, t.subject, c.name, t.status FROM (
            SELECT id, number, subject, customer_id, status FROM tickets
             WHERE number >= :low AND number < :high AND coalesce(deleted_at, deleted_at) IS NULL
            UNION
            SELECT id, number, subject, customer_id, status FROM (
                SELECT id, number, subject, customer_id, status FROM tickets
                 WHERE subject LIKE :prefix ESCAPE '\\'
                   AND coalesce(deleted_at, deleted_at) IS NULL LIMIT :limit)
            LIMIT :limit) t
          JOIN customers c ON c.id = t.customer_id
    """), {"low": number, "high": number + "\uffff", "prefix": _like_prefix(query),
           "limit": limit}).all()
    return [GlobalHit("tickets", r[0], f"{r[1]} {r[2]}", f"{r[3]} · {r[4]}") for r in rows]


def customer_filter(query: str) -> ColumnElement[bool]:
    """A WHERE condition on `customers` for the list's search box, answered by the FTS5
    indexes like `search_customers` (every word must match; phones by their digits), and by
    LIKE for the customers an import added that wait for the index (search.backlog)."""
    from crm_desktop.models import Customer
    from crm_desktop.storage.search.backlog import waiting_matches_sql
    from crm_desktop.storage.search.customers import _plan, backlog_terms, unindexed_words

    trigram, short = _plan(query)
    conditions: list[ColumnElement[bool]] = []
    # words the indexes cannot look for ("_"): in the name or city (the list has no company
    # text to compare)
    conditions += [or_(Customer.name.icontains(word, autoescape=True),
                       Customer.city.icontains(word, autoescape=True))
                   for word in unindexed_words(query)]
    for table_name, match in (("customer_search", trigram), ("customer_short", short)):
        if match:
            rowid: ColumnElement[int] = literal_column("rowid")
            ids = select(rowid).select_from(table(table_name)).where(
                literal_column(table_name).op("MATCH")(match))
            conditions.append(Customer.id.in_(ids))
    if not (trigram or short):
        return and_(*conditions) if conditions else true()
    words, digits = backlog_terms(query)
    waiting, params = waiting_matches_sql(words, digits)
    return or_(and_(*conditions), Customer.id.in_(text(waiting).bindparams(**params)))
