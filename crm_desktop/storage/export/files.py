"""Export lists (as filtered) to CSV or Excel, customers to vCard, analytics tables to CSV/Excel.

Formula injection: a text cell starting with = + - @ tab or CR would be run by a spreadsheet.
In CSV such cells get a leading apostrophe (`'+14155550100`), which spreadsheets show as text
and which our importer removes again (`restore_cell`), so exported data re-imports intact. In
Excel files the cell is written as a text cell with Excel's own "quote prefix" style: it shows
without an apostrophe and is never evaluated. Numbers, dates and money are written as values.

Customer columns are the importer's field names, so an export re-imports with no mapping.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.errors import StorageError

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

FORMATS = ("csv", "xlsx", "vcf")
_DANGER = re.compile(r"'*[=+\-@\t\r]")
Progress = Callable[[float, str], None]


def neutralize_cell(text: str) -> str:
    """Prefix a text cell a spreadsheet would evaluate with an apostrophe.

    Cells that already start with apostrophes before such a character get one more, so that
    `restore_cell(neutralize_cell(x)) == x` for every string.
    """
    return "'" + text if _DANGER.match(text) else text


def restore_cell(text: str) -> str:
    """Undo `neutralize_cell`: drop a leading apostrophe that protects a formula character."""
    if text[:1] == "'" and _DANGER.match(text, 1):
        return text[1:]
    return text


def cell_text(value: Any) -> str:
    """How a value is written to CSV (also the text vCards and previews show)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds" if not value.microsecond else "auto")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | int | float):
        return str(value)
    if isinstance(value, dict | list):
        return neutralize_cell(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return neutralize_cell(str(value))


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """UTF-8 with BOM (Excel then reads it as UTF-8), comma-separated, CRLF rows."""
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([cell_text(h) for h in headers])
        for row in rows:
            writer.writerow([cell_text(v) for v in row])
            count += 1
    return count


def write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]],
               title: str = "Export") -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31] or "Export")
    bold = Font(bold=True)

    def text_cell(text: str, header: bool = False) -> Any:
        cell = WriteOnlyCell(sheet, value=xlsx_escape(text))
        cell.data_type = "s"
        if _DANGER.match(text):
            cell.quotePrefix = True
        if header:
            cell.font = bold
        return cell

    def cell(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, bool | int | float | Decimal | datetime | date):
            return value
        if isinstance(value, dict | list):
            return text_cell(json.dumps(value, ensure_ascii=False, sort_keys=True))
        return text_cell(str(value))

    sheet.append([text_cell(str(h), header=True) for h in headers])
    count = 0
    for row in rows:
        sheet.append([cell(v) for v in row])
        count += 1
    workbook.save(path)
    return count


# Excel's own escape for characters XML cannot hold (control characters; CR, which XML
# readers turn into LF): `_xHHHH_`. An underscore that would read as the start of one is itself
# escaped (`_x005F_`), so that `xlsx_unescape(xlsx_escape(x)) == x` for every string.
_XLSX_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f]|_(?=x[0-9A-Fa-f]{4}_)")
_XLSX_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xlsx_escape(text: str) -> str:
    """A text an .xlsx cell holds exactly (control characters and CR as `_xHHHH_`)."""
    return _XLSX_ESCAPE.sub(lambda match: f"_x{ord(match.group(0)):04X}_", text)


def xlsx_unescape(text: str) -> str:
    """Undo `xlsx_escape` (as Excel reads `_xHHHH_` in a cell it wrote)."""
    if "_x" not in text:
        return text
    return _XLSX_UNESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


class PlaintextRefused(StorageError):
    """An export of an encrypted database that the user has not confirmed."""


def refuse_plaintext(database: Database, out: Path | str, allowed: bool) -> None:
    """`PlaintextRefused` for a file written from an encrypted database without the user's
    confirmation (`allowed`): CSV and Excel files cannot be encrypted."""
    if database.passphrase is not None and not allowed:
        raise PlaintextRefused(
            f"{Path(out).name}: the database is encrypted and an export file would not be; "
            "confirm to write it unencrypted (--allow-plaintext)")


def export(
    database: Database,
    kind: str,
    fmt: str,
    out: Path | str,
    filters: Iterable[Any] = (),
    *,
    trash: bool = False,
    progress: Progress | None = None,
    allow_plaintext: bool = False,
) -> int:
    """Write the rows of `kind` (as filtered) to `out`; returns the number of rows written.

    CSV, Excel and vCard files cannot be encrypted: from an encrypted database they are
    written only when the user confirmed it (`allow_plaintext`), else `PlaintextRefused`.
    """
    from crm_desktop.storage.export.tables import table_rows

    refuse_plaintext(database, out, allow_plaintext)

    out = Path(out)
    fmt = fmt.lower().lstrip(".")
    fmt = {"vcard": "vcf", "excel": "xlsx"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise StorageError(f"unknown export format {fmt!r}: choose csv, xlsx or vcf")
    if fmt == "vcf" and kind != "customers":
        raise StorageError("only customers can be exported to vCard")
    if not out.parent.exists():
        raise StorageError(f"folder {out.parent} does not exist")
    headers, rows = table_rows(database, kind, filters, trash=trash, progress=progress)
    try:
        if fmt == "vcf":
            from crm_desktop.storage.export.vcard import write_vcards

            return write_vcards(out, headers, rows)
        if fmt == "xlsx":
            return write_xlsx(out, headers, rows, title=kind)
        return write_csv(out, headers, rows)
    except OSError as error:
        raise StorageError(f"cannot write {out}: {error.strerror or error}") from None
