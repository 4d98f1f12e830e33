"""A tolerant vCard reader (2.1, 3.0, 4.0) producing rows in the customer import's field names.

Handles what address books actually write: folded lines, vCard 2.1 quoted-printable values with
soft line breaks and CHARSET, bare 2.1 type parameters (`TEL;CELL;PREF:`), 3.0 `TYPE=a,b`,
4.0 `PREF=1` and `tel:` URIs, Apple's `item1.` groups with `X-ABLabel`, `X-ABShowAs:COMPANY`,
4.0 `KIND:org`, escaped `\\,` `\\;` `\\n`. Photos and unknown properties are skipped.
"""

from __future__ import annotations

import codecs
import quopri
import re
from dataclasses import dataclass, field

from crm_desktop.storage.importing.decoding import display_name, marked_lines, western_text

_LABELS = {
    "work": "work", "home": "home", "cell": "mobile", "mobile": "mobile", "iphone": "mobile",
    "other": "other", "main": "work", "pager": "other", "fax": "other",
}
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
# Field order of the rows (the "headers" of a vCard file).
FIELDS = (
    "name", "first_name", "last_name", "kind", "company", "department", "job_title",
    "company_role", "email", "email_label", "email_work", "email_home", "email_other",
    "phone", "phone_label", "phone_work", "phone_home", "phone_mobile", "phone_other",
    "street", "city", "region", "postal_code", "country", "birthday", "website", "notes",
    "tags", "external_id", "uuid",
)
# Our own export's UID (its card has our PRODID): the customer's uuid (recognises the
# re-imported card, as the uuid column of a CSV export does); any other UID is the other
# program's id, kept as external_id.
_OWN_UID = re.compile(r"urn:uuid:([0-9a-fA-F-]{36})")
_OWN_PRODID = "-//crm-desktop//"
# The properties `card_to_row` reads: a value of another that cannot be decoded costs nothing.
_USED = frozenset((
    "FN", "N", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "ADR", "BDAY", "URL", "NOTE",
    "CATEGORIES", "UID", "X-ABUID", "X-ABSHOWAS", "KIND", "X-ABLABEL", "PRODID",
))
_SINGLE_BYTE = ("iso8859", "cp125", "latin", "ascii", "mac-", "mac_", "cp437", "cp850")


@dataclass
class Property:
    group: str
    name: str
    params: dict[str, list[str]]
    types: set[str]
    value: str
    # Why the value could not be decoded (None: it was): the card is then reported.
    problem: str | None = None


@dataclass
class Card:
    line: int
    props: list[Property] = field(default_factory=list)
    number: int = 0  # the card's place in the file (1, 2, ...), as the user counts them

    def problems(self) -> list[str]:
        return [p.problem for p in self.props if p.problem and p.name in _USED]


def parse(text: str, encoding: str = "utf-8", bad_lines: dict[int, str] | None = None
          ) -> tuple[list[Card], list[tuple[int, str]]]:
    """The cards of a vCard file (each with the line its BEGIN:VCARD is on), and the broken
    ones as (line of BEGIN:VCARD, why): a card that another BEGIN:VCARD or the end of the file
    interrupts before its END:VCARD, that holds a line that did not decode (`bad_lines`, by
    line number) or a value that does not decode in its CHARSET is reported, never imported
    half, garbled or silently dropped. `encoding`: the file's (for values without CHARSET)."""
    cards: list[Card] = []
    broken: list[tuple[int, str]] = []
    current: Card | None = None
    number = count = 0
    for number, line in _logical_lines(text):
        prop = _property(line, encoding)
        if prop is None:
            continue
        if prop.name == "BEGIN" and prop.value.strip().upper() == "VCARD":
            if current is not None:
                broken.append((current.line, f"card {current.number} has no END:VCARD "
                                             f"before the next card (line {number})"))
            count += 1
            current = Card(number, number=count)
        elif prop.name == "END" and prop.value.strip().upper() == "VCARD":
            if current is not None:
                problems = current.problems()
                if problems:
                    broken.append((current.line, f"card {current.number}: "
                                                 + "; ".join(problems)))
                else:
                    cards.append(current)
            current = None
        elif current is not None:
            lines = marked_lines(line)  # a line of the file that did not decode
            if lines:
                reasons = bad_lines or {}
                prop.problem = "; ".join(reasons.get(n, f"line {n} did not decode")
                                         for n in lines)
                prop.name = prop.name if prop.name in _USED else "NOTE"  # reported, not lost
            current.props.append(prop)
    if current is not None:
        broken.append((current.line, f"card {current.number} has no END:VCARD "
                                     "(the file ends inside it)"))
    return cards, broken


