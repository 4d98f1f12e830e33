"""Candidate pairs for duplicate detection: blocking finds the pairs worth scoring (shared
email, shared phone, alike names) without comparing everyone with everyone."""

from __future__ import annotations

import random

from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.duplicates import candidate_pairs, name_key


def _add(db, rows) -> dict[str, int]:
    ids = {}
    with db.session() as s:
        for name, emails, phones, city in rows:
            ids[name] = create_customer(s, {"name": name, "city": city}, emails=emails,
                                        phones=phones).id
    return ids


def test_blocks_find_shared_emails_phones_and_alike_names(db):
    ids = _add(db, [
        ("John Smith", ["john@example.com"], ["+14155550100"], "London"),
        ("Smith, John", ["John@Example.com"], [], None),   # same email, reordered name
        ("Jonathan Q. Public", [], ["(415) 555-0100"], None),  # same phone, other name
        ("Mary Jones", ["mary@example.com"], [], "Paris"),
        ("Marie Jones", [], [], None),                       # alike name only
        ("Zhang Wei", [], [], None),
    ])
    people, pairs = candidate_pairs(db, min_name_similarity=0.8)
    found = {frozenset((people[a].id, people[b].id)) for a, b in pairs}
    assert frozenset((ids["John Smith"], ids["Smith, John"])) in found
    assert frozenset((ids["John Smith"], ids["Jonathan Q. Public"])) in found
    assert frozenset((ids["Mary Jones"], ids["Marie Jones"])) in found
    assert not any(ids["Zhang Wei"] in pair for pair in found)
    record = next(p for p in people if p.id == ids["John Smith"])
    assert record.as_record()["city"] == "London" and record.emails == {"john@example.com"}
    _people, strict = candidate_pairs(db, min_name_similarity=0.99)
    assert len(strict) < len(pairs)  # the name floor decides which neighbours are kept


def test_name_key():
    assert name_key("  José  O'Neil ") == "jose o neil"
    assert name_key("张伟") == "张伟"


def test_scales_with_blocking(db):
    """Thousands of customers: blocking keeps it far from all-pairs (~12 million here), and
    every planted shared email is a candidate."""
    rng = random.Random(0)
    first = ["Ada", "Alan", "Grace", "Linus", "Wei", "Anna", "Omar", "Mia", "Noah", "Yuki"]
    last = ["Lovelace", "Turing", "Hopper", "Torvalds", "Zhang", "Berg", "Khan", "Tanaka"]
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER customers_search_ai")
        rows = [(i, f"u{i}", "2024-01-01", "2024-01-01", "person",
                 f"{rng.choice(first)} {chr(65 + i % 26)}. {rng.choice(last)}", "lead")
                for i in range(1, 5001)]
        connection.exec_driver_sql(
            "INSERT INTO customers (id, uuid, created_at, updated_at, kind, name, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        connection.exec_driver_sql(
            "INSERT INTO contact_points (uuid, created_at, updated_at, customer_id, kind, label,"
            " value, normalized, is_primary) VALUES (?, ?, ?, ?, 'email', 'work', ?, ?, 1)",
            [(f"c{i}", "2024-01-01", "2024-01-01", i, f"p{i % 4990}@x.com", f"p{i % 4990}@x.com")
             for i in range(1, 5001)])
    people, pairs = candidate_pairs(db, min_name_similarity=0.75)
    found = {(people[a].id, people[b].id) for a, b in pairs}
    assert {(i, i + 4990) for i in range(1, 11)} <= found
    assert len(pairs) < 200_000
