"""Churn model on a planted rule: unhappy customers (complaints, low ratings) stop buying."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import Cancelled, churn

CUTOFF = pd.Timestamp("2024-12-31")
HORIZON = 180
T0 = CUTOFF - pd.Timedelta(days=HORIZON)


def _uniform_times(rng: np.random.Generator, start: pd.Timestamp, days: np.ndarray) -> pd.Series:
    return start + pd.to_timedelta(rng.random(len(days)) * days, unit="D")


def planted(
    n: int = 1200, seed: int = 11
) -> tuple[dict[str, pd.DataFrame], np.ndarray, np.ndarray]:
    """30% unhappy before t0 (3-6 complaints rated 1-2); 95% of them stop ordering at t0, 5% of
    the happy ones stop too. 20% of the staying customers turn unhappy after t0."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1)
    start = CUTOFF - pd.Timedelta(days=730)
    unhappy = rng.random(n) < 0.3
    churned = np.where(unhappy, rng.random(n) < 0.95, rng.random(n) < 0.05)
    turning = ~churned & (rng.random(n) < 0.2)
    end_days = np.where(churned, 730 - HORIZON, 730)
    counts = rng.poisson(end_days / 20.0) + 1
    owner = np.repeat(np.arange(n), counts)
    orders = pd.DataFrame(
        {
            "id": np.arange(len(owner)),
            "customer_id": ids[owner],
            "ordered_at": _uniform_times(rng, start, end_days[owner].astype(float)),
            "amount": rng.gamma(4.0, 25.0, len(owner)),
            "status": "paid",
        }
    )
    tickets = []
    for mask, begin, low, high in ((unhappy, T0, 3, 7), (turning, CUTOFF, 3, 7)):
        k = np.where(mask, rng.integers(low, high, n), rng.integers(0, 2, n))
        who = np.repeat(np.arange(n), k)
        bad = mask[who]
        tickets.append(
            pd.DataFrame(
                {
                    "customer_id": ids[who],
                    "type": np.where(bad, "complaint", "consultation"),
                    "status": "closed",
                    "satisfaction": np.where(
                        bad, rng.integers(1, 3, len(who)), rng.integers(3, 6, len(who))
                    ).astype(float),
                    "opened_at": _uniform_times(
                        rng, begin - pd.Timedelta(days=HORIZON), np.full(len(who), HORIZON - 1.0)
                    ),
                }
            )
        )
    customers = pd.DataFrame({"id": ids, "created_at": start})
    frames = {
        "customers": customers,
        "orders": orders,
        "tickets": pd.concat(tickets, ignore_index=True),
    }
    return frames, churned, turning


@pytest.fixture(scope="module")
def fitted() -> tuple[churn.ChurnReport, np.ndarray, np.ndarray]:
    frames, churned, turning = planted()
    report = churn.fit_churn(
        frames["customers"],
        frames["orders"],
        frames["tickets"],
        cutoff=CUTOFF,
        horizon_days=HORIZON,
    )
    return report, churned, turning


def test_both_models_reach_auc_085_on_the_planted_rule(fitted) -> None:
    report, churned, _ = fitted
    assert set(report.auc) == {"logistic", "random_forest"}
    assert min(report.auc.values()) >= 0.85
    assert report.chosen_model == max(report.auc, key=lambda m: report.auc[m])
    assert report.base_rate == pytest.approx(churned.mean(), abs=0.03)
    assert report.cutoff == CUTOFF and report.n_train == len(churned)


def test_drivers_name_the_planted_causes(fitted) -> None:
    report, _, _ = fitted
    top = set(report.drivers.index[:3])
    assert top & {"complaint_count", "mean_satisfaction", "ticket_count"}


def test_current_scores_rank_newly_unhappy_customers_higher(fitted) -> None:
    report, churned, turning = fitted
    scores = report.scores.set_index("customer_id")["churn_probability"]
    assert list(report.scores.columns) == ["customer_id", "churn_probability"]
    assert scores.between(0, 1).all() and len(scores) == len(churned)
    staying = np.arange(1, len(churned) + 1)[~churned]
    turned = set(np.arange(1, len(churned) + 1)[turning])
    recent = scores.reindex(staying)
    is_turned = recent.index.isin(list(turned))
    assert recent[is_turned].mean() > recent[~is_turned].mean() + 0.2


def test_churn_labels_and_cancel() -> None:
    orders = pd.DataFrame(
        {
            "customer_id": [1, 2, 2],
            "ordered_at": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-06-01"]),
            "amount": 1.0,
            "status": ["paid", "paid", "cancelled"],
        }
    )
    labels = churn.churn_labels(orders, pd.Index([1, 2, 3]), "2024-03-01", "2024-12-31")
    assert labels.tolist() == [1, 1, 1]
    labels = churn.churn_labels(orders, pd.Index([1, 2]), "2023-12-01", "2024-12-31")
    assert labels.tolist() == [0, 0]
    frames, _, _ = planted(n=200)
    with pytest.raises(Cancelled):
        churn.fit_churn(None, frames["orders"], cutoff=CUTOFF, cancelled=lambda: True)
