"""Read CSV, Excel (.xlsx) and vCard files into a `Source`: headers plus rows of text cells.

Every cell is a string (Excel numbers and dates are turned into text the validators read), with
the export's formula neutralisation undone (`export.files.restore_cell`). Row numbers are what the
user sees: the spreadsheet row (the header is row 1) for CSV and Excel, the line of the card's
BEGIN:VCARD for vCard.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any

from crm_desktop.storage.export.files import restore_cell, xlsx_unescape
from crm_desktop.storage.importing import csv_columns, decoding, detect, vcard
from crm_desktop.storage.importing.csv_columns import Row
from crm_desktop.storage.importing.errors import ImportError_
from crm_desktop.storage.importing.limits import (
    DEFAULT_LIMITS,
    ImportLimits,
    check_file_size,
    check_xlsx_archive,
    oversized_cell,
)

# The csv module refuses fields over 128 KiB with an error for the whole file; the cell limit
# (`ImportLimits.max_cell_chars`, a reason per row) is what decides instead.
csv.field_size_limit(2**31 - 1)
_EMAILISH = re.compile(r"[^@\s]+@[^@\s]+\.\w+")
_PHONEISH = re.compile(r"\+?[\d\s().\-]{7,}")


@dataclass
class Source:
    """The content of an import file, before mapping and validation."""

    path: Path
    format: str
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[str] = field(default_factory=list)
    # Rows the reader could not read, as (row number, why): reported as invalid rows.
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Rows as dicts keyed by header (missing cells are empty strings)."""
        for number, cells in self.rows:
            yield number, {h: (cells[i] if i < len(cells) else "")
                           for i, h in enumerate(self.headers)}

    def sample(self, count: int = 20) -> list[list[str]]:
        return [cells for _number, cells in self.rows[:count]]


def read(path: Path | str, limits: ImportLimits | None = None,
         encoding: str | None = None) -> Source:
    """Read `path` (format detected from content and name); `ImportError_` when it cannot be
    (or is larger than `limits` allow: checked before it is read). `encoding` overrides the
    detected text encoding (CSV and vCard); lines that do not decode become invalid rows."""
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    data = read_bytes(path, limits)
    kind = detect.detect_format(path, data[:4096])
    if kind == "xlsx":
        source = _read_xlsx(path, data, limits)
    elif kind == "vcard":
        source = _read_vcard(path, data, limits, encoding)
    else:
        source = _read_csv(path, data, limits, encoding)
    if not source.headers:
        raise ImportError_(f"{path.name} has no header row")
    if not source.rows and not source.rejected:
        raise ImportError_(f"{path.name} has a header row but no data rows")
    return source


