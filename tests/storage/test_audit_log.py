"""Reading the audit log: one record's history, filtered pages, and CSV export."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from crm_desktop.models import Customer, utcnow
from crm_desktop.storage import query
from crm_desktop.storage.audit_log import (
    entry_actors,
    entry_kinds,
    export_csv,
    read_entries,
    record_history,
)
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.lists.audit import AuditQuery


def _customer(db, name: str, email: str | None = None) -> int:
    with db.session() as session:
        return create_customer(session, {"name": name, "city": "Oslo"},
                               emails=[email] if email else []).id


def test_history_of_a_customer_shows_its_fields_and_contacts_newest_first(db):
    customer_id = _customer(db, "Old name", "a@example.com")
    other_id = _customer(db, "Someone else")
    with db.session() as session:
        query.update(session, Customer, customer_id, name="New name")
    history = record_history(db, "customers", customer_id)
    assert history[0].action == "update" and history[0].field == "name"
    assert (history[0].old_value, history[0].new_value) == ("Old name", "New name")
    assert history[0].actor == db.actor and history[0].machine == db.machine
    assert any(e.entity == "contact_points" and e.new_value == "a@example.com" for e in history)
    assert all(e.entity_id != other_id or e.entity != "customers" for e in history)
    assert [e.id for e in history] == sorted((e.id for e in history), reverse=True)


def test_filters_select_by_kind_id_actor_dates_and_text(db):
    first = _customer(db, "Alpha", "alpha@example.com")
    db.actor = "li"
    second = _customer(db, "北京公司")
    everything = read_entries(db, AuditQuery(), limit=1000)
    assert {e.entity for e in everything} == {"customers", "contact_points"}
    assert {e.entity_id for e in read_entries(db, AuditQuery(entity="customers",
                                                             entity_id=first))} == {first}
    assert {e.entity_id for e in read_entries(db, AuditQuery(actor="li"))} == {second}
    assert [e.new_value for e in read_entries(db, AuditQuery(text="北京"))] == ["北京公司"]
    today = utcnow().date()
    assert len(read_entries(db, AuditQuery(since=today, until=today), limit=1000)) == \
        len(everything)
    assert read_entries(db, AuditQuery(until=today - timedelta(days=1))) == []
    assert read_entries(db, AuditQuery(since=today + timedelta(days=1))) == []
    assert entry_kinds(db) == ["contact_points", "customers"]
    assert entry_actors(db) == sorted({"li", everything[-1].actor})


def test_pages_follow_each_other_without_gaps(db):
    for number in range(7):
        _customer(db, f"Customer {number}")
    everything = read_entries(db, AuditQuery(), limit=1000)
    pages = [read_entries(db, AuditQuery(), offset=offset, limit=5)
             for offset in range(0, len(everything), 5)]
    assert [e.id for page in pages for e in page] == [e.id for e in everything]


def test_export_writes_the_filtered_entries_and_neutralises_formulas(db, tmp_path):
    _customer(db, "=HYPERLINK(\"http://x\")")
    _customer(db, "Plain")
    path = tmp_path / "audit.csv"
    count = export_csv(db, AuditQuery(entity="customers", text="HYPERLINK"), path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert count == 1 and len(rows) == 2
    assert rows[0] == ["id", "at", "actor", "machine", "entity", "entity_id", "action",
                       "field", "old_value", "new_value"]
    assert rows[1][-1] == "'=HYPERLINK(\"http://x\")" and rows[1][-2] == ""
    assert not list(tmp_path.glob("*.partial"))


def test_export_into_a_missing_folder_says_so_in_one_line(db, tmp_path):
    import pytest

    from crm_desktop.storage.errors import StorageError

    _customer(db, "Plain")
    with pytest.raises(StorageError) as raised:
        export_csv(db, AuditQuery(), tmp_path / "missing" / "audit.csv")
    assert "audit.csv" in str(raised.value) and "\n" not in str(raised.value)


def test_a_date_filter_uses_whole_days(db):
    _customer(db, "Today")
    today = date.today()
    assert read_entries(db, AuditQuery(since=today - timedelta(days=3),
                                       until=today + timedelta(days=3)))
