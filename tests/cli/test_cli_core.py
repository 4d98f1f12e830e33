"""`stats`, `search`, `check`, `demo`: good arguments work, bad ones give one clean line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crm_desktop.cli import main
from crm_desktop.storage.customers import create_customer


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(db, db_path):
    with db.session() as session:
        create_customer(session, {"name": "李娜", "city": "上海"}, emails=["li.na@example.cn"])
        create_customer(session, {"name": "John Smith"}, phones=["(415) 555-0100"])
    db.close()
    return db_path


def test_stats_json(capsys, filled):
    code, out, _ = run(capsys, "stats", "--db", str(filled), "--json")
    counts = json.loads(out)
    assert code == 0 and counts["customers"] == 2 and counts["contact_points"] == 2
    assert counts["tickets"] == 0


def test_stats_table(capsys, filled):
    code, out, _ = run(capsys, "stats", "--db", str(filled))
    assert code == 0 and "customers" in out


def test_search(capsys, filled):
    code, out, _ = run(capsys, "search", "--db", str(filled), "李娜", "--json")
    assert code == 0 and [hit["name"] for hit in json.loads(out)] == ["李娜"]
    code, out, _ = run(capsys, "search", "--db", str(filled), "4155550100", "--limit", "5")
    assert code == 0 and "John Smith" in out


def test_check_ok(capsys, filled):
    code, out, _ = run(capsys, "check", "--db", str(filled))
    assert code == 0 and "ok" in out


def test_check_finds_damage(capsys, filled):
    import sqlite3

    connection = sqlite3.connect(filled)
    connection.execute("DELETE FROM customer_search WHERE rowid = 1")
    connection.commit()
    connection.close()
    code, out, _ = run(capsys, "check", "--db", str(filled))
    assert code == 1 and "search index" in out


@pytest.mark.parametrize("command", [["stats"], ["check"], ["search", "x"]])
def test_missing_file(capsys, tmp_path, command):
    code, out, err = run(capsys, *command, "--db", str(tmp_path / "missing.db"))
    assert code == 1 and "does not exist" in err and "Traceback" not in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("command", [["stats"], ["check"], ["search", "x"], ["demo", "--customers", "5"]])
def test_not_a_database(capsys, tmp_path, command):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello, this is not SQLite\n" * 10)
    code, _, err = run(capsys, *command, "--db", str(bogus))
    assert code == 1 and "not a SQLite database" in err and err.count("\n") == 1


def test_foreign_sqlite_database(capsys, tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE things (x)")
    connection.commit()
    connection.close()
    code, _, err = run(capsys, "stats", "--db", str(other))
    assert code == 1 and "not a crm-desktop one" in err


def test_wrong_path(capsys, tmp_path):
    code, _, err = run(capsys, "demo", "--db", str(tmp_path / "no" / "such" / "x.db"),
                       "--customers", "5")
    assert code == 1 and "does not exist" in err
    code, _, err = run(capsys, "stats", "--db", str(tmp_path))
    assert code == 1 and "folder" in err


@pytest.mark.parametrize("argv", [
    ["demo", "--db", "x.db"],                      # --customers missing
    ["demo", "--db", "x.db", "--customers", "-3"],
    ["search", "--db", "x.db"],                    # TEXT missing
    ["stats"],                                     # --db missing
    ["nonsense"],
])
def test_bad_arguments_exit_2(argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


@pytest.mark.parametrize("command", ["", "gui", "demo", "stats", "search", "check"])
def test_help_everywhere(capsys, command):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"] if command else ["--help"])
    assert exit_info.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_console_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "crm_desktop", "stats", "--db", str(tmp_path / "none.db")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("crm-desktop: error:") and "Traceback" not in result.stderr
