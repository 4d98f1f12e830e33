"""Win probability: planted drivers, calibration, factors per score, weighted back-test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import winprob as wp

AS_OF = pd.Timestamp("2024-12-31")


def planted(n: int = 700, n_open: int = 60, seed: int = 3) -> pd.DataFrame:
    """Referrals and small deals win more often; closed deals carry terminal stages."""
    rng = np.random.default_rng(seed)
    total = n + n_open
    source = rng.choice(["referral", "web", "event"], total)
    amount = np.exp(rng.normal(8.0, 1.0, total))
    logit = 0.5 + 1.8 * (source == "referral") - 1.0 * (source == "event")
    logit -= 1.2 * (np.log(amount) - 8.0)
    won = rng.random(total) < 1 / (1 + np.exp(-logit))
    created = AS_OF - pd.to_timedelta(rng.integers(30, 420, total), unit="D")
    cycle = pd.to_timedelta(rng.integers(5, 60, total), unit="D")
    status = np.where(won, "won", "lost").astype(object)
    status[n:] = "open"
    closed = (created + cycle).to_series(index=range(total)).where(status != "open")
    stage_p = np.where(status == "won", 1.0, np.where(status == "lost", 0.0, 0.4))
    return pd.DataFrame(
        {
            "id": np.arange(1, total + 1),
            "customer_id": rng.integers(1, 200, total),
            "name": "deal",
            "stage": np.where(status == "open", "proposal", status),
            "stage_order": np.where(status == "open", 2, 5),
            "stage_probability": stage_p,
            "probability": stage_p,
            "amount": amount,
            "status": status,
            "created_at": created,
            "expected_close": created + cycle,
            "closed_at": closed.to_numpy(),
            "owner": rng.choice(["ann", "bob"], total),
            "lead_source": source,
        }
    )


@pytest.fixture(scope="module")
def fitted() -> tuple[wp.WinProbReport, pd.DataFrame]:
    opps = planted()
    return wp.fit_win_probability(opps, as_of=AS_OF), opps


def test_model_learns_planted_drivers_without_stage_leak(fitted) -> None:
    report, opps = fitted
    assert "stage_probability" not in report.features and "stage_order" not in report.features
    assert report.auc >= 0.75 and report.brier < 0.22
    assert report.n_train == 700
    coefs = report.coefficients
    assert coefs["num__amount_log"] < 0
    assert coefs["cat__lead_source_referral"] > coefs["cat__lead_source_event"]


def test_open_deals_are_scored_with_factors(fitted) -> None:
    report, opps = fitted
    scores = report.scores
    assert len(scores) == 60 and scores["win_probability"].between(0, 1).all()
    open_amount = opps.set_index("id").loc[scores["opportunity_id"], "amount"].to_numpy()
    assert np.allclose(scores["weighted_amount"], scores["win_probability"] * open_amount)
    parts = scores["factors"].iloc[0].split("; ")
    assert len(parts) == 3 and all(p.rsplit(" ", 1)[1][0] in "+-" for p in parts)
    referral = opps.set_index("id").loc[scores["opportunity_id"], "lead_source"] == "referral"
    assert (
        scores["win_probability"][referral.to_numpy()].mean()
        > scores["win_probability"][~referral.to_numpy()].mean()
    )


def test_backtest_compares_weighted_forecast_with_actual(fitted) -> None:
    report, opps = fitted
    table = report.backtest
    closed = opps[opps["status"] != "open"]
    assert table["actual"].sum() == pytest.approx(
        closed.loc[closed["status"] == "won", "amount"].sum()
    )
    assert list(table.columns) == ["month", "forecast", "actual", "error", "ape"]
    assert report.wape is not None and report.wape < 0.6
    assert report.mape is not None and report.mape >= 0
    # calibrated: total forecast within 15% of total won amount
    assert table["forecast"].sum() == pytest.approx(table["actual"].sum(), rel=0.15)


def test_backtest_by_hand() -> None:
    closed = pd.DataFrame(
        {
            "expected_close": pd.to_datetime(["2024-01-10", "2024-01-20", None]),
            "closed_at": pd.to_datetime(["2024-01-10", "2024-01-20", "2024-02-03"]),
            "amount": [100.0, 200.0, 50.0],
            "status": ["won", "lost", "won"],
        }
    )
    table, mape, wape = wp.backtest(closed, np.array([0.5, 0.5, 0.2]))
    assert table["forecast"].tolist() == [150.0, 10.0]
    assert table["actual"].tolist() == [100.0, 50.0]
    assert mape == pytest.approx((0.5 + 0.8) / 2) and wape == pytest.approx(90 / 150)


def test_customer_history_features() -> None:
    opps = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "customer_id": [7, 7, 8],
            "amount": [100.0, 100.0, 100.0],
            "stage_order": [5, 2, 2],
            "stage_probability": [1.0, 0.5, 0.5],
            "status": ["won", "open", "open"],
            "created_at": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-03-01"]),
            "closed_at": pd.to_datetime(["2024-02-01", None, None]),
            "owner": "ann",
            "lead_source": "web",
        }
    )
    orders = pd.DataFrame(
        {
            "customer_id": [7, 7, 8],
            "ordered_at": pd.to_datetime(["2023-12-01", "2024-02-15", "2024-04-01"]),
            "amount": [np.e - 1, 1.0, 5.0],
            "status": "paid",
        }
    )
    feats = wp.opportunity_features(opps, orders, as_of="2024-03-11")
    assert feats["prior_won"].tolist() == [0.0, 1.0, 0.0]
    assert feats["prior_revenue_log"].tolist() == pytest.approx([1.0, np.log(np.e + 1), 0.0])
    assert feats["age_days"].tolist() == [31.0, 10.0, 10.0]
    assert feats["amount_log"].iloc[0] == pytest.approx(np.log(101.0))
