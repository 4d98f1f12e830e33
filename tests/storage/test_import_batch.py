"""The customer import's column-at-a-time pieces agree with the row-at-a-time rules.

`cells.BatchReader` must give every row exactly what `validate.RowReader` gives (values,
problems, warnings, in order), and `CustomerBatch.build` exactly what `rows.build_customer`
makes of each row: these hypothesis tests throw rows with every kind of cell at both (valid,
invalid, several values in a cell, kept-with-warning phones, ragged rows, several columns for
one field) and compare. Also: the bulk helpers (UUIDs, search grams, phones of a column) equal
their one-at-a-time versions.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from crm_desktop.models.uuids import UuidSource
from crm_desktop.storage.importing.cells import BatchReader, fast_emails
from crm_desktop.storage.importing.customer_batch import CustomerBatch
from crm_desktop.storage.importing.customer_load import grams
from crm_desktop.storage.importing.fast_checks import fast_email, fast_phone, fast_phones
from crm_desktop.storage.importing.rows import build_customer
from crm_desktop.storage.importing.validate import Checker, RowReader
from crm_desktop.storage.sqlite_functions import short_grams

# Cells per field type: valid, invalid, several values, Google's forms, CJK, stray spaces.
TEXTS = ["Ada Lovelace", "张伟", "  ", "Engines Ltd", "engines ltd", "O'Brien", "Zoë", "x",
         "Line one", "伟明", "London"]
EMAILS = ["ada@example.com", "ADA@Example.COM", "not-an-email", "a@b.com; c@d.org",
          "x@y.com ::: z@w.net", "bob@example.com,bob@EXAMPLE.com", "a@localhost",
          "ü@example.com", "a@xn--bcher-kva.com", "a@b", "a@test", ";"]
PHONES = ["(415) 555-0100", "+1 415 555 0100", "415.555.0100", "+6599824833", "+65 998",
          "12", "+44 20 7946 0123", "13800138000", "415  555 0100", "+86 138 0013 8000",
          "+1 415 555 0100 ::: +1 212 555 0199", "555-0100", "0044 20 7946 0123",
          "phone", "+0 123", "(212) 555-0199; 415-555-0100", "+44 7700 900123",
          "+65 9999 9999; +6599824833", "+65 3000 0000"]
VALUES = {
    "text": TEXTS, "email": EMAILS, "phone": PHONES,
    "date": ["1815-12-10", "23.06.1912", "31/31/2020", "yesterday", "2020/01/02"],
    "datetime": ["2024-03-01 10:00", "2024-03-01T10:00:00Z", "soon", "03/02/2024"],
    "int": ["5", "five", "2.0", "30", "-1", "3%", "1e3"],
    "choice": ["lead", "Customer", "weird", "流失", "company", "个人", "* Work", "Home ::: Work",
               "mobile", "person", "Organization"],
    "country": ["US", "China", "Atlantis", "de"],
    "json": ['{"a": 1}', "[1]", "bad", '{"b": "x"}'],
    "tags": ["vip; wholesale", "* myContacts ::: Friends", "VIP,vip", "* myContacts"],
}
# (header, field): a pool to draw a file's columns from (repeats: several columns, one field).
COLUMNS = [
    ("Name", "name"), ("Full name", "name"), ("First", "first_name"), ("Last", "last_name"),
    ("Company", "company"), ("Kind", "kind"), ("Email", "email"), ("Email 2", "email"),
    ("Email label", "email_label"), ("Work email", "email_work"), ("Home email", "email_home"),
    ("Phone", "phone"), ("Phone label", "phone_label"), ("Mobile", "phone_mobile"),
    ("Street", "street"), ("Street 2", "street"), ("City", "city"), ("Country", "country"),
    ("Birthday", "birthday"), ("Status", "status"), ("Churned", "churned_at"),
    ("Rating", "rating"), ("Touch", "touch_every_days"), ("Tags", "tags"),
    ("Notes", "notes"), ("More notes", "notes"), ("ID", "external_id"), ("uuid", "uuid"),
    ("Custom JSON", "custom_fields"), ("Shoe size", "custom"), ("Pet", "custom"),
]


def _file(data: st.DataObject) -> tuple[list[str], dict[str, str | None], list[tuple[int,
                                                                                       list[str]]]]:
    chosen = data.draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=9,
                                unique_by=lambda c: c[0]))
    headers = [header for header, _field in chosen] + ["Ignored"]
    mapping: dict[str, str | None] = {header: field for header, field in chosen}
    mapping["Ignored"] = None
    checker = Checker("customers", "US")
    pools = [VALUES.get(checker.specs[field].type, TEXTS) + [""] * 3 for _h, field in chosen]
    pools.append(["", "anything"])
    rows = []
    for number in range(2, 2 + data.draw(st.integers(1, 14))):
        cells = [data.draw(st.sampled_from(pool)) for pool in pools]
        shape = data.draw(st.sampled_from(["same", "same", "same", "short", "long", "long+"]))
        if shape == "short":
            cells = cells[:data.draw(st.integers(0, len(cells)))]
        elif shape == "long":
            cells += [""] * 2
        elif shape == "long+":
            cells += ["", "extra"]
        rows.append((number, cells))
    return headers, mapping, rows


@given(st.data(), st.sampled_from(["US", "CN", "SG", "GB"]))
@settings(max_examples=300, deadline=None)
def test_batch_reader_and_batch_equal_the_row_by_row_rules(data, region):
    _compare(*_file(data), region)


def test_problems_and_warnings_come_row_by_row_in_column_order():
    headers = ["Name", "Phone", "Mobile", "Email", "Rating"]
    mapping = {"Name": "name", "Phone": "phone", "Mobile": "phone_mobile", "Email": "email",
               "Rating": "rating"}
    rows = [(2, ["A", "+6599824833", "+44 7700 900123", "a@example.com", "5"]),
            (3, ["B", "+65 3000 0000", "+65 9999 9999; +6599824833", "b@example.com", "4"]),
            (4, ["C", "12", "+65 3000 0000", "bad", "five"]),
            (5, ["D", "+6599824833", "", "d@example.com", "", "extra"])]
    problems, warnings = _compare(headers, mapping, rows, "US")
    assert [(p.row, p.field) for p in problems] == [
        (4, "phone"), (4, "email"), (4, "rating"), (5, "(row)")]
    assert [(w.row, w.field, w.value) for w in warnings] == [
        (2, "phone", "+6599824833"), (2, "phone_mobile", "+44 7700 900123"),
        (3, "phone", "+65 3000 0000"), (3, "phone_mobile", "+65 9999 9999"),
        (3, "phone_mobile", "+6599824833")]


def _compare(headers, mapping, rows, region):
    row_reader = RowReader(Checker("customers", region), headers, mapping)
    expected_problems, expected_values = [], {}
    for number, cells in rows:
        values, problems = row_reader.read(number, list(cells))
        expected_problems += problems
        if not problems:
            expected_values[number] = values
    batch_reader = BatchReader(Checker("customers", region), headers, mapping)
    # two chunks: the second one meets the first one's cached texts
    half = len(rows) // 2
    got_problems, got_warnings, batches = [], [], []
    for part in (rows[:half], rows[half:]):
        cells, problems, warnings = batch_reader.read(part)
        got_problems += problems
        got_warnings += warnings
        batches.append(CustomerBatch.build(cells))
    assert got_problems == expected_problems
    assert got_warnings == row_reader.warnings
    got_numbers = [number for batch in batches for number in batch.numbers]
    assert got_numbers == list(expected_values)
    for batch in batches:
        for i, number in enumerate(batch.numbers):
            assert batch.values(i) == expected_values[number]
            _assert_same_customer(batch, i, build_customer(number, expected_values[number]))
    return got_problems, got_warnings


def _assert_same_customer(batch: CustomerBatch, i: int, row) -> None:
    for name, column in batch.columns.items():
        assert column[i] == row.values.get(name), name
    assert set(row.values) - {"tags"} <= {n for n, c in batch.columns.items() if c[i] is not None}
    contacts = batch.contacts
    mine = [(contacts.kinds[j], contacts.labels[j], contacts.values[j], contacts.keys[j],
             contacts.primary[j]) for j in range(len(contacts)) if contacts.rows[j] == i]
    assert mine == [(c.kind, c.label, c.value, c.key, c.primary) for c in row.contacts]
    assert contacts.rows == sorted(contacts.rows)
    assert batch.company[i] == row.company
    assert [x for x in (batch.external_ids[i], batch.uuids[i]) if x] == row.ids
    assert batch.missing_name[i] == (row.missing_name is not None)


@given(st.lists(st.sampled_from(PHONES) | st.text("0123456789 -().+", max_size=16),
                max_size=30), st.sampled_from(["US", "CN", "DE", "SG", "BR"]))
@settings(max_examples=200, deadline=None)
def test_phones_of_a_column_equal_one_at_a_time(texts, region):
    assert fast_phones(texts, region) == {
        t: fast_phone(t, region) for t in texts if fast_phone(t, region) is not None}


@given(st.lists(st.sampled_from(EMAILS) | st.from_regex(
    r"[a-zA-Z0-9._%+-]{1,70}@[a-zA-Z0-9-]{1,12}(\.[a-zA-Z0-9-]{1,8}){1,3}", fullmatch=True),
    max_size=20))
@settings(max_examples=200, deadline=None)
def test_emails_of_a_column_equal_one_at_a_time(texts):
    assert fast_emails(texts) == {t: fast_email(t) for t in texts if fast_email(t) is not None}


@given(st.text(max_size=30), st.text(max_size=12) | st.none(), st.text(max_size=12) | st.none())
@settings(max_examples=300, deadline=None)
def test_search_grams_equal_short_grams(name, company, city):
    assert grams(name, company, city) == short_grams(name, company, city)


def test_uuids_are_version_7_unique_and_ordered_across_runs_of_the_counter():
    source = UuidSource()
    source._counter = (1 << 14) - 3  # the next UUIDs cross a run of the counter's low bits
    made = source.take(10) + source.take(40_000)
    assert len(set(made)) == len(made)
    pattern = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
    assert all(pattern.fullmatch(u) for u in made)
    middles = [u[14:23] for u in made]  # counter bits: strictly increasing
    assert middles == sorted(middles) and len(set(middles)) == len(middles)


def _schema(db) -> list[tuple[str, str, str | None]]:
    with db.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "ORDER BY type, name").all()


def test_a_big_load_rebuilds_the_indexes_it_drops_and_leaves_the_schema_as_it_was(db, tmp_path):
    from crm_desktop.storage.importing import run_import

    before = _schema(db)
    path = tmp_path / "first.csv"  # bigger than the (empty) table: indexes dropped and rebuilt
    path.write_text("Name,Email,City\n" + "".join(
        f"N{i},n{i}@example.com,City {i % 7}\n" for i in range(6000)), encoding="utf-8")
    assert run_import(db, path).imported == 6000
    assert _schema(db) == before
    small = tmp_path / "small.csv"  # smaller than the table: indexes kept up to date
    small.write_text("Name,Email\nAda,ada@example.com\n", encoding="utf-8")
    assert run_import(db, small).imported == 1
    assert _schema(db) == before
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        plan = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM customers WHERE city = 'City 3'").all()
        assert "ix_customers_city" in str(plan)
        hashsize = connection.exec_driver_sql(
            "SELECT v FROM customer_search_config WHERE k = 'hashsize'").scalar()
        assert hashsize in (None, 1024 * 1024)  # the load's setting is not left behind


@given(st.lists(st.integers(0, 5), max_size=20), st.data())
@settings(max_examples=200, deadline=None)
def test_contacts_taken_are_the_positions_asked_for_in_that_order(rows, data):
    from crm_desktop.storage.importing.customer_batch import Contacts

    contacts = Contacts()
    for j, row in enumerate(rows):
        contacts.add(row, "email" if j % 2 else "phone", f"l{j}", f"v{j}", f"k{j}", j % 3 == 0)
    order = data.draw(st.lists(st.integers(0, max(0, len(rows) - 1)), max_size=len(rows))
                      if rows else st.just([]))
    taken = contacts.taken(order)
    for mine, theirs in zip(taken.lists(), contacts.lists(), strict=True):
        assert mine == [theirs[j] for j in order]
    stable = sorted(range(len(rows)), key=rows.__getitem__)  # by row, then as added
    for mine, theirs in zip(contacts.ordered().lists(), contacts.lists(), strict=True):
        assert mine == [theirs[j] for j in stable]


def test_dates_are_bound_once_per_distinct_value_as_the_column_binds_them(db):
    from datetime import date, datetime

    from crm_desktop.models import Customer
    from crm_desktop.storage.importing.customer_load import _HASHABLE, _bound

    assert {"birthday", "churned_at"} <= _HASHABLE and "custom_fields" not in _HASHABLE
    dialect = db.engine.dialect
    calls: list[object] = []
    for column, values in (
            ("birthday", [date(1815, 12, 10), None, date(1815, 12, 10), date(999, 1, 2)]),
            ("churned_at", [datetime(2024, 3, 1, 10, 0), None, datetime(2024, 3, 1, 10, 0, 5)])):
        process = Customer.__table__.c[column].type.dialect_impl(dialect).bind_processor(
            dialect)

        def counted(value, process=process):
            calls.append(value)
            return process(value)

        calls.clear()
        assert _bound(values, counted, True) == [
            None if v is None else process(v) for v in values]
        assert len(calls) == len({v for v in values if v is not None})
    assert _bound([{"a": 1}, None], lambda v: str(v), False) == ["{'a': 1}", None]
