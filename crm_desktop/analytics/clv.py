"""Customer lifetime value: the customer summary, Gamma-Gamma spend model, discounted CLV (the
BG/NBD purchase model is in bgnbd.py and importable from here).

References: Fader, Hardie & Lee (2005) "Counting your customers the easy way" (BG/NBD);
Fader & Hardie (2013) "The Gamma-Gamma model of monetary value". Time is measured in periods of
``period_days`` days (default 7: weeks). Parameters are fitted by maximum likelihood with
scipy.optimize.minimize (L-BFGS-B on log-parameters, analytic gradients).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import digamma, gammaln

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.bgnbd import (
    ArrayLike,
    BetaGeoFit,
    as_arrays,
    expected_purchases,
    fit_bgnbd,
    minimize_log_params,
)
from crm_desktop.analytics.features import DAY, TimeLike, as_timestamp, customer_ranges

DAYS_PER_MONTH = 30.0


def monthly_rate(annual_percent: float) -> float:
    """The monthly discount rate equivalent to ``annual_percent`` a year."""
    return float((1.0 + annual_percent / 100.0) ** (1.0 / 12.0) - 1.0)


def purchase_times(values: pd.Series) -> pd.Series:
    """A date column as naive timestamps: strings parsed as ISO 8601 (so date-only and
    date-time values may be mixed), tz-aware values converted to UTC like ``as_timestamp``."""
    times = pd.to_datetime(values, format="ISO8601")
    if isinstance(times.dtype, pd.DatetimeTZDtype):
        times = times.dt.tz_convert("UTC").dt.tz_localize(None)
    return times


def observed(times: pd.Series, observation_end: TimeLike) -> np.ndarray:
    """True for timestamps at or before the instant ``observation_end`` (False for NaT)."""
    return np.asarray(times.notna() & (times <= as_timestamp(observation_end)), dtype=bool)


def summarize(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    amount_col: str,
    observation_end: TimeLike,
    period_days: float = 7,
) -> pd.DataFrame:
    """Per-customer (frequency, recency, T, monetary_value) from a transaction log.

    Purchases after the instant ``observation_end`` are ignored (also later on its calendar
    day: they had not happened yet); the rest are merged per calendar day (amounts summed).
    frequency = purchase days - 1 (repeat purchases); recency = (last day - first day) /
    period_days; T = (observation_end date - first day) / period_days (exact days, not
    rounded); monetary_value = mean of the repeat days' totals (0 when frequency == 0).
    Dates may be datetimes or ISO 8601 strings. Index: customer ids (named ``customer_col``).
    """
    end_day = as_timestamp(observation_end).normalize()
    # Filter on the raw timestamp before normalising, or a purchase at 20:00 on the end day
    # would count for an observation that ends at noon.
    times = purchase_times(transactions[date_col])
    keep = observed(times, observation_end)
    customers = transactions[customer_col].to_numpy()[keep]
    days = times.dt.normalize().to_numpy()[keep]
    values = pd.to_numeric(transactions[amount_col]).to_numpy(dtype=float)[keep]
    del times, keep
    parts = [_summarize_part(customers[rows], days[rows], values[rows], end_day, period_days)
             for rows in customer_ranges(customers, SUMMARY_ROWS)]
    out = parts[0] if len(parts) == 1 else pd.concat(parts)
    out.index.name = customer_col
    return out


SUMMARY_ROWS = 400_000  # transactions summarised at a time (features.customer_ranges)


def _summarize_part(customers: np.ndarray, days: np.ndarray, values: np.ndarray,
                    end_day: pd.Timestamp, period_days: float) -> pd.DataFrame:
    """:func:`summarize` of the purchases of some customers (every purchase of each)."""
    frame = pd.DataFrame({"c": customers, "d": days, "v": values})
    daily = frame.groupby(["c", "d"], sort=True)["v"].sum().reset_index()
    del frame
    grouped = daily.groupby("c", sort=True)
    first, last = grouped["d"].min(), grouped["d"].max()
    frequency = (grouped.size() - 1).astype(float)
    repeat_total = grouped["v"].sum() - grouped["v"].first()
    return pd.DataFrame(
        {
            "frequency": frequency,
            "recency": (last - first) / DAY / period_days,
            "T": (end_day - first) / DAY / period_days,
            "monetary_value": (repeat_total / frequency.where(frequency > 0)).fillna(0.0),
        }
    )


@dataclass(frozen=True)
class GammaGammaFit:
    """Fitted Gamma-Gamma spend model (p, q, v) on customers with repeat purchases."""

    p: float
    q: float
    v: float
    log_likelihood: float
    n_customers: int

    def expected_average_value(self, frequency: ArrayLike, monetary_value: ArrayLike) -> np.ndarray:
        """E[M | x, m_x] = p (v + x m_x) / (p x + q - 1) (population mean p v / (q - 1) at
        x = 0)."""
        x, m = as_arrays(frequency, monetary_value)
        m = np.where(x > 0, m, 0.0)
        return np.asarray(self.p * (self.v + x * m) / (self.p * x + self.q - 1), dtype=float)


def fit_gamma_gamma(
    frequency: ArrayLike, monetary_value: ArrayLike, *, penalizer: float = 0.0
) -> GammaGammaFit:
    """Maximum-likelihood Gamma-Gamma fit over customers with frequency > 0 and m_x > 0.

    ll = lnG(px+q) - lnG(px) - lnG(q) + q ln v + (px-1) ln m + px ln x - (px+q) ln(x m + v).
    """
    x_all, m_all = as_arrays(frequency, monetary_value)
    keep = (x_all > 0) & (m_all > 0)
    x, m = x_all[keep], m_all[keep]
    if len(x) == 0:
        raise ValueError("no customers with repeat purchases")
    n = float(len(x))
    log_x, log_m = np.log(x), np.log(m)

    def objective(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        p, q, v = np.exp(log_params)
        px, denom = p * x, x * m + v
        ll = (
            gammaln(px + q)
            - gammaln(px)
            - gammaln(q)
            + q * np.log(v)
            + (px - 1) * log_m
            + px * log_x
            - (px + q) * np.log(denom)
        )
        psi = digamma(px + q)
        d_p = x * (psi - digamma(px) + log_m + log_x - np.log(denom))
        d_q = psi - digamma(q) + np.log(v) - np.log(denom)
        d_v = q / v - (px + q) / denom
        grad = np.array([d_p.sum() * p, d_q.sum() * q, d_v.sum() * v]) / n
        params = np.array([p, q, v])
        value = -ll.sum() / n + penalizer * np.sum(params**2)
        if not np.isfinite(value):
            return 1e12, np.zeros(3)
        return float(value), -grad + penalizer * 2 * params**2

    params, value = minimize_log_params(objective, 3)
    p, q, v = (float(k) for k in params)
    penalty = penalizer * float(np.sum(params**2))
    return GammaGammaFit(p, q, v, float(-(value - penalty) * n), len(x))


def customer_lifetime_value(
    bgnbd: BetaGeoFit,
    gamma_gamma: GammaGammaFit,
    summary: pd.DataFrame,
    horizon_months: int = 12,
    monthly_discount: float = 0.01,
    margin: float = 1.0,
    period_days: float = 7,
) -> pd.Series:
    """Discounted CLV (Lifetimes-style), months of 30 days:

    CLV = sum_{i=1..H} margin * E[M] * (E[Y(t_i)] - E[Y(t_{i-1})]) / (1 + d)^i,
    t_i = 30 i / period_days periods; E[M] from Gamma-Gamma, E[Y] from BG/NBD.
    """
    x, t_x, big_t = (summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    value = gamma_gamma.expected_average_value(x, summary["monetary_value"]) * margin
    total = np.zeros(len(summary))
    previous = np.zeros(len(summary))
    for month in range(1, horizon_months + 1):
        cumulative = expected_purchases(bgnbd, month * DAYS_PER_MONTH / period_days, x, t_x, big_t)
        total += value * (cumulative - previous) / (1 + monthly_discount) ** month
        previous = cumulative
    return pd.Series(total, index=summary.index, name="clv")


def simple_clv(
    average_order_value: ArrayLike,
    purchases_per_year: ArrayLike,
    lifespan_years: float,
    margin: float = 1.0,
) -> np.ndarray:
    """The documents' formula: CLV = average order value x purchases per year x lifespan years
    (x margin for the margin-based variant)."""
    aov, freq = as_arrays(average_order_value, purchases_per_year)
    return np.asarray(aov * freq * lifespan_years * margin, dtype=float)


def margin_clv(annual_margin: float, retention: float, discount: float) -> float:
    """Margin-based CLV with constant retention: m * r / (1 + d - r)."""
    return annual_margin * retention / (1 + discount - retention)


@dataclass(frozen=True, eq=False)
class ClvResult:
    """Summary per customer with p_alive, expected purchases, expected value, CLV columns."""

    table: pd.DataFrame
    bgnbd: BetaGeoFit
    gamma_gamma: GammaGammaFit | None
    horizon_months: int


def clv_analysis(
    transactions: pd.DataFrame,
    observation_end: TimeLike,
    *,
    customer_col: str = "customer_id",
    date_col: str = "ordered_at",
    amount_col: str = "amount",
    period_days: float = 7,
    horizon_months: int = 12,
    monthly_discount: float = 0.01,
    margin: float = 1.0,
    lifespan_years: float = 3.0,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> ClvResult:
    """summarize -> fit BG/NBD and Gamma-Gamma -> per-customer CLV beside the simple formula.

    Columns added: p_alive, expected_purchases (over the horizon), expected_value (E[M]),
    clv (discounted), simple_clv = AOV x purchase days per year x lifespan_years x margin,
    with purchases per year = (frequency + 1) / max(T, 30 days) in years. Pass paid orders.
    """
    report(progress, cancelled, 0.0, "Summarising transactions")
    table = summarize(
        transactions, customer_col, date_col, amount_col, observation_end, period_days
    )
    x, t_x, big_t = (table[c].to_numpy() for c in ("frequency", "recency", "T"))
    report(progress, cancelled, 0.2, "Fitting BG/NBD")
    bgnbd = fit_bgnbd(x, t_x, big_t, cancelled=cancelled)
    report(progress, cancelled, 0.7, "Fitting Gamma-Gamma")
    gg = fit_gamma_gamma(x, table["monetary_value"]) if (x > 0).any() else None
    horizon = horizon_months * DAYS_PER_MONTH / period_days
    table["p_alive"] = bgnbd.p_alive(x, t_x, big_t)
    table["expected_purchases"] = bgnbd.expected_purchases(horizon, x, t_x, big_t)
    if gg is not None:
        table["expected_value"] = gg.expected_average_value(x, table["monetary_value"])
        table["clv"] = customer_lifetime_value(
            bgnbd, gg, table, horizon_months, monthly_discount, margin, period_days
        )
    # the two columns summed, not a copy of every column of the transactions
    kept = observed(purchase_times(transactions[date_col]), observation_end)
    spend = pd.Series(pd.to_numeric(transactions[amount_col]).to_numpy()[kept]).groupby(
        transactions[customer_col].to_numpy()[kept]).sum()
    aov = spend.reindex(table.index).to_numpy(dtype=float) / (x + 1)
    years = np.maximum(big_t * period_days, DAYS_PER_MONTH) / 365.25
    table["simple_clv"] = simple_clv(aov, (x + 1) / years, lifespan_years, margin)
    report(progress, cancelled, 1.0, "CLV done")
    return ClvResult(table, bgnbd, gg, horizon_months)
