"""Likely duplicate customers: scored pairs, found with blocking so it scales.

Candidate pairs come from three blocks, never from comparing everyone with everyone:
customers sharing a normalised email, customers sharing a phone (digits), and a sorted
neighbourhood over two name keys (the name as written and its words sorted, so "Smith, John"
meets "John Smith"); neighbours are compared with rapidfuzz in C (`process.cpdist`).

Each candidate is scored from the evidence present on both sides, each in [0, 1]:
name similarity (weight 0.5), same email (0.25), same phone (0.15) and company similarity
(0.1); evidence missing on either side does not count either way. So two records with the same
name and the same email score 1.0, the same name but different emails 0.67, the same email but
unrelated names about 0.5.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

Progress = Callable[[float, str], None]
WEIGHTS = {"name": 0.5, "email": 0.25, "phone": 0.15, "company": 0.1}
_MAX_BLOCK = 50
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class DuplicatePair:
    """Two customers that are probably the same, `a` < `b`, with why we think so."""

    a: int
    b: int
    score: float
    reasons: tuple[str, ...]
    a_name: str
    b_name: str

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": round(self.score, 3),
                "reasons": list(self.reasons), "a_name": self.a_name, "b_name": self.b_name}


@dataclass
class _Person:
    id: int
    name: str
    key: str
    company: str
    emails: frozenset[str]
    phones: frozenset[str]
    kind: str


def name_key(name: str | None) -> str:
    """Lower case, no accents or punctuation, single spaces: 'José  O'Neil' -> 'jose o neil'."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", plain.casefold()).split())


def _load(database: Database) -> list[_Person]:
    sql = """
    SELECT c.id, c.name, p.name, c.kind,
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
        _Person(i, name or "", name_key(name), name_key(company),
                frozenset((emails or "").split()), frozenset((phones or "").split()), kind)
        for i, name, company, kind, emails, phones in rows
    ]


def _pairs_sharing(people: list[_Person], attribute: str) -> set[tuple[int, int]]:
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


def _neighbours(people: list[_Person], window: int, threshold: float) -> set[tuple[int, int]]:
    """Sorted neighbourhood on two name keys: neighbours that could reach `threshold`.

    Pairs that share an email or phone come from the exact blocks, so here the best a pair can
    score is its name and company evidence against the weight of everything both sides have;
    that bound is computed for whole arrays at once and only pairs above it are kept.
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    has_email = np.array([bool(p.emails) for p in people])
    has_phone = np.array([bool(p.phones) for p in people])
    has_company = np.array([bool(p.company) for p in people])
    pairs: set[tuple[int, int]] = set()
    keys: list[Callable[[_Person], str]] = [
        lambda p: p.key, lambda p: " ".join(sorted(p.key.split())),
    ]
    for key in keys:
        order = np.array(sorted((i for i, p in enumerate(people) if p.key),
                                key=lambda i: key(people[i])), dtype=np.int64)
        names = [people[i].key for i in order]
        for distance in range(1, window + 1):
            if distance >= len(order):
                break
            first, second = order[:-distance], order[distance:]
            names_alike = process.cpdist(names[:-distance], names[distance:],
                                         scorer=fuzz.token_sort_ratio) / 100
            companies = has_company[first] & has_company[second]
            weight = (WEIGHTS["name"]
                      + WEIGHTS["email"] * (has_email[first] & has_email[second])
                      + WEIGHTS["phone"] * (has_phone[first] & has_phone[second])
                      + WEIGHTS["company"] * companies)
            best = (WEIGHTS["name"] * names_alike + WEIGHTS["company"] * companies) / weight
            for position in (best >= threshold).nonzero()[0]:
                a, b = int(first[position]), int(second[position])
                pairs.add((a, b) if a < b else (b, a))
    return pairs


def score_pair(one: _Person, two: _Person) -> tuple[float, tuple[str, ...]]:
    from rapidfuzz import fuzz

    name = fuzz.token_sort_ratio(one.key, two.key) / 100 if one.key and two.key else 0.0
    if _DIGITS.findall(one.key) != _DIGITS.findall(two.key):
        name /= 2  # "Branch 12" and "Branch 13" are alike in letters but not the same
    total, weight = WEIGHTS["name"] * name, WEIGHTS["name"]
    reasons = [f"name {round(name * 100)}% alike"]
    for kind, mine, theirs in (("email", one.emails, two.emails),
                               ("phone", one.phones, two.phones)):
        if mine and theirs:  # evidence only when both have some
            weight += WEIGHTS[kind]
            if mine & theirs:
                total += WEIGHTS[kind]
                reasons.append(f"same {kind}")
            else:
                reasons.append(f"different {kind}s")
    if one.company and two.company:
        company = fuzz.token_set_ratio(one.company, two.company) / 100
        weight += WEIGHTS["company"]
        total += WEIGHTS["company"] * company
        reasons.append(f"company {round(company * 100)}% alike")
    score = total / weight
    if one.kind != two.kind:
        score *= 0.7
        reasons.append("a person and a company")
    return score, tuple(reasons)


def find_duplicates(
    database: Database,
    threshold: float = 0.8,
    *,
    window: int = 8,
    limit: int | None = 1000,
    progress: Progress | None = None,
) -> list[DuplicatePair]:
    """Pairs of live customers scoring `threshold` or more, best first."""
    people = _load(database)
    if progress:
        progress(0.3, "comparing names")
    candidates = _pairs_sharing(people, "emails") | _pairs_sharing(people, "phones")
    candidates |= _neighbours(people, window, threshold)
    if progress:
        progress(0.7, "scoring pairs")
    found = []
    for first, second in candidates:
        one, two = people[first], people[second]
        score, reasons = score_pair(one, two)
        if score >= threshold:
            found.append(DuplicatePair(one.id, two.id, score, reasons, one.name, two.name))
    found.sort(key=lambda pair: (-pair.score, pair.a, pair.b))
    if progress:
        progress(1.0, "done")
    return found[:limit] if limit else found
