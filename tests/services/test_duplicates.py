"""Duplicates that make sense: evidence for and against, with reasons; a shared name alone is
a "maybe", a shared name in London and Toronto with different emails is two people."""

from __future__ import annotations

import pytest

from crm_desktop.services.duplicates import (
    LIKELY,
    MAYBE,
    find_duplicates,
    level_of,
    name_floor,
)
from crm_desktop.storage.customers import create_customer


def _add(db, rows) -> dict[str, int]:
    ids = {}
    with db.session() as s:
        for key, name, emails, phones, city in rows:
            ids[key] = create_customer(s, {"name": name, "city": city}, emails=emails,
                                       phones=phones).id
    return ids


@pytest.fixture
def people(db):
    return _add(db, [
        ("john", "John Smith", ["john@example.com"], ["+14155550100"], None),
        ("smith_john", "Smith, John", ["John@Example.com"], [], None),
        ("jon", "Jon Smith", [], ["(415) 555-0100"], None),
        ("jose", "José García", ["jose@example.es"], [], None),
        ("jose2", "Jose Garcia", [], [], None),
        ("london", "Emma Clarke", ["emma@london.example"], [], "London"),
        ("toronto", "Emma Clarke", ["emma.c@toronto.example"], [], "Toronto"),
        ("paris1", "Luc Martin", [], [], "Paris"),
        ("paris2", "Luc Martin", [], [], "Paris"),
        ("branch12", "Branch 12", [], [], None),
        ("branch13", "Branch 13", [], [], None),
        ("mary", "Mary Jones", ["mary@example.com"], [], None),
    ])


def test_scores_levels_and_reasons(db, people):
    pairs = find_duplicates(db, threshold=0.01, limit=None)
    found = {frozenset((p.a, p.b)): p for p in pairs}

    def pair(x, y):
        return found.get(frozenset((people[x], people[y])))

    same_email = pair("john", "smith_john")
    assert same_email.level == "likely" and "same email" in same_email.reasons
    assert pair("john", "jon").level == "likely" and "same phone" in pair("john", "jon").reasons
    name_only = pair("jose", "jose2")
    assert name_only.level == "maybe" and name_only.reasons == ("same name",)
    assert name_only.score == pytest.approx(0.70, abs=0.01)
    two_cities = pair("london", "toronto")
    assert two_cities.score < 0.1 and two_cities.level == "unlikely"
    assert set(two_cities.reasons) == {"same name", "different emails", "London vs Toronto"}
    assert ("different_city", "London", "Toronto") in two_cities.evidence
    same_city = pair("paris1", "paris2")
    assert same_city.level == "maybe" and "both in Paris" in same_city.reasons
    assert same_city.score > name_only.score
    branches = pair("branch12", "branch13")
    assert branches is None or branches.score < 0.01  # numbers differ: not the same branch
    assert pairs == sorted(pairs, key=lambda p: (-p.score, p.a, p.b))


def test_the_default_lists_maybe_and_likely_only(db, people):
    pairs = find_duplicates(db)
    assert pairs and all(p.score >= MAYBE for p in pairs)
    assert not any({p.a, p.b} == {people["london"], people["toronto"]} for p in pairs)
    assert all(people["mary"] not in (p.a, p.b) for p in pairs)
    data = pairs[0].to_dict()
    assert data["level"] == "likely" and data["evidence"][0][0] in ("same_name",
                                                                    "name_similarity")


def test_levels_and_the_name_floor():
    assert (level_of(0.9), level_of(LIKELY), level_of(0.7), level_of(0.3)) == (
        "likely", "likely", "maybe", "unlikely")
    from crm_desktop.analytics.duplicate_score import score_pair

    floor = name_floor(MAYBE)
    # a pair just at the floor with every other agreeing field (no email/phone) reaches MAYBE
    assert 0.8 < floor < 0.9
    best, _ = score_pair({"name": "Emma Clarke", "city": "Paris", "company": "Acme"},
                         {"name": "Emma Clarke", "city": "Paris", "company": "Acme"})
    assert best > MAYBE
