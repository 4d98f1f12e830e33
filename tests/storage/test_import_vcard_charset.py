"""vCard values in a wrong or missing CHARSET (issue 13, finding 4: a vCard with a wrong CHARSET
garbled 2 of 3 names). The rule (`vcard.decode_value`): bytes that are valid UTF-8 are UTF-8
against a single-byte CHARSET, or against a multi-byte one when they read as UTF-8 text does;
bytes that decode in nothing are reported with their card, never guessed."""

from __future__ import annotations

import quopri
from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop.models import Customer
from crm_desktop.storage.importing import run_import
from crm_desktop.storage.importing.vcard import decode_value

VCARDS = Path(__file__).parent / "data" / "vcards"


def _names(db) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Customer.name).order_by(Customer.id)))


def _card(name: str, charset: str | None, data: bytes, email: str) -> str:
    value = quopri.encodestring(data).decode("ascii").replace("=\n", "")
    declared = f";CHARSET={charset}" if charset else ""
    return (f"BEGIN:VCARD\r\nVERSION:2.1\r\n"
            f"FN{declared};ENCODING=QUOTED-PRINTABLE:{value}\r\n"
            f"EMAIL;INTERNET:{email}\r\nEND:VCARD\r\n")


def test_three_cards_two_with_a_wrong_charset(db):
    """The finding's file: UTF-8 names declared UTF-8, ISO-8859-1 and GB18030."""
    report = run_import(db, VCARDS / "wrong_charset.vcf")
    assert report.invalid == [] and report.imported == 3
    assert _names(db) == ["张伟", "Zoë Núñez", "北京公司"]


def test_right_legacy_charsets_are_kept(db, tmp_path):
    path = tmp_path / "legacy.vcf"
    path.write_text(
        _card("王芳", "GBK", "王芳".encode("gbk"), "wf@example.cn")
        + _card("陳大文", "BIG5", "陳大文".encode("big5"), "chen@example.tw")
        + _card("Amélie", "windows-1252", "Amélie".encode("cp1252"), "am@example.fr")
        + _card("Jürgen", None, "Jürgen".encode("cp1252"), "jm@example.de"),  # Outlook's habit
        encoding="ascii", newline="")
    report = run_import(db, path)
    assert report.invalid == [] and report.imported == 4
    assert _names(db) == ["王芳", "陳大文", "Amélie", "Jürgen"]


def test_a_value_that_decodes_in_nothing_reports_its_card(db, tmp_path):
    path = tmp_path / "broken.vcf"
    path.write_text(
        _card("Ada", None, b"Ada", "ada@example.com")
        + _card("?", "UTF-8", b"\xff\xfe\xfa", "bad@example.com")        # card 2, line 6
        + _card("?", "X-KLINGON", b"\xc0\x80", "bad2@example.com")        # card 3, line 11
        + _card("Grace", "UTF-8", "Grâce".encode(), "grace@example.com"),
        encoding="ascii", newline="")
    report = run_import(db, path)
    assert report.imported == 2 and _names(db) == ["Ada", "Grâce"]
    reasons = {p.row: p.reason for p in report.invalid}
    assert reasons == {
        6: "card 2: its FN value is not valid UTF-8 text and has CHARSET=UTF-8",
        11: "card 3: its FN value has CHARSET=X-KLINGON, an encoding crm-desktop does not know",
    }


def test_a_line_in_another_encoding_reports_its_card(db, tmp_path):
    """A raw (not quoted-printable) line that is not in the file's encoding."""
    path = tmp_path / "mixed.vcf"
    cards = [("张伟", "utf-8"), ("北京公司", "gbk"), ("李娜", "utf-8"), ("王芳", "utf-8")]
    path.write_bytes(b"".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n".encode(enc)
        for name, enc in cards))
    report = run_import(db, path)
    assert report.encoding == "utf-8" and report.imported == 3
    assert [(p.row, p.reason) for p in report.invalid] == [
        (5, "card 2: line 7 is not valid UTF-8 text like the rest of the file (the file mixes "
            "encodings)")]
    assert _names(db) == ["张伟", "李娜", "王芳"]


@pytest.mark.parametrize(("data", "charset", "expected"), [
    ("Zoë".encode(), "ISO-8859-1", "Zoë"),          # UTF-8 beats a single-byte charset
    ("北京".encode(), "GBK", "北京"),                # ... and a multi-byte one it reads as CJK
    ("Müller".encode(), "GBK", "Müller"),           # ... or as Latin letters
    ("北京".encode("gbk"), "UTF-8", None),           # not UTF-8 although declared: reported
    ("王芳".encode("gbk"), "GB2312", "王芳"),         # the declared charset when right
    ("Ą".encode("iso8859-2"), "ISO-8859-2", "Ą"),
])
def test_decode_value_rule(data, charset, expected):
    text, problem = decode_value(data, charset, "utf-8")
    if expected is None:
        assert problem is not None and text == ""
    else:
        assert (text, problem) == (expected, None)
