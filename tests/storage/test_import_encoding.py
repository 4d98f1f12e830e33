"""Import: the encoding is chosen per file, and lines in another encoding are reported as invalid
rows instead of guessed (issue 13, finding 4: a file mixing UTF-8, GBK and Windows-1252 lines
stored `±±¾©¹«Ë¾` for 北京公司)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop.models import Customer
from crm_desktop.storage.importing import decoding, read_source, run_import
from crm_desktop.storage.importing.decoding import decode
from crm_desktop.storage.importing.errors import ImportError_

HEADER = b"Name,Email,City\n"


def _names(db) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Customer.name).order_by(Customer.id)))


def _file(path: Path, *lines: tuple[str, str]) -> Path:
    """A CSV whose header is ASCII and whose every line is in its own encoding."""
    path.write_bytes(HEADER + b"".join(f"{text}\n".encode(enc) for text, enc in lines))
    return path


def _reasons(report) -> dict[int, str]:
    return {problem.row: problem.reason for problem in report.invalid}


def test_mixed_file_reports_the_lines_in_another_encoding(db, tmp_path):
    path = _file(tmp_path / "mixed.csv",
                 ("上海贸易,sh@example.cn,上海", "utf-8"),
                 ("北京公司,bj@example.cn,北京", "gbk"),          # line 3
                 ("深圳科技,sz@example.cn,深圳", "utf-8"),
                 ("Jürgen Müller,jm@example.de,München", "cp1252"),  # line 5
                 ("广州商行,gz@example.cn,广州", "utf-8"),
                 ("Zoë Núñez,zoe@example.es,Málaga", "utf-8"))
    report = run_import(db, path)
    assert report.encoding == "utf-8"
    assert report.rows == 6 and report.imported == 4 and report.skipped == 2
    reasons = _reasons(report)
    assert set(reasons) == {3, 5}
    assert reasons[3].startswith("line 3 is not valid UTF-8 text")
    assert reasons[5].startswith("line 5 is not valid UTF-8 text")
    assert _names(db) == ["上海贸易", "深圳科技", "广州商行", "Zoë Núñez"]


def test_gbk_file_with_a_utf8_and_a_western_line(db, tmp_path):
    path = _file(tmp_path / "gbk.csv",
                 ("北京公司,bj@example.cn,北京", "gbk"),
                 ("上海贸易,sh@example.cn,上海", "gbk"),
                 ("深圳科技,sz@example.cn,深圳", "utf-8"),           # line 4
                 ("广州商行,gz@example.cn,广州", "gbk"),
                 ("Jürgen Müller,jm@example.de,München", "cp1252"))  # line 6
    report = run_import(db, path)
    assert report.encoding == "gb18030"
    reasons = _reasons(report)
    assert set(reasons) == {4, 6}
    assert reasons[4].startswith("line 4 is UTF-8 text but the file is GB18030")
    assert reasons[6].startswith("line 6 reads as Windows-1252 (Western) text, not GB18030")
    assert _names(db) == ["北京公司", "上海贸易", "广州商行"]


def test_western_file_with_a_chinese_line_stores_no_mojibake(db, tmp_path):
    path = _file(tmp_path / "western.csv",
                 ("Jürgen Müller,jm@example.de,München", "cp1252"),
                 ("北京公司,bj@example.cn,北京", "gbk"),            # line 3
                 ("Søren Kjær,sk@example.dk,Århus", "cp1252"),
                 ("François,fr@example.fr,Besançon", "cp1252"))
    report = run_import(db, path)
    assert report.encoding == "cp1252"
    assert _reasons(report) == {3: "line 3 reads as GB18030 (Chinese) text, not Windows-1252 "
                                   "like the rest of the file (the file mixes encodings)"}
    names = _names(db)
    assert names == ["Jürgen Müller", "Søren Kjær", "François"]
    assert not any("±" in name or "¾" in name for name in names)


@pytest.mark.parametrize(("encoding", "rows"), [
    ("big5", [("陳大文", "臺北"), ("林美玲", "高雄"), ("王小明", "臺中"), ("張志豪", "新竹")]),
    ("shift_jis", [("山田太郎", "東京"), ("佐藤花子", "大阪"), ("鈴木一郎", "京都"),
                   ("田中さくら", "横浜")]),
    ("gbk", [("张伟", "北京"), ("李娜", "上海"), ("王芳", "广州"), ("刘洋", "深圳")]),
])
def test_cjk_legacy_files_are_detected(db, tmp_path, encoding, rows):
    path = tmp_path / "cjk.csv"
    path.write_bytes(("Name,City\n" + "".join(f"{n},{c}\n" for n, c in rows)).encode(encoding))
    report = run_import(db, path)
    assert report.invalid == [] and report.imported == len(rows)
    assert report.encoding == ("gb18030" if encoding == "gbk" else encoding)
    assert _names(db) == [name for name, _city in rows]


def test_chosen_encoding_reports_the_lines_that_do_not_decode(db, tmp_path):
    path = _file(tmp_path / "gbk.csv",
                 ("Ada,ada@example.com,London", "ascii"),
                 ("北京公司,bj@example.cn,北京", "gbk"),
                 ("上海贸易,sh@example.cn,上海", "gbk"))
    assert read_source(path).encoding == "gb18030"
    source = read_source(path, encoding="UTF8")
    assert source.encoding == "utf-8"
    assert source.rejected == [(3, "line 3 is not valid UTF-8 text"),
                               (4, "line 4 is not valid UTF-8 text")]
    report = run_import(db, path, encoding="utf-8")
    assert report.encoding == "utf-8" and report.imported == 1 and report.invalid_rows == 2
    assert _names(db) == ["Ada"]
    with pytest.raises(ImportError_, match="unknown encoding 'klingon'"):
        read_source(path, encoding="klingon")


def test_a_header_that_does_not_decode_is_refused_whole(tmp_path):
    path = tmp_path / "h.csv"
    path.write_bytes("名前,Email\n".encode("shift_jis") + b"Ada,ada@example.com\n")
    with pytest.raises(ImportError_, match="the first line .* is not valid UTF-8"):
        read_source(path, encoding="utf-8")


def test_rows_keep_their_numbers_after_a_record_of_several_lines(db, tmp_path):
    """A quoted cell spanning lines: the reason names the line, the row is the record."""
    path = tmp_path / "multi.csv"
    path.write_bytes(HEADER + b'"Ada","ada@example.com","Lon\ndon"\n'
                     + "北京公司,bj@example.cn,北京\n".encode("gbk")       # line 4, row 3
                     + "Zoë,zoe@example.es,Málaga\n".encode()
                     + '"Wu","wu@example.cn","上\n'.encode() + "海\"\n".encode("gbk")  # line 7
                     + "Li,li@example.cn,深圳\n".encode())
    report = run_import(db, path)
    assert report.encoding == "utf-8"
    reasons = _reasons(report)
    assert set(reasons) == {3, 5}
    assert reasons[3].startswith("line 4 is not valid UTF-8")
    assert reasons[5].startswith("line 7 is not valid UTF-8")
    assert _names(db) == ["Ada", "Zoë", "Li"]


def test_a_utf8_file_is_decoded_whole(monkeypatch):
    """The fast path: a file that is UTF-8 never goes line by line."""
    def line_by_line(*_args, **_kwargs):
        raise AssertionError("decoded line by line")

    monkeypatch.setattr(decoding, "_by_lines", line_by_line)
    monkeypatch.setattr(decoding, "_legacy", line_by_line)
    data = HEADER + "".join(f"张伟{i},z{i}@example.cn,北京\n" for i in range(2000)).encode()
    assert decode(data).encoding == "utf-8"


def test_line_kinds():
    assert decoding.line_kind("北京公司".encode("gbk")) == decoding.GB
    assert decoding.line_kind("Jürgen Müller".encode("cp1252")) == decoding.WESTERN
    assert decoding.line_kind("北京".encode()) == decoding.UTF8
    assert decoding.line_kind("陳大文,臺北".encode("big5")) == decoding.OTHER
    # An accented pair is also a valid GB2312 character: either, decided by the other lines.
    assert decoding.line_kind("Größe".encode("cp1252")) == decoding.EITHER
