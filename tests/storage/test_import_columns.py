"""The CSV text cut into columns without the csv module (storage.importing.csv_columns) gives
what the csv module's rows give: the same rows, numbers, rejected rows and steps, on texts
with every cell the reader treats apart (spaces of every kind, blank and ragged rows, line
breaks of three kinds, apostrophes of the export, CJK, cells over the limit); and the checked
cells of a chunk held as columns are those of the same chunk held as rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crm_desktop.storage.database import open_database
from crm_desktop.storage.importing import csv_columns, run_import
from crm_desktop.storage.importing.cells import BatchReader
from crm_desktop.storage.importing.csv_columns import ColumnRows, joined
from crm_desktop.storage.importing.limits import ImportLimits
from crm_desktop.storage.importing.readers import CsvText
from crm_desktop.storage.importing.validate import Checker
from tests.storage.test_import_stream import _content

CELLS = ["", " ", "  ", "a", "Ada Lovelace", " padded ", "张伟", "北京\u3000", "\u3000",
         "\xa0x", "x\x1c", "\x1f", "\x85", "+86 138 0013 8000", "(415) 555-0100 ext. 12",
         "'=SUM(A1)", "'+Berlin", "O'Brien", "'", "a@b.com", "x" * 12, "\x0b", "\\", "tab\tin"]


def _text(data: st.DataObject, delimiter: str) -> str:
    width = data.draw(st.integers(1, 4))
    ending = data.draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = []
    for _ in range(data.draw(st.integers(1, 12))):
        shape = data.draw(st.sampled_from(["row", "row", "row", "blank", "short", "long"]))
        size = {"row": width, "blank": 0, "short": max(0, width - 1), "long": width + 1}[shape]
        cells = [data.draw(st.sampled_from(CELLS)) for _ in range(size)]
        lines.append(delimiter.join(cells))
    return ending.join(lines) + data.draw(st.sampled_from(["", ending, ending * 2, "\n"]))


def _steps(text: CsvText, limits: ImportLimits, size: int, plain: bool, monkeypatch
           ) -> list[tuple[list[tuple[int, list[str]]], list[tuple[int, str]]]]:
    with monkeypatch.context() as patched:
        if not plain:
            patched.setattr(csv_columns, "plain", lambda _text, _bad: False)
        return [(list(rows), rejected) for rows, rejected in text.chunks(limits, size)]


@given(st.data(), st.sampled_from([",", ";", "\t", "|"]), st.integers(1, 5),
       st.sampled_from([3, 11, 1_000_000]))
@settings(max_examples=400, deadline=None)
def test_columns_give_the_csv_modules_rows_step_by_step(data, delimiter, size, longest):
    raw = _text(data, delimiter)
    text = CsvText(Path("people.csv"), raw, "utf-8", delimiter, {})
    limits = ImportLimits(max_cell_chars=longest)
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert csv_columns.plain(raw, {})
        fast = _steps(text, limits, size, True, monkeypatch)
        slow = _steps(text, limits, size, False, monkeypatch)
    assert fast == slow


def test_a_plain_step_is_held_as_columns_and_a_ragged_one_as_rows():
    text = CsvText(Path("x.csv"), "a,b\r\nc, d \r\n\r\ne,f,g\r\n", "utf-8", ",", {})
    steps = list(text.chunks(ImportLimits(), 2))
    assert isinstance(steps[0][0], ColumnRows)
    assert steps[0][0].columns == [["a", "c"], ["b", "d"]]
    assert steps[1][0] == [(4, ["e", "f", "g"])]  # row 3, blank, left out; row 4 ragged
    assert not csv_columns.plain('a,"b"', {}) and not csv_columns.plain("a\x00", {})


def test_column_rows_slice_join_and_read_as_rows():
    rows = ColumnRows([2, 3, 5], [["a", "b", "c"], ["1", "2", "3"]])
    assert list(rows) == [(2, ["a", "1"]), (3, ["b", "2"]), (5, ["c", "3"])]
    assert rows[1] == (3, ["b", "2"]) and list(rows[1:]) == [(3, ["b", "2"]), (5, ["c", "3"])]
    more = ColumnRows([7], [["d"], ["4"]])
    both = joined(rows, more)
    assert isinstance(both, ColumnRows) and list(both) == [*rows, *more]
    other = ColumnRows([8], [["e"]])  # another width: rows
    assert joined(rows, other) == [*rows, *other]
    assert joined([], more) is more and joined(rows, []) is rows


def test_the_batch_reader_reads_columns_as_it_reads_rows():
    headers = ["Name", "Email", "Phone", "Rating"]
    mapping: dict[str, str | None] = {"Name": "name", "Email": "email", "Phone": "phone",
                                      "Rating": "rating"}
    columns = [["Ada", "", "Bo", "Cy"], ["a@b.com", "bad", "", "C@D.ORG; e@f.net"],
               ["(415) 555-0100", "12", "+86 138 0013 8000", "phone"], ["5", "x", "", "3"]]
    chunk = ColumnRows([2, 3, 4, 6], columns)
    as_columns = BatchReader(Checker("customers", "US"), headers, mapping).read(chunk)
    as_rows = BatchReader(Checker("customers", "US"), headers, mapping).read(list(chunk))
    assert as_columns == as_rows
    assert [p.row for p in as_columns[1]] == [3, 3, 3, 6]


def test_a_plain_file_imports_as_the_csv_module_reads_it(template_db, tmp_path, monkeypatch):
    lines = ["Name,Email,Phone,City", *[f"P{i}, p{i}@example.com ,+1 415 555 {1000 + i},"
                                        f"'=City" for i in range(9)],
             ",,,", "", "Bad,not-an-email,,Oslo", "Ragged,r@example.com,,Rome,extra",
             "Dup,P3@EXAMPLE.com,,Paris", "Long," + "y" * 40 + "@example.com,,Lima"]
    source = tmp_path / "plain.csv"
    source.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    results = []
    for plain in (True, False):
        path = tmp_path / f"{plain}.db"
        path.write_bytes(template_db.read_bytes())
        if not plain:
            monkeypatch.setattr(csv_columns, "plain", lambda _text, _bad: False)
        database = open_database(path)
        try:
            report = run_import(database, source, limits=ImportLimits(max_cell_chars=30))
        finally:
            database.close()
        data = report.to_dict()
        results.append((data, _content(path)))
    assert results[0] == results[1]
    assert results[0][0]["imported"] == 9
