"""Duplicate detection: the pairs that exist are found and scored, the others are not."""

from __future__ import annotations

import random

from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.duplicates import find_duplicates, name_key


def _add(db, rows) -> dict[str, int]:
    ids = {}
    with db.session() as s:
        for name, emails, phones, company in rows:
            values = {"name": name}
            if company:
                values["company_id"] = ids[company]
            ids[name] = create_customer(s, values, emails=emails, phones=phones).id
    return ids


def test_finds_and_scores_duplicates(db):
    ids = _add(db, [
        ("Acme Corp", [], [], None),
        ("John Smith", ["john@example.com"], ["+14155550100"], "Acme Corp"),
        ("Smith, John", ["John@Example.com"], [], None),         # same email, reordered name
        ("Jon Smith", [], ["(415) 555-0100"], "Acme Corp"),      # same phone, typo
        ("José García", ["jose@example.es"], [], None),
        ("Jose Garcia", [], [], None),                            # accents only
        ("Mary Jones", ["mary@example.com"], [], None),
        ("Branch 12", [], [], None),
        ("Branch 13", [], [], None),
        ("Zhang Wei", ["zw@example.cn"], [], None),
        ("Zhang Wei", ["other@example.cn"], [], None),            # same name, other email
    ])
    pairs = find_duplicates(db, threshold=0.8)
    found = {(p.a, p.b): p for p in pairs}
    john, smith_john, jon = ids["John Smith"], ids["Smith, John"], ids["Jon Smith"]
    assert (john, smith_john) in found and "same email" in found[(john, smith_john)].reasons
    assert (john, jon) in found and "same phone" in found[(john, jon)].reasons
    assert (ids["José García"], ids["Jose Garcia"]) in found
    assert found[(john, smith_john)].score == 1.0
    assert (ids["Branch 12"], ids["Branch 13"]) not in found
    assert all(ids["Mary Jones"] not in (p.a, p.b) for p in pairs)
    assert not any({p.a, p.b} == {ids["Acme Corp"], john} for p in pairs)
    assert pairs == sorted(pairs, key=lambda p: (-p.score, p.a, p.b))
    zhang = [p for p in find_duplicates(db, threshold=0.5) if p.a_name == p.b_name == "Zhang Wei"]
    assert zhang and "different emails" in zhang[0].reasons and zhang[0].score < 0.8
    assert {(p.a, p.b) for p in find_duplicates(db, 0.8, limit=None) if jon in (p.a, p.b)} == {(john, jon), (smith_john, jon)} & set(
        found)


def test_name_key():
    assert name_key("  José  O'Neil ") == "jose o neil"
    assert name_key("张伟") == "张伟"


def test_scales_with_blocking(db):
    """Thousands of customers: blocking keeps it far from all-pairs (~12 million here)."""
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
    pairs = find_duplicates(db, threshold=0.3, limit=None)
    assert {(p.a, p.b) for p in pairs if "same email" in p.reasons} == {
        (i, i + 4990) for i in range(1, 11)}
