"""Purchase propensity (logistic, time split), overall and for one product category."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import propensity as pr

AS_OF = pd.Timestamp("2024-12-31")


def planted(
    n: int = 1000, seed: int = 5
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, np.ndarray]:
    """Half the customers buy every ~15 days, half every ~300 days; each has a favourite
    category (A or B) that 90% of their lines belong to."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1)
    frequent = rng.random(n) < 0.5
    rate = np.where(frequent, 1 / 15, 1 / 300)
    days = 720.0
    counts = rng.poisson(rate * days)
    owner = np.repeat(np.arange(n), counts)
    when = AS_OF - pd.to_timedelta(rng.random(len(owner)) * days, unit="D")
    favourite = np.where(rng.random(n) < 0.5, "A", "B")
    other = np.where(favourite == "A", "B", "A")
    cat = np.where(rng.random(len(owner)) < 0.9, favourite[owner], other[owner])
    orders = pd.DataFrame(
        {
            "id": np.arange(len(owner)),
            "customer_id": ids[owner],
            "ordered_at": when,
            "amount": 50.0,
            "status": "paid",
        }
    )
    lines = orders[["id", "customer_id", "ordered_at", "amount"]].rename(columns={"id": "order_id"})
    lines["product_category"] = cat
    customers = pd.DataFrame({"id": ids, "created_at": AS_OF - pd.Timedelta(days=days)})
    return customers, orders, lines.assign(favourite=favourite[owner]), frequent


def test_propensity_separates_frequent_buyers() -> None:
    customers, orders, _, frequent = planted()
    report = pr.fit_propensity(customers, orders, as_of=AS_OF, horizon_days=90)
    assert report.auc >= 0.85
    assert report.horizon_days == 90 and report.category is None
    scores = report.scores.set_index("customer_id")["probability"]
    assert len(scores) == len(frequent) and scores.between(0, 1).all()
    ids = np.arange(1, len(frequent) + 1)
    assert scores[ids[frequent]].mean() > scores[ids[~frequent]].mean() + 0.4
    assert report.coefficients["orders_recent"] > 0 or report.coefficients["frequency"] > 0
    assert 0 < report.base_rate < 1


def test_category_propensity_uses_order_lines() -> None:
    customers, orders, lines, frequent = planted()
    report = pr.fit_propensity(
        customers, orders, lines.drop(columns="favourite"), as_of=AS_OF, category="A"
    )
    assert report.category == "A" and report.auc >= 0.85
    assert {"cat_lines", "cat_amount", "cat_recency_days"} <= set(report.coefficients.index)
    fav = lines.groupby("customer_id")["favourite"].first()
    scores = report.scores.set_index("customer_id")["probability"]
    ids = np.arange(1, len(frequent) + 1)
    likes_a = pd.Series(ids, index=ids).map(fav).eq("A").to_numpy()
    assert scores[ids[frequent & likes_a]].mean() > scores[ids[frequent & ~likes_a]].mean() + 0.3


def test_category_needs_lines_and_logistic_helper() -> None:
    customers, orders, _, _ = planted(n=200)
    with pytest.raises(ValueError):
        pr.fit_propensity(customers, orders, as_of=AS_OF, category="A")
    assert pr.logistic(0.0, 0.0, 1.0) == pytest.approx(0.5)
    assert pr.logistic(2.0, -1.0, 0.5) == pytest.approx(1 / (1 + np.exp(0.0)))
