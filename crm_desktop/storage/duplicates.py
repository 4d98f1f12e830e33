"""Candidate pairs of duplicate customers, found with blocking so it scales.

Candidate pairs come from three blocks, never from comparing everyone with everyone:
customers sharing a normalised email, customers sharing a phone (digits), and a sorted
neighbourhood over two name keys (the name as written and its words sorted, so "Smith, John"
meets "John Smith"); neighbours are compared with rapidfuzz in C (`process.cpdist`) and kept
when their names are at least ``min_name_similarity`` alike (the caller derives that floor
from its scoring: a pair whose names differ more could not reach its threshold without a
shared email or phone, and those pairs come from the exact blocks).

Scoring the pairs is not storage's job: :mod:`crm_desktop.services.duplicates` scores them
(``analytics.duplicate_score``) and keeps the likely ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

_MAX_BLOCK = 50
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class CandidateRecord:
    """What scoring looks at of one live customer (the keys of
    ``analytics.duplicate_score.score_pair``'s records)."""

    id: int
    name: str
    kind: str
    company: str | None  # the company the person belongs to
    city: str | None
    country: str | None
    emails: frozenset[str]  # normalised (lower case)
    phones: frozenset[str]  # digits

    def as_record(self) -> dict[str, object]:
        return {"name": self.name, "kind": self.kind, "company": self.company,
                "city": self.city, "country": self.country, "emails": sorted(self.emails),
                "phones": sorted(self.phones)}


def name_key(name: str | None) -> str:
    """Lower case, no accents or punctuation, single spaces: 'José  O'Neil' -> 'jose o neil'."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", plain.casefold()).split())


def load_candidates(database: Database, ids: set[int] | None = None) -> list[CandidateRecord]:
    """Every live customer (or those of ``ids``), by id, with emails and phones."""
    sql = """
    SELECT c.id, c.name, c.kind, p.name, c.city, c.country,
           (SELECT group_concat(e.normalized, ' ') FROM contact_points e
             WHERE e.customer_id = c.id AND e.kind = 'email'),
           (SELECT group_concat(t.normalized, ' ') FROM contact_points t
             WHERE t.customer_id = c.id AND t.kind = 'phone')
      FROM customers c LEFT JOIN customers p ON p.id = c.company_id
     WHERE c.deleted_at IS NULL
     ORDER BY c.id
    """
    with database.engine.connect() as connection:
        rows = connection.execute(text(sql)).all()
    return [
        CandidateRecord(i, name or "", kind or "person", company, city, country,
                        frozenset((emails or "").split()), frozenset((phones or "").split()))
        for i, name, kind, company, city, country, emails, phones in rows
        if ids is None or i in ids
    ]


def _pairs_sharing(people: list[CandidateRecord], attribute: str) -> set[tuple[int, int]]:
    blocks: dict[str, list[int]] = {}
    for index, person in enumerate(people):
        for key in getattr(person, attribute):
            blocks.setdefault(key, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        members = members[:_MAX_BLOCK]
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                pairs.add((first, second) if first < second else (second, first))
    return pairs


def _neighbours(people: list[CandidateRecord], window: int,
                min_name_similarity: float) -> set[tuple[int, int]]:
    """Sorted neighbourhood on two name keys: neighbours whose names are alike enough."""
    import numpy as np
    from rapidfuzz import fuzz, process

    keys = [name_key(p.name) for p in people]
    pairs: set[tuple[int, int]] = set()
    orders: list[Callable[[int], str]] = [lambda i: keys[i],
                                          lambda i: " ".join(sorted(keys[i].split()))]
    for key in orders:
        order = np.array(sorted((i for i in range(len(people)) if keys[i]), key=key),
                         dtype=np.int64)
        names = [keys[i] for i in order]
        for distance in range(1, window + 1):
            if distance >= len(order):
                break
            first, second = order[:-distance], order[distance:]
            alike = process.cpdist(names[:-distance], names[distance:],
                                   scorer=fuzz.token_sort_ratio) / 100
            for position in (alike >= min_name_similarity).nonzero()[0]:
                a, b = int(first[position]), int(second[position])
                pairs.add((a, b) if a < b else (b, a))
    return pairs


def candidate_pairs(
    database: Database,
    *,
    window: int = 8,
    min_name_similarity: float = 0.8,
    progress: Callable[[float, str], None] | None = None,
) -> tuple[list[CandidateRecord], set[tuple[int, int]]]:
    """The live customers and the pairs worth scoring, as positions into that list (first <
    second): sharing an email, sharing a phone, or name neighbours at least
    ``min_name_similarity`` alike (0..1, rapidfuzz token_sort_ratio of the name keys)."""
    people = load_candidates(database)
    if progress:
        progress(0.3, "comparing names")
    candidates = _pairs_sharing(people, "emails") | _pairs_sharing(people, "phones")
    candidates |= _neighbours(people, window, min_name_similarity)
    return people, candidates
