"""How large an import file, and a cell in it, may be; refusing what is larger before it is read.

A small spreadsheet can hold a huge cell or unpack to gigabytes (a "zip bomb": 1.5 MB that
unpack to 4 GB ran for minutes and filled the memory). So: the file's size is checked before it
is read, an .xlsx file's members before openpyxl opens it (their unpacked sizes from the zip's
directory, which costs nothing), and every cell after reading, where a row with a cell over the
limit, or with a NUL character, is reported as an invalid row with its reason (the other rows
still import).

`ImportLimits` is passed to `readers.read` / `run_import` (`limits=`); `DEFAULT_LIMITS` holds
the defaults. The longest cell and the largest file are the user's to set: `crm-desktop import
--max-cell-chars N --max-file-mb MB`, and Settings (import/max_cell_chars, import/max_file_mb)
for the import wizard.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.storage.importing.errors import ImportError_

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    max_file_bytes: int = 1024 * MB  # the import file itself
    max_cell_chars: int = 1_000_000  # one value (a long note fits many times over)
    max_unpacked_bytes: int = 2048 * MB  # all members of an .xlsx file, unpacked
    max_member_bytes: int = 512 * MB  # one member (a sheet, the shared strings), unpacked
    # Unpacked/packed size of a member above which it is a zip bomb, not a spreadsheet:
    # real sheets pack 5-30 times; one repeated character packs ~1000 times.
    max_ratio: int = 200


DEFAULT_LIMITS = ImportLimits()
_RATIO_FROM = 4 * MB  # small members may pack well (an empty sheet)


def check_file_size(path: Path, limits: ImportLimits) -> None:
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise ImportError_(f"{path.name} is {size / MB:,.0f} MB, more than the import limit of "
                           f"{limits.max_file_bytes / MB:,.0f} MB")


def check_xlsx_archive(path: Path, archive: zipfile.ZipFile, limits: ImportLimits) -> None:
    """Refuse an .xlsx file whose members would unpack to more than the limits allow."""
    total = 0
    for member in archive.infolist():
        total += member.file_size
        if member.file_size > limits.max_member_bytes:
            raise ImportError_(
                f"{path.name}: its part {member.filename} unpacks to "
                f"{member.file_size / MB:,.0f} MB, more than the import limit of "
                f"{limits.max_member_bytes / MB:,.0f} MB")
        if (member.file_size > _RATIO_FROM
                and member.file_size > limits.max_ratio * max(member.compress_size, 1)):
            raise ImportError_(
                f"{path.name}: its part {member.filename} unpacks to "
                f"{member.file_size / MB:,.0f} MB from {member.compress_size / 1024:,.0f} KB "
                f"(more than {limits.max_ratio} times): refused as a zip bomb or a file with "
                "a huge repeated cell")
    if total > limits.max_unpacked_bytes:
        raise ImportError_(f"{path.name} unpacks to {total / MB:,.0f} MB, more than the import "
                           f"limit of {limits.max_unpacked_bytes / MB:,.0f} MB")


def oversized_cell(cells: list[str], headers: list[str] | None,
                   limits: ImportLimits) -> str | None:
    """Why a row cannot be imported because of a cell over the limit or with a NUL character
    (None: all fit). SQLite stores a NUL, but its text functions, the search index and the
    screen stop at it: "Late\0Nul" would be found, shown and exported as "Late"."""
    for index, cell in enumerate(cells):
        column = (headers[index] if headers is not None and index < len(headers)
                  else f"column {index + 1}")
        if len(cell) > limits.max_cell_chars:
            return (f"the cell in {column} has {len(cell):,} characters, more than the import "
                    f"limit of {limits.max_cell_chars:,}")
        if "\x00" in cell:
            return (f"the cell in {column} contains a NUL character (\\0) at position "
                    f"{cell.index(chr(0)) + 1}: remove it and import the row again")
    return None
