"""The streamed CSV reader (storage.importing.stream): checking and writing start at the first
chunk, and the result is the one of reading the whole file first: the same database content
and the same report (invalid rows and their numbers, duplicates, warnings)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crm_desktop.storage.database import open_database
from crm_desktop.storage.importing import (
    ImportCancelled,
    customer_import,
    read_source,
    readers,
    run_import,
)
from crm_desktop.storage.importing import stream as stream_mod
from crm_desktop.storage.importing.errors import ImportError_
from crm_desktop.storage.importing.limits import ImportLimits
from crm_desktop.storage.importing.stream import StreamedSource, open_source

# Differ from run to run whatever the reader: new UUIDs, the clock.
_VOLATILE = {"uuid", "entity_uuid", "created_at", "updated_at", "at", "hash", "prev_hash",
             "last_hash"}


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    """Chunks of a few rows, so that a small file crosses many chunk boundaries (the file's
    steps of 3 records and the import's chunks of 4 rows do not line up)."""
    monkeypatch.setattr(stream_mod, "_STEP", 3)
    monkeypatch.setattr(customer_import, "CHUNK", 4)


def _rows(count: int, start: int = 0) -> list[str]:
    return [f"Person {i},p{i}@example.com,+1 415 555 {1000 + i},City {i % 3}"
            for i in range(start, start + count)]


def _awkward_lines() -> list[str]:
    """Rows of every kind the reader treats apart, between plain rows."""
    return [
        *_rows(5),
        "Bad Email,not-an-email,,Paris",                        # invalid value
        "Person 2 again,p2@example.com,,Paris",                 # duplicate of row 4
        '"Quoted, Name","q@example.com",,"two\nlines"',        # quoted newline in a cell
        ",,,",                                                  # empty row: skipped
        "'=Formula,f@example.com,,'+Berlin",                    # export's neutralised cells
        *_rows(6, 10),
        "Too Long," + "x" * 50 + "@example.com,,Rome",         # over max_cell_chars
        "Person 11 again,P11@Example.com,,Oslo",                # duplicate, other spelling
        *_rows(7, 20),
    ]


def _write(path: Path, lines: list[str], encoding: str = "utf-8", bom: bool = False) -> Path:
    text = "\r\n".join(["Name,Email,Phone,City", *lines]) + "\r\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


def _content(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in id order without the volatile columns."""
    connection = sqlite3.connect(path)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name")]
        content = {}
        for table in tables:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')
                       if row[1] not in _VOLATILE]
            listed = ", ".join(f'"{c}"' for c in columns)
            content[table] = connection.execute(
                f'SELECT {listed} FROM "{table}" ORDER BY {listed}').fetchall()
        return content
    finally:
        connection.close()


def _both(template_db: Path, tmp_path: Path, source: Path, **options):
    """(report, content) of importing `source` read whole, then streamed."""
    results = []
    for name in ("whole", "streamed"):
        path = tmp_path / f"{name}.db"
        path.write_bytes(template_db.read_bytes())
        database = open_database(path)
        try:
            given = ({"source": read_source(source, options.get("limits"))}
                     if name == "whole" else {})
            report = run_import(database, source, **options, **given)
        finally:
            database.close()
        data = report.to_dict()
        data.pop("file")
        results.append((data, _content(path)))
    return results


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", True), ("utf-8", False),
                                               ("gb18030", False), ("cp1252", False)])
def test_streamed_and_whole_file_give_the_same_database_and_report(template_db, tmp_path,
                                                                   encoding, bom):
    lines = _awkward_lines()
    if encoding != "utf-8":
        lines[3] = "Müller Zoë 北京,mz@example.cn,,München" if encoding == "gb18030" \
            else "Jürgen Müller,jm@example.de,,Málaga"
    path = _write(tmp_path / "people.csv", lines, encoding, bom)
    assert isinstance(open_source(path), StreamedSource)
    limits = ImportLimits(max_cell_chars=40)
    (whole, whole_db), (streamed, streamed_db) = _both(template_db, tmp_path, path,
                                                       limits=limits)
    assert streamed == whole
    assert streamed_db == whole_db
    assert "\ufeff" not in str(whole["mapping"]) and "Name" in whole["mapping"]
    reasons = {problem["row"]: problem["reason"] for problem in whole["invalid"]}
    # the bad email, the cell too long: numbered as records (the quoted newline is one)
    assert "email" in reasons[7] and "more than the import limit" in reasons[18]
    assert len(whole["duplicates"]) == 2
    assert whole["imported"] == 20 and whole["rows"] == 24


def test_a_line_in_another_encoding_is_rejected_at_its_row_either_way(template_db, tmp_path):
    path = tmp_path / "mixed.csv"
    lines = _awkward_lines() + [f"上海贸易 {i},sh{i}@example.cn,,上海" for i in range(6)]
    body = "\r\n".join(["Name,Email,Phone,City", *lines]).encode("utf-8") + b"\r\n"
    body += "北京公司,bj@example.cn,,北京\r\n".encode("gbk")
    body += "\r\n".join(_rows(4, 40)).encode("utf-8") + b"\r\n"
    path.write_bytes(body)
    assert isinstance(open_source(path), StreamedSource)
    (whole, whole_db), (streamed, streamed_db) = _both(template_db, tmp_path, path)
    assert streamed == whole and streamed_db == whole_db
    bad_row = 1 + len(lines) + 1  # after the header and the lines (records, not lines)
    assert any(problem["row"] == bad_row and "not valid UTF-8" in problem["reason"]
               for problem in whole["invalid"])


def test_dry_run_and_abort_give_the_same_report(template_db, tmp_path):
    path = _write(tmp_path / "people.csv", _awkward_lines())
    (whole, _), (streamed, _) = _both(template_db, tmp_path, path, dry_run=True)
    assert streamed == whole and whole["dry_run"]
    for name in ("a", "b"):
        database = open_database(_copy(template_db, tmp_path / f"{name}.db"))
        try:
            with pytest.raises(Exception, match="import aborted") as raised:
                run_import(database, path, on_invalid="abort",
                           **({"source": read_source(path)} if name == "a" else {}))
        finally:
            database.close()
        assert raised.value.report.to_dict()["invalid"] == whole["invalid"]
        assert _customers(tmp_path / f"{name}.db") == 0


def _copy(template_db: Path, path: Path) -> Path:
    path.write_bytes(template_db.read_bytes())
    return path


def _customers(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM customers").fetchone()[0])
    finally:
        connection.close()


def test_streamed_import_reports_progress_and_can_be_cancelled(db, db_path, tmp_path):
    path = _write(tmp_path / "people.csv", _rows(40))
    assert isinstance(open_source(path), StreamedSource)
    calls = iter(range(1000))
    with pytest.raises(ImportCancelled):
        run_import(db, path, cancelled=lambda: next(calls) >= 3)
    assert _customers(db_path) == 0
    seen: list[float] = []
    report = run_import(db, path, progress=lambda fraction, _message: seen.append(fraction))
    assert report.imported == 40 and report.rows == 40
    importing = seen[:seen.index(max(seen))]
    assert importing == sorted(importing) and len(set(importing)) > 5 and seen[-1] == 1.0
    assert _customers(db_path) == 40


def test_files_a_stream_cannot_describe_ahead_are_read_whole(db, db_path, tmp_path):
    headerless = _write(tmp_path / "x.csv", _rows(10))
    headerless.write_text("\n".join(_rows(10)) + "\n", encoding="utf-8")
    assert not isinstance(open_source(headerless), StreamedSource)  # width: the widest row
    small = _write(tmp_path / "small.csv", _rows(2))
    assert not isinstance(open_source(small), StreamedSource)  # one chunk
    blank = tmp_path / "blank.csv"
    blank.write_text("Name,Email\n" + ",\n" * 10, encoding="utf-8")
    assert isinstance(open_source(blank), StreamedSource)  # known empty at its end only
    with pytest.raises(ImportError_, match="blank.csv has a header row but no data rows"):
        run_import(db, blank)
    assert _customers(db_path) == 0


def test_checking_starts_before_the_file_is_all_parsed(db, tmp_path, monkeypatch):
    path = _write(tmp_path / "people.csv", _rows(40))
    events: list[str] = []
    parse, check = readers.CsvText.chunks, customer_import.BatchReader.read

    def parsing(self, *args):
        for step in parse(self, *args):
            events.append("parsed")
            yield step

    def checking(self, rows):
        events.append("checked")
        return check(self, rows)

    monkeypatch.setattr(readers.CsvText, "chunks", parsing)
    monkeypatch.setattr(customer_import.BatchReader, "read", checking)
    assert run_import(db, path).imported == 40
    assert events.index("checked") < len(events) - 1 - events[::-1].index("parsed")
    assert events.count("parsed") == 14 and events.count("checked") == 10  # 41 / 3, 40 / 4
