"""`targets set|list|progress|delete` on a small database."""

from __future__ import annotations

import json

from crm_desktop.cli import main


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_set_list_progress_delete(capsys, db_path):
    code, out, _ = run(capsys, "targets", "set", "--db", db_path, "--owner", "Alice Chen",
                       "--period", "2026-Q4", "--amount", "50000", "--currency", "EUR",
                       "--deals", "10")
    assert code == 0 and out.strip() == (
        "target 1 set Alice Chen, 2026-Q4: 50,000.00 EUR, 10 deals")
    code, out, _ = run(capsys, "targets", "set", "--db", db_path, "--all", "--period",
                       "2026-12", "--amount", "9000")
    assert code == 0 and "whole business, 2026-12: 9,000.00 USD" in out
    code, out, _ = run(capsys, "targets", "list", "--db", db_path, "--json")
    listed = json.loads(out)
    assert [(t["owner"], t["period"], t["amount"]) for t in listed] == [
        ("Alice Chen", "2026-Q4", "50000.00"), (None, "2026-12", "9000.00")]
    code, out, _ = run(capsys, "targets", "list", "--db", db_path, "--all")
    assert "whole business" in out and "Alice" not in out
    code, out, _ = run(capsys, "targets", "progress", "--db", db_path, "--as-of", "2026-12-15",
                       "--weights", "stage", "--json")
    report = json.loads(out)
    assert code == 0 and [t["period"] for t in report["targets"]] == ["2026-Q4", "2026-12"]
    assert report["targets"][0]["actual_amount"] == "0.00"
    code, out, _ = run(capsys, "targets", "progress", "--db", db_path, "--as-of", "2026-12-15",
                       "--weights", "stage")
    assert "Alice Chen" in out and "(whole business)" in out
    code, out, _ = run(capsys, "targets", "delete", "--db", db_path, "1")
    assert code == 0 and "trash" in out
    code, out, _ = run(capsys, "targets", "list", "--db", db_path, "--json")
    assert len(json.loads(out)) == 1


def test_bad_values_are_one_line(capsys, db_path):
    code, out, err = run(capsys, "targets", "set", "--db", db_path, "--all", "--period",
                         "2026-14", "--amount", "5")
    assert code == 1 and err.strip().startswith("crm-desktop: error: period:")
    assert "2026-14" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "targets", "set", "--db", db_path, "--all", "--period",
                         "2026-12", "--amount", "-5")
    assert code == 1 and "amount: cannot be negative" in err
