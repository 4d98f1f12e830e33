"""The data commands: import, export, duplicates, merge/unmerge, backup, restore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crm_desktop.cli import main

CSV = ("First Name,Last Name,Email,Phone\nAda,Lovelace,ada@example.com,(415) 555-0100\n"
       "Bad,Row,not-an-email,\nAda,L.,ADA@example.com,\n")


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_json_report(capsys, db_path, people):
    code, out, _err = run(capsys, "import", people, "--db", db_path, "--json")
    report = json.loads(out)
    assert code == 0
    assert {k: report[k] for k in ("rows", "imported", "updated", "skipped")} == {
        "rows": 3, "imported": 1, "updated": 0, "skipped": 2}
    assert report["invalid"] == [{"row": 3, "field": "email", "value": "not-an-email",
                                  "reason": report["invalid"][0]["reason"]}]
    assert "valid email" in report["invalid"][0]["reason"]
    assert report["mapping"] == {"First Name": "first_name", "Last Name": "last_name",
                                 "Email": "email", "Phone": "phone"}
    code, out, _err = run(capsys, "import", people, "--db", db_path, "--json",
                          "--on-match", "skip")
    assert json.loads(out)["imported"] == 0


def test_import_lists_a_kept_phone_as_a_warning(capsys, db_path, tmp_path):
    path = tmp_path / "sg.csv"
    path.write_text("Name,Phone\nTan Wei,+6599824833\nLim,+65 998\n", encoding="utf-8")
    code, out, _err = run(capsys, "import", path, "--db", db_path, "--json")
    report = json.loads(out)
    assert code == 0 and (report["imported"], report["skipped"]) == (1, 1)
    assert [(w["row"], w["field"], w["value"]) for w in report["warnings"]] == [
        (2, "phone", "+6599824833")]
    assert "Singapore (SG)" in report["warnings"][0]["reason"]
    assert "Singapore (SG)" in report["invalid"][0]["reason"]
    code, out, _err = run(capsys, "import", path, "--db", db_path, "--dry-run")
    assert "row 2, phone (kept): +65 9982 4833 is not a valid number for Singapore" in out


def test_import_region_reads_national_numbers(capsys, db_path, tmp_path):
    path = tmp_path / "cn.csv"
    path.write_text("Name,Phone\n张伟,138 0013 8000\n", encoding="utf-8")
    code, out, _err = run(capsys, "import", path, "--db", db_path, "--json", "--region", "CN")
    assert code == 0 and json.loads(out)["imported"] == 1
    code, out, _err = run(capsys, "export", "--db", db_path, "--out", tmp_path / "out.csv")
    assert "+8613800138000" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")


def test_import_dry_run_abort_and_errors(capsys, db_path, people, tmp_path):
    code, out, _err = run(capsys, "import", people, "--db", db_path, "--dry-run")
    assert code == 0 and "would import 1" in out and "row 3, email" in out
    code, out, err = run(capsys, "import", people, "--db", db_path, "--on-invalid", "abort")
    assert code == 1 and err.count("\n") == 1 and "row 3, email" in err
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _out, err = run(capsys, "import", empty, "--db", db_path)
    assert code == 1 and err == "crm-desktop: error: empty.csv is empty\n"
    code, out, _err = run(capsys, "stats", "--db", db_path, "--json")
    assert json.loads(out)["customers"] == 0


def test_import_with_template_and_kind(capsys, db_path, people, tmp_path):
    template = tmp_path / "map.json"
    template.write_text(json.dumps({"kind": "customers", "mapping": {
        "First Name": "name", "Last Name": None, "Email": "email", "Phone": None}}))
    run(capsys, "import", people, "--db", db_path, "--mapping", template)
    orders = tmp_path / "orders.csv"
    orders.write_text("Order Number,Email,Total\nSO-1,ada@example.com,10.50\n", "utf-8")
    code, out, _err = run(capsys, "import", orders, "--db", db_path, "--kind", "orders",
                          "--json")
    assert code == 0 and json.loads(out)["imported"] == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_export_formats(capsys, db_path, people, tmp_path, fmt):
    run(capsys, "import", people, "--db", db_path)
    out_file = tmp_path / f"out.{fmt}"
    code, _out, err = run(capsys, "export", "--db", db_path, "--kind", "customers",
                          "--format", fmt, "--out", out_file)
    assert code == 0 and "1 customers" in err and out_file.stat().st_size > 0
    for kind in ("orders", "opportunities", "tickets", "interactions"):
        code, _out, _err = run(capsys, "export", "--db", db_path, "--kind", kind,
                               "--format", "csv", "--out", tmp_path / f"{kind}.csv")
        assert code == 0


def test_export_filter(capsys, db_path, people, tmp_path):
    run(capsys, "import", people, "--db", db_path)
    out_file = tmp_path / "none.csv"
    code, _out, err = run(capsys, "export", "--db", db_path, "--format", "csv", "--out",
                          out_file, "--where", "name", "eq", "Nobody")
    assert code == 0 and err.startswith("0 customers")


def test_duplicates_merge_unmerge(capsys, db_path, tmp_path):
    path = tmp_path / "dups.csv"
    path.write_text("Name,Email,Phone\nJohn Smith,john@example.com,\n"
                    "Jon Smith,,+1 415 555 0100\nJohn Smith,,(415) 555-0100\n", "utf-8")
    run(capsys, "import", path, "--db", db_path)
    code, out, _err = run(capsys, "duplicates", "--db", db_path, "--json")
    assert code == 0 and json.loads(out) == []  # alike names and nothing else: below "maybe"
    code, out, _err = run(capsys, "duplicates", "--db", db_path, "--json", "--threshold", "0.5")
    pairs = json.loads(out)
    assert code == 0 and pairs and {"a", "b", "score", "level", "reasons"} <= set(pairs[0])
    assert pairs[0]["reasons"] == ["names 95% alike"] and pairs[0]["level"] == "unlikely"
    best = pairs[0]
    code, out, _err = run(capsys, "merge", "--db", db_path, "--survivor", best["a"],
                          "--loser", best["b"])
    merge_id = out.rsplit(" ", 1)[1].strip()
    assert code == 0
    code, out, _err = run(capsys, "unmerge", "--db", db_path, "--merge-id", merge_id)
    assert code == 0 and "restored" in out


def test_backup_and_restore(capsys, db_path, people, tmp_path):
    run(capsys, "import", people, "--db", db_path)
    copy = tmp_path / "copy.db"
    code, out, _err = run(capsys, "backup", "--db", db_path, "--out", copy)
    assert code == 0 and Path(out.strip()) == copy
    run(capsys, "import", people.with_name("people.csv"), "--db", db_path)
    code, out, _err = run(capsys, "restore", "--db", db_path, "--from", copy)
    assert code == 0 and "previous database is kept" in out
    code, _out, err = run(capsys, "restore", "--db", db_path, "--from", people)
    assert code == 1 and "not a database" in err
    code, out, _err = run(capsys, "backup", "--db", db_path, "--keep", "2")
    assert code == 0 and "crm-backup-" in out


def test_import_names_the_encoding_and_takes_another(capsys, db_path, tmp_path):
    """The summary says which encoding was read (detected or chosen); --encoding overrides it,
    and the lines that do not decode in it are invalid rows naming the line."""
    path = tmp_path / "gbk.csv"
    path.write_bytes("Name,City\n张伟,北京\n".encode("gbk") + b"Ada,London\n")
    code, out, _err = run(capsys, "import", path, "--db", db_path, "--dry-run")
    assert code == 0
    assert out.splitlines()[0].endswith("2 rows (CSV, GB18030 (detected)), would import 2, "
                                        "updated 0, skipped 0")
    code, out, _err = run(capsys, "import", path, "--db", db_path, "--dry-run",
                          "--encoding", "UTF-8")
    assert "2 rows (CSV, UTF-8 (chosen)), would import 1" in out
    assert "  row 2, (row): line 2 is not valid UTF-8 text" in out
    code, _out, err = run(capsys, "import", path, "--db", db_path, "--encoding", "klingon")
    assert code == 1 and "unknown encoding 'klingon'" in err and err.count("\n") == 1


def test_import_limits_from_the_command_line(capsys, db_path, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("Name,Notes\nAda,short\nGrace," + "x" * 1500 + "\n", encoding="utf-8")
    code, out, _err = run(capsys, "import", path, "--db", db_path, "--json",
                          "--max-cell-chars", "1000")
    report = json.loads(out)
    assert code == 0 and report["imported"] == 1
    assert report["invalid"][0]["row"] == 3
    assert "more than the import limit of 1,000" in report["invalid"][0]["reason"]
    big = tmp_path / "big.csv"
    big.write_text("Name\n" + "Ann\n" * 300_000, encoding="utf-8")
    code, _out, err = run(capsys, "import", big, "--db", db_path, "--max-file-mb", "1")
    assert code == 1 and "more than the import limit of 1 MB" in err
    with pytest.raises(SystemExit) as exited:
        run(capsys, "import", big, "--db", db_path, "--max-file-mb", "0")
    assert exited.value.code == 2 and "must be at least 1" in capsys.readouterr().err


def test_import_of_a_file_read_as_it_goes_reports_as_one_read_whole(capsys, tmp_path,
                                                                    template_db, monkeypatch):
    """`crm-desktop import` streams a long CSV (storage.importing.stream): the JSON report is
    the one of the same file read whole (chunks of a few rows stand for the 5,000 of a file)."""
    from crm_desktop.storage.importing import customer_import, stream

    path = tmp_path / "gbk.csv"
    rows = [f"客户{i},c{i}@example.cn,北京" for i in range(30)]
    rows[7] = "坏行,not-an-email,上海"
    rows[12] = "客户3 again,c3@example.cn,上海"
    path.write_bytes(("Name,Email,City\n" + "\n".join(rows) + "\n").encode("gbk")
                     + b"Ada,ada@example.com,London\n")
    monkeypatch.setattr(customer_import, "CHUNK", 4)
    reports = []
    for step in (3, 10_000):  # streamed, then one step: read whole
        monkeypatch.setattr(stream, "_STEP", step)
        db = tmp_path / f"step{step}.db"
        db.write_bytes(template_db.read_bytes())
        code, out, _err = run(capsys, "import", path, "--db", db, "--json")
        assert code == 0
        reports.append({k: v for k, v in json.loads(out).items() if k != "file"})
    assert reports[0] == reports[1]
    assert reports[0]["rows"] == 31 and reports[0]["imported"] == 29
    assert reports[0]["encoding"] == "gb18030"
    assert [p["row"] for p in reports[0]["invalid"]] == [9]
