"""The customer import checked partly in a second process (importing.parallel) gives what the
serial path gives: the same rows in the database, the same report (invalid rows, warnings,
duplicates), the same audit summary. A helper that dies or fails with rows in hand ends the
import with one clear error and nothing written; one that cannot start leaves the work to the
importing process; a cancel stops the helper too."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from crm_desktop.storage.database import open_database
from crm_desktop.storage.importing import (
    ImportCancelled,
    ImportError_,
    customer_import,
    parallel,
    run_import,
)

EXISTING = ("Name,Email,Phone,Status,External ID\n"
            "Ada Lovelace,ada@example.com,+1 415 555 0100,lead,X-1\n"
            "Engines Ltd,info@engines.example,,customer,X-2\n")


def _write_file(path: Path, rows: int = 900) -> None:
    """Customers with everything the checks and matching decide on: invalid e-mails and
    phones, phones kept with a warning, several values in a cell, in-file duplicates, rows
    matching the database, companies named by people, churned rows, ragged rows, and a line
    in another encoding (an invalid row the reader reports)."""
    lines = ["Name,Email,Phone,Company,Kind,Status,External ID,City,Notes"]
    for i in range(rows):
        email = f"user{i}@example{i % 7}.com"
        phone = ["(415) 555-{:04d}", "+1 212 555 {:04d}", "+86 138{:08d}",
                 "+65 3000 {:04d}"][i % 4].format(i)
        if i % 37 == 0:
            email = "not-an-email"
        if i % 41 == 0:
            phone = "12"
        if i % 29 == 0:
            email = f"a{i}@example.com; b{i}@example.org"
        if i % 31 == 0 and i:
            email = f"user{i - 1}@example{(i - 1) % 7}.com"  # an in-file duplicate
        kind, name, company = "person", f"Person {i}", f"Company {i % 17}"
        if i % 43 == 0:
            kind, name, company = "company", f"Company {i % 13}", ""
        status = ["lead", "customer", "churned", ""][i % 4]
        external = "X-1" if i == 500 else ""  # matches Ada
        city = "北京" if i % 5 == 0 else "London"
        line = f"{name},{email},{phone},{company},{kind},{status},{external},{city},note {i}"
        if i % 53 == 0:
            line += ",extra,cells"  # more values than the header has columns
        lines.append(line)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    bad = "Zoë Müller,zoe@example.com,,,,,,Köln,ä\n".encode("cp1252")
    path.write_bytes(data + bad)


def _database(template: Path, folder: Path, name: str, existing: Path) -> Path:
    path = folder / name
    shutil.copyfile(template, path)
    database = open_database(path)
    run_import(database, existing)
    database.close()
    return path


def _content(path: Path) -> dict[str, Any]:
    """What the import wrote, without what differs on every run (UUIDs, times)."""
    connection = sqlite3.connect(path)
    try:
        customers = connection.execute(
            "SELECT id, name, kind, status, company_id, city, notes, external_id, tags, "
            "churned_at IS NULL FROM customers ORDER BY id").fetchall()
        contacts = connection.execute(
            "SELECT id, customer_id, kind, label, value, normalized, is_primary "
            "FROM contact_points ORDER BY id").fetchall()
        summaries = [json.loads(text) for (text,) in connection.execute(
            "SELECT new_value FROM audit_log WHERE action = 'import' ORDER BY id")]
        # The per-field entries of the updates, as a set: their order follows the ORM's
        # set of changed objects (memory addresses), which differs from run to run on the
        # serial path too; a change of status stamps churned_at with the time of the import.
        audited = sorted(
            (entity, entity_id, field, old, "(time)" if field == "churned_at" else new, action)
            for entity, entity_id, field, old, new, action in connection.execute(
                "SELECT entity, entity_id, field, old_value, new_value, action FROM audit_log "
                "WHERE action != 'import'"))
        backlog = connection.execute(
            "SELECT first_id, last_id FROM customer_search_backlog").fetchall()
    finally:
        connection.close()
    return {"customers": customers, "contacts": contacts, "summaries": summaries,
            "audited": audited, "backlog": backlog}


class _Waiting(parallel.CheckedChunks):
    """Waits for the helper to be ready before the first chunk (a small file is otherwise
    all checked before the helper has started), and remembers itself."""

    made: list[parallel.CheckedChunks] = []

    def __enter__(self) -> parallel.CheckedChunks:
        super().__enter__()
        _Waiting.made.append(self)
        try:
            while not self.ready and not self.failed:
                self._collect(block=True)
        except BaseException:
            self.close()
            raise
        return self


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(customer_import, "CHUNK", 40)
    monkeypatch.setattr(parallel, "MIN_ROWS", 0)
    monkeypatch.setattr(parallel, "CheckedChunks", _Waiting)
    _Waiting.made.clear()


def test_parallel_import_equals_serial(template_db, tmp_path, monkeypatch, small_chunks):
    existing, source = tmp_path / "existing.csv", tmp_path / "customers.csv"
    existing.write_text(EXISTING, "utf-8")
    _write_file(source)
    serial_db = _database(template_db, tmp_path, "serial.db", existing)
    parallel_db = _database(template_db, tmp_path, "parallel.db", existing)
    _Waiting.made.clear()

    monkeypatch.setattr(parallel, "MIN_ROWS", 10**9)
    database = open_database(serial_db)
    serial = run_import(database, source, region="US", search_index=False)
    database.close()
    assert not _Waiting.made

    monkeypatch.setattr(parallel, "MIN_ROWS", 0)
    database = open_database(parallel_db)
    both = run_import(database, source, region="US", search_index=False)
    database.close()
    helper = _Waiting.made[0]
    assert 0 < helper.by_helper < helper.count  # both processes checked chunks
    assert not multiprocessing.active_children()  # the helper ended with the import

    assert serial.invalid and serial.warnings and serial.duplicates and serial.updated
    assert serial.companies_created and any(p.field == "(row)" for p in serial.invalid)
    assert both.to_dict() == serial.to_dict()
    assert _content(parallel_db) == _content(serial_db)


def test_dry_run_in_parallel_equals_serial(db, tmp_path, monkeypatch, small_chunks):
    source = tmp_path / "customers.csv"
    _write_file(source, rows=400)
    monkeypatch.setattr(parallel, "MIN_ROWS", 10**9)
    serial = run_import(db, source, dry_run=True)
    monkeypatch.setattr(parallel, "MIN_ROWS", 0)
    both = run_import(db, source, dry_run=True)
    assert _Waiting.made and _Waiting.made[0].by_helper > 0
    assert both.to_dict() == serial.to_dict()


# Helpers that go wrong on purpose (top-level: the spawned process imports them from here).
def dying_serve(requests: Any, replies: Any, *_args: Any) -> None:
    replies.put(("ready", -1, None))
    replies.close()
    replies.join_thread()  # the answer is out before the process goes
    requests.get()
    os._exit(3)  # as if killed while it held a chunk


def failing_serve(requests: Any, replies: Any, *_args: Any) -> None:
    replies.put(("ready", -1, None))
    requests.get()
    replies.put(("error", 0, "Traceback ...\nValueError: broken on purpose"))


def failing_start(requests: Any, replies: Any, *_args: Any) -> None:
    raise SystemExit(5)  # dies before it is ready: nothing was handed to it


def _count(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.parametrize(("serve", "says"), [
    (dying_serve, "stopped unexpectedly (exit code 3)"),
    (failing_serve, "failed:\nTraceback ...\nValueError: broken on purpose"),
])
def test_a_helper_lost_with_rows_in_hand_fails_the_import_whole(
        db, db_path, tmp_path, monkeypatch, small_chunks, serve, says):
    source = tmp_path / "customers.csv"
    _write_file(source, rows=400)
    monkeypatch.setattr(parallel, "SERVE", serve)
    before = {t: _count(db_path, t) for t in ("customers", "contact_points", "audit_log")}
    with pytest.raises(ImportError_) as caught:
        run_import(db, source)
    message = str(caught.value)
    assert message.startswith("customers.csv: the process checking the rows ")
    assert says in message and message.endswith("nothing was imported")
    assert {t: _count(db_path, t) for t in before} == before
    assert not multiprocessing.active_children()
    # The database is whole and usable: the same file imports afterwards.
    monkeypatch.setattr(parallel, "SERVE", parallel.serve)
    assert run_import(db, source).imported > 300


def test_a_helper_that_cannot_start_leaves_the_work_here(
        db, tmp_path, monkeypatch, small_chunks):
    source = tmp_path / "customers.csv"
    _write_file(source, rows=400)
    monkeypatch.setattr(parallel, "MIN_ROWS", 10**9)
    expected = run_import(db, source, dry_run=True).to_dict()
    monkeypatch.setattr(parallel, "MIN_ROWS", 0)
    monkeypatch.setattr(parallel, "SERVE", failing_start)
    report = run_import(db, source)
    helper = _Waiting.made[-1]
    assert helper.failed and helper.by_helper == 0
    assert {**report.to_dict(), "dry_run": True} == expected


def test_cancel_stops_the_helper_and_writes_nothing(db, db_path, tmp_path, small_chunks):
    source = tmp_path / "customers.csv"
    _write_file(source, rows=400)

    def cancelled() -> bool:  # once the helper has checked a chunk (it holds more)
        return bool(_Waiting.made) and _Waiting.made[0].by_helper > 0

    with pytest.raises(ImportCancelled):
        run_import(db, source, cancelled=cancelled)
    assert _Waiting.made and not multiprocessing.active_children()
    assert _count(db_path, "customers") == 0
