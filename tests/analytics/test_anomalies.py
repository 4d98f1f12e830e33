"""Unusual buying: planted changes are flagged with their reasons; steady buyers are not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import Cancelled, anomalies, text

AS_OF = pd.Timestamp("2025-01-01")
CATEGORIES = ["hardware", "software", "services", "supplies"]


def steady_buyers(n: int, seed: int, shape: tuple[float, float] = (0.6, 6.0)
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Orders and lines of ``n`` customers who buy the same way all along: gaps from a gamma
    distribution (shape drawn in ``shape``, mean 15-60 days) observed at a random time,
    5-29 orders, 1-3 lines each with log-normal amounts, a fixed category mix."""
    rng = np.random.default_rng(seed)
    mean_gap, k = rng.uniform(15, 60, n), rng.uniform(*shape, n)
    n_orders = rng.integers(5, 30, n)
    customer = np.repeat(np.arange(n), n_orders)
    gaps = rng.gamma(k[customer], mean_gap[customer] / k[customer])
    # AS_OF falls in a gap picked in proportion to its length (gamma shape k + 1)
    age = rng.uniform(0, rng.gamma(k + 1, mean_gap / k))
    first = np.cumsum(n_orders) - n_orders
    # days before AS_OF: the age of the current gap, then the gaps one after another
    back = np.cumsum(gaps) - np.repeat(np.cumsum(gaps)[first] - gaps[first], n_orders)
    back = back - gaps + age[customer]
    level, sigma = rng.uniform(50, 500, n), rng.uniform(0.2, 0.6, n)
    mixes = rng.dirichlet(np.full(len(CATEGORIES), 2.0), n)
    n_lines = rng.integers(1, 4, len(customer))
    line_order = np.repeat(np.arange(len(customer)), n_lines)
    line_customer = customer[line_order]
    amount = level[line_customer] * np.exp(rng.normal(0, sigma[line_customer])) / 2
    cumulative = mixes.cumsum(axis=1)[line_customer]
    category = (rng.random(len(line_order))[:, None] > cumulative).sum(axis=1)
    when = AS_OF - pd.to_timedelta(back, unit="D")
    orders = pd.DataFrame({"id": np.arange(len(customer)) + 1, "customer_id": customer,
                           "ordered_at": when, "amount": 0.0, "status": "paid"})
    orders["amount"] = np.bincount(line_order, weights=amount, minlength=len(customer))
    lines = pd.DataFrame({"order_id": line_order + 1, "customer_id": line_customer,
                          "ordered_at": when[line_order],
                          "product_category": np.array(CATEGORIES)[category],
                          "amount": amount})
    return orders, lines


