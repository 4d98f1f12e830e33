"""How demo data reaches the file (storage.demo.load): batches committed whole into a database
that exists, a new file that appears only when whole, and the same rows either way."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crm_desktop.storage import maintenance, report_summary, reports
from crm_desktop.storage.database import Database, open_database
from crm_desktop.storage.demo import chunk
from crm_desktop.storage.demo import generate as demo
from crm_desktop.storage.demo.generate import Cancelled, generate, generate_new
from crm_desktop.storage.errors import DatabaseError

NOW = datetime(2025, 6, 1)
COMPARED = ("customers", "contact_points", "orders", "order_lines", "opportunities", "tickets",
            "interactions", "customer_search", "customer_short")


def _rows(path: Path, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        key = "rowid" if table.startswith("customer_s") else "id"
        return connection.execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall()


def _one(database: Database, sql: str) -> Any:
    with database.engine.connect() as connection:
        return connection.exec_driver_sql(sql).scalar()


def _whole(database: Database, customers: int) -> None:
    """Searchable, audited, triggers in place, `check` passes."""
    assert _one(database, "SELECT count(*) FROM customers") == customers
    assert _one(database, "SELECT count(*) FROM customer_search") == customers
    assert _one(database, "SELECT count(*) FROM customer_short") == customers
    triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    with database.engine.connect() as connection:
        mine = connection.exec_driver_sql(triggers).scalars().all()
    assert mine == _fresh_triggers()
    # the report totals' triggers were off for the load: the days they would have marked are
    # marked, so the reports equal the totals rebuilt from every order and deal
    made = _reports(database)
    with database.engine.begin() as connection:
        report_summary.rebuild_in(connection.connection.cursor())
    assert _reports(database) == made
    assert any(rows for rows, _deals in made.values())
    report = maintenance.check(database)
    assert report.ok, report.problems


def _reports(database: Database) -> dict[str, tuple[list[str], list[str]]]:
    return {by: (sorted(map(repr, reports.revenue_groups(database, by))),
                 sorted(map(repr, reports.deal_groups(database, by))))
            for by in reports.DIMENSIONS}


def _fresh_triggers() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        fresh = open_database(Path(folder) / "fresh.db")
        try:
            with fresh.engine.connect() as connection:
                return list(connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
                ).scalars().all())
        finally:
            fresh.close()


def test_a_new_file_holds_the_same_rows_as_a_database_filled_in_place(tmp_path):
    made = tmp_path / "new.db"
    counts = generate_new(made, 150, seed=3, now=NOW)
    database = open_database(tmp_path / "old.db")
    try:
        assert generate(database, 150, seed=3, now=NOW) == counts
    finally:
        database.close()
    for table in COMPARED:
        assert _rows(made, table) == _rows(tmp_path / "old.db", table), table
    database = open_database(made)
    try:
        _whole(database, 150)
        rows = _one(database, "SELECT count(*) FROM audit_log WHERE entity = 'demo'")
        assert rows == 1
        assert _one(database, "PRAGMA journal_mode") == "wal"
        # loaded with the references unchecked row by row: every one of them holds
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            # the search indexes were filled without merging: whole, and FTS5's own merging
            # settings are back for the app's writes
            for table in ("customer_search", "customer_short"):
                connection.exec_driver_sql(
                    f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
                config = dict(connection.exec_driver_sql(
                    f"SELECT k, v FROM {table}_config").all())
                assert (config["automerge"], config["crisismerge"]) == (4, 16), table
                assert config["hashsize"] == 1024 * 1024, table
        # the indexes dropped for the load are all back
        indexes = _one(database, "SELECT count(*) FROM sqlite_master WHERE type = 'index'")
        fresh = open_database(tmp_path / "empty.db")
        try:
            assert indexes == _one(fresh, "SELECT count(*) FROM sqlite_master WHERE type = 'index'")
        finally:
            fresh.close()
    finally:
        database.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_new_file_is_never_written_over_an_existing_one(tmp_path):
    path = tmp_path / "there.db"
    path.write_bytes(b"mine")
    with pytest.raises(DatabaseError, match="already exists"):
        generate_new(path, 10)
    assert path.read_bytes() == b"mine"


def test_cancelling_a_new_file_leaves_nothing(tmp_path):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1  # after the reference rows

    with pytest.raises(Cancelled, match="nothing was written"):
        generate_new(tmp_path / "new.db", 50, cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(demo, "CHUNK", 40)
    return 40


def test_batches_are_committed_whole_with_an_audit_entry_each(db, small_batches):
    counts = generate(db, 100, seed=2, now=NOW)
    _whole(db, 100)
    with db.engine.connect() as connection:
        entries = [json.loads(value) for (value,) in connection.exec_driver_sql(
            "SELECT new_value FROM audit_log WHERE entity = 'demo' ORDER BY id")]
    assert [e["customers"] for e in entries] == [40, 40, 20]
    assert {t: sum(e[t] for e in entries) for t in counts} == counts


def test_a_failure_in_a_batch_keeps_the_batches_before_it_whole(db, small_batches, monkeypatch):
    """What a crash in the middle leaves: whole batches, searchable and audited."""
    real = chunk.add_service
    calls = []

    def fails_second_time(*args: Any) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk gone")
        real(*args)

    monkeypatch.setattr(chunk, "add_service", fails_second_time)
    with pytest.raises(OSError):
        generate(db, 100, seed=2, now=NOW)
    _whole(db, 40)
    assert _one(db, "SELECT count(*) FROM orders WHERE customer_id > 40") == 0


def test_cancelling_between_batches_says_what_was_kept(db, small_batches):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1  # asked before the reference rows, then before the 2nd batch

    with pytest.raises(Cancelled, match="40 customers were added") as raised:
        generate(db, 100, cancelled=cancelled)
    assert raised.value.kept == 40
    _whole(db, 40)


def _wal_peak(path: Path, customers: int) -> int:
    database = open_database(path)
    wal = Path(f"{database.path}-wal")
    sizes = [0]
    try:
        generate(database, customers, seed=1, now=NOW,
                 progress=lambda _f, _m: sizes.append(wal.stat().st_size if wal.exists() else 0))
    finally:
        database.close()
    return max(sizes)


def test_the_wal_stays_the_size_of_a_batch(tmp_path, monkeypatch):
    """A checkpoint after each batch: the WAL is reused from its start instead of growing
    with the whole load as in one transaction."""
    whole = _wal_peak(tmp_path / "one.db", 800)
    monkeypatch.setattr(demo, "CHUNK", 40)
    batched = _wal_peak(tmp_path / "batches.db", 800)
    print(f"WAL peak {batched:,} bytes in batches of 40, {whole:,} in one transaction")
    assert batched < whole / 2
