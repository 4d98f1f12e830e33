"""Rule engine and weighted scores against hand-computed values."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics.scoring import (
    OPERATORS,
    Rule,
    RuleSet,
    WeightedScore,
    apply_rules,
    normalise_columns,
    rule_mask,
    weighted_score,
)


@pytest.fixture
def customers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "monetary": [1200.0, 300.0, np.nan, 50.0],
            "city": ["Beijing", "Paris", "上海", None],
            "tags": ["vip,wholesale", "", "VIP", None],
            "status": ["customer", "lead", "customer", "churned"],
            "created_at": pd.to_datetime(["2020-01-01", "2023-05-01", "2024-02-01", None]),
            "orders": ["12", "3", "x", "1"],  # numbers stored as text
        },
        index=[11, 12, 13, 14],
    )


@pytest.mark.parametrize(
    ("field", "operator", "value", "expected"),
    [
        ("monetary", "==", 300, [False, True, False, False]),
        ("monetary", "!=", 300, [True, False, False, True]),  # missing never matches
        ("monetary", ">", 300, [True, False, False, False]),
        ("monetary", ">=", 300, [True, True, False, False]),
        ("monetary", "<", 300, [False, False, False, True]),
        ("monetary", "<=", 300, [False, True, False, True]),
        ("city", "in", ["Paris", "上海"], [False, True, True, False]),
        ("city", "not in", ["Paris"], [True, False, True, False]),
        ("tags", "contains", "vip", [True, False, True, False]),
        ("monetary", "between", [50, 300], [False, True, False, True]),
        ("tags", "is empty", None, [False, True, False, True]),
        ("tags", "is not empty", None, [True, False, True, False]),
        ("created_at", ">=", "2023-01-01", [False, True, True, False]),
        ("orders", ">", 2, [True, True, False, False]),
        ("status", "==", "customer", [True, False, True, False]),
        ("missing_field", "==", 1, [False, False, False, False]),
        # a share of the rows with a value: >= / <= the percentile (linear; 300 and 220 here)
        ("monetary", "top %", 50, [True, True, False, False]),
        ("monetary", "bottom %", 34, [False, False, False, True]),
        ("orders", "top %", 30, [True, False, False, False]),  # numbers stored as text
    ],
)
def test_every_operator(customers, field, operator, value, expected) -> None:
    assert rule_mask(customers, Rule(field, operator, value)).tolist() == expected


def test_all_operators_are_covered_above() -> None:
    assert len(OPERATORS) == 14


def test_a_percentage_of_tied_values_matches_them_all() -> None:
    frame = pd.DataFrame({"spend": [5.0, 5.0, 5.0, 1.0]})
    assert rule_mask(frame, Rule("spend", "top %", 20)).tolist() == [True, True, True, False]
    assert Rule("spend", "top %", 20).label() == "spend top % 20"
    assert Rule("spend", "top %", 20, name="best").label() == "best"


def test_rule_set_first_category_wins_and_points_add_up(customers) -> None:
    rules = RuleSet(
        (
            Rule("monetary", ">=", 1000, category="A", points=30, name="big spender"),
            Rule("tags", "contains", "vip", category="VIP", points=20),
            Rule("status", "==", "customer", points=10),
            Rule("monetary", "between", [100, 999], category="B", points=5),
        ),
        default_category="C",
    )
    out = apply_rules(customers, rules)
    assert out["category"].tolist() == ["A", "B", "VIP", "C"]
    assert out["points"].tolist() == [60.0, 5.0, 30.0, 0.0]
    assert out["matches"].tolist() == [3, 1, 2, 0]
    assert list(out.index) == [11, 12, 13, 14]


def test_rules_round_trip_through_json(customers) -> None:
    rules = RuleSet(
        (Rule("city", "in", ("Paris", "上海"), category="X", points=1.5, name="cities"),),
        default_category="other",
    )
    restored = RuleSet.from_dict(json.loads(json.dumps(rules.to_dict(), ensure_ascii=False)))
    assert restored.rules[0].value == ["Paris", "上海"] and restored.default_category == "other"
    assert apply_rules(customers, restored).equals(apply_rules(customers, rules))
    numpy_rule = Rule("monetary", "between", (np.int64(1), np.float64(2.5)), points=np.float64(2))
    assert json.loads(json.dumps(numpy_rule.to_dict()))["value"] == [1, 2.5]
    score = WeightedScore({"monetary": 2.0, "orders": 1.0}, ("orders",), "zscore")
    assert WeightedScore.from_dict(json.loads(json.dumps(score.to_dict()))) == score


def test_invalid_rules_are_refused() -> None:
    with pytest.raises(ValueError):
        Rule("x", "~=", 1)
    with pytest.raises(ValueError):
        Rule("x", "between", 5)
    with pytest.raises(ValueError):
        WeightedScore({"x": -1.0})
    with pytest.raises(ValueError):
        WeightedScore({"x": 1.0}, normalise="log")


def test_weighted_score_by_hand() -> None:
    frame = pd.DataFrame(
        {"monetary": [0.0, 50.0, 100.0], "recency": [10.0, 30.0, 50.0], "nps": [5.0, np.nan, 9.0]}
    )
    score = WeightedScore({"monetary": 3.0, "recency": 1.0, "nps": 2.0}, ("recency",))
    g = weighted_score(frame, score)
    # min-max: monetary 0, .5, 1; recency (lower is better) 1, .5, 0; nps 0, NaN, 1
    assert g.tolist() == pytest.approx([(0 + 1 + 0) / 6, (1.5 + 0.5) / 4, (3 + 0 + 2) / 6])
    raw = weighted_score(frame, WeightedScore({"monetary": 1.0, "recency": 1.0}, (), "none"))
    assert raw.tolist() == [5.0, 40.0, 75.0]


def test_normalisation_variants() -> None:
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0], "c": [4.0, 4.0, 4.0]})
    z = normalise_columns(frame, ["x", "c"], "zscore")
    assert z["x"].tolist() == pytest.approx([-1.2247449, 0.0, 1.2247449])
    assert z["c"].tolist() == [0.0, 0.0, 0.0]
    assert normalise_columns(frame, ["c"], "minmax")["c"].tolist() == [0.5, 0.5, 0.5]
