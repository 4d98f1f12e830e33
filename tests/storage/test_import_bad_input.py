"""Import: bad input gets a clear message and never leaves half an import behind."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm_desktop.storage.database import open_database
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.importing import ImportAborted, ImportCancelled, ImportError_, run_import

TABLES = ("customers", "contact_points", "audit_log", "customer_search", "customer_short")


def counts(db) -> dict[str, int]:
    with db.engine.connect() as connection:
        return {t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                for t in TABLES}


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"  \r\n\r\n", "is empty"),
    (b"Name,Email,Phone\r\n", "no data rows"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000), "not a text file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old Excel"),
])
def test_unreadable_files_get_a_clear_message(db, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = counts(db)
    with pytest.raises(ImportError_, match=message):
        run_import(db, path)
    assert counts(db) == before


def test_missing_file_and_folder(db, tmp_path):
    with pytest.raises(ImportError_, match="does not exist"):
        run_import(db, tmp_path / "nope.csv")
    with pytest.raises(ImportError_, match="folder"):
        run_import(db, tmp_path)


def test_ragged_rows(db, tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("Name,Email,City\nAda,ada@example.com\n"
                    "Bob,bob@example.com,Paris,extra,cells\nCy,cy@example.com,Rome,,\n"
                    "Di,\"di@example.com\nbroken\",Oslo\n", encoding="utf-8")
    report = run_import(db, path)
    problems = {(p.row, p.field) for p in report.invalid}
    assert (3, "(row)") in problems and (5, "email") in problems
    assert report.imported == 2  # Ada (short row padded) and Cy (empty extra cells)
    with pytest.raises(ImportAborted, match="row 3, \\(row\\): the row has 5 values"):
        run_import(db, path, on_invalid="abort", on_match="skip")


def test_wrong_type_cells_in_excel(db, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Birthday", "Rating"])
    sheet.append(["Ada", 12345.5, "excellent"])
    sheet.append(["Bob", datetime(1990, 1, 2), True])
    workbook.save(tmp_path / "types.xlsx")
    before = counts(db)
    with pytest.raises(ImportAborted) as caught:
        run_import(db, tmp_path / "types.xlsx", on_invalid="abort")
    assert {(p.row, p.field) for p in caught.value.report.invalid} == {
        (2, "birthday"), (2, "rating"), (3, "rating")}
    assert counts(db) == before


def test_50_mb_file(db, tmp_path):
    """A big export with a wide unmapped column: streamed through, aborted whole, then skipped."""
    rows = 25_000
    blob = "x" * 2000
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("Name,Email,Rating,Attachment\r\n")
        for i in range(rows):
            rating = "lots" if i == 20_000 else str(i % 6)
            handle.write(f"Customer {i},c{i}@example.com,{rating},{blob}\r\n")
    assert path.stat().st_size > 50_000_000
    mapping = {"Name": "name", "Email": "email", "Rating": "rating", "Attachment": None}
    before = counts(db)
    with pytest.raises(ImportAborted, match="row 20002, rating"):
        run_import(db, path, mapping=mapping, on_invalid="abort")
    assert counts(db) == before
    report = run_import(db, path, mapping=mapping, on_invalid="skip")
    assert report.imported == rows - 1 and counts(db)["customers"] == rows - 1


def test_cancel_rolls_back(db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Name,Email\n" + "".join(f"N{i},n{i}@example.com\n" for i in range(12000)),
                    encoding="utf-8")
    before = counts(db)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1  # after the first chunk was written

    with pytest.raises(ImportCancelled):
        run_import(db, path, cancelled=cancelled)
    assert counts(db) == before


@pytest.mark.parametrize("where", ["importing thread", "writer thread"])
def test_failure_inside_the_transaction_leaves_nothing(db, tmp_path, monkeypatch, where):
    import sqlite3

    from crm_desktop.storage.importing.customer_load import BulkCustomerWriter

    path = tmp_path / "c.csv"
    path.write_text("Name,Email\n" + "".join(f"N{i},n{i}@example.com\n" for i in range(12000)),
                    encoding="utf-8")
    original = BulkCustomerWriter.add
    calls = []

    def failing(self, *args):
        calls.append(1)
        if len(calls) == 2:
            if where == "importing thread":
                raise OSError("disk full")
            self.sql = ("INSERT INTO nowhere VALUES (?)", *self.sql[1:])
        original(self, *args)

    monkeypatch.setattr(BulkCustomerWriter, "add", failing)
    before = counts(db)
    with pytest.raises((OSError, sqlite3.OperationalError)):
        run_import(db, path)
    assert counts(db) == before
    with db.engine.connect() as connection:
        schema = connection.exec_driver_sql(
            "SELECT type, count(*) FROM sqlite_master GROUP BY type").all()
    assert dict(schema)["trigger"] >= 6 and dict(schema)["index"] >= 10


@pytest.fixture(scope="module")
def fuzz_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copyfile(template_db, path)
    database = open_database(path)
    yield database
    database.close()


_CSVISH = st.lists(
    st.lists(st.one_of(st.text(max_size=12), st.sampled_from(
        ["Name", "Email", "Phone", "ada@example.com", "+14155550100", '"', ",", "\n", "'=1"])),
        max_size=5),
    max_size=6,
).map(lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8"))


@given(data=st.one_of(st.binary(max_size=600), _CSVISH))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_arbitrary_bytes_import_cleanly_or_fail_clearly(fuzz_db, tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "fuzz.csv"
    path.write_bytes(data)
    before = counts(fuzz_db)
    try:
        report = run_import(fuzz_db, path, on_match="skip")
    except StorageError as error:
        assert str(error)
        assert counts(fuzz_db) == before
        return
    after = counts(fuzz_db)
    assert after["customers"] == (before["customers"] + report.imported
                                  + report.companies_created)
    assert report.rows == report.imported + report.updated + report.skipped
    assert after["customer_search"] == after["customers"]
