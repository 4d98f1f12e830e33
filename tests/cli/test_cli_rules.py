"""`rules show|set|reset`: print, store and forget the scoring rules and weights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crm_desktop.cli import main
from crm_desktop.services import scoring
from crm_desktop.storage.database import open_database

GOOD = {
    "rules": {"version": 1, "rules": [
        {"field": "city", "operator": "==", "value": "Paris", "category": "Local",
         "points": 3, "name": "locals"},
        {"field": "monetary", "operator": "top %", "value": 5, "category": "VIP"},
    ], "default_category": "Rest"},
    "weights": {"version": 1, "weights": {"monetary": 1, "frequency": 2},
                "lower_is_better": []},
}


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, data: object, name: str = "rules.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def stored(db_path: Path) -> dict[str, bool]:
    with open_database(db_path) as database:
        return scoring.is_stored(database)


def test_show_defaults_as_text_and_json(capsys, db_path):
    code, out, _ = run(capsys, "rules", "show", "--db", db_path)
    assert code == 0
    assert "Rules (default)" in out and "monetary top % 20 -> category 'High value'" in out
    assert "otherwise: category 'Occasional'" in out
    assert "recency_days: 1  (lower is better)" in out
    code, out, _ = run(capsys, "rules", "show", "--db", db_path, "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"rules", "weights"}
    assert data["rules"] == scoring.rules_data(scoring.DEFAULT_RULES)
    assert data["weights"]["weights"]["monetary"] == 2.0


def test_set_show_reset(capsys, db_path, tmp_path):
    code, out, err = run(capsys, "rules", "set", "--db", db_path, write(tmp_path, GOOD))
    assert code == 0 and "stored 2 rules and 2 weights" in out and err == ""
    assert stored(db_path) == {"rules": True, "weights": True}
    code, out, _ = run(capsys, "rules", "show", "--db", db_path, "--json")
    shown = json.loads(out)
    assert [r["name"] for r in shown["rules"]["rules"]] == ["locals", ""]
    assert shown["rules"]["default_category"] == "Rest"
    assert shown["weights"]["weights"] == {"monetary": 1.0, "frequency": 2.0}
    # what show prints, set reads back unchanged
    code, _, _ = run(capsys, "rules", "set", "--db", db_path, write(tmp_path, shown, "o.json"))
    assert code == 0
    code, out, _ = run(capsys, "rules", "show", "--db", db_path)
    assert "Rules (stored)" in out and "city == \"Paris\" -> category 'Local', +3 points" in out
    code, out, _ = run(capsys, "rules", "reset", "--db", db_path)
    assert code == 0 and "defaults again" in out
    assert stored(db_path) == {"rules": False, "weights": False}


def test_set_only_weights_keeps_rules(capsys, db_path, tmp_path):
    run(capsys, "rules", "set", "--db", db_path, write(tmp_path, GOOD))
    code, out, _ = run(capsys, "rules", "set", "--db", db_path,
                       write(tmp_path, {"weights": {"weights": {"nps_score": 1}}}, "w.json"))
    assert code == 0 and out.startswith("stored 1 weights")
    with open_database(db_path) as database:
        assert scoring.load_rules(database).default_category == "Rest"
        assert scoring.load_weights(database).weights == {"nps_score": 1.0}


BAD_FILES = [
    ({"rules": {"rules": [{"field": "monetary", "operator": ">", "value": "lots"}]}},
     "rule 1: value must be a number for '>', not 'lots'"),
    ({"rules": {"rules": [{"field": "shoe", "operator": "==", "value": 1}]}},
     "unknown field 'shoe'"),
    ({"rules": GOOD["rules"], "weights": {"weights": {"monetary": 0}}},
     "at least one weight must be above zero"),
    ({"rules": GOOD["rules"], "weights": {"weights": {"monetary": -2}}}, "must not be negative"),
    ({"rulez": {}}, 'expected an object with "rules" and/or "weights"'),
    ({"rules": None}, 'expected an object with "rules" and/or "weights"'),
    ([1, 2], 'expected an object'),
    ("{not json", "not valid JSON"),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_bad_file_exits_2_and_stores_nothing(capsys, db_path, tmp_path, content, message):
    path = write(tmp_path, content)
    code, out, err = run(capsys, "rules", "set", "--db", db_path, path)
    assert code == 2 and out == ""
    assert err.startswith(f"crm-desktop: error: {path}: ") and message in err
    assert err.count("\n") == 1
    assert stored(db_path) == {"rules": False, "weights": False}


def test_missing_file_and_missing_database(capsys, db_path, tmp_path):
    code, _, err = run(capsys, "rules", "set", "--db", db_path, tmp_path / "none.json")
    assert code == 2 and err.count("\n") == 1 and "none.json" in err
    code, _, err = run(capsys, "rules", "show", "--db", tmp_path / "none.db")
    assert code == 1 and "does not exist" in err


def test_an_action_is_required():
    with pytest.raises(SystemExit) as exit_info:
        main(["rules", "--help"])
    assert exit_info.value.code == 0
    with pytest.raises(SystemExit) as exit_info:
        main(["rules"])
    assert exit_info.value.code == 2
