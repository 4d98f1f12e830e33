"""Customer search over the FTS5 indexes (see search_schema.py for how they are built).

Every word of the query must match somewhere (name, company, email, phone digits, city, notes).
Words of three or more characters use the trigram index (any substring); shorter ones use the
gram index (any one- or two-character substring of a name, company or city); a query that looks
like a phone number is matched against phone digits. All lookups are index lookups: there is no
full table scan, so search stays fast at a million customers.

A query that looks like an email address or a domain (one word with an "@", or a host name such
as "acme.com") is looked up in b-tree indexes (revisions 0006 and 0010): the addresses that
start with it ("ada@", "ada@acme.c", "ada@acme.com"), or the addresses at a domain that starts
with it ("@acme.com", "acme.com", "acme.co"). The trigram index answers these worst of all
(every trigram of "example.com" is in most rows); the b-tree answers in a millisecond or two.
Unlike the trigram search it does not find the text inside a longer address ("da@acme.com" in
"ada@acme.com") or in notes; a bare host name that is no email domain falls back to the
trigram search (a city such as "St.Louis").

The query runs on any connection: a SQLAlchemy one (`search_customers`) or a plain sqlite3 one
(`search_direct`, for the `search` command, which answers without importing SQLAlchemy).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.search.backlog import backlog_hits

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.engine import Connection

    from crm_desktop.storage.database import Database

_PHONE_QUERY = re.compile(r"\+?[\d\s().\-]{3,}")
# One word with an "@" and something more; a host name: labels of letters, digits and hyphens
# separated by dots, the last one two letters or more.
_EMAIL_QUERY = re.compile(r"[^\s@]*@[^\s@]*")
_DOMAIN_QUERY = re.compile(r"(?:[\w-]+\.)+[^\W\d_]{2,}\.?", re.UNICODE)
# Above every character a normalized address holds: the end of a prefix range.
_AFTER_PREFIX = "\U0010ffff"
_WORD = re.compile(r"\S+")
# What the gram index's unicode61 tokenizer keeps of a word: letters and digits. A short word
# without any ("_", "-", "&") has no token there, so the index cannot require it; such words
# are looked for in the candidates' names, companies and cities instead (`unindexed_words`).
_TOKEN_CHAR = re.compile(r"[^\W_]")
# Candidates fetched per search before ranking; enough for the best ones to surface.
_CANDIDATES = 200
# Ids per query when the hits' details are read (SQLite's limit on parameters is far above).
_DETAILS_PER_QUERY = 500


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
        if len(word) >= 3:
            long_terms.append(_quote(word))
        elif _TOKEN_CHAR.search(word):
            short_terms.append(_quote(word))
    return (
        " AND ".join(long_terms) or None,
        " AND ".join(short_terms) or None,
    )


def unindexed_words(query: str) -> list[str]:
    """The query's short words the gram index cannot look for (no letter or digit): the hits
    must contain them in their name, company or city (lower case)."""
    if _PHONE_QUERY.fullmatch(query.strip()):
        return []
    return [word for word in _WORD.findall(query.lower())
            if len(word) < 3 and not _TOKEN_CHAR.search(word)]


def search_customers(connection: Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Live customers matching every word of `query`, best matches first."""
    return _search(lambda sql, params: connection.exec_driver_sql(sql, params).all(),
                   query, limit)


def search_direct(connection: sqlite3.Connection, query: str, limit: int = 20
                  ) -> list[SearchHit]:
    """`search_customers` on a plain sqlite3 connection (see storage.direct)."""
    return _search(lambda sql, params: connection.execute(sql, params).fetchall(), query, limit)


def _address_plan(query: str) -> tuple[str, str, bool] | None:
    """For a query that looks like an email address or a domain: which index ("address" or
    "domain"), the prefix to look up, and whether an empty answer falls back to the trigram
    search (a bare host name might be a city or a word in the notes). None for other queries."""
    text = query.strip().lower()
    if _EMAIL_QUERY.fullmatch(text):
        local, _, domain = text.partition("@")
        if local:
            return "address", text, False
        return ("domain", domain, False) if domain else None
    if _DOMAIN_QUERY.fullmatch(text):
        return "domain", text.rstrip("."), True
    return None


# The addresses in a prefix range of the address or of its domain: ix_contact_points_normalized
# (revision 0010) and revision 0006's partial domain index answer these (the domain expression
# is the index's, as written).
_ADDRESS_RANGE = {
    "address": "p.normalized >= :low AND p.normalized < :high",
    "domain": "substr(p.normalized, instr(p.normalized, '@') + 1) >= :low"
              " AND substr(p.normalized, instr(p.normalized, '@') + 1) < :high",
}
_COLUMNS = "SELECT c.id, c.name, s.company, s.emails, s.phones, c.city FROM "


def address_sql(index: str) -> str:
    """The candidates (id, name, city) of an address ("address") or domain ("domain") prefix
    range (:low, :high), at most :cap: the range is read from its index alone
    (ix_contact_points_normalized, ix_contact_points_email_domain; tests/storage/
    test_index_plans.py), each customer by its id."""
    return ("SELECT DISTINCT c.id, c.name, c.city FROM contact_points p "
            "CROSS JOIN customers c ON c.id = p.customer_id WHERE p.kind = 'email' AND "
            + _ADDRESS_RANGE[index] + " AND c.deleted_at IS NULL LIMIT :cap")


