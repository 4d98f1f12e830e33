"""What a file is: its format (CSV, Excel, vCard), text encoding and CSV delimiter.

Encodings: UTF-8 (with or without BOM), UTF-16/32 (BOM, or BOM-less UTF-16 recognised by its
zero bytes), GB18030 (a superset of GBK and GB2312) and Windows-1252 (Latin-1 for the bytes
1252 leaves undefined). UTF-8 is tried first on the whole file (a strict decode is fast and
almost never succeeds by accident); otherwise charset-normalizer chooses between the legacy
encodings, looking only at lines that contain non-ASCII bytes.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from pathlib import Path

from crm_desktop.storage.importing.errors import ImportError_

FORMATS = ("csv", "xlsx", "vcard")
DELIMITERS = (",", ";", "\t", "|")
LEGACY_ENCODINGS = ("gb18030", "cp1252")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 256 * 1024
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # Cc but TAB CR LF FF
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


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


def decode(data: bytes, name: str = "the file") -> tuple[str, str]:
    """The text of `data` and the encoding it was read with; `ImportError_` if it is not text."""
    if not data.strip(b" \t\r\n\x00"):
        raise ImportError_(f"{name} is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, name), encoding.removesuffix("-sig")
    utf16 = _bomless_utf16(data[:4096])
    if utf16:
        return _strict(data, utf16, name), utf16
    if b"\x00" in data[:_SAMPLE]:
        raise ImportError_(f"{name} is not a text file (it contains binary data)")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _legacy(data, name)
    _check_text(text, name)
    return text, encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportError_(
            f"{name} is not valid {encoding.upper()} text (byte {error.start})"
        ) from None
    _check_text(text, name)
    return text


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a zero in every other byte."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _legacy(data: bytes, name: str) -> tuple[str, str]:
    """Decode with GB18030 or Windows-1252, whichever reads more like real text."""
    sample = b"\n".join(line for line in data.splitlines() if max(line, default=0) > 127)
    candidates = list(_ranked(sample[:_SAMPLE]))
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _ranked(sample: bytes) -> list[str]:
    try:
        from charset_normalizer import from_bytes

        matches = from_bytes(sample, cp_isolation=list(LEGACY_ENCODINGS))
        ranked = [m.encoding for m in matches if m.encoding in LEGACY_ENCODINGS]
    except Exception:  # the detector is a heuristic; never let it fail the import
        ranked = []
    if not ranked:
        ranked = ["gb18030", "cp1252"] if _mostly_cjk(sample) else ["cp1252", "gb18030"]
    return ranked + [e for e in LEGACY_ENCODINGS if e not in ranked]


def _mostly_cjk(sample: bytes) -> bool:
    try:
        text = sample.decode("gb18030")
    except UnicodeDecodeError:
        return False
    wide = [ch for ch in text if ord(ch) > 127]
    cjk = sum(1 for ch in wide if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")
    return bool(wide) and cjk >= 0.8 * len(wide)


def _check_text(text: str, name: str) -> None:
    """Binary files decode as something in Latin-1: reject text full of control characters."""
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        raise ImportError_(f"{name} is not a text file (it contains binary data)")
    # ASCII control characters by a regex; only the other characters need their category.
    bad = len(_ASCII_CONTROL.findall(sample)) + sum(
        1 for ch in _NON_ASCII.findall(sample)
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
    )
    if bad > max(2, len(sample) // 100):
        raise ImportError_(f"{name} is not a text file (it contains binary data)")


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
