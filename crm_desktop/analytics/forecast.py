"""Sales forecasts: the weighted pipeline of open opportunities and the won-revenue trend."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm_desktop.analytics.features import TimeLike, as_timestamp


def opportunity_probability(opportunities: pd.DataFrame) -> pd.Series:
    """``probability`` (override or stage), else ``stage_probability``, clipped to 0..1."""
    prob = pd.to_numeric(opportunities["probability"], errors="coerce")
    if "stage_probability" in opportunities:
        prob = prob.fillna(pd.to_numeric(opportunities["stage_probability"], errors="coerce"))
    return prob.fillna(0.0).clip(0.0, 1.0)


def weighted_pipeline(
    opportunities: pd.DataFrame,
    as_of: TimeLike | None = None,
    freq: str = "M",
    probabilities: pd.Series | None = None,
) -> pd.DataFrame:
    """Open opportunities by expected close period: weighted = sum(amount * probability).

    Columns: period, count, amount, weighted, overdue (open deals whose expected close was
    before the as_of period; they are counted in the as_of period). Deals without an expected
    close date fall in the as_of period too (or are dropped when as_of is None).
    ``probabilities`` (indexed like ``opportunities``) overrides the stored probability, e.g.
    with win-probability model scores.
    """
    open_ = opportunities[opportunities["status"] == "open"]
    prob = probabilities if probabilities is not None else opportunity_probability(opportunities)
    prob = prob.reindex(open_.index).fillna(0.0)
    amount = pd.to_numeric(open_["amount"], errors="coerce").fillna(0.0)
    period = pd.to_datetime(open_["expected_close"]).dt.to_period(freq)
    overdue = pd.Series(False, index=open_.index)
    if as_of is not None:
        current = as_timestamp(as_of).to_period(freq)
        overdue = period.notna() & (period < current)
        period = period.where(period.notna() & ~overdue, current)
    frame = pd.DataFrame(
        {
            "period": period,
            "count": 1,
            "amount": amount,
            "weighted": amount * prob,
            "overdue": overdue.astype(int),
        }
    ).dropna(subset=["period"])
    if frame.empty:
        return pd.DataFrame(columns=["period", "count", "amount", "weighted", "overdue"])
    return frame.groupby("period").sum().reset_index()


@dataclass(frozen=True, eq=False)
class TrendResult:
    """Monthly won revenue, the fitted line and the projection.

    revenue_t = intercept + slope * t (t = month number from the first month, 0-based).
    """

    history: pd.DataFrame
    projection: pd.DataFrame
    slope: float
    intercept: float
    r2: float | None


def won_revenue_trend(
    opportunities: pd.DataFrame,
    months_ahead: int = 3,
    as_of: TimeLike | None = None,
) -> TrendResult:
    """Least-squares linear trend of monthly won revenue (sum of amount of won opportunities
    by closed_at month, empty months = 0) and its projection ``months_ahead`` months on.

    Months up to and including the as_of month are used (the as_of month may be partial).
    Projections are clipped at 0. r2 = 1 - SS_res / SS_tot (None with < 3 months or SS_tot 0).
    """
    won = opportunities[opportunities["status"] == "won"]
    closed = pd.to_datetime(won["closed_at"])
    if as_of is not None:
        keep = closed <= as_timestamp(as_of)
        won, closed = won[keep], closed[keep]
    columns = ["period", "revenue", "fitted"]
    if won.empty:
        empty = pd.DataFrame(columns=columns)
        return TrendResult(empty, pd.DataFrame(columns=["period", "revenue"]), 0.0, 0.0, None)
    monthly = (
        pd.to_numeric(won["amount"], errors="coerce")
        .fillna(0.0)
        .groupby(closed.dt.to_period("M"))
        .sum()
    )
    end = as_timestamp(as_of).to_period("M") if as_of is not None else monthly.index.max()
    months = pd.period_range(monthly.index.min(), end, freq="M")
    revenue = monthly.reindex(months, fill_value=0.0).to_numpy(dtype=float)
    t = np.arange(len(revenue), dtype=float)
    if len(revenue) >= 2:
        slope, intercept = np.polyfit(t, revenue, 1)
    else:
        slope, intercept = 0.0, float(revenue[0])
    fitted = intercept + slope * t
    ss_tot = float(((revenue - revenue.mean()) ** 2).sum())
    r2 = (
        None
        if len(revenue) < 3 or ss_tot == 0
        else 1 - float(((revenue - fitted) ** 2).sum()) / ss_tot
    )
    future_t = np.arange(len(revenue), len(revenue) + months_ahead, dtype=float)
    future = pd.period_range(months[-1] + 1, periods=months_ahead, freq="M")
    history = pd.DataFrame({"period": months, "revenue": revenue, "fitted": fitted})
    projection = pd.DataFrame(
        {"period": future, "revenue": np.clip(intercept + slope * future_t, 0.0, None)}
    )
    return TrendResult(history, projection, float(slope), float(intercept), r2)
