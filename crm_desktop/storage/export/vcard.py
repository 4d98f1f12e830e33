"""Customers to vCard 3.0 (what Apple, Google and Outlook all read), from export rows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from crm_desktop.storage.export.files import cell_text

# Marks our own cards: their UID urn:uuid:... is the customer's uuid (re-imported, it
# recognises the customer, as a CSV export's uuid column does), not another program's id.
PRODID = "-//crm-desktop//vCard export//EN"
_TYPES = {"work": "WORK", "home": "HOME", "mobile": "CELL", "other": "OTHER"}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def escape(text: str) -> str:
    """vCard's escapes; a CR (which a line break of its own would lose) as `\\r`, which our
    import reads back as CR, so that the text re-imports exactly."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r", "\\r").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Lines of at most 75 octets, continuation lines starting with a space (RFC 6350 3.2)."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > (75 if not out else 74):
            out.append("".join(current))
            current, size = [], 0
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def split_name(name: str, kind: str) -> tuple[str, str]:
    """(family, given) for N: CJK names are family name first; others family name last."""
    name = name.strip()
    if kind == "company":
        return "", ""
    if _CJK.search(name) and " " not in name:
        return name[:1], name[1:]
    if " " in name:
        given, _, family = name.rpartition(" ")
        return family, given
    return name, ""


def card(values: dict[str, Any]) -> str:
    text = {k: cell_text(v) if not isinstance(v, str) else v for k, v in values.items()
            if v not in (None, "")}
    name = text.get("name", "")
    kind = text.get("kind", "person")
    family, given = split_name(name, kind)
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}", f"FN:{escape(name)}",
             f"N:{escape(family)};{escape(given)};;;"]
    if kind == "company":
        lines.append(f"ORG:{escape(name)}")
        lines.append("X-ABShowAs:COMPANY")
    elif text.get("company") or text.get("department"):
        lines.append(f"ORG:{escape(text.get('company', ''))};{escape(text.get('department', ''))}")
    if text.get("job_title"):
        lines.append(f"TITLE:{escape(text['job_title'])}")
    if text.get("company_role"):
        lines.append(f"ROLE:{escape(text['company_role'])}")
    for kind_ in ("email", "phone"):
        prop = "EMAIL" if kind_ == "email" else "TEL"
        extra = "INTERNET," if kind_ == "email" else ""
        if text.get(kind_):
            label = _TYPES.get(text.get(f"{kind_}_label", "work"), "WORK")
            lines.append(f"{prop};TYPE={extra}{label},pref:{escape(text[kind_])}")
        for label, vtype in _TYPES.items():
            for value in filter(None, (v.strip() for v in
                                       text.get(f"{kind_}_{label}", "").split(";"))):
                lines.append(f"{prop};TYPE={extra}{vtype}:{escape(value)}")
    address = [text.get(k, "") for k in ("street", "city", "region", "postal_code", "country")]
    if any(address):
        lines.append("ADR;TYPE=WORK:;;" + ";".join(escape(a) for a in address))
    if text.get("birthday"):
        lines.append(f"BDAY:{text['birthday']}")
    if text.get("website"):
        lines.append(f"URL:{escape(text['website'])}")
    if text.get("notes"):
        lines.append(f"NOTE:{escape(text['notes'])}")
    if text.get("tags"):
        lines.append("CATEGORIES:" + ",".join(escape(t.strip()) for t in text["tags"].split(",")))
    uid = text.get("external_id") or (f"urn:uuid:{text['uuid']}" if text.get("uuid") else None)
    if uid:
        lines.append(f"UID:{escape(uid)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_vcards(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for row in rows:
            values = dict(zip(headers, row, strict=True))
            handle.write(card(values))
            count += 1
    return count
