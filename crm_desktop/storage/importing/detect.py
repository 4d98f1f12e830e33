"""What a file is: its format (CSV, Excel, vCard) and CSV delimiter. Its text encoding, and
the lines that do not read in it, are `decoding`'s job."""

from __future__ import annotations

import csv
from pathlib import Path

from crm_desktop.storage.importing.errors import ImportError_

FORMATS = ("csv", "xlsx", "vcard")
DELIMITERS = (",", ";", "\t", "|")


def detect_format(path: Path, head: bytes) -> str:
    """'csv', 'xlsx' or 'vcard', from the content first and the file name second."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportError_(
            f"{path.name} is an old Excel (.xls) file: save it as .xlsx or CSV and import that"
        )
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \r\n\t").replace(b"\x00", b"")
    if stripped[:11].upper() == b"BEGIN:VCARD":
        return "vcard"
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    return "csv"


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, and most regular, columns."""
    lines = [line for line in text[:65536].splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    if len(lines) > 1 and len(text) > 65536:
        lines = lines[:-1]  # the last line of the sample may be cut
    best, best_score = ",", 0.0
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not widths or max(widths) < 2:
            continue
        common = max(set(widths), key=widths.count)
        regular = widths.count(common) / len(widths)
        score = regular * (common if common > 1 else 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best
