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
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from crm_desktop.storage.export.files import restore_cell
from crm_desktop.storage.importing import detect, vcard
from crm_desktop.storage.importing.errors import ImportError_

# Cells longer than this are refused with a message, not an out-of-memory error.
MAX_CELL = 10 * 1024 * 1024
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

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Rows as dicts keyed by header (missing cells are empty strings)."""
        for number, cells in self.rows:
            yield number, {h: (cells[i] if i < len(cells) else "")
                           for i, h in enumerate(self.headers)}

    def sample(self, count: int = 20) -> list[list[str]]:
        return [cells for _number, cells in self.rows[:count]]


def read(path: Path | str) -> Source:
    """Read `path` (format detected from content and name); `ImportError_` when it cannot be."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportError_(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ImportError_(f"{path} is a folder, not a file") from None
    except OSError as error:
        raise ImportError_(f"cannot read {path}: {error.strerror or error}") from None
    if not data.strip(b" \t\r\n\x00"):
        raise ImportError_(f"{path.name} is empty")
    kind = detect.detect_format(path, data[:4096])
    if kind == "xlsx":
        source = _read_xlsx(path, data)
    elif kind == "vcard":
        source = _read_vcard(path, data)
    else:
        source = _read_csv(path, data)
    if not source.headers:
        raise ImportError_(f"{path.name} has no header row")
    if not source.rows:
        raise ImportError_(f"{path.name} has a header row but no data rows")
    return source


def _read_csv(path: Path, data: bytes) -> Source:
    text, encoding = detect.decode(data, path.name)
    delimiter = detect.detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        records.extend(reader)  # parsed in C; on an error, the records before it are kept
    except csv.Error as error:
        _check_cells(path, records, len(text))
        raise ImportError_(f"{path.name}, row {len(records) + 1}: not valid CSV "
                           f"({error})") from None
    _check_cells(path, records, len(text))
    rows: list[tuple[int, list[str]]] = []
    append = rows.append
    strip = str.strip
    quoted = "'" in text  # without an apostrophe, no cell needs restore_cell
    for record, cells in enumerate(records, start=1):
        cells = list(map(strip, cells))
        if not any(cells):
            continue
        if quoted:
            joined = "\x00".join(cells)  # a cell starts with ' at the start or after a \x00
            if joined[:1] == "'" or "\x00'" in joined:
                cells = [restore_cell(cell) for cell in cells]
        append((record, cells))
    headers, rows = _split_header(rows)
    return Source(path, "csv", headers, rows, encoding=encoding, delimiter=delimiter)


def _check_cells(path: Path, records: list[list[str]], size: int) -> None:
    """Refuse a cell longer than MAX_CELL (only a text that long can hold one)."""
    if size <= MAX_CELL:
        return
    for record, cells in enumerate(records, start=1):
        if any(len(cell) > MAX_CELL for cell in cells):
            raise ImportError_(f"{path.name}, row {record}: a cell is too large to import")


Rows = list[tuple[int, list[str]]]


def _split_header(rows: Rows) -> tuple[list[str], Rows]:
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


def _read_xlsx(path: Path, data: bytes) -> Source:
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
    headers, rows = _split_header(rows)
    return Source(path, "xlsx", headers, rows)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return restore_cell(value.strip(" "))
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


def _read_vcard(path: Path, data: bytes) -> Source:
    text, encoding = detect.decode(data, path.name)
    cards = vcard.parse(text)
    if not cards:
        raise ImportError_(f"{path.name} contains no vCards (no BEGIN:VCARD ... END:VCARD)")
    records = [(card.line, vcard.card_to_row(card)) for card in cards]
    present = {key for _line, row in records for key in row}
    headers = [name for name in vcard.FIELDS if name in present]
    rows = [(line, [row.get(h, "") for h in headers]) for line, row in records]
    rows = [(line, cells) for line, cells in rows if any(cells)]
    return Source(path, "vcard", headers, rows, encoding=encoding)
