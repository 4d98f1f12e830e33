"""Customer search over the FTS5 indexes (see search_schema.py for how they are built).

Every word of the query must match somewhere (name, company, email, phone digits, city, notes).
Words of three or more characters use the trigram index (any substring); shorter ones use the
gram index (any one- or two-character substring of a name, company or city); a query that looks
like a phone number is matched against phone digits. All lookups are index lookups: there is no
full table scan, so search stays fast at a million customers.

The query runs on any connection: a SQLAlchemy one (`search_customers`) or a plain sqlite3 one
(`search_direct`, for the `search` command, which answers without importing SQLAlchemy).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.engine import Connection

    from crm_desktop.storage.database import Database

_PHONE_QUERY = re.compile(r"\+?[\d\s().\-]{3,}")
_WORD = re.compile(r"\S+")
# Candidates fetched per search before ranking; enough for the best ones to surface.
_CANDIDATES = 200


@dataclass(frozen=True)
class SearchHit:
    id: int
    name: str
    company: str | None
    email: str | None
    phone: str | None
    city: str | None


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _plan(query: str) -> tuple[str | None, str | None]:
    """The FTS5 queries for the trigram and the gram index (None when one is not needed)."""
    query = query.strip()
    if _PHONE_QUERY.fullmatch(query) and sum(ch.isdigit() for ch in query) >= 3:
        digits = "".join(ch for ch in query if ch.isdigit())
        return f"phones : {_quote(digits)}", None
    long_terms: list[str] = []
    short_terms: list[str] = []
    for word in _WORD.findall(query.lower()):
        (long_terms if len(word) >= 3 else short_terms).append(_quote(word))
    return (
        " AND ".join(long_terms) or None,
        " AND ".join(short_terms) or None,
    )


def search_customers(connection: Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Live customers matching every word of `query`, best matches first."""
    return _search(lambda sql, params: connection.exec_driver_sql(sql, params).all(),
                   query, limit)


def search_direct(connection: sqlite3.Connection, query: str, limit: int = 20
                  ) -> list[SearchHit]:
    """`search_customers` on a plain sqlite3 connection (see storage.direct)."""
    return _search(lambda sql, params: connection.execute(sql, params).fetchall(), query, limit)


def _search(run: Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]], query: str,
            limit: int) -> list[SearchHit]:
    trigram, short = _plan(query)
    if trigram is None and short is None:
        return []
    if trigram and short:
        source = (
            "customer_search s JOIN customer_short g ON g.rowid = s.rowid "
            "WHERE customer_search MATCH :trigram AND customer_short MATCH :short"
        )
    elif trigram:
        source = "customer_search s WHERE customer_search MATCH :trigram"
    else:
        source = (
            "customer_short g JOIN customer_search s ON s.rowid = g.rowid "
            "WHERE customer_short MATCH :short"
        )
    sql = (
        "SELECT c.id, c.name, s.company, s.emails, s.phones, c.city FROM (SELECT s.rowid AS rid,"
        " s.company, s.emails, s.phones FROM " + source + ") s"
        " JOIN customers c ON c.id = s.rid WHERE c.deleted_at IS NULL LIMIT :cap"
    )
    rows = run(sql, {"trigram": trigram, "short": short, "cap": max(limit * 5, _CANDIDATES)})
    hits = [
        SearchHit(
            id=row[0], name=row[1], company=row[2],
            email=(row[3] or "").split(" ")[0] or None,
            phone=("+" + row[4].split(" ")[0]) if row[4] else None,
            city=row[5],
        )
        for row in rows
    ]
    needle = query.strip().lower()
    hits.sort(key=lambda hit: _rank(hit, needle))
    return hits[:limit]


def find_customers(database: Database, query: str, limit: int = 20) -> list[SearchHit]:
    """`search_customers` on a connection of its own (the customer picker, `search`)."""
    with database.engine.connect() as connection:
        return search_customers(connection, query, limit)


def _rank(hit: SearchHit, needle: str) -> tuple[int, int, str]:
    name = hit.name.lower()
    if name == needle:
        tier = 0
    elif name.startswith(needle):
        tier = 1
    elif needle in name:
        tier = 2
    else:
        tier = 3
    return tier, len(name), name
