"""`analytics NAME --db PATH [--json]` for the analyses of services.analyses."""

from __future__ import annotations

import json

import pytest

from crm_desktop.cli import main
from crm_desktop.storage.demo.generate import generate


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


@pytest.mark.parametrize(("argv", "name", "expected"), [
    (["--method", "dbscan", "--k-min", "3", "--k-max", "5", "--min-samples", "9"], "segments",
     {"method": "dbscan", "k_min": 3, "k_max": 5, "min_samples": 9}),
    (["--model", "svm"], "classify", {"model": "svm", "tune": False}),
    (["--tune"], "classify", {"model": "random_forest", "tune": True}),
    (["--min-support", "2.5", "--min-confidence", "40"], "basket",
     {"min_support_pct": 2.5, "min_confidence_pct": 40.0}),
    (["--target", "Software", "--propensity-days", "60"], "propensity",
     {"target": "Software", "propensity_days": 60}),
    (["--discount-rate", "7.5", "--clv-months", "24"], "clv",
     {"discount_rate": 7.5, "clv_months": 24}),
    (["--loyal-min-quarters", "3", "--loyal-quarters", "6", "--churn-window-days", "120",
      "--period", "quarter"], "kpis",
     {"loyal_min_quarters": 3, "loyal_quarters": 6, "churn_window_days": 120,
      "period": "quarter"}),
    (["--horizon-days", "90"], "churn", {"horizon_days": 90}),
    (["--method", "nmf", "--themes", "5", "--source", "needs"], "tickets",
     {"theme_method": "nmf", "themes": 5, "text_source": "needs"}),
    ([], "rfm", {}),
])
def test_flags_reach_run_analysis(monkeypatch, capsys, demo_path, argv, name, expected):
    import pandas as pd

    from crm_desktop.services.analyses import run
    from crm_desktop.services.analyses.outcome import AnalysisOutcome

    seen = {}

    def fake(database, analysis, params=None, *args, **kwargs):
        seen.update(analysis=analysis, params=params)
        return AnalysisOutcome(analysis, {"x": 1.0}, pd.DataFrame({"a": [1]}))

    monkeypatch.setattr(run, "run_analysis", fake)
    assert main(["analytics", name, "--db", str(demo_path), *argv]) == 0
    assert seen == {"analysis": name, "params": expected}


def test_defaults_are_the_analyses_defaults(monkeypatch, demo_path):
    import pandas as pd

    from crm_desktop.services.analyses import parameters, run
    from crm_desktop.services.analyses.outcome import AnalysisOutcome

    seen = {}

    def fake(database, analysis, params=None, *args, **kwargs):
        seen.update(params)
        return AnalysisOutcome(analysis, {}, pd.DataFrame())

    monkeypatch.setattr(run, "run_analysis", fake)
    for name, params in parameters.PARAMETERS.items():
        seen.clear()
        assert main(["analytics", name, "--db", str(demo_path)]) == 0
        assert seen == {p: parameters.DEFAULT_PARAMS[p] for p in params}


def test_only_the_analysis_flags_and_choices_are_accepted(demo_path):
    for argv in (["kpis", "--model", "svm"], ["segments", "--method", "ward"],
                 ["classify", "--model", "knn"], ["kpis", "--period", "week"],
                 ["tickets", "--method", "dbscan"], ["segments", "--method", "nmf"],
                 ["segments", "--source", "needs"], ["tickets", "--theme-method", "nmf"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["analytics", *argv, "--db", str(demo_path)])
        assert exit_info.value.code == 2


def test_json_has_the_detail_table_and_params_change_it(capsys, demo_path):
    assert main(["analytics", "segments", "--db", str(demo_path), "--json",
                 "--method", "dbscan"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["quality"]["method"] == "dbscan" and "noise_share" in report["quality"]
    assert main(["analytics", "classify", "--db", str(demo_path), "--json",
                 "--model", "logistic"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["quality"]["model"] == "logistic"
    assert report["detail_title"].startswith("Confusion matrix")
    assert len(report["detail"]) == report["quality"]["classes"]


def test_bad_parameter_value_is_one_line(capsys, demo_path):
    assert main(["analytics", "kpis", "--db", str(demo_path), "--loyal-min-quarters", "6"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "loyal_min_quarters" in err
    assert main(["analytics", "propensity", "--db", str(demo_path), "--target", "Nope"]) == 1
    assert "no order lines" in capsys.readouterr().err
