"""Every feature the models use has a phrase key; values become the numbers the UI shows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import churn, phrases, propensity
from crm_desktop.analytics import winprob as wp
from crm_desktop.analytics.features import customer_features
from crm_desktop.analytics.reasons import Reason

AS_OF = pd.Timestamp("2024-12-31")


def _frames() -> dict[str, pd.DataFrame]:
    days = pd.to_timedelta([400, 200, 30, 10], unit="D")
    orders = pd.DataFrame(
        {"customer_id": [1, 1, 2, 2], "ordered_at": AS_OF - days, "amount": 50.0,
         "status": "paid"}
    )
    return {
        "customers": pd.DataFrame({"id": [1, 2], "created_at": AS_OF - pd.Timedelta(days=500)}),
        "orders": orders,
        "lines": orders.assign(product_category=["A", "B", "A", "A"]),
        "tickets": pd.DataFrame(
            {"customer_id": [1], "type": ["complaint"], "status": ["open"], "satisfaction": [2.0],
             "opened_at": [AS_OF - pd.Timedelta(days=5)]}
        ),
        "interactions": pd.DataFrame(
            {"customer_id": [2], "occurred_at": [AS_OF - pd.Timedelta(days=3)]}
        ),
        "surveys": pd.DataFrame(
            {"customer_id": [1], "score": [4], "responded_at": [AS_OF - pd.Timedelta(days=9)]}
        ),
        "opportunities": pd.DataFrame(
            {"id": [1, 2], "customer_id": [1, 2], "amount": [1000.0, 50.0], "stage_order": [2, 5],
             "stage_probability": [0.4, 1.0], "status": ["open", "won"], "owner": ["ann", None],
             "lead_source": ["web", None], "source_campaign_id": [3.0, np.nan],
             "created_at": AS_OF - pd.to_timedelta([20, 90], unit="D"),
             "closed_at": [pd.NaT, AS_OF - pd.Timedelta(days=60)]}
        ),
    }


def model_features() -> dict[str, pd.DataFrame]:
    """The feature frames the builders really produce (so a new feature needs a phrase)."""
    f = _frames()
    return {
        "customer": customer_features(
            f["customers"], f["orders"], f["tickets"], f["interactions"], f["surveys"],
            as_of=AS_OF,
        ),
        "churn": churn.churn_features(
            f["customers"], f["orders"], f["tickets"], f["interactions"], f["surveys"], AS_OF
        ),
        "propensity": propensity.propensity_features(
            f["customers"], f["orders"], f["lines"], "A", propensity.DEFAULT_COLUMNS, AS_OF
        ),
        "win": wp.opportunity_features(f["opportunities"], f["orders"]),
    }


@pytest.mark.parametrize("kind", ["customer", "churn", "propensity", "win"])
def test_every_model_feature_has_a_phrase(kind: str) -> None:
    frame = model_features()[kind]
    assert len(frame.columns) >= 6
    for feature in frame.columns:
        for value in frame[feature]:
            said = phrases.phrase(Reason(feature, value, 0.5, 1))
            assert said.key not in (phrases.GENERIC_KEY, phrases.UNKNOWN_KEY), (feature, value)


@pytest.mark.parametrize(
    ("feature", "value", "expected"),
    [
        ("recency_days", 140.4, phrases.Phrase("no_order_days", (140,))),
        ("complaint_count", 2.0, phrases.Phrase("complaints_total", (2,))),
        ("orders_recent", 0.0, phrases.Phrase("orders_in_last_days", (0, 90))),
        ("mean_satisfaction", 1.75, phrases.Phrase("average_satisfaction", (1.8, 5))),
        ("nps_score", float("nan"), phrases.Phrase("no_survey_answer")),
        ("days_since_interaction", float("nan"), phrases.Phrase("never_contacted")),
        ("monetary", 1234.567, phrases.Phrase("spent_total", (1234.57,))),
        ("amount_log", float(np.log1p(5000.0)), phrases.Phrase("deal_amount", (5000.0,))),
        ("stage_probability", 0.4, phrases.Phrase("deal_stage_probability", (40,))),
        ("lead_source", "referral", phrases.Phrase("lead_source", ("referral",))),
        ("owner", float("nan"), phrases.Phrase("no_deal_owner")),
        ("has_source_campaign", 1.0, phrases.Phrase("from_campaign")),
        ("has_source_campaign", 0.0, phrases.Phrase("not_from_campaign")),
        ("my_column", 3.0, phrases.Phrase(phrases.GENERIC_KEY, ("my_column", 3.0))),
    ],
)
def test_phrases_carry_the_numbers(feature, value, expected) -> None:
    assert phrases.phrase(Reason(feature, value, 0.3, 1)) == expected


def test_the_recent_window_is_part_of_the_phrase() -> None:
    reason = Reason("orders_recent", 3.0, 0.2, -1)
    assert phrases.phrase(reason, recent_days=365).args == (3, 365)
    assert phrases.phrase_keys([reason, Reason("frequency", 1.0, 0.1, 1)]) == [
        "orders_in_last_days", "orders_total"]


def test_phrase_table_equals_phrase_row_by_row() -> None:
    rng = np.random.default_rng(3)
    features = [*phrases.FEATURE_PHRASES, "lead_source", "owner", "has_source_campaign",
                "my_own_column"]
    n = 600
    chosen = rng.choice(features, n)
    values: list[object] = []
    for feature in chosen.tolist():
        draw = rng.random()
        if feature in ("lead_source", "owner"):
            values.append(None if draw < 0.2 else "web")
        elif draw < 0.1:
            values.append(float("nan"))
        else:
            values.append(float(rng.gamma(2.0, 40.0)) * (1 if draw < 0.9 else 0.01))
    table = pd.DataFrame({"row": np.arange(n) // 3, "rank": np.arange(n) % 3 + 1,
                          "feature": chosen, "value": pd.Series(values, dtype=object),
                          "contribution": 0.1, "direction": 1})
    found = phrases.phrase_table(table, recent_days=60)
    expected = [phrases.phrase(Reason(f, float("nan") if v is None else v, 0.1, 1),  # type: ignore[arg-type]
                               recent_days=60)
                for f, v in zip(chosen.tolist(), values, strict=True)]
    assert found["key"].tolist() == [e.key for e in expected]
    assert found["args"].tolist() == [e.args for e in expected]
    assert found["row"].tolist() == table["row"].tolist()
    # a reasons table of a numeric frame carries its values as floats (top_reasons): the same
    numbers = table[~table["feature"].isin(["lead_source", "owner"])].copy()
    as_objects = phrases.phrase_table(numbers, recent_days=60)
    numbers["value"] = numbers["value"].astype(float)
    as_floats = phrases.phrase_table(numbers, recent_days=60)
    assert as_floats["key"].tolist() == as_objects["key"].tolist()
    assert as_floats["args"].tolist() == as_objects["args"].tolist()
