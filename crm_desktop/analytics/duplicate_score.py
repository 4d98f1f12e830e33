"""How likely two customer records are the same customer, and why (pure; storage calls it).

Evidence is added on a log-odds scale, Fellegi-Sunter style: agreement on a field raises the
odds by how rarely strangers agree on it, disagreement lowers them by how rarely one customer's
two records disagree on it. Only fields filled on both sides count either way. The score is
the logistic of the sum, so it is never exactly 0 or 1:

==========================  =========  ==============================================
evidence                    log-odds   why
==========================  =========  ==============================================
names alike (s in 0..1)     0.85 - 12 (1 - s)   same name alone: 0.70; 90% alike: 0.41
same email / different      +4.0 / -2.0   strangers rarely share one; people have two
same phone / different      +3.5 / -1.5
same city / different       +0.5 / -1.5   many people live in one city; one person in one
different country           -2.0
same company / different    +0.75 / -1.0
a person and a company      -1.5
==========================  =========  ==============================================

So: same name only 0.70; same name and email 0.99; same name but different emails 0.24; same
name, different emails, London and Toronto 0.07 (0.01 with the countries); same email with
unrelated names about 0.15 (a shared family or office address; unrelated names are still
about 45% alike letter by letter). Name similarity is rapidfuzz's token_sort_ratio on names folded
to plain lower case; numbers in names must match or the similarity is halved ("Branch 12" is
not "Branch 13").

Reasons are tuples (key, details...) for the UI to translate: ("same_name",),
("name_similarity", percent), ("same_email",), ("different_email",), ("same_phone",),
("different_phone",), ("same_city", city), ("different_city", city_a, city_b),
("different_country", country_a, country_b), ("same_company", company),
("different_company", company_a, company_b), ("different_kind", kind_a, kind_b).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz

Reason = tuple[str | int, ...]
NAME_EXACT = 0.85
NAME_SLOPE = 12.0
WEIGHTS: dict[str, tuple[float, float]] = {  # (agree, disagree) in log-odds
    "email": (4.0, -2.0),
    "phone": (3.5, -1.5),
    "city": (0.5, -1.5),
    "country": (0.0, -2.0),
    "company": (0.75, -1.0),
}
KIND_MISMATCH = -1.5
COMPANY_ALIKE = 0.9
PHONE_TAIL = 8  # "+44 20 7946 0958" and "020 7946 0958" are one number
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\d+")


def fold(text: object) -> str:
    """Lower case, accents and punctuation removed, single spaces ('' for missing)."""
    if not isinstance(text, str):
        return ""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                    if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", plain.casefold()).split())


def _values(record: Mapping[str, object], plural: str, single: str) -> list[str]:
    value = record.get(plural)
    values: list[object] = []
    if isinstance(value, str):
        values = [value]
    elif isinstance(value, Iterable):
        values = list(value)
    values.append(record.get(single))
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _emails(record: Mapping[str, object]) -> set[str]:
    return {v.lower() for v in _values(record, "emails", "email")}


def _phones(record: Mapping[str, object]) -> set[str]:
    digits = ("".join(ch for ch in unicodedata.normalize("NFKC", v) if ch.isdigit())
              for v in _values(record, "phones", "phone"))
    return {d[-PHONE_TAIL:] for d in digits if len(d) >= 7}


def _text(record: Mapping[str, object], *keys: str) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def name_similarity(a: str, b: str) -> float:
    """0..1 likeness of two names (see the module docstring)."""
    key_a, key_b = fold(a), fold(b)
    if not key_a or not key_b:
        return 0.0
    alike = fuzz.token_sort_ratio(key_a, key_b) / 100
    if _DIGITS.findall(key_a) != _DIGITS.findall(key_b):
        alike /= 2
    return alike


def score_pair(a: Mapping[str, object], b: Mapping[str, object]) -> tuple[float, list[Reason]]:
    """Score (0..1) that records ``a`` and ``b`` are one customer, and the reasons.

    A record is any mapping (dict, pandas row) with some of: name, kind ('person' /
    'company'), company or company_name, city, country, email or emails, phone or phones.
    The score is symmetric: score_pair(a, b) == score_pair(b, a) up to the reasons' order
    of values.
    """
    reasons: list[Reason] = []
    alike = name_similarity(_text(a, "name"), _text(b, "name"))
    logit = NAME_EXACT - NAME_SLOPE * (1 - alike)
    reasons.append(("same_name",) if alike >= 0.999 else ("name_similarity", round(alike * 100)))
    for key, found in (("email", _emails), ("phone", _phones)):
        mine, theirs = found(a), found(b)
        if mine and theirs:
            same = bool(mine & theirs)
            logit += WEIGHTS[key][0 if same else 1]
            reasons.append((f"same_{key}",) if same else (f"different_{key}",))
    for key, names in (("city", ("city",)), ("country", ("country",)),
                       ("company", ("company", "company_name"))):
        mine_text, theirs_text = _text(a, *names), _text(b, *names)
        if not mine_text or not theirs_text:
            continue
        if key == "company":
            same = fuzz.token_set_ratio(fold(mine_text), fold(theirs_text)) / 100 >= COMPANY_ALIKE
        else:
            same = fold(mine_text) == fold(theirs_text)
        logit += WEIGHTS[key][0 if same else 1]
        if not same:
            reasons.append((f"different_{key}", mine_text, theirs_text))
        elif key != "country":
            reasons.append((f"same_{key}", mine_text))
    kind_a, kind_b = _text(a, "kind"), _text(b, "kind")
    if kind_a and kind_b and kind_a != kind_b:
        logit += KIND_MISMATCH
        reasons.append(("different_kind", kind_a, kind_b))
    return 1.0 / (1.0 + math.exp(-logit)), reasons
