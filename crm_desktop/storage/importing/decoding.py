"""A file's text encoding, chosen once per file, and the lines that do not read in it.

A file that arrives "in the wrong encoding" is often several files pasted together: UTF-8 lines
from one program, GBK lines from another, Windows-1252 lines from a third. Decoding it whole
with one guess stored `±±¾©¹«Ë¾` for 北京公司 (GBK bytes read as Windows-1252). So:

1. A BOM names the encoding (UTF-8, UTF-16, UTF-32).
2. Else the whole file is decoded as strict UTF-8 (fast, in C, and almost never right by
   accident): the common case, and the import's fast path.
3. Else each line with non-ASCII bytes is classified: valid UTF-8; Chinese (GB2312 byte pairs
   only); Western (valid Windows-1252 that reads as Latin words: letters and typographic marks
   in short runs); either of the last two; or other. The most common class names the file's
   encoding (charset-normalizer chooses among GB18030, Big5, Shift-JIS and Windows-1252 when
   the "other" lines decide, or when every line could be either).
4. A line that does not decode strictly in that encoding, or plainly belongs to another class
   (a UTF-8 line or a Chinese line in a Windows-1252 file, a Western line in a GB18030 file),
   is reported with its line number and why, never guessed: in the text, each run of its
   non-ASCII bytes is replaced by a mark naming the line (`BAD_MARK`; its ASCII bytes, the
   delimiters and quotes, stay, so the rows around it keep their shape), and the readers turn
   the row or card holding a mark into an invalid row. The other lines decode as they are.

`encoding=` (the `--encoding` option, the import wizard's combo) overrides steps 1-3: every line
is then decoded strictly in that encoding, and only the lines that do not decode are reported.
Line numbers count b"\\n" (what a text editor shows).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from crm_desktop.storage.importing.errors import ImportError_

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The encodings a user may choose (codec name, what the user sees): the override's choices.
CHOICES: tuple[tuple[str, str], ...] = (
    ("utf-8", "UTF-8"),
    ("gb18030", "GB18030 / GBK (Simplified Chinese)"),
    ("big5", "Big5 (Traditional Chinese)"),
    ("shift_jis", "Shift-JIS (Japanese)"),
    ("cp1252", "Windows-1252 (Western)"),
    ("latin-1", "ISO-8859-1 (Latin-1)"),
    ("utf-16", "UTF-16"),
)
_NAMES = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030", "gbk": "GBK",
    "big5": "Big5", "shift_jis": "Shift-JIS", "cp1252": "Windows-1252", "latin-1": "Latin-1",
    "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
}
LEGACY = ("gb18030", "big5", "shift_jis", "cp1252")
_SAMPLE = 256 * 1024
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # Cc but TAB CR LF FF
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Each class of line is found by one regex run over the whole file (in C), which stops only at
# a line that breaks the class: Python works per such line, not per line of the file.
# Valid UTF-8 (what Python's strict decoder accepts), and the first byte that breaks it.
_UTF8_BREAK = re.compile(
    rb"(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})*+"
    rb"[\x80-\xff]")
# GB2312 text: ASCII and byte pairs both in A1-FE (hanzi and full-width marks).
_GB2312_BREAK = re.compile(rb"(?:[\x00-\x7f]|[\xa1-\xf7][\xa1-\xfe])*+[\x80-\xff]")
# Western text in Windows-1252: its non-ASCII characters are letters or the typographic marks
# Western text has next to its words, in runs of at most three (accented letters come alone or
# in twos, "Größe"; the symbols CJK bytes turn into come in long runs).
_WESTERN_MARKS = frozenset("€‚„…‘’“”•–—«»°·×÷£©®§¢¡¿\xa0")


def _western_break() -> re.Pattern[bytes]:
    other = bytearray()
    for byte in range(0x80, 0x100):
        try:
            ch = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:  # undefined in Windows-1252
            ch = ""
        if not (ch.isalpha() or ch in _WESTERN_MARKS) or not ch:
            other.append(byte)
    return re.compile(rb"[\x80-\xff]{4,}|[" + re.escape(bytes(other)) + rb"]")


_WESTERN_BREAK = _western_break()
_HIGH = re.compile(rb"[\x80-\xff]")
# Two bytes that begin a UTF-8 character: never in Windows-1252 text but for an accented
# capital before a symbol ("Ã©" is what UTF-8 read as Windows-1252 looks like).
_UTF8_START = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_NEWLINE = re.compile(rb"\n")
# What stands for the non-ASCII bytes of a line that did not decode: a NUL (never in decoded
# text: `check_text` refuses it) and the line number between two U+FFFE.
BAD_MARK = "\x00\ufffe{line}\ufffe"
_BAD_MARK = re.compile("\x00\ufffe(\\d+)\ufffe")
_HIGH_BYTES = re.compile("[\x80-\xff]+")

UTF8, GB, WESTERN, EITHER, OTHER = "utf8", "gb", "western", "either", "other"


@dataclass(frozen=True)
class Decoded:
    """The text (bad lines marked, see `decode`), the encoding used, and the lines that did
    not decode as (line number, why)."""

    text: str
    encoding: str
    bad_lines: tuple[tuple[int, str], ...] = ()


def display_name(encoding: str | None) -> str:
    """What the user sees for a codec name: 'GB18030', 'Windows-1252', ..."""
    if not encoding:
        return ""
    return _NAMES.get(encoding.lower(), encoding.upper())


def checked_encoding(encoding: str) -> str:
    """The codec name of a user's choice; `ImportError_` for one Python does not know."""
    try:
        name = codecs.lookup(encoding.strip()).name
    except LookupError:
        choices = ", ".join(code for code, _label in CHOICES)
        raise ImportError_(f"unknown encoding {encoding!r}: choose one of {choices}") from None
    return {"mbcs": name, "iso8859-1": "latin-1", "utf-8": "utf-8"}.get(name, name)


