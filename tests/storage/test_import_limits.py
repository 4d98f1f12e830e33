"""Import files that are too large, or hold a cell that is (finding 3), and broken vCards
(finding 4): refused before they are read, or reported row by row; never stored silently.

Before: a 205 KB .xlsx with one 200 MB cell stored the cell (the database grew to 843 MB), a
1.5 MB .xlsx zip bomb ran minutes and took 4 GB, and a vCard card missing END:VCARD vanished
without a word."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from crm_desktop.storage.importing import read_source, run_import
from crm_desktop.storage.importing.errors import ImportAborted, ImportError_
from crm_desktop.storage.importing.limits import MB, ImportLimits
from crm_desktop.storage.search.customers import find_customers

SMALL = ImportLimits(max_cell_chars=1000)


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_row_with_an_oversized_xlsx_cell_is_reported_and_the_rest_imported(db, tmp_path):
    path = _xlsx(tmp_path / "big.xlsx", [["Name", "Notes"], ["Small", "ok"],
                                         ["Huge", "x" * 5000], ["Also small", "fine"]])
    report = run_import(db, path, limits=SMALL)
    assert report.imported == 2 and report.rows == 3 and report.skipped == 1
    [problem] = report.invalid
    assert problem.row == 3 and "5,000 characters" in problem.reason
    assert "limit of 1,000" in problem.reason
    assert find_customers(db, "Huge") == []


def test_an_oversized_csv_cell_is_reported_with_its_row(db, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("Name,Notes\nA,a\nB," + "y" * 300_000 + "\nC,c\n", encoding="utf-8")
    report = run_import(db, path, limits=ImportLimits(max_cell_chars=200_000))
    assert report.imported == 2
    assert [(p.row, "300,000 characters" in p.reason) for p in report.invalid] == [(3, True)]
    with pytest.raises(ImportAborted, match="row 3.*300,000 characters"):
        run_import(db, path, on_invalid="abort", limits=ImportLimits(max_cell_chars=200_000))


def test_a_default_limit_keeps_a_200_mb_cell_out(tmp_path):
    """The finding's spreadsheet, scaled: one cell of repeated text packs ~1000 times; the
    file is refused from the zip's directory before openpyxl reads any of it."""
    path = _xlsx(tmp_path / "one-cell.xlsx", [["Name"], ["placeholder"]])
    _add_member(path, "xl/sharedStrings2.xml", b"<si><t>" + b"A" * (12 * MB) + b"</t></si>")
    with pytest.raises(ImportError_, match=r"one-cell\.xlsx: its part xl/sharedStrings2\.xml "
                                           r"unpacks to 12 MB from .* zip bomb"):
        read_source(path)


def _add_member(path: Path, name: str, content: bytes) -> None:
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(tmp_path, monkeypatch):
    path = _xlsx(tmp_path / "bomb.xlsx", [["Name"], ["Ann"]])
    _add_member(path, "xl/worksheets/sheet9.xml", bytes(40 * MB))
    import openpyxl

    def never(*_args, **_kwargs):
        raise AssertionError("openpyxl was asked to read a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(ImportError_, match="bomb.xlsx.*zip bomb"):
        read_source(path)
    with pytest.raises(ImportError_, match=r"unpacks to \d+ MB, more than the import limit"):
        from crm_desktop.storage.importing.readers import read

        read(path, ImportLimits(max_unpacked_bytes=10 * MB, max_ratio=10**9))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from crm_desktop.storage.importing.readers import read

    path = tmp_path / "large.csv"
    path.write_text("Name\n" + "Ann\n" * 100_000, encoding="utf-8")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(ImportError_, match=r"large\.csv is 0 MB, more than the import limit"):
        read(path, ImportLimits(max_file_bytes=100_000))


VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Erste Karte
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ohne Ende
BEGIN:VCARD
VERSION:3.0
FN:Dritte Karte
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Letzte ohne Ende
"""


def test_vcards_missing_end_are_reported_by_number(db, tmp_path):
    path = tmp_path / "cards.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    report = run_import(db, path)
    assert report.imported == 2 and report.rows == 4
    reasons = {(p.row, p.reason) for p in report.invalid}
    assert reasons == {
        (5, "card 2 has no END:VCARD before the next card (line 8)"),
        (12, "card 4 has no END:VCARD (the file ends inside it)"),
    }
    assert find_customers(db, "Ohne Ende") == [] and len(find_customers(db, "Karte")) == 2


def test_a_nul_character_late_in_the_file_is_reported_not_cut(db, tmp_path):
    """Before, `Late\\0Nul` past the first 256 KB was stored and then found, shown and
    exported as `Late`; other control characters are kept exactly."""
    path = tmp_path / "late.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("Name,Notes\n")
        for i in range(6000):
            handle.write(f"Filler {i},{'x' * 50}\n")
        handle.write("Late\x00Nul,n\n")
        handle.write("Control,ctl\x01here\x1f\n")
    report = run_import(db, path)
    assert report.imported == 6001
    [problem] = report.invalid
    assert problem.row == 6002 and "NUL character" in problem.reason
    assert "position 5" in problem.reason
    assert find_customers(db, "Late") == []
    with db.engine.connect() as connection:
        notes = connection.exec_driver_sql(
            "SELECT notes FROM customers WHERE name = 'Control'").scalar()
    assert notes == "ctl\x01here\x1f"