def regular_customer(customer: int, first_order: int, amounts: list[float],
                     categories: list[str], gap_days: float, last_days_ago: float
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Orders every ``gap_days`` ending ``last_days_ago`` before AS_OF, one line each."""
    n = len(amounts)
    when = [AS_OF - pd.Timedelta(days=last_days_ago + gap_days * (n - 1 - i)) for i in range(n)]
    ids = list(range(first_order, first_order + n))
    orders = pd.DataFrame({"id": ids, "customer_id": customer, "ordered_at": when,
                           "amount": amounts, "status": "paid"})
    lines = pd.DataFrame({"order_id": ids, "customer_id": customer, "ordered_at": when,
                          "product_category": categories, "amount": amounts})
    return orders, lines


def with_planted(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    orders, lines = steady_buyers(300, seed)
    rng = np.random.default_rng(seed + 100)
    usual = list(200 * np.exp(rng.normal(0, 0.15, 12)))
    planted = [
        # 1001: the last three orders are a fifth of the usual size
        regular_customer(1001, 900_000, usual + [40.0, 38.0, 42.0], ["hardware"] * 15, 30, 10),
        # 1002: bought every 30 days, silent for 150 days
        regular_customer(1002, 910_000, usual, ["hardware"] * 12, 30, 150),
        # 1003: always hardware, now only services
        regular_customer(1003, 920_000, usual, ["hardware"] * 9 + ["services"] * 3, 30, 10),
    ]
    orders = pd.concat([orders, *[o for o, _ in planted]], ignore_index=True)
    lines = pd.concat([lines, *[line for _, line in planted]], ignore_index=True)
    customers = pd.DataFrame({"id": orders["customer_id"].unique()})
    customers["name"] = "Customer " + customers["id"].astype(str)
    customers["category"] = None
    return orders, lines, customers


def test_planted_changes_are_flagged_with_their_reasons() -> None:
    orders, lines, customers = with_planted()
    result = anomalies.buying_anomalies(orders, lines, customers, as_of=AS_OF)
    assert list(result.flagged.columns) == list(anomalies.FLAGGED_COLUMNS)
    assert list(result.details.columns) == list(anomalies.DETAIL_COLUMNS)
    flagged = result.flagged.set_index("customer_id")
    usual = orders[orders["customer_id"] == 1001]["amount"].iloc[:12].mean()
    assert flagged.loc[1001, "reasons"] == (
        ("order_size_drop", 40.0, round(usual, 1)),)
    assert flagged.loc[1001, "name"] == "Customer 1001"
    assert flagged.loc[1002, "reasons"] == (("gap_vs_usual", 150.0, 30.0),)
    assert flagged.loc[1003, "reasons"] == (("mix_shift", "hardware", "services"),)
    assert result.measures.loc[1003, "mix_shift"] == pytest.approx(1.0)
    detail = result.details.set_index("customer_id").loc[1002]
    assert detail["p_value"] < 0.001 and detail["peer_z"] > 2


def test_steady_buyers_are_rarely_flagged() -> None:
    """Stated bound: under 1% of steady buyers flagged for any reason at the defaults
    (5,000 customers over 5 seeds; bursty buyers with gamma shape below 1 included)."""
    flagged = total = 0
    for seed in range(5):
        orders, lines = steady_buyers(1000, seed)
        result = anomalies.buying_anomalies(orders, lines, as_of=AS_OF)
        flagged += len(result.flagged)
        total += len(result.measures)
    assert total == 5000
    assert flagged / total < 0.01


def test_a_whole_peer_group_changing_is_not_one_customers_anomaly() -> None:
    # every customer in the group halves their order size in the same recent orders
    parts = [regular_customer(c, 1000 * c, [200.0 + c % 7] * 10 + [60.0 + c % 5] * 3,
                              ["hardware"] * 13, 30, 10) for c in range(1, 31)]
    orders = pd.concat([o for o, _ in parts], ignore_index=True)
    lines = pd.concat([line for _, line in parts], ignore_index=True)
    alone = anomalies.buying_anomalies(orders, lines, as_of=AS_OF, min_peers=100)
    assert set(alone.details["key"]) == {"order_size_drop"} and len(alone.flagged) == 30
    with_peers = anomalies.buying_anomalies(orders, lines, as_of=AS_OF)
    assert with_peers.flagged.empty


def test_peer_groups_come_from_the_customers_category() -> None:
    orders, lines, customers = with_planted()
    customers["category"] = np.where(customers["id"] > 1000, "planted", "steady")
    result = anomalies.buying_anomalies(orders, lines, customers, as_of=AS_OF, min_peers=3)
    # three planted customers form their own group: each is odd only in one measure
    assert {1001, 1002, 1003} <= set(result.flagged["customer_id"])
    assert result.measures.loc[1001, "size_peer_z"] < -2


def test_anomalies_without_lines_skip_the_mix_and_stop_when_cancelled() -> None:
    orders, _, _ = with_planted()
    result = anomalies.buying_anomalies(orders, as_of=AS_OF)
    assert "mix_shift" not in set(result.details["key"])
    assert result.measures["mix_shift"].isna().all()
    with pytest.raises(Cancelled):
        anomalies.buying_anomalies(orders, as_of=AS_OF, cancelled=lambda: True)


def test_unusual_weeks_per_theme_against_the_themes_own_baseline() -> None:
    rng = np.random.default_rng(4)
    start = pd.Timestamp("2024-01-01")
    stamps, themes = [], []
    for week in range(40):
        for theme, rate in ((0, 20), (1, 3)):
            count = rng.poisson(rate) + (25 if (theme == 1 and week == 30) else 0)
            days = rng.uniform(0, 7, count)
            stamps += [start + pd.Timedelta(weeks=week, days=float(d)) for d in days]
            themes += [theme] * count
    frame = text.theme_volume_anomalies(pd.Series(themes), pd.Series(stamps))
    assert list(frame.columns) == ["theme", *text.VOLUME_COLUMNS]
    assert frame.groupby("theme").size().tolist() == [frame["period"].nunique()] * 2
    unusual = frame[frame["is_anomaly"]]
    week_30 = pd.Period(start + pd.Timedelta(weeks=30), freq="W")
    assert (1, week_30, "high") in set(zip(unusual["theme"], unusual["period"],
                                           unusual["direction"], strict=True))
    # 28 tickets are a normal week for theme 0: the spike is judged against theme 1's baseline
    assert len(unusual) <= 3


def test_short_histories_are_not_judged() -> None:
    orders, lines = regular_customer(1, 1, [100.0, 20.0, 10.0], ["hardware"] * 3, 30, 300)
    result = anomalies.buying_anomalies(orders, lines, as_of=AS_OF)
    assert result.flagged.empty and result.measures.empty  # 3 orders: too few to judge
    empty = anomalies.buying_anomalies(orders.iloc[:0], lines.iloc[:0], as_of=AS_OF)
    assert list(empty.flagged.columns) == list(anomalies.FLAGGED_COLUMNS)
