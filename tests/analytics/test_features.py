"""Shared per-customer features, hand-checked."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import features as ft

AS_OF = pd.Timestamp("2024-03-01")


def frames() -> dict[str, pd.DataFrame]:
    t = pd.to_datetime
    return {
        "customers": pd.DataFrame(
            {
                "id": [1, 2, 3, 4],
                "created_at": t(["2023-01-01", "2023-06-01", "2024-01-01", "2024-06-01"]),
            }
        ),
        "orders": pd.DataFrame(
            {
                "customer_id": [1, 1, 1, 2, 2],
                "ordered_at": t(
                    ["2023-12-01", "2024-02-20", "2024-04-01", "2023-07-01", "2024-01-01"]
                ),
                "amount": [100.0, 50.0, 999.0, 30.0, 70.0],
                "status": ["paid", "paid", "paid", "paid", "refunded"],
            }
        ),
        "tickets": pd.DataFrame(
            {
                "customer_id": [1, 1, 2],
                "type": ["complaint", "consultation", "complaint"],
                "status": ["open", "closed", "closed"],
                "satisfaction": [np.nan, 4.0, 2.0],
                "opened_at": t(["2024-01-01", "2024-01-02", "2024-02-01"]),
            }
        ),
        "interactions": pd.DataFrame(
            {"customer_id": [1, 3], "occurred_at": t(["2024-02-25", "2024-02-01"])}
        ),
        "surveys": pd.DataFrame(
            {
                "customer_id": [1, 1],
                "score": [3, 9],
                "responded_at": t(["2024-01-01", "2024-02-01"]),
            }
        ),
    }


def test_customer_features_hand_checked() -> None:
    f = frames()
    feats = ft.customer_features(
        f["customers"], f["orders"], f["tickets"], f["interactions"], f["surveys"], as_of=AS_OF
    )
    assert list(feats.index) == [1, 2, 3]  # customer 4 did not exist yet
    assert list(feats.columns) == list(ft.BEHAVIOUR_COLUMNS)
    one = feats.loc[1]
    assert one["recency_days"] == 10 and one["frequency"] == 2 and one["monetary"] == 150
    assert one["avg_order_value"] == 75 and one["orders_recent"] == 1  # 2023-12-01 is 91 days back
    assert one["tenure_days"] == (AS_OF - pd.Timestamp("2023-01-01")).days
    assert one["ticket_count"] == 2 and one["complaint_count"] == 1
    assert one["mean_satisfaction"] == 4.0 and one["nps_score"] == 9
    assert one["interaction_count"] == 1 and one["days_since_interaction"] == 5
    two = feats.loc[2]  # the refunded order does not count
    assert two["frequency"] == 1 and two["monetary"] == 30 and two["mean_satisfaction"] == 2
    three = feats.loc[3]  # no orders: filled
    assert three["frequency"] == 0 and three["monetary"] == 0
    assert three["recency_days"] == three["tenure_days"] == 60
    assert three["mean_satisfaction"] == ft.NEUTRAL_SATISFACTION
    assert three["nps_score"] == ft.NEUTRAL_NPS
    assert not feats.isna().any().any()


def test_unfilled_features_keep_unknowns_as_nan() -> None:
    f = frames()
    feats = ft.customer_features(f["customers"], f["orders"], as_of=AS_OF, fill=False)
    assert np.isnan(feats.loc[3, "recency_days"]) and np.isnan(feats.loc[1, "nps_score"])
    assert feats.loc[1, "ticket_count"] == 0


def test_without_customers_frame_uses_order_customers() -> None:
    f = frames()
    feats = ft.customer_features(None, f["orders"], as_of=AS_OF)
    assert sorted(feats.index) == [1, 2]
    assert feats.loc[2, "tenure_days"] == (AS_OF - pd.Timestamp("2023-07-01")).days


def test_helpers() -> None:
    assert ft.as_timestamp("2024-01-02T03:00:00+01:00") == pd.Timestamp("2024-01-02 02:00")
    logged = ft.log_transform(pd.DataFrame({"monetary": [0.0, np.e - 1], "x": [5.0, 6.0]}))
    assert logged["monetary"].tolist() == pytest.approx([0.0, 1.0])
    assert logged["x"].tolist() == [5.0, 6.0]
    orders = frames()["orders"]
    assert len(ft.revenue_orders(orders)) == 4


def test_customer_features_are_joined_a_column_at_a_time() -> None:
    """Each part (orders, tickets, interactions, surveys) is added to the features a column
    at a time: a join made every column of both anew beside them, and at a million customers
    twice the features at once were churn's peak while it built them. Same values as joins."""
    import tracemalloc

    rng = np.random.default_rng(1)
    n = 200_000

    def times(k: int) -> pd.Series:
        return pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 2190, k), unit="D")

    customers = pd.DataFrame({"id": np.arange(1, n + 1), "created_at": times(n)})
    orders = pd.DataFrame({"customer_id": rng.integers(1, n + 1, n), "ordered_at": times(n),
                           "amount": rng.random(n) * 100})
    tickets = pd.DataFrame({"customer_id": rng.integers(1, n + 1, n // 4),
                            "opened_at": times(n // 4),
                            "type": rng.choice(["complaint", "question"], n // 4),
                            "status": rng.choice(["open", "closed"], n // 4),
                            "satisfaction": rng.integers(1, 6, n // 4).astype(float)})
    interactions = pd.DataFrame({"customer_id": rng.integers(1, n + 1, n),
                                 "occurred_at": times(n)})
    surveys = pd.DataFrame({"customer_id": rng.integers(1, n + 1, n // 5),
                            "responded_at": times(n // 5), "score": rng.integers(0, 11, n // 5)})
    tracemalloc.start()
    try:
        found = ft.customer_features(customers, orders, tickets, interactions, surveys,
                                     as_of="2026-01-01", fill=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1.8 * found.memory_usage(index=False).sum()  # 1.96 with joins, 1.63 now

    ts = pd.Timestamp("2026-01-01")
    joined = pd.DataFrame(index=pd.Index(customers["id"].to_numpy(), name="customer_id"))
    for part in (ft.order_features(orders, ts), ft.ticket_features(tickets, ts),
                 ft.interaction_features(interactions, ts), ft.survey_features(surveys, ts)):
        joined = joined.join(part)
    for name in ("recency_days", "monetary", "mean_satisfaction", "interaction_count",
                 "nps_score"):
        expected = joined[name].fillna(0.0) if name in ("monetary", "interaction_count") \
            else joined[name]
        pd.testing.assert_series_equal(found[name], expected, check_exact=True)