def marked_lines(text: str) -> list[int]:
    """The numbers of the undecodable lines whose mark `text` (a cell, a value) holds."""
    return [int(line) for line in _BAD_MARK.findall(text)] if "\x00" in text else []


def decode(data: bytes, name: str = "the file", encoding: str | None = None) -> Decoded:
    """`data` as text in its encoding (or `encoding`); `ImportError_` if it is not text.
    A line that does not decode keeps its ASCII characters, its other bytes replaced by
    `BAD_MARK` with its line number, and is listed in `bad_lines`."""
    if not data.strip(b" \t\r\n\x00"):
        raise ImportError_(f"{name} is empty")
    if encoding:
        return _chosen(data, name, checked_encoding(encoding))
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if bom_encoding == "utf-8-sig":
                return _by_lines(body, name, "utf-8")
            return Decoded(_whole(body, bom_encoding, name), bom_encoding)
    utf16 = _bomless_utf16(data[:4096])
    if utf16:
        return Decoded(_whole(data, utf16, name), utf16)
    if b"\x00" in data[:_SAMPLE]:
        raise ImportError_(f"{name} is not a text file (it contains binary data)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        check_text(text, name)
        return Decoded(text, "utf-8")
    return _legacy(data, name)


def _chosen(data: bytes, name: str, encoding: str) -> Decoded:
    if encoding.startswith(("utf-16", "utf-32")):
        return Decoded(_whole(data, encoding, name), encoding)
    if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    return _by_lines(data, name, encoding)


def _whole(data: bytes, encoding: str, name: str) -> str:
    """UTF-16/32 cannot be cut at b"\\n": the whole file decodes or is refused."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportError_(
            f"{name} is not valid {display_name(encoding)} text (byte {error.start})"
        ) from None
    check_text(text, name)
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


def line_kind(raw: bytes) -> str:
    """How a line with non-ASCII bytes reads: UTF8, GB, WESTERN, EITHER (GB or WESTERN) or
    OTHER (Big5, Shift-JIS, damaged...)."""
    if _UTF8_BREAK.match(raw) is None:
        return UTF8
    return _kind(_GB2312_BREAK.match(raw) is None, western_text(raw))


def _kind(gb: bool, western: bool) -> str:
    if gb and western:
        return EITHER
    return GB if gb else WESTERN if western else OTHER


def western_text(raw: bytes) -> bool:
    """Valid Windows-1252 whose non-ASCII characters are letters or typographic marks in runs
    of at most three: Latin words, not the symbols that CJK bytes turn into."""
    return _WESTERN_BREAK.search(raw) is None


def _breaking(find: Callable[[bytes, int], re.Match[bytes] | None], data: bytes,
              newlines: list[int]) -> set[int]:
    """The numbers of the lines where `find` (a pattern's match or search from a line's
    start) finds a byte; one call per such line, the rest of the scan in C."""
    found: set[int] = set()
    pos, size = 0, len(data)
    while pos < size:
        match = find(data, pos)
        if match is None:
            break
        index = bisect_right(newlines, match.end() - 1)  # newlines before the byte
        found.add(index + 1)
        pos = newlines[index] + 1 if index < len(newlines) else size
    return found


def _legacy(data: bytes, name: str) -> Decoded:
    """Not UTF-8 as a whole: choose the encoding most lines are in; report the others."""
    whole = _one_encoding(data)
    if whole is not None:
        try:
            text = data.decode(whole)
        except UnicodeDecodeError:
            pass
        else:
            check_text(text, name)
            return Decoded(text, whole)
    newlines = [match.start() for match in _NEWLINE.finditer(data)]
    wide = _breaking(_HIGH.search, data, newlines)  # the lines with non-ASCII bytes
    not_utf8 = _breaking(_UTF8_BREAK.match, data, newlines)
    not_gb = _breaking(_GB2312_BREAK.match, data, newlines)
    not_western = _breaking(_WESTERN_BREAK.search, data, newlines)
    kinds = {number: UTF8 if number not in not_utf8 else
             _kind(number not in not_gb, number not in not_western) for number in wide}
    lines = data.split(b"\n")
    encoding = _choose(Counter(kinds.values()), [lines[number - 1] for number, kind
                                                 in sorted(kinds.items())
                                                 if kind in (OTHER, EITHER)])
    bad = {number: why for number, kind in kinds.items()
           if (why := _mixed_verdict(number, encoding, kind)) is not None}
    return _by_lines(data, name, encoding, bad, lines)


def _one_encoding(data: bytes) -> str | None:
    """The file's encoding when the file is plainly all of one class, found by a scan or two
    in C (the classes line by line cost seconds in Python at 100,000 lines): GB2312 throughout
    (but not Western throughout: both is decided line by line), or Western throughout with
    nothing that starts a UTF-8 character."""
    gb = _GB2312_BREAK.match(data) is None
    western = _WESTERN_BREAK.search(data) is None
    if gb and not western:
        return "gb18030"
    if western and not gb and _UTF8_START.search(data) is None:
        return "cp1252"
    return None


def _choose(counts: Counter[str], undecided: list[bytes]) -> str:
    utf8, gb, western, other = counts[UTF8], counts[GB], counts[WESTERN], counts[OTHER]
    if utf8 and utf8 >= max(gb, western, other):
        return "utf-8"
    if other > max(gb, western):
        return _detector(undecided)
    if gb and gb >= western:
        return "gb18030"
    if western:
        return "cp1252"
    return _detector(undecided)


def _detector(lines: list[bytes]) -> str:
    """charset-normalizer's choice among the legacy encodings for these lines."""
    sample = b"\n".join(lines)[:_SAMPLE]
    try:
        from charset_normalizer import from_bytes

        matches = from_bytes(sample, cp_isolation=list(LEGACY))
        ranked = [m.encoding for m in matches if m.encoding in LEGACY]
    except Exception:  # the detector is a heuristic; never let it fail the import
        ranked = []
    if ranked:
        return ranked[0]
    return "gb18030" if _mostly_cjk(sample) else "cp1252"


def _mostly_cjk(sample: bytes) -> bool:
    try:
        text = sample.decode("gb18030")
    except UnicodeDecodeError:
        return False
    wide = [ch for ch in text if ord(ch) > 127]
    cjk = sum(1 for ch in wide if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")
    return bool(wide) and cjk >= 0.8 * len(wide)


def _mixed_verdict(number: int, encoding: str, kind: str) -> str | None:
    """Why line `number`, of this kind, plainly belongs to another encoding than the file's
    (None: it does not; whether it decodes is `_by_lines`' to find)."""
    file = display_name(encoding)
    if encoding == "utf-8":
        if kind == UTF8:
            return None
        return (f"line {number} is not valid UTF-8 text like the rest of the file (the file "
                "mixes encodings)")
    if kind == UTF8:
        return (f"line {number} is UTF-8 text but the file is {file} (the file mixes "
                "encodings)")
    if encoding == "gb18030" and kind == WESTERN:
        return (f"line {number} reads as Windows-1252 (Western) text, not {file} like the "
                "rest of the file (the file mixes encodings)")
    if encoding == "cp1252" and kind == GB:
        return (f"line {number} reads as GB18030 (Chinese) text, not {file} like the rest "
                "of the file (the file mixes encodings)")
    return None


def _by_lines(data: bytes, name: str, encoding: str, bad: dict[int, str] | None = None,
              lines: list[bytes] | None = None) -> Decoded:
    """Decode whole when no line is `bad` and the file decodes (fast), else line by line: the
    lines that do not decode strictly join `bad`, whose lines are marked."""
    bad = dict(bad or {})
    text: str | None = None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        lines = data.split(b"\n") if lines is None else lines
        for number, raw in enumerate(lines, start=1):
            if number in bad or raw.isascii():
                continue
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                bad[number] = f"line {number} is not valid {display_name(encoding)} text"
    if not bad and text is not None:
        check_text(text, name)
        return Decoded(text, encoding)
    if 1 in bad:
        raise ImportError_(f"{name}: the first line (the header row) is not valid "
                           f"{display_name(encoding)} text")
    lines = data.split(b"\n") if lines is None else lines
    parts = [_marked(raw, number) if number in bad else raw.decode(encoding)
             for number, raw in enumerate(lines, start=1)]
    check_text("\n".join(part for number, part in enumerate(parts, start=1)
                         if number not in bad), name)
    return Decoded("\n".join(parts), encoding, tuple(sorted(bad.items())))


def _marked(raw: bytes, number: int) -> str:
    """The line's ASCII characters, each run of other bytes replaced by the line's mark."""
    return _HIGH_BYTES.sub(BAD_MARK.format(line=number), raw.decode("latin-1"))


def check_text(text: str, name: str) -> None:
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