def _search(run: Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]], query: str,
            limit: int) -> list[SearchHit]:
    cap = max(limit * 5, _CANDIDATES)
    address = _address_plan(query)
    if address is not None:
        index, prefix, fallback = address
        # The range drives (CROSS JOIN keeps it the outer loop) and stops at the cap: a
        # domain of 100,000 addresses costs no more than a rare one. Only the customers'
        # names are read for the candidates; the search index's row (company, emails,
        # phones) only for the hits shown: a first read of the index on a new connection
        # costs more than the rest of the search (p95 several-fold at a million customers).
        candidates = run(address_sql(index),
                         {"low": prefix, "high": prefix + _AFTER_PREFIX, "cap": cap})
        if candidates or not fallback:
            return _with_details(run, _best(candidates, query, limit))
    trigram, short = _plan(query)
    if trigram is None and short is None:
        return []
    waiting = _waiting_hits(run, query, cap)
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
        _COLUMNS + "(SELECT s.rowid AS rid, s.company, s.emails, s.phones FROM " + source + ") s"
        " JOIN customers c ON c.id = s.rid WHERE c.deleted_at IS NULL LIMIT :cap"
    )
    rows = list(run(sql, {"trigram": trigram, "short": short, "cap": cap}))
    if waiting:
        seen = {row[0] for row in rows}
        rows += [row for row in waiting if row[0] not in seen]
    unindexed = unindexed_words(query)
    if unindexed:
        rows = [row for row in rows
                if all(word in " ".join(str(row[k] or "") for k in (1, 2, 5)).lower()
                       for word in unindexed)]
    return _ranked(rows, query, limit)


def _waiting_hits(run: Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]], query: str,
                  cap: int) -> list[Sequence[Any]]:
    """Customers a bulk import added that wait for the search index (search.backlog), matched
    with LIKE as the index would match them: found before they are indexed."""
    return backlog_hits(run, *backlog_terms(query), cap)


def backlog_terms(query: str) -> tuple[list[str], str | None]:
    """The words, or the phone digits, a query looks for among the customers waiting for the
    index (as `_plan` splits it for the index)."""
    text = query.strip()
    if _PHONE_QUERY.fullmatch(text) and sum(ch.isdigit() for ch in text) >= 3:
        return [], "".join(ch for ch in text if ch.isdigit())
    return _WORD.findall(text.lower()), None


def _best(candidates: Sequence[Sequence[Any]], query: str, limit: int
          ) -> list[Sequence[Any]]:
    """The `limit` best of (id, name, city) rows, ranked as `_ranked` ranks hits."""
    needle = query.strip().lower()
    return sorted(candidates, key=lambda row: _name_rank(row[1], needle))[:limit]


def _with_details(run: Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]],
                  best: Sequence[Sequence[Any]]) -> list[SearchHit]:
    """Hits for (id, name, city) rows, in their order, with the company, emails and phones of
    their search index rows."""
    details: dict[int, Sequence[Any]] = {}
    for start in range(0, len(best), _DETAILS_PER_QUERY):
        keys = {f"id{number}": row[0] for number, row in
                enumerate(best[start:start + _DETAILS_PER_QUERY])}
        details.update((row[0], row[1:]) for row in run(
            "SELECT rowid, company, emails, phones FROM customer_search WHERE rowid IN ("
            + ", ".join(f":{key}" for key in keys) + ")", keys))
    return [_hit((row[0], row[1], *details.get(row[0], (None, None, None)), row[2]))
            for row in best]


def _hit(row: Sequence[Any]) -> SearchHit:
    """A hit from (id, name, company, emails, phones, city)."""
    return SearchHit(
        id=row[0], name=row[1], company=row[2],
        email=(row[3] or "").split(" ")[0] or None,
        phone=("+" + row[4].split(" ")[0]) if row[4] else None,
        city=row[5],
    )


def _ranked(rows: Sequence[Sequence[Any]], query: str, limit: int) -> list[SearchHit]:
    hits = [_hit(row) for row in rows]
    needle = query.strip().lower()
    hits.sort(key=lambda hit: _rank(hit, needle))
    return hits[:limit]


def find_customers(database: Database, query: str, limit: int = 20) -> list[SearchHit]:
    """`search_customers` on a connection of its own (the customer picker, `search`)."""
    with database.engine.connect() as connection:
        return search_customers(connection, query, limit)


def _rank(hit: SearchHit, needle: str) -> tuple[int, int, str]:
    return _name_rank(hit.name, needle)


def _name_rank(name: str, needle: str) -> tuple[int, int, str]:
    """Exact name first, then names that start with the query, contain it, the rest; shorter
    names first within each."""
    name = name.lower()
    if name == needle:
        tier = 0
    elif name.startswith(needle):
        tier = 1
    elif needle in name:
        tier = 2
    else:
        tier = 3
    return tier, len(name), name
