"""Make the Chinese in a Qt-written PDF copy and search as the characters it shows.

A PDF says which character each drawn glyph stands for in a ToUnicode map. Qt builds it from
the font's character map and, when several characters share one glyph, takes the lowest: in
Noto Sans CJK, 日 (U+65E5) shares its glyph with the Kangxi radical ⽇ (U+2F47) and 页 with
⻚ (U+2EDA), so the PDF showed 日期 but copied and searched as ⽇期 (a known problem of PDF
writers; Qt, wkhtmltopdf and PDFBox all had it). This rewrites each radical in the ToUnicode
maps to the character of the document's own text that has the same glyph. The maps are
uncompressed text in Qt's output and the code points keep their length (4 hex digits), so
the file keeps every byte offset: nothing else in it changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFont, QRawFont

# Kangxi radicals and the CJK radicals supplement: the code points that share glyphs.
RADICALS = range(0x2E80, 0x2FE0)
_MAP_REF = re.compile(rb"/ToUnicode (\d+) 0 R")
_LINE = re.compile(rb"(<[0-9A-Fa-f]{4}> <[0-9A-Fa-f]{4}> )(\[[^\]]*\]|<[0-9A-Fa-f]{4}>)")
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _glyphs(raw: QRawFont, characters: list[str]) -> list[int]:
    return [int(g) for g in raw.glyphIndexesForString("".join(characters))]


def radical_twins(fonts: Iterable[QFont], text: str) -> dict[int, int]:
    """For each radical whose glyph is also the glyph of a character of ``text`` (in one of
    ``fonts``): radical code point -> that character's code point."""
    used = sorted({ch for ch in text if ord(ch) > 0x2FFF and not ch.isascii()})
    radicals = [chr(code) for code in RADICALS]
    twins: dict[int, int] = {}
    for font in fonts:
        raw = QRawFont.fromFont(font)
        if not raw.isValid() or not used:
            continue
        by_glyph: dict[int, int] = {}
        for ch, glyph in zip(used, _glyphs(raw, used), strict=True):
            if glyph:
                by_glyph.setdefault(glyph, ord(ch))
        for ch, glyph in zip(radicals, _glyphs(raw, radicals), strict=True):
            if glyph in by_glyph and ch not in text:
                twins.setdefault(ord(ch), by_glyph[glyph])
    return twins


def _stream_bounds(data: bytes, number: bytes) -> tuple[int, int] | None:
    found = re.search(rb"(?:^|\n)" + number + rb" 0 obj\s*<<(.*?)>>\s*stream\r?\n", data,
                      re.S)
    if found is None:
        return None
    length = re.search(rb"/Length (\d+)", found.group(1))
    if length is None or b"/Filter" in found.group(1):
        return None  # compressed or unusual: leave it as it is
    return found.end(), found.end() + int(length.group(1))


def fix_text_map(path: Path, twins: dict[int, int]) -> int:
    """Rewrite the radicals of ``twins`` in the PDF's ToUnicode maps; returns how many code
    points were rewritten (0: the file is untouched)."""
    if not twins:
        return 0
    data = bytearray(path.read_bytes())
    replacements = {f"{r:04X}".encode(): f"{u:04X}".encode() for r, u in twins.items()}
    changed = 0

    def code(match: re.Match[bytes]) -> bytes:
        nonlocal changed
        new = replacements.get(match.group(1).upper())
        if new is None:
            return match.group(0)
        changed += 1
        return b"<" + new + b">"

    def line(match: re.Match[bytes]) -> bytes:
        first, last = match.group(1).split()
        if not match.group(2).startswith(b"[") and first != last:
            return match.group(0)  # a run of consecutive code points: leave it whole
        return match.group(1) + _CODE.sub(code, match.group(2))

    for number in set(_MAP_REF.findall(bytes(data))):
        bounds = _stream_bounds(bytes(data), number)
        if bounds is None:
            continue
        start, end = bounds
        patched = _LINE.sub(line, bytes(data[start:end]))
        assert len(patched) == end - start  # same length: every offset stays right
        data[start:end] = patched
    if changed:
        path.write_bytes(bytes(data))
    return changed
