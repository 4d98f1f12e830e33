"""Segment profiles and names on planted clusters with a known behaviour."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import rfm
from crm_desktop.analytics import segment_profiles as sp

AS_OF = pd.Timestamp("2024-12-31")


def cluster(rng: np.random.Generator, n: int, recency, frequency, order_value, tenure) -> dict:
    """n customers with uniform recency, orders, order value and tenure in the given ranges."""
    freq = rng.integers(frequency[0], frequency[1] + 1, n).astype(float)
    aov = rng.uniform(*order_value, n)
    tenure_days = rng.uniform(*tenure, n)
    return {
        "recency_days": np.minimum(rng.uniform(*recency, n), tenure_days),
        "frequency": freq,
        "monetary": freq * aov,
        "avg_order_value": aov,
        "tenure_days": tenure_days,
    }


PLANTED = {
    # recent, many orders, large orders
    "A": dict(recency=(2, 30), frequency=(20, 40), order_value=(200, 300), tenure=(600, 1000)),
    # many orders, but the last one 250-500 days ago
    "B": dict(recency=(250, 500), frequency=(15, 30), order_value=(40, 60), tenure=(700, 1100)),
    # recent, a few small orders
    "C": dict(recency=(10, 80), frequency=(2, 3), order_value=(20, 40), tenure=(400, 800)),
    # joined in the last 80 days
    "D": dict(recency=(1, 60), frequency=(1, 2), order_value=(30, 80), tenure=(5, 80)),
}


def planted(clusters: dict[str, dict], size: int = 200, seed: int = 0):
    rng = np.random.default_rng(seed)
    parts, labels = [], []
    for label, spec in clusters.items():
        parts.append(pd.DataFrame(cluster(rng, size, **spec)))
        labels += [label] * size
    features = pd.concat(parts, ignore_index=True)
    features.index = pd.Index(np.arange(1, len(features) + 1), name="customer_id")
    return features, pd.Series(labels, index=features.index, name="segment")


def test_profiles_describe_each_segment() -> None:
    features, labels = planted(PLANTED)
    table = sp.profile_table(features, labels)
    assert list(table.columns) == list(sp.PROFILE_COLUMNS)
    assert list(table.index) == ["A", "B", "C", "D"]
    assert (table["size"] == 200).all() and np.isclose(table["share_customers"].sum(), 1.0)
    assert np.isclose(table["share_revenue"].sum(), 1.0)
    assert table["share_revenue"].idxmax() == "A" and table.loc["A", "share_revenue"] > 0.7
    assert table.loc["B", "median_recency_days"] > 250
    assert 20 <= table.loc["A", "median_frequency"] <= 40
    assert 200 <= table.loc["A", "median_order_value"] <= 300
    assert table.loc["D", "median_tenure_days"] < 80


def test_planted_clusters_get_the_names_of_their_behaviour() -> None:
    features, labels = planted(PLANTED)
    names = sp.segment_profiles(features, labels)["name_key"].to_dict()
    assert names == {
        "A": "frequent_high_spenders",
        "B": "lapsed_frequent",
        "C": "occasional_low_spenders",
        "D": "new_this_quarter",
    }


def test_more_behaviours_are_named() -> None:
    clusters = {
        **PLANTED,
        # one order, long ago
        "E": dict(recency=(200, 600), frequency=(1, 1), order_value=(20, 80), tenure=(300, 700)),
        # few but very large orders, recently
        "F": dict(recency=(5, 40), frequency=(2, 3), order_value=(3000, 5000), tenure=(500, 900)),
        # many large orders, last one 100-150 days ago: slipping away
        "G": dict(recency=(100, 150), frequency=(15, 25), order_value=(150, 250),
                  tenure=(600, 900)),
        # registered, never bought
        "H": dict(recency=(300, 400), frequency=(0, 0), order_value=(0, 0), tenure=(300, 400)),
    }
    names = sp.segment_profiles(*planted(clusters))["name_key"]
    assert names["E"] == "one_time_buyers"
    assert names["F"] == "big_ticket_buyers"
    assert names["G"] == "at_risk_high_value"
    assert names["H"] == "not_yet_buyers"
    assert set(names) <= set(sp.NAME_KEYS)


def test_two_segments_with_the_same_profile_get_ranked_names() -> None:
    features, labels = planted(PLANTED)
    # split A in two: both halves are frequent high spenders; the richer one comes first
    richer = labels.eq("A") & (features["monetary"] > features.loc[labels.eq("A"), "monetary"]
                               .median())
    labels = labels.where(~richer, "A rich")
    table = sp.segment_profiles(features, labels)
    assert table.loc["A rich", "name_key"] == table.loc["A", "name_key"] == "frequent_high_spenders"
    assert table.loc["A rich", "name_rank"] == 1 and table.loc["A", "name_rank"] == 2
    assert table.loc["A rich", "name"] == "frequent_high_spenders_1"
    assert table["name"].is_unique
    assert table.loc["B", "name_rank"] == 0 and table.loc["B", "name"] == "lapsed_frequent"


def test_dbscan_noise_and_unlabelled_customers() -> None:
    features, labels = planted(PLANTED)
    numeric = labels.map({"A": 0, "B": 1, "C": -1, "D": np.nan})
    table = sp.segment_profiles(features, numeric)
    assert list(table.index) == [-1.0, 0.0, 1.0]
    assert table.loc[-1.0, "name_key"] == "unusual_customers"
    assert table["size"].sum() == 600


def test_rfm_segments_keep_their_names_and_get_a_profile() -> None:
    rng = np.random.default_rng(2)
    n = 500
    orders = pd.DataFrame(
        {
            "customer_id": rng.integers(1, n + 1, 4000),
            "ordered_at": AS_OF - pd.to_timedelta(rng.integers(0, 700, 4000), unit="D"),
            "amount": rng.gamma(2.0, 50.0, 4000),
            "status": "paid",
        }
    )
    table = rfm.rfm_table(orders, AS_OF)
    profiles = sp.rfm_profiles(table)
    assert list(profiles.index) == [s for s in rfm.SEGMENTS if s in set(table["segment"])]
    assert profiles["size"].sum() == len(table)
    assert np.isclose(profiles["share_revenue"].sum(), 1.0)
    champions = table[table["segment"] == "Champions"]
    assert profiles.loc["Champions", "median_recency_days"] == pytest.approx(
        champions["recency"].median())
    assert profiles["median_tenure_days"].isna().all()
