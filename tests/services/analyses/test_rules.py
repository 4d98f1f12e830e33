"""The "rules" analysis on four hand-made customers, with the default and with stored rules.

As of 2024-12-31 (the last order), with every ticket unrated (satisfaction 3 for all):

| customer | city   | rating | paid orders                      | freq | spend | recency | complaints |
|----------|--------|--------|----------------------------------|------|-------|---------|------------|
| A        | Paris  | 5      | 2024-01-01 500, 06-01 500, 12-31 1000 | 3 | 2000 | 0     | 0          |
| B        | Berlin | 2      | 2023-06-01 100                   | 1    | 100   | 579     | 1          |
| C        | Paris  | -      | none (created 2024-03-01)        | 0    | 0     | 305     | 0          |
| D        | Oslo   | -      | 2024-12-01 300                   | 1    | 300   | 30      | 0          |

Spend's 80th percentile (linear) = 300 + 0.4 * (2000 - 300) = 980, so only A is "top 20%".
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from crm_desktop.models import Customer
from crm_desktop.services import scoring
from crm_desktop.services.analyses.apply import apply_outcome
from crm_desktop.services.analyses.parameters import AnalysisError
from crm_desktop.services.analyses.rules import run_rules
from crm_desktop.services.analyses.steps import Steps
from crm_desktop.storage import analytics_store, sales, service
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.frame_cache import FrameCache

ORDERS = {"A": [("2024-01-01", 500), ("2024-06-01", 500), ("2024-12-31", 1000)],
          "B": [("2023-06-01", 100)], "C": [], "D": [("2024-12-01", 300)]}
PEOPLE = {"A": ("Paris", 5, "2023-01-01"), "B": ("Berlin", 2, "2023-01-01"),
          "C": ("Paris", None, "2024-03-01"), "D": ("Oslo", None, "2023-01-01")}


@pytest.fixture
def ids(db) -> dict[str, int]:
    made = {}
    with db.session() as session:
        for name, (city, rating, created) in PEOPLE.items():
            customer = create_customer(session, {"name": name, "city": city, "rating": rating,
                                                 "status": "customer"})
            customer.created_at = datetime.fromisoformat(created)
            made[name] = customer.id
            for when, amount in ORDERS[name]:
                sales.create_order(session, {"customer_id": customer.id, "status": "paid",
                                             "ordered_at": datetime.fromisoformat(when)},
                                   [sales.LineInput("goods", quantity=1, unit_price=amount)])
        service.open_ticket(session, {"customer_id": made["B"], "subject": "Broken",
                                      "type": "complaint",
                                      "opened_at": datetime(2024, 2, 1)})
    return made


def by_name(outcome, ids) -> pd.DataFrame:
    names = {v: k for k, v in ids.items()}
    table = outcome.table.assign(who=outcome.table["customer_id"].map(names))
    return table.set_index("who").sort_index()


def test_default_rules_by_hand(db, ids):
    outcome = run_rules(db, {}, Steps(None, None))
    table = by_name(outcome, ids)
    assert list(outcome.table.columns) == ["customer_id", "category", "points",
                                           "matched_rules", "score"]
    assert table["category"].to_dict() == {"A": "High value", "B": "Dormant",
                                           "C": "Prospect", "D": "Occasional"}
    assert table["points"].to_dict() == {"A": 50.0, "B": -15.0, "C": 0.0, "D": 0.0}
    assert table["matched_rules"].to_dict() == {
        "A": "top 20% spend; 3+ orders", "B": "no order for a year; complained",
        "C": "never bought", "D": ""}
    # g = (2 m + f + r + s) / 5 over min-max columns; recency reversed; satisfaction 0.5 each
    expected = {
        "A": (2 * 1 + 1 + 1 + 0.5) / 5,
        "B": (2 * 0.05 + 1 / 3 + 0 + 0.5) / 5,
        "C": (0 + 0 + 274 / 579 + 0.5) / 5,
        "D": (2 * 0.15 + 1 / 3 + 549 / 579 + 0.5) / 5,
    }
    assert table["score"].to_dict() == {k: round(100 * v, 1) for k, v in expected.items()}
    assert table["score"].to_dict() == {"A": 90.0, "B": 18.7, "C": 19.5, "D": 41.6}
    assert outcome.quality["customers"] == 4
    assert outcome.quality["mean_score"] == round((90.0 + 18.7 + 19.5 + 41.6) / 4, 2)
    assert outcome.quality["rule set"] == "default" and outcome.quality["rules"] == 5
    for category in ("High value", "Dormant", "Prospect", "Occasional"):
        assert outcome.quality[f"category {category}"] == 1
    assert outcome.chart is not None and sorted(outcome.chart.x) == sorted(
        ["High value", "Dormant", "Prospect", "Occasional"]) and outcome.chart.y == [1] * 4
    kind, frame, value, label, details = outcome.results[0]
    assert (kind, value, label) == ("rule_score", "score", "category") and len(frame) == 4
    assert details == ("points", "matched_rules")
    assert outcome.categories is not None
    assert outcome.categories.to_dict()[ids["B"]] == "Dormant"


STORED_RULES = {"rules": [
    {"field": "city", "operator": "in", "value": ["Paris"], "category": "Parisian",
     "points": 10, "name": "in Paris"},
    {"field": "rating", "operator": ">=", "value": 4, "points": 5, "name": "well rated"},
    {"field": "monetary", "operator": "between", "value": [100, 500], "category": "Mid",
     "name": "mid spend"},
    {"field": "monetary", "operator": "bottom %", "value": 25, "points": -1},
], "default_category": "Elsewhere"}


def test_stored_rules_and_weights_change_the_outcome(db, ids):
    scoring.save_scoring(db, STORED_RULES, {"weights": {"monetary": 1}})
    outcome = run_rules(db, {}, Steps(None, None, FrameCache(db)))
    table = by_name(outcome, ids)
    assert table["category"].to_dict() == {"A": "Parisian", "B": "Mid", "C": "Parisian",
                                           "D": "Mid"}
    # bottom 25% of spend: <= 0 + 0.75 * (100 - 0) = 75, i.e. C; unnamed rules are described
    assert table["points"].to_dict() == {"A": 15.0, "B": 0.0, "C": 9.0, "D": 0.0}
    assert table["matched_rules"].to_dict() == {
        "A": "in Paris; well rated", "B": "mid spend", "C": "in Paris; monetary bottom % 25",
        "D": "mid spend"}
    assert table["score"].to_dict() == {"A": 100.0, "B": 5.0, "C": 0.0, "D": 15.0}
    assert outcome.quality["rule set"] == "stored" and outcome.quality["weights"] == "stored"
    assert outcome.quality["category Parisian"] == 2 and outcome.quality["category Mid"] == 2


def test_apply_stores_scores_and_fills_empty_categories(db, ids):
    with db.session() as session:
        session.get(Customer, ids["A"]).category = "Key account"
    outcome = run_rules(db, {}, Steps(None, None))
    written = apply_outcome(db, outcome).value
    assert written["rule_score"] == 4
    stored = analytics_store.load_results(db, "rule_score").set_index("customer_id")
    assert stored.loc[ids["D"], "value"] == 41.6 and stored.loc[ids["B"], "label"] == "Dormant"
    with db.session() as session:
        categories = {name: session.get(Customer, i).category for name, i in ids.items()}
    assert categories == {"A": "Key account", "B": "Dormant", "C": "Prospect",
                          "D": "Occasional"}


def test_apply_reports_what_it_changed(db, ids):
    outcome = run_rules(db, {}, Steps(None, None))
    first = apply_outcome(db, outcome)
    assert first.value["categories"] == 4
    assert first.changes.entities == {"analytics_results", "customers"}
    again = apply_outcome(db, outcome)  # every category is filled now: results only
    assert again.value["categories"] == 0 and again.changes.entities == {"analytics_results"}


def test_apply_is_one_transaction(db, ids, monkeypatch):
    """Results and categories land together or not at all."""
    outcome = run_rules(db, {}, Steps(None, None))

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(analytics_store, "apply_categories", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        apply_outcome(db, outcome)
    assert analytics_store.load_results(db, "rule_score").empty


def test_apply_stores_the_points_and_matched_rules_as_details(db, ids):
    apply_outcome(db, run_rules(db, {}, Steps(None, None)))
    stored = analytics_store.load_results(db, "rule_score").set_index("customer_id")
    details = {name: stored.loc[i, "details"] for name, i in ids.items()}
    assert details == {
        "A": {"points": 50.0, "matched_rules": "top 20% spend; 3+ orders"},
        "B": {"points": -15.0, "matched_rules": "no order for a year; complained"},
        "C": {"points": 0.0, "matched_rules": "never bought"},
        "D": {"points": 0.0, "matched_rules": ""}}


def test_no_customers_is_one_line(db):
    with pytest.raises(AnalysisError, match="rules need customers"):
        run_rules(db, {}, Steps(None, None))


def test_the_app_and_the_cli_run_the_stored_rules(db, ids, db_path, capsys):
    """run_analysis("rules") (the Analytics page, `crm-desktop analytics rules`) evaluates
    the user's stored rules, not a built-in set."""
    import json

    from crm_desktop.cli import main
    from crm_desktop.services.analyses.run import run_analysis

    scoring.save_scoring(db, STORED_RULES, {"weights": {"monetary": 1}})
    table = by_name(run_analysis(db, "rules", {}), ids)
    assert table["category"].astype(str).to_dict() == {"A": "Parisian", "B": "Mid",
                                                       "C": "Parisian", "D": "Mid"}
    db.close()
    assert main(["analytics", "rules", "--db", str(db_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["quality"]["rule set"] == "stored"
    assert {row["category"] for row in report["rows"]} == {"Parisian", "Mid"}
