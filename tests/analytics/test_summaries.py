"""Summary facts of each analysis, on results whose answer is known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import churn, clv, reasons, summaries
from crm_desktop.analytics.contributions import Contributions
from crm_desktop.analytics.propensity import PropensityReport
from crm_desktop.analytics.winprob import WinProbReport

CUTOFF = pd.Timestamp("2024-12-31")


def explanation(rows: list[tuple[int, str, float]]) -> reasons.Explanation:
    """An explanation listing (row, feature, value) as reasons pushing up, in rank order."""
    table = pd.DataFrame(rows, columns=["row", "feature", "value"])
    table["rank"] = table.groupby("row").cumcount() + 1
    table["contribution"] = 1.0 / table["rank"]
    table["direction"] = 1
    ids = sorted(set(table["row"]))
    parts = Contributions(pd.DataFrame(index=pd.Index(ids)), 0.0, "log_odds")
    return reasons.Explanation(table[list(reasons.REASON_COLUMNS)], parts)


def churn_report(probabilities: list[float]) -> churn.ChurnReport:
    scores = pd.DataFrame(
        {"customer_id": np.arange(1, len(probabilities) + 1), "churn_probability": probabilities}
    )
    return churn.ChurnReport(
        auc={}, chosen_model="logistic", scores=scores, drivers=pd.Series(dtype=float),
        cutoff=CUTOFF, horizon_days=180.0, n_train=0, base_rate=0.2, pipeline=None,
        holdout="time", n_holdout_train=0, n_test=0,
    )


def test_churn_facts() -> None:
    report = churn_report([0.9, 0.6, 0.3, 0.1, 0.5])
    days = pd.to_timedelta([10, 400, 100, 100, 5, 20], unit="D")
    orders = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 2, 3, 5],
            "ordered_at": CUTOFF - days,
            "amount": [100.0, 50.0, 30.0, 500.0, 999.0, 7.0],
            "status": ["paid", "paid", "paid", "cancelled", "paid", "paid"],
        }
    )
    why = explanation(
        [(1, "recency_days", 200.0), (1, "complaint_count", 2.0), (2, "recency_days", 150.0),
         (2, "complaint_count", 1.0), (5, "nps_score", float("nan")), (3, "ticket_count", 4.0)]
    )
    facts = summaries.churn_summary(report, orders, why)
    assert facts.n_customers == 5 and facts.n_high_risk == 3
    assert facts.share_high_risk == pytest.approx(0.6)
    # customer 1: 100 (the 50 is older than a year); 2: 30 (the 500 was cancelled); 5: 7
    assert facts.high_risk_revenue == pytest.approx(137.0)
    assert facts.expected_churners == pytest.approx(2.4)
    assert facts.top_reason_keys == ("complaints_total", "no_order_days")
    assert facts.horizon_days == 180.0 and facts.revenue_days == 365
    assert summaries.churn_summary(report, orders).top_reason_keys == ()
    strict = summaries.churn_summary(report, orders, why, threshold=0.7)
    assert strict.n_high_risk == 1 and strict.high_risk_revenue == pytest.approx(100.0)


def test_risk_bands() -> None:
    bands = summaries.risk_bands(pd.Series([0.9, 0.5, 0.3, 0.25, 0.1], index=list("abcde")))
    assert bands.to_dict() == {"a": "high", "b": "high", "c": "medium", "d": "medium", "e": "low"}


def test_propensity_facts() -> None:
    scores = pd.DataFrame({"customer_id": [1, 2, 3, 4], "probability": [0.8, 0.55, 0.2, 0.05]})
    report = PropensityReport(
        auc=0.8, intercept=0.0, coefficients=pd.Series(dtype=float), scores=scores,
        as_of=CUTOFF, horizon_days=90.0, category="A", base_rate=0.3, pipeline=None,
    )
    why = explanation([(1, "orders_recent", 3.0), (2, "orders_recent", 1.0), (3, "frequency", 9)])
    facts = summaries.propensity_summary(report, why)
    assert (facts.n_customers, facts.n_likely) == (4, 2)
    assert facts.share_likely == 0.5 and facts.expected_buyers == pytest.approx(1.6)
    assert facts.top_reason_keys == ("orders_in_last_days",)
    assert facts.category == "A" and facts.base_rate == 0.3


def test_segment_facts() -> None:
    profiles = pd.DataFrame(
        {
            "size": [600, 300, 100],
            "share_customers": [0.6, 0.3, 0.1],
            "share_revenue": [0.2, 0.3, 0.5],
            "name": ["occasional_low_spenders", "lapsed_frequent", "frequent_high_spenders"],
        },
        index=[0, 1, 2],
    )
    facts = summaries.segments_summary(profiles)
    assert facts == summaries.SegmentsSummary(
        3, 1000, "occasional_low_spenders", 0.6, "frequent_high_spenders", 0.5, 0.1
    )


def buyers(n: int = 500, seed: int = 0) -> pd.DataFrame:
    """Customers buying at their own rate (every 10-200 days) until they drop out."""
    rng = np.random.default_rng(seed)
    start = CUTOFF - pd.to_timedelta(rng.uniform(200, 700, n), unit="D")
    life = rng.exponential(400.0, n)
    rate = rng.gamma(1.0, 1 / 40.0, n)
    rows = []
    for i in range(n):
        span = min(life[i], (CUTOFF - start[i]).days)
        k = rng.poisson(rate[i] * span) + 1
        rows += [(i + 1, start[i] + pd.Timedelta(days=d)) for d in rng.uniform(0, span, k)]
    orders = pd.DataFrame(rows, columns=["customer_id", "ordered_at"])
    return orders.assign(amount=rng.gamma(3.0, 40.0, len(orders)))


def test_clv_facts() -> None:
    result = clv.clv_analysis(buyers(), CUTOFF)
    facts = summaries.clv_summary(result, top_fraction=0.1)
    values = result.table["clv"].sort_values(ascending=False)
    assert facts.measure == "clv" and facts.n_customers == len(values)
    assert facts.total_value == pytest.approx(values.sum())
    assert facts.top_share == pytest.approx(values.iloc[: int(np.ceil(0.1 * len(values)))].sum()
                                            / values.sum())
    assert facts.n_likely_lost == int((result.table["p_alive"] < 0.5).sum())
    assert facts.horizon_months == 12 and 0 < facts.top_share < 1
    assert 0 < facts.n_likely_lost < facts.n_customers
    no_model = clv.ClvResult(result.table.assign(clv=np.nan), result.bgnbd, None, 12)
    assert summaries.clv_summary(no_model).measure == "simple_clv"


def test_win_facts() -> None:
    opportunities = pd.DataFrame(
        {"id": [10, 11, 12, 13], "amount": [1000.0, 500.0, 200.0, 50.0],
         "status": ["open", "open", "open", "won"]},
        index=[100, 101, 102, 103],
    )
    scores = pd.DataFrame(
        {"opportunity_id": [10, 11, 12], "win_probability": [0.7, 0.2, 0.5],
         "weighted_amount": [700.0, 100.0, 100.0], "factors": ""}
    )
    report = WinProbReport(
        auc=0.8, brier=0.2, n_train=10, win_rate=0.4, features=[], scores=scores,
        coefficients=pd.Series(dtype=float), backtest=pd.DataFrame(), mape=None, wape=None,
        model=None,
    )
    why = explanation([(100, "lead_source", "referral"), (102, "lead_source", "referral"),
                       (101, "prior_won", 0.0)])
    facts = summaries.win_summary(report, opportunities, why)
    assert (facts.n_open, facts.n_likely) == (3, 2)
    assert facts.open_amount == 1700.0 and facts.likely_amount == 1200.0
    assert facts.expected_amount == 900.0 and facts.win_rate == 0.4
    assert facts.top_reason_keys == ("lead_source",)


def test_churn_facts_name_the_planted_cause() -> None:
    from tests.analytics.test_reasons import HORIZON, planted_churn

    frames, _ = planted_churn("complaints")
    args = (frames["customers"], frames["orders"], frames["tickets"], None, frames["surveys"])
    report = churn.fit_churn(*args, cutoff=CUTOFF, horizon_days=HORIZON)
    now = churn.churn_features(*args, CUTOFF)
    facts = summaries.churn_summary(report, frames["orders"],
                                    reasons.churn_reasons(report.pipeline, now))
    assert facts.n_high_risk > 0 and facts.high_risk_revenue > 0
    assert facts.top_reason_keys[0] == "complaints_total"
