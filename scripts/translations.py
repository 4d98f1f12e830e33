"""Helpers for the Qt translation sources (resources/translations/*.ts), standard library only.

    python scripts/translations.py missing FILE.ts        list untranslated texts; exit 1 if any
    python scripts/translations.py todo FILE.ts > x.tsv   untranslated texts as TSV lines
                                                          (context, source, empty translation)
    python scripts/translations.py fill FILE.ts x.tsv     write the TSV's translations into the .ts

The TSV route is for translating many texts at once in any editor (a tab separates the
columns; a newline inside a text is written as \\n); Qt Linguist (`pyside6-linguist FILE.ts`)
edits the .ts directly. See docs/translating.md.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path


def messages(root: ET.Element) -> Iterator[tuple[str, ET.Element]]:
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def is_untranslated(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return True
    forms = translation.findall("numerusform")
    texts = [form.text for form in forms] if forms else [translation.text]
    return not all(text and text.strip() for text in texts)


def untranslated(path: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    root = ET.parse(path).getroot()
    return [(context, message.findtext("source") or "") for context, message in messages(root)
            if is_untranslated(message)]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(text: str) -> str:
    out, index = [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(text[index + 1], text[index + 1]))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def read_tsv(path: Path) -> dict[tuple[str, str], str]:
    """{(context, source): translation}; a context of "*" applies to every context."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        context, source, translation = line.split("\t")
        if translation.strip():
            table[(_unescape(context), _unescape(source))] = _unescape(translation)
    return table


def fill(ts_path: Path, tsv_path: Path) -> int:
    """Write translations into the untranslated messages of the .ts; returns how many."""
    table = read_tsv(tsv_path)
    tree = ET.parse(ts_path)
    count = 0
    for context, message in messages(tree.getroot()):
        source = message.findtext("source") or ""
        text = table.get((context, source), table.get(("*", source)))
        if text is None or not is_untranslated(message):
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        forms = translation.findall("numerusform")
        for form in forms:
            form.text = text
        if not forms:
            translation.text = text
        count += 1
    _write(tree, ts_path)
    return count


def _write(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("missing", "todo", "fill"):
        print(__doc__, file=sys.stderr)
        return 2
    ts_path = Path(argv[1])
    if argv[0] == "fill":
        print(f"{ts_path}: {fill(ts_path, Path(argv[2]))} translations filled in")
        return 0
    missing = untranslated(ts_path)
    if argv[0] == "todo":
        for context, source in missing:
            print(f"{_escape(context)}\t{_escape(source)}\t")
        return 0
    for context, source in missing:
        print(f"{ts_path.name}: untranslated [{context}] {source!r}")
    print(f"{ts_path.name}: {len(missing)} untranslated", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