def _logical_lines(text: str) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if lines and raw[:1] in (" ", "\t"):
            start, previous = lines[-1]
            lines[-1] = (start, previous + raw[1:])
        elif lines and _is_qp(lines[-1][1]) and lines[-1][1].endswith("="):
            start, previous = lines[-1]
            lines[-1] = (start, previous[:-1] + raw)
        elif raw.strip():
            lines.append((number, raw))
    return lines


def _is_qp(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def _split(text: str, sep: str) -> list[str]:
    """Split on `sep` outside double quotes and not escaped with a backslash."""
    parts, current, quoted, escaped = [], [], False, False
    for ch in text:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    if escaped:
        current.append("\\")
    parts.append("".join(current))
    return parts


def _property(line: str, file_encoding: str = "utf-8") -> Property | None:
    head_end = _head_end(line)
    if head_end < 0:
        return None
    head, value = line[:head_end], line[head_end + 1:]
    parts = _split(head, ";")
    group, _, name = parts[0].rpartition(".")
    params: dict[str, list[str]] = {}
    types: set[str] = set()
    for part in parts[1:]:
        key, eq, val = part.partition("=")
        if not eq:
            types.add(key.strip().lower())
            continue
        values = [v.strip().strip('"') for v in val.split(",")]
        params.setdefault(key.strip().upper(), []).extend(values)
        if key.strip().upper() == "TYPE":
            types.update(v.lower() for v in values)
    if "PREF" in params:
        types.add("pref")
    encoding = [e.upper() for e in params.get("ENCODING", [])] + [t.upper() for t in types]
    name = name.strip().upper()
    problem = None
    if "QUOTED-PRINTABLE" in encoding:
        raw = quopri.decodestring(value.encode("latin-1", "replace"))
        charset = (params.get("CHARSET") or [""])[0].strip()
        decoded, why = decode_value(raw, charset, file_encoding)
        value = decoded.replace("\r\n", "\n")
        problem = None if why is None else f"its {name} value {why}"
    elif {"B", "BASE64"} & set(encoding):
        value = ""
    return Property(group.upper(), name, params, types, value, problem)


def decode_value(raw: bytes, charset: str, file_encoding: str) -> tuple[str, str | None]:
    """The text of a quoted-printable value, and why it cannot be read (None: it can).

    The rule, for a wrong CHARSET (a phone's export declaring ISO-8859-1 or GB2312 for UTF-8
    bytes garbled 2 names of 3): bytes that are valid UTF-8 are UTF-8, whatever the CHARSET
    says, when the declared charset is single-byte (Western text is never valid UTF-8 by
    accident) or cannot read them; against a multi-byte charset (GBK, Big5, Shift-JIS) that
    reads them too, UTF-8 wins when it gives what UTF-8 text looks like (characters from
    U+0800, as CJK text, or Latin letters), the declared charset otherwise (a short GBK name can
    be valid UTF-8 and read as stray Latin-extended or Greek letters). Bytes that are not UTF-8
    are read in the declared charset, or without one in the file's encoding (Windows-1252 when
    the file is plain ASCII and the value reads as Western words, as Outlook writes); when
    they do not decode, the value is reported (its card is an invalid row), never guessed."""
    if raw.isascii():
        return raw.decode("ascii"), None
    try:
        utf8: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    codec = _codec(charset) if charset else None
    if charset and codec is None:
        if utf8 is not None:
            return utf8, None
        return "", f"has CHARSET={charset}, an encoding crm-desktop does not know"
    if codec is None:  # no CHARSET: the file's encoding
        codec = file_encoding if file_encoding not in ("utf-8", "ascii") else None
        if codec is None and utf8 is None and western_text(raw):
            codec = "cp1252"
    if codec is None or codec == "utf-8":
        if utf8 is not None:
            return utf8, None
        named = f"CHARSET={charset}" if charset else "no CHARSET"
        return "", f"is not valid UTF-8 text and has {named}"
    try:
        declared: str | None = raw.decode(codec)
    except UnicodeDecodeError:
        declared = None
    if utf8 is not None and (declared is None or _utf8_wins(codec, utf8)):
        return utf8, None
    if declared is not None:
        return declared, None
    shown = charset or display_name(codec)
    return "", f"is not valid {shown} text (nor UTF-8)"


def _codec(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _utf8_wins(codec: str, utf8: str) -> bool:
    if codec.startswith(_SINGLE_BYTE):
        return True
    wide = [ch for ch in utf8 if ch > "\x7f"]
    return any(ch >= "\u0800" for ch in wide) or all(
        "\u00c0" <= ch <= "\u024f" and ch.isalpha() for ch in wide)


def _head_end(line: str) -> int:
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return i
    return -1


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt in "nN" else "\r" if nxt in "rR" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out).strip()


def _components(value: str) -> list[str]:
    return [_unescape(part) for part in _split(value, ";")]


def _label(prop: Property, labels: dict[str, str]) -> str:
    custom = labels.get(prop.group) if prop.group else None
    if custom:
        match = _APPLE_LABEL.fullmatch(custom)
        word = (match.group(1) if match else custom).lower()
        return _LABELS.get(word, "other")
    for kind in ("cell", "mobile", "iphone", "work", "home", "main", "fax", "pager", "other"):
        if kind in prop.types:
            return _LABELS[kind]
    return "work"


def card_to_row(card: Card) -> dict[str, str]:
    """The card as one import row keyed by the customer field names in `FIELDS`."""
    row: dict[str, str] = {}
    labels = {p.group: p.value.strip() for p in card.props if p.name == "X-ABLABEL" and p.group}
    emails: list[tuple[str, str, bool]] = []
    phones: list[tuple[str, str, bool]] = []
    ours = any(p.name == "PRODID" and p.value.startswith(_OWN_PRODID) for p in card.props)
    for prop in card.props:
        name = prop.name
        if name == "FN":
            row["name"] = _unescape(prop.value)
        elif name == "N":
            parts = _components(prop.value) + [""] * 5
            row["last_name"], row["first_name"] = parts[0], parts[1]
        elif name == "ORG":
            parts = _components(prop.value) + [""]
            row["company"], row["department"] = parts[0], parts[1]
        elif name == "TITLE":
            row["job_title"] = _unescape(prop.value)
        elif name == "ROLE":
            row["company_role"] = _unescape(prop.value)
        elif name == "EMAIL" and prop.value.strip():
            emails.append((_unescape(prop.value), _label(prop, labels), "pref" in prop.types))
        elif name == "TEL" and prop.value.strip():
            number = _unescape(prop.value)
            number = number[4:] if number.lower().startswith("tel:") else number
            phones.append((number, _label(prop, labels), "pref" in prop.types))
        elif name == "ADR" and "street" not in row:
            parts = _components(prop.value) + [""] * 7
            street = ", ".join(p for p in (parts[2], parts[1], parts[0]) if p)
            row.update(street=street, city=parts[3], region=parts[4], postal_code=parts[5],
                       country=parts[6])
        elif name == "BDAY" and "X-APPLE-OMIT-YEAR" not in prop.params:
            value = prop.value.strip()
            if not value.startswith("--"):
                row["birthday"] = value
        elif name == "URL" and "website" not in row:
            row["website"] = _unescape(prop.value)
        elif name == "NOTE":
            row["notes"] = _unescape(prop.value)
        elif name == "CATEGORIES":
            row["tags"] = ", ".join(_unescape(v) for v in _split(prop.value, ","))
        elif name == "UID" and ours and (own := _OWN_UID.fullmatch(prop.value.strip())):
            row["uuid"] = own.group(1)
        elif name == "UID" or (name == "X-ABUID" and "external_id" not in row):
            row["external_id"] = _unescape(prop.value).removesuffix(":ABPerson")
        elif (name == "X-ABSHOWAS" and prop.value.strip().upper() == "COMPANY") or (
            name == "KIND" and prop.value.strip().lower() in ("org", "organization")
        ):
            row["kind"] = "company"
    _contacts(row, "email", emails, ("work", "home", "other"))
    _contacts(row, "phone", phones, ("work", "home", "mobile", "other"))
    if not row.get("name"):
        given = " ".join(x for x in (row.get("first_name"), row.get("last_name")) if x)
        row["name"] = given or row.get("company", "")
    return {key: value for key, value in row.items() if value}


def _contacts(row: dict[str, str], kind: str, items: list[tuple[str, str, bool]],
              labels: tuple[str, ...]) -> None:
    if not items:
        return
    primary = next((item for item in items if item[2]), items[0])
    row[kind] = primary[0]
    row[f"{kind}_label"] = primary[1]
    for value, label, _pref in items:
        if (value, label, _pref) is primary or value == primary[0]:
            continue
        key = f"{kind}_{label if label in labels else 'other'}"
        row[key] = f"{row[key]}; {value}" if key in row else value