def read_bytes(path: Path, limits: ImportLimits) -> bytes:
    """The file's content; `ImportError_` when it is missing, too large, empty or unreadable."""
    try:
        check_file_size(path, limits)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportError_(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ImportError_(f"{path} is a folder, not a file") from None
    except OSError as error:
        raise ImportError_(f"cannot read {path}: {error.strerror or error}") from None
    if not data.strip(b" \t\r\n\x00"):
        raise ImportError_(f"{path.name} is empty")
    return data


def _without_oversized(rows: Rows, limits: ImportLimits,
                       headers: list[str] | None = None) -> tuple[Rows, list[tuple[int, str]]]:
    """The rows whose every cell fits the limit, and the others as (row, why)."""
    kept: Rows = []
    rejected: list[tuple[int, str]] = []
    for number, cells in rows:
        why = oversized_cell(cells, headers, limits)
        if why is None:
            kept.append((number, cells))
        else:
            rejected.append((number, why))
    return kept, rejected


def _read_csv(path: Path, data: bytes, limits: ImportLimits, chosen: str | None) -> Source:
    text = CsvText.decode(path, data, chosen)
    rows: Rows = []
    rejected: list[tuple[int, str]] = []
    for chunk, chunk_rejected in text.chunks(limits, _WHOLE_FILE):
        rows.extend(chunk)
        rejected.extend(chunk_rejected)
    headers, data_rows = split_header(rows)
    return Source(path, "csv", headers, list(data_rows), encoding=text.encoding,
                  delimiter=text.delimiter, rejected=rejected)


# Records parsed per step of `CsvText.chunks` when the whole file is read at once.
_WHOLE_FILE = 1 << 62


@dataclass
class CsvText:
    """A CSV file's decoded text, read into rows of stripped cells a chunk of records at a
    time: all of it at once (`read`) or as the import goes (`importing.stream`), the same rows
    and the same rejected rows either way."""

    path: Path
    text: str
    encoding: str
    delimiter: str
    bad_lines: dict[int, str]

    @classmethod
    def decode(cls, path: Path, data: bytes, chosen: str | None) -> CsvText:
        decoded = decoding.decode(data, path.name, chosen)
        return cls(path, decoded.text, decoded.encoding,
                   detect.detect_delimiter(decoded.text), dict(decoded.bad_lines))

    def chunks(self, limits: ImportLimits, size: int
               ) -> Generator[tuple[Sequence[Row], list[tuple[int, str]]], None, None]:
        """(rows, rejected rows as (row number, why)) per `size` records, in file order; the
        header row is the first row of the first chunk. `ImportError_` on a record the csv
        module cannot parse (the rows before it were yielded). A text without quote
        characters is cut into columns (`csv_columns`): its chunks are `ColumnRows`, the same
        rows held column by column."""
        text = self.text
        # Only a text that long can hold a cell too long (the longest cell found by C loops:
        # a check per cell in Python cost 0.8 s of 16 at 20,000 rows); NULs past the
        # binary-file sniffing.
        long_text = len(text) > limits.max_cell_chars
        nul = "\x00" in text
        # str.strip (in C) unless the text has characters it would strip but _strip keeps.
        # (One search per character: a character class scans the text 20 times slower,
        # 0.2 s for 10 MB.)
        strip = _strip if any(c in text for c in _CONTROL_SPACE_CHARS) else str.strip
        quoted = "'" in text  # without an apostrophe, no cell needs restore_cell

        def rows_of(records: list[list[str]], done: int) -> tuple[Rows, list[tuple[int, str]]]:
            return self._rows_of(records, done, limits, long_text, nul, strip, quoted)

        if csv_columns.plain(text, self.bad_lines):
            yield from csv_columns.chunks(text, self.delimiter, size, strip,
                                          limits.max_cell_chars if long_text else None,
                                          rows_of)
            return
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter)
        done = 0  # records before this chunk
        while True:
            records: list[list[str]] = []
            try:
                records.extend(islice(reader, size))  # parsed in C; on an error, the records
            except csv.Error as error:  # before it are kept
                raise ImportError_(f"{self.path.name}, row {done + len(records) + 1}: not "
                                   f"valid CSV ({error})") from None
            if not records:
                return
            yield rows_of(records, done)
            done += len(records)

    def _rows_of(self, records: list[list[str]], done: int, limits: ImportLimits,
                 long_text: bool, nul: bool, strip: Callable[[str], str], quoted: bool
                 ) -> tuple[Rows, list[tuple[int, str]]]:
        """The rows of `records` (the `done` records before them in the file) with their
        cells stripped, blank rows left out, and the rejected ones as (row number, why)."""
        rejected: list[tuple[int, str]] = []
        if self.bad_lines:
            records, rejected = _without_bad_lines(records, self.bad_lines, done)
        longest = (max(map(len, chain.from_iterable(records)), default=0)
                   if long_text else 0)
        if longest > limits.max_cell_chars or nul:
            numbered, too_big = _without_oversized(
                list(enumerate(records, start=done + 1)), limits)
            rejected = sorted(rejected + too_big)
            records_by_number = dict(numbered)
            records = [records_by_number.get(n, [])
                       for n in range(done + 1, done + len(records) + 1)]
        rows: Rows = []
        append = rows.append
        for record, cells in enumerate(records, start=done + 1):
            cells = list(map(strip, cells))
            if not any(cells):
                continue
            if quoted:
                joined = "\x00".join(cells)  # a cell starts with ' at the start or after \x00
                if joined[:1] == "'" or "\x00'" in joined:
                    cells = [restore_cell(cell) for cell in cells]
            append((record, cells))
        return rows, rejected


