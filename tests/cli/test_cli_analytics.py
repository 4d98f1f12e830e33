"""`analytics NAME --db PATH [--json]` for the analyses of cli.analyses."""

from __future__ import annotations

import json

import pytest

from crm_desktop.cli import main
from crm_desktop.storage.demo import generate


@pytest.fixture
def demo_path(db, db_path):
    generate(db, 300, seed=2)
    db.close()
    return db_path


@pytest.mark.parametrize("name", ["kpis", "rfm", "churn", "quality"])
def test_json_output(capsys, demo_path, name):
    assert main(["analytics", name, "--db", str(demo_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["name"] == name and report["quality"]
    assert 0 < len(report["rows"]) <= 50


def test_text_output_and_apply(capsys, demo_path):
    assert main(["analytics", "clv", "--db", str(demo_path), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "mean_clv" in out and "stored" in out


def test_bad_name_exits_2(demo_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["analytics", "bogus", "--db", str(demo_path)])
    assert exit_info.value.code == 2


def test_missing_db_exits_1(capsys, tmp_path):
    assert main(["analytics", "rfm", "--db", str(tmp_path / "none.db")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_not_enough_data_is_one_line(capsys, db, db_path):
    db.close()
    assert main(["analytics", "churn", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "churn needs" in err
