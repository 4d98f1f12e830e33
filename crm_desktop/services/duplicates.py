"""Likely duplicate customers: candidate pairs from storage's blocking, scored with
``analytics.duplicate_score.score_pair`` (evidence for and against on a log-odds scale), kept
from a threshold, with the reasons in words.

Scores and what they mean (the default lists "maybe" and above):

* ``>= LIKELY`` (0.85) "likely": the same name with the same email or phone, or a near-same
  name with more agreeing evidence.
* ``>= MAYBE`` (0.6) "maybe": the same name and nothing that contradicts it (a name alone
  scores 0.70; with the same city 0.79) - worth a look, not a merge without one.
* below: not listed. A shared name with a different email scores 0.24, and with London
  against Toronto as well 0.07: two people, not one.

    pairs = find_duplicates(database)            # threshold MAYBE, best first
    pairs[0].score, pairs[0].level, pairs[0].reasons   # 0.99, "likely", ("same name", ...)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

__all__ = ["DEFAULT_THRESHOLD", "LIKELY", "MAYBE", "DuplicatePair", "find_duplicates",
           "level_of", "reason_text"]

LIKELY = 0.85
MAYBE = 0.6
DEFAULT_THRESHOLD = MAYBE
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class DuplicatePair:
    """Two customers that may be one, ``a`` < ``b``: the score (0..1), its level ("likely" or
    "maybe"), the reasons in English words and as structured evidence tuples (key, details...)
    for a translated display."""

    a: int
    b: int
    score: float
    reasons: tuple[str, ...]
    a_name: str
    b_name: str
    evidence: tuple[tuple[Any, ...], ...] = ()

    @property
    def level(self) -> str:
        return level_of(self.score)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": round(self.score, 3), "level": self.level,
                "reasons": list(self.reasons), "evidence": [list(e) for e in self.evidence],
                "a_name": self.a_name, "b_name": self.b_name}


def level_of(score: float) -> str:
    """'likely', 'maybe' or 'unlikely'."""
    return "likely" if score >= LIKELY else "maybe" if score >= MAYBE else "unlikely"


def reason_text(reason: tuple[Any, ...]) -> str:
    """One evidence tuple of analytics.duplicate_score in English words."""
    key, *details = reason
    texts = {
        "same_name": "same name", "same_email": "same email",
        "different_email": "different emails", "same_phone": "same phone",
        "different_phone": "different phones",
    }
    if key in texts:
        return texts[key]
    if key == "name_similarity":
        return f"names {details[0]}% alike"
    if key == "same_city":
        return f"both in {details[0]}"
    if key == "different_city":
        return f"{details[0]} vs {details[1]}"
    if key == "different_country":
        return f"countries {details[0]} vs {details[1]}"
    if key == "same_company":
        return f"both at {details[0]}"
    if key == "different_company":
        return f"at {details[0]} vs {details[1]}"
    if key == "different_kind":
        return f"a {details[0]} and a {details[1]}"
    return " ".join(str(part) for part in reason)


def name_floor(threshold: float) -> float:
    """The least name similarity with which a pair that shares no email or phone can still
    reach ``threshold``: what the name neighbourhood must keep (storage's blocking)."""
    from crm_desktop.analytics import duplicate_score as ds

    threshold = min(max(threshold, 1e-6), 1 - 1e-6)
    best_other = max(ds.WEIGHTS["city"][0], 0) + max(ds.WEIGHTS["company"][0], 0)
    needed = math.log(threshold / (1 - threshold))
    return max(0.0, 1 - (ds.NAME_EXACT + best_other - needed) / ds.NAME_SLOPE)


def _score(people: list[Any], pairs: Iterable[tuple[int, int]],
           threshold: float) -> list[DuplicatePair]:
    from crm_desktop.analytics.duplicate_score import score_pair

    found = []
    records = [p.as_record() for p in people]
    for first, second in pairs:
        score, evidence = score_pair(records[first], records[second])
        if score >= threshold:
            one, two = people[first], people[second]
            found.append(DuplicatePair(one.id, two.id, score,
                                       tuple(reason_text(e) for e in evidence), one.name,
                                       two.name, tuple(tuple(e) for e in evidence)))
    found.sort(key=lambda pair: (-pair.score, pair.a, pair.b))
    return found


def find_duplicates(
    database: Database,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    window: int = 8,
    limit: int | None = 1000,
    progress: Progress | None = None,
) -> list[DuplicatePair]:
    """Pairs of live customers scoring ``threshold`` or more, best first (at most
    ``limit``)."""
    from crm_desktop.storage.duplicates import candidate_pairs

    people, pairs = candidate_pairs(database, window=window,
                                    min_name_similarity=name_floor(threshold),
                                    progress=progress)
    if progress:
        progress(0.7, "scoring pairs")
    found = _score(people, pairs, threshold)
    if progress:
        progress(1.0, "done")
    return found[:limit] if limit else found

