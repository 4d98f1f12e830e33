"""The search backlog (storage.search.backlog): an import's customers are indexed after its
commit; until then search finds them by LIKE, `check` reports them as waiting (not as a damaged
index), and indexing them (whole, in chunks, after edits) gives the index a full rebuild
gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crm_desktop.storage import direct
from crm_desktop.storage.customers import update_customer
from crm_desktop.storage.database import raw_connection
from crm_desktop.storage.importing import run_import
from crm_desktop.storage.maintenance import check
from crm_desktop.storage.search import backlog
from crm_desktop.storage.search import schema as search_schema
from crm_desktop.storage.search.customers import search_customers

ROWS = """Name,Company,Email,Phone,City,Notes
John Smith,Acme Trading,john.smith@example.com,(415) 555-0100,London,likes tea
Joanna Johnson,,joanna@example.org,+1 212 555 0199,New York,
张伟明,Acme Trading,zwm@acme.cn,+86 138 0013 8000,北京,
李娜,,lina@example.cn,,上海,VIP 客户
Ada Lovelace,Analytical Engines,ada@engines.co.uk,+44 20 7946 0958,London,first programmer
"""
QUERIES = ["john", "ohn", "SMITH", "jo sm", "李娜", "伟明", "张伟明", "北京", "acme",
           "john.smith@example", "555-0100", "13800138000", "tea", "london", "engines",
           "ada@engines", "nobody"]


@pytest.fixture
def waiting_db(db, tmp_path):
    """Five customers and two companies imported, their search index rows not written yet."""
    source = tmp_path / "people.csv"
    source.write_text(ROWS, encoding="utf-8")
    report = run_import(db, source, search_index=False)
    assert report.imported == 5
    return db


def _found(db, text: str) -> list[str]:
    with db.engine.connect() as connection:
        return [hit.name for hit in search_customers(connection, text)]


def _index_rows(db) -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql(
            "SELECT s.rowid, s.name, s.company, s.emails, s.phones, s.city, s.notes, g.grams "
            "FROM customer_search s JOIN customer_short g ON g.rowid = s.rowid "
            "ORDER BY s.rowid").all()]


def _rebuilt(db) -> list[tuple]:
    with raw_connection(db) as connection:
        search_schema.rebuild(connection.execute)
        backlog.clear(connection)
        connection.commit()
    return _index_rows(db)


def test_search_finds_waiting_rows_as_the_index_finds_them(waiting_db):
    before = {text: _found(waiting_db, text) for text in QUERIES}
    assert _index_rows(waiting_db) == []  # nothing indexed: these came from the backlog
    assert before["john"] == ["John Smith", "Joanna Johnson"]
    assert before["伟明"] == ["张伟明"] and before["13800138000"] == ["张伟明"]
    assert before["ada@engines"] == ["Ada Lovelace"] and before["nobody"] == []
    assert backlog.finish(waiting_db) == 7  # five people and the two companies made
    assert {text: _found(waiting_db, text) for text in QUERIES} == before
    assert backlog.ranges(sqlite3.connect(waiting_db.path)) == []


def test_plain_connection_search_finds_waiting_rows(waiting_db):
    connection = direct.open_current(waiting_db.path)
    try:
        assert [hit.name for hit in direct.search(connection, "伟明")] == ["张伟明"]
        assert [hit.name for hit in direct.search(connection, "analytical")] == [
            "Analytical Engines", "Ada Lovelace"]
    finally:
        connection.close()


def test_check_reports_waiting_rows_and_repair_finishes_them(waiting_db):
    report = check(waiting_db, full=True)
    assert report.ok and report.search_waiting == 7 and report.problems == ()
    connection = direct.open_current(waiting_db.path, verify=False)
    try:
        plain = direct.health(connection, full=True)
    finally:
        connection.close()
    assert plain.ok and plain.search_waiting == 7
    backlog.finish(waiting_db)
    report = check(waiting_db, full=True)
    assert report.ok and report.search_waiting == 0


def test_a_missing_index_row_outside_the_backlog_is_still_a_problem(waiting_db):
    backlog.finish(waiting_db)
    with raw_connection(waiting_db) as connection:
        connection.execute("DELETE FROM customer_search WHERE rowid = (SELECT max(rowid) FROM "
                           "customer_search)")
        connection.commit()
    report = check(waiting_db, full=True)
    assert not report.ok and "search index has 6 rows for 7 customers" in report.problems[0]


def test_indexing_in_chunks_after_edits_gives_what_a_rebuild_gives(waiting_db):
    with waiting_db.session() as session:
        ids = [row[0] for row in session.connection().exec_driver_sql(
            "SELECT id FROM customers WHERE name IN ('John Smith', '李娜') ORDER BY id").all()]
        # an edit of a waiting customer indexes it (the triggers), the backlog then skips it
        update_customer(session, ids[0], {"name": "Jonathan Smyth"}, emails=["js@new.org"])
        update_customer(session, ids[1], {"city": "杭州"})
    assert _found(waiting_db, "smyth") == ["Jonathan Smyth"]
    assert _found(waiting_db, "杭州") == ["李娜"]
    calls = []
    with raw_connection(waiting_db) as connection:
        connection.isolation_level = None
        done = backlog.index_backlog(connection, chunk=2,
                                     cancelled=lambda: len(calls.append(1) or calls) > 2)
        assert done == 4  # two chunks, then cancelled: the rest waits
        assert backlog.waiting(connection) > 0
    assert _found(waiting_db, "engines") == ["Analytical Engines", "Ada Lovelace"]
    assert _found(waiting_db, "js@new") == ["Jonathan Smyth"]
    with raw_connection(waiting_db) as connection:
        connection.isolation_level = None
        backlog.index_backlog(connection, chunk=2)
    assert check(waiting_db, full=True).ok
    indexed = _index_rows(waiting_db)
    assert len(indexed) == 7 and indexed == _rebuilt(waiting_db)


def test_the_default_import_indexes_before_returning(db, tmp_path):
    source = tmp_path / "people.csv"
    source.write_text(ROWS, encoding="utf-8")
    seen = []
    run_import(db, source, progress=lambda fraction, message: seen.append((fraction, message)))
    assert len(_index_rows(db)) == 7
    with raw_connection(db) as connection:
        assert backlog.ranges(connection) == []
    fractions = [fraction for fraction, _message in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any(message == "indexing for search" for _fraction, message in seen)


def test_cli_check_notes_waiting_rows_and_repair_indexes_them(waiting_db, capsys):
    from crm_desktop.cli import main

    path: Path = waiting_db.path
    waiting_db.close()
    assert main(["check", "--db", str(path), "--full"]) == 0
    out = capsys.readouterr().out
    assert "note: 7 customers waiting for the search index" in out and "ok" in out
    assert main(["check", "--db", str(path), "--repair"]) == 0
    out = capsys.readouterr().out
    assert "indexed 7 customers for search" in out and "waiting" not in out


def test_list_search_box_finds_waiting_rows(waiting_db):
    from sqlalchemy import select

    from crm_desktop.models import Customer
    from crm_desktop.storage.search.everything import customer_filter

    def listed(text: str) -> list[str]:
        with waiting_db.session() as session:
            return list(session.scalars(select(Customer.name).where(customer_filter(text))
                                        .order_by(Customer.name)))

    before = {text: listed(text) for text in ("acme", "伟明", "13800138000", "tea", "nobody")}
    assert before["acme"] == ["Acme Trading", "John Smith", "张伟明"]
    assert before["伟明"] == ["张伟明"]
    assert before["13800138000"] == ["张伟明"] and before["nobody"] == []
    backlog.finish(waiting_db)
    assert {text: listed(text) for text in before} == before