def _without_bad_lines(records: list[list[str]], reasons: dict[int, str], before: int = 0
                       ) -> tuple[list[list[str]], list[tuple[int, str]]]:
    """The records with those holding an undecodable line's mark emptied (they keep their
    place, so row numbers stay), and those as (row number, why); `before`: the records
    before these in the file."""
    rejected: list[tuple[int, str]] = []
    kept = list(records)
    for index, cells in enumerate(records):
        lines = sorted({line for cell in cells for line in decoding.marked_lines(cell)})
        if lines:
            rejected.append((before + index + 1, "; ".join(reasons[line] for line in lines)))
            kept[index] = []
    return kept, rejected


Rows = list[tuple[int, list[str]]]
# Python's str.strip() also removes the control characters \x1c-\x1f and \x85 (it counts them
# as white space); they are data, kept exactly.
_CONTROL_SPACE = re.compile(r"[\x1c-\x1f\x85]")
_CONTROL_SPACE_CHARS = "\x1c\x1d\x1e\x1f\x85"
_EDGE_SPACE = re.compile(r"^[^\S\x1c-\x1f\x85]+|[^\S\x1c-\x1f\x85]+$")


def _strip(cell: str) -> str:
    """The cell without the white space around it (spaces, tabs, line breaks)."""
    stripped = cell.strip()
    if len(stripped) != len(cell) and _CONTROL_SPACE.search(cell):
        return _EDGE_SPACE.sub("", cell)
    return stripped


def split_header(rows: Sequence[Row]) -> tuple[list[str], Sequence[Row]]:
    if not rows:
        return [], []
    first = rows[0][1]
    if any(_EMAILISH.fullmatch(c) or _PHONEISH.fullmatch(c) for c in first):
        width = max(len(cells) for _n, cells in rows)
        return [f"Column {i + 1}" for i in range(width)], rows
    return unique_headers(first), rows[1:]


def unique_headers(cells: list[str]) -> list[str]:
    """Headers with blanks named 'Column N' and repeats numbered, so each names one column."""
    seen: dict[str, int] = {}
    headers = []
    for i, cell in enumerate(cells):
        name = cell.strip() or f"Column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        headers.append(name)
    return headers


def _read_xlsx(path: Path, data: bytes, limits: ImportLimits) -> Source:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_xlsx_archive(path, archive, limits)
    except zipfile.BadZipFile as error:
        raise ImportError_(f"{path.name} is not a valid Excel (.xlsx) file ({error})") from None
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise ImportError_(f"{path.name} is not a valid Excel (.xlsx) file ({error})") from None
    except Exception as error:  # openpyxl raises many types for damaged files
        raise ImportError_(f"{path.name} cannot be read as an Excel file ({error})") from None
    try:
        sheet = workbook.active or workbook.worksheets[0]
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                rows.append((number, cells))
    except Exception as error:
        raise ImportError_(f"{path.name} cannot be read as an Excel file ({error})") from None
    finally:
        workbook.close()
    rows, rejected = _without_oversized(rows, limits)
    headers, data_rows = split_header(rows)
    return Source(path, "xlsx", headers, list(data_rows), rejected=rejected)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):  # our export marks formulas with Excel's quote prefix style,
        return xlsx_unescape(value.strip(" "))  # not an apostrophe in the text: keep "'=x"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value).strip()


def _read_vcard(path: Path, data: bytes, limits: ImportLimits, chosen: str | None) -> Source:
    decoded = decoding.decode(data, path.name, chosen)
    text, encoding = decoded.text, decoded.encoding
    cards, broken = vcard.parse(text, encoding, dict(decoded.bad_lines))
    if not cards and not broken:
        raise ImportError_(f"{path.name} contains no vCards (no BEGIN:VCARD ... END:VCARD)")
    records = [(card.line, vcard.card_to_row(card)) for card in cards]
    present = {key for _line, row in records for key in row}
    headers = [name for name in vcard.FIELDS if name in present]
    rows = [(line, [row.get(h, "") for h in headers]) for line, row in records]
    rows = [(line, cells) for line, cells in rows if any(cells)]
    rows, rejected = _without_oversized(rows, limits, headers)
    return Source(path, "vcard", headers, rows, encoding=encoding,
                  rejected=sorted(broken + rejected))
