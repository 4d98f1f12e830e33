"""What the category classifier learns from (classify_frame), on four hand-made customers.

As of 2024-06-30 (the last order): A bought twice, B once, C and D never; only A has a rated
ticket. Cities: Paris x2, Lyon, Oslo; with the two most frequent values kept, the third city
becomes "(other)".
"""

from __future__ import annotations

import math

import pandas as pd

from crm_desktop.analytics import classification
from crm_desktop.analytics.classification import OTHER, classify_frame


def frames() -> dict[str, pd.DataFrame]:
    customers = pd.DataFrame({
        "id": [1, 2, 3, 4], "kind": ["company", "person", "person", None],
        "industry": ["Retail", "  ", None, "IT"], "lead_source": ["web", "web", "", "referral"],
        "city": ["Paris", "Paris", "Lyon", "Oslo"], "rating": [5, None, 3, None],
        "category": ["VIP", None, "Lost", None],
        "created_at": pd.to_datetime(["2023-01-01"] * 4)})
    orders = pd.DataFrame({"id": [1, 2, 3], "customer_id": [1, 1, 2],
                           "ordered_at": pd.to_datetime(["2024-01-01", "2024-06-30",
                                                         "2024-03-01"]),
                           "amount": [100.0, 300.0, 50.0], "status": "paid"})
    tickets = pd.DataFrame({"id": [1], "customer_id": [1], "type": ["question"],
                            "status": ["closed"], "satisfaction": [4],
                            "opened_at": pd.to_datetime(["2024-02-01"])})
    interactions = pd.DataFrame({"id": [1], "customer_id": [2],
                                 "occurred_at": pd.to_datetime(["2024-05-01"])})
    surveys = pd.DataFrame({"id": [], "customer_id": [], "score": [],
                            "responded_at": pd.to_datetime([])})
    return {"customers": customers, "orders": orders, "tickets": tickets,
            "interactions": interactions, "survey_responses": surveys}


def test_attributes_join_the_unfilled_behaviour(monkeypatch):
    monkeypatch.setattr(classification, "CLASSIFY_TOP_VALUES", 2)
    X = classify_frame(frames())
    assert list(X.index) == [1, 2, 3, 4]
    assert list(X.columns[-5:]) == ["kind", "industry", "lead_source", "city", "rating"]
    assert X["industry"].tolist()[0] == "Retail" and X["industry"].isna().tolist() == [
        False, True, True, False]  # a blank is missing, not a category "  "
    assert X["lead_source"].tolist()[:2] == ["web", "web"] and pd.isna(X.loc[3, "lead_source"])
    # Kept: the two most frequent cities (Paris, then the first of the ties); the rest: other.
    assert X["city"].tolist()[:2] == ["Paris", "Paris"]
    assert X["city"].tolist().count(OTHER) == 1
    assert X["rating"].dtype == float and X["rating"].isna().tolist() == [False, True, False,
                                                                         True]
    # Unfilled: no order, no rating, no contact stay unknown (the pipeline imputes them).
    assert math.isnan(X.loc[3, "recency_days"]) and X.loc[1, "recency_days"] == 0.0
    assert X.loc[1, "mean_satisfaction"] == 4.0 and math.isnan(X.loc[2, "mean_satisfaction"])
    assert math.isnan(X.loc[1, "days_since_interaction"]) and X["nps_score"].isna().all()
    assert X.loc[3, "frequency"] == 0.0  # a count is known: zero
