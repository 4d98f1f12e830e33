"""The Chinese translation is complete and compiled: lupdate run over today's code finds no text
without a finished translation, the translations keep their placeholders, and the shipped .qm
is the .ts compiled."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))

import translations  # noqa: E402


def _tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else shutil.which(name) or name


def _updated(lang: str, folder: Path) -> Path:
    """The committed .ts brought up to date with the code (as scripts/update_translations.sh)."""
    ts = folder / f"crm_desktop_{lang}.ts"
    shutil.copy(TRANSLATIONS / ts.name, ts)
    subprocess.run([_tool("pyside6-lupdate"), "-extensions", "py", "-recursive",
                    str(ROOT / "crm_desktop"), "-no-obsolete", "-locations", "none",
                    "-target-language", lang, "-ts", str(ts)],
                   check=True, capture_output=True)
    return ts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_has_a_translation(lang: str, tmp_path: Path) -> None:
    missing = translations.untranslated(_updated(lang, tmp_path))
    assert not missing, (
        f"{len(missing)} texts without a {lang} translation: run scripts/update_translations.sh "
        "and translate them (docs/translating.md):\n"
        + "\n".join(f"[{context}] {source!r}" for context, source in missing))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_committed_ts_is_up_to_date(lang: str, tmp_path: Path) -> None:
    """Texts the code no longer has are gone from the .ts (lupdate was run after the change)."""
    committed = {(c, m.findtext("source")) for c, m in translations.messages(
        ET.parse(TRANSLATIONS / f"crm_desktop_{lang}.ts").getroot())}
    current = {(c, m.findtext("source")) for c, m in translations.messages(
        ET.parse(_updated(lang, tmp_path)).getroot())}
    assert committed == current, "run scripts/update_translations.sh"


_PLACEHOLDER = re.compile(r"%\d|%n|\{[^{}]*\}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_their_placeholders(lang: str) -> None:
    root = ET.parse(TRANSLATIONS / f"crm_desktop_{lang}.ts").getroot()
    wrong = []
    for context, message in translations.messages(root):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        texts = [form.text or "" for form in translation.findall("numerusform")] \
            if translation is not None and translation.findall("numerusform") \
            else [translation.text or "" if translation is not None else ""]
        for text in texts:
            if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(text)):
                wrong.append(f"[{context}] {source!r} -> {text!r}")
            if re.search(r"&\w", source) and not re.search(r"&\w", text):
                wrong.append(f"[{context}] {source!r} -> {text!r}: the shortcut letter is lost")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shipped_qm_is_the_compiled_ts(lang: str, tmp_path: Path) -> None:
    qm = tmp_path / f"crm_desktop_{lang}.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent",
                    str(TRANSLATIONS / f"crm_desktop_{lang}.ts"), "-qm", str(qm)], check=True)
    assert qm.read_bytes() == (TRANSLATIONS / qm.name).read_bytes(), \
        "run scripts/update_translations.sh to compile the .qm"


def test_the_checker_sees_an_unfinished_translation(tmp_path: Path) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1">'
                  "<context><name>A</name>"
                  "<message><source>Done</source><translation>完成</translation></message>"
                  '<message><source>New</source><translation type="unfinished"/></message>'
                  "<message><source>Empty</source><translation></translation></message>"
                  "</context></TS>", encoding="utf-8")
    assert translations.untranslated(ts) == [("A", "New"), ("A", "Empty")]
    tsv = tmp_path / "x.tsv"
    tsv.write_text("A\tNew\t新建\n*\tEmpty\t空\n", encoding="utf-8")
    assert translations.fill(ts, tsv) == 2
    assert translations.untranslated(ts) == []
