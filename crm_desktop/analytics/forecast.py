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

    revenue_t = intercept + slope * t (t = month number from the first month, 0-based), fitted
    on the complete months. ``history`` columns: period, revenue, fitted (the line's value,
    also for the partial month), partial (True for the as_of month, left out of the fit).
    """

    history: pd.DataFrame
    projection: pd.DataFrame
    slope: float
    intercept: float
    r2: float | None
    n_fitted_months: int = 0


def _monthly_won(opportunities: pd.DataFrame, as_of: pd.Timestamp | None) -> pd.Series:
    """Won amount per closed_at month (closed at or before as_of), indexed by period."""
    won = opportunities[opportunities["status"] == "won"]
    closed = pd.to_datetime(won["closed_at"])
    if as_of is not None:
        keep = closed <= as_of
        won, closed = won[keep], closed[keep]
    amount = pd.to_numeric(won["amount"], errors="coerce").fillna(0.0)
    return amount.groupby(closed.dt.to_period("M")).sum()


def _line(t: np.ndarray, revenue: np.ndarray) -> tuple[float, float, float | None]:
    """(slope, intercept, r2) of the least-squares line; slope 0 with a single point."""
    if len(revenue) >= 2:
        slope, intercept = np.polyfit(t, revenue, 1)
    else:
        slope, intercept = 0.0, float(revenue[0])
    residual = float(((revenue - (intercept + slope * t)) ** 2).sum())
    ss_tot = float(((revenue - revenue.mean()) ** 2).sum())
    r2 = None if len(revenue) < 3 or ss_tot == 0 else 1 - residual / ss_tot
    return float(slope), float(intercept), r2


def won_revenue_trend(
    opportunities: pd.DataFrame,
    months_ahead: int = 3,
    as_of: TimeLike | None = None,
) -> TrendResult:
    """Least-squares linear trend of monthly won revenue (sum of amount of won opportunities
    by closed_at month, empty months = 0) and its projection ``months_ahead`` months on.

    With ``as_of`` the months up to the as_of month are listed, but the as_of month is partial
    (its revenue so far would drag the line down), so the line is fitted on the months before
    it; only when there is no earlier month is the partial month used. Without as_of every
    listed month (up to the last won deal) counts as complete. Projections (months after the
    last listed month) are clipped at 0. r2 = 1 - SS_res / SS_tot over the fitted months (None with < 3 months or
    SS_tot 0).
    """
    end = as_timestamp(as_of) if as_of is not None else None
    monthly = _monthly_won(opportunities, end)
    if monthly.empty:
        empty = pd.DataFrame(columns=["period", "revenue", "fitted", "partial"])
        return TrendResult(empty, pd.DataFrame(columns=["period", "revenue"]), 0.0, 0.0, None)
    last = end.to_period("M") if end is not None else monthly.index.max()
    months = pd.period_range(monthly.index.min(), last, freq="M")
    revenue = monthly.reindex(months, fill_value=0.0).to_numpy(dtype=float)
    t = np.arange(len(revenue), dtype=float)
    partial = np.zeros(len(revenue), dtype=bool)
    partial[-1] = end is not None
    fit = ~partial if (~partial).any() else partial  # a partial month beats no data at all
    slope, intercept, r2 = _line(t[fit], revenue[fit])
    future_t = np.arange(len(revenue), len(revenue) + months_ahead, dtype=float)
    future = pd.period_range(months[-1] + 1, periods=months_ahead, freq="M")
    history = pd.DataFrame(
        {"period": months, "revenue": revenue, "fitted": intercept + slope * t, "partial": partial}
    )
    projection = pd.DataFrame(
        {"period": future, "revenue": np.clip(intercept + slope * future_t, 0.0, None)}
    )
    return TrendResult(history, projection, slope, intercept, r2, int(fit.sum()))
