"""Customer lifetime value: BG/NBD purchase model, Gamma-Gamma spend model, discounted CLV.

References: Fader, Hardie & Lee (2005) "Counting your customers the easy way" (BG/NBD);
Fader & Hardie (2013) "The Gamma-Gamma model of monetary value". Time is measured in periods of
``period_days`` days (default 7: weeks). Parameters are fitted by maximum likelihood with
scipy.optimize.minimize (L-BFGS-B on log-parameters, analytic gradients).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.features import DAY, TimeLike, as_timestamp

ArrayLike: TypeAlias = np.ndarray | pd.Series | list[float] | float
DAYS_PER_MONTH = 30.0


def purchase_times(values: pd.Series) -> pd.Series:
    """A date column as naive timestamps: strings parsed as ISO 8601 (so date-only and
    date-time values may be mixed), tz-aware values converted to UTC like ``as_timestamp``."""
    times = pd.to_datetime(values, format="ISO8601")
    if isinstance(times.dtype, pd.DatetimeTZDtype):
        times = times.dt.tz_convert("UTC").dt.tz_localize(None)
    return times


def observed(times: pd.Series, observation_end: TimeLike) -> np.ndarray:
    """True for timestamps at or before the instant ``observation_end`` (False for NaT)."""
    return (times.notna() & (times <= as_timestamp(observation_end))).to_numpy()


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
    frame = pd.DataFrame(
        {
            "c": transactions[customer_col].to_numpy()[keep],
            "d": times.dt.normalize().to_numpy()[keep],
            "v": pd.to_numeric(transactions[amount_col]).to_numpy(dtype=float)[keep],
        }
    )
    daily = frame.groupby(["c", "d"], sort=True)["v"].sum().reset_index()
    grouped = daily.groupby("c", sort=True)
    first, last = grouped["d"].min(), grouped["d"].max()
    frequency = (grouped.size() - 1).astype(float)
    repeat_total = grouped["v"].sum() - grouped["v"].first()
    out = pd.DataFrame(
        {
            "frequency": frequency,
            "recency": (last - first) / DAY / period_days,
            "T": (end_day - first) / DAY / period_days,
            "monetary_value": (repeat_total / frequency.where(frequency > 0)).fillna(0.0),
        }
    )
    out.index.name = customer_col
    return out


def _arrays(*values: ArrayLike) -> list[np.ndarray]:
    return [np.asarray(v, dtype=float) for v in values]


def bgnbd_log_likelihood(
    params: tuple[float, float, float, float], x: ArrayLike, t_x: ArrayLike, T: ArrayLike
) -> np.ndarray:
    """Per-customer BG/NBD log-likelihood (FHL 2005, eq. 6) for params (r, alpha, a, b).

    ll = lnG(r+x) - lnG(r) + r ln(alpha) + logaddexp(
        lnB(a, b+x) - lnB(a, b) - (r+x) ln(alpha+T),
        [x>0] (lnB(a+1, b+x-1) - lnB(a, b) - (r+x) ln(alpha+t_x)))
    """
    return _bgnbd_terms(params, *_arrays(x, t_x, T))[0]


def _bgnbd_terms(
    params: tuple[float, float, float, float], x: np.ndarray, t_x: np.ndarray, T: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r, alpha, a, b = params
    repeat = x > 0
    b_x1 = np.where(repeat, b + x - 1, 1.0)
    base = betaln(a, b)
    l1 = betaln(a, b + x) - base - (r + x) * np.log(alpha + T)
    l2 = np.where(repeat, betaln(a + 1, b_x1) - base - (r + x) * np.log(alpha + t_x), -np.inf)
    both = np.logaddexp(l1, l2)
    ll = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + both
    return ll, np.exp(l1 - both), np.exp(l2 - both), b_x1


def _bgnbd_gradient(
    params: tuple[float, float, float, float], x: np.ndarray, t_x: np.ndarray, T: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(log-likelihood per customer, sum of d ll / d log-parameter)."""
    r, alpha, a, b = params
    ll, w1, w2, b_x1 = _bgnbd_terms(params, x, t_x, T)
    psi_abx = digamma(a + b + x)
    d_base_a, d_base_b = digamma(a) - digamma(a + b), digamma(b) - digamma(a + b)
    d_r = digamma(r + x) - digamma(r) + np.log(alpha) - w1 * np.log(alpha + T)
    d_r -= w2 * np.log(alpha + t_x)
    d_alpha = r / alpha - w1 * (r + x) / (alpha + T) - w2 * (r + x) / (alpha + t_x)
    d_a = w1 * (digamma(a) - psi_abx) + w2 * (digamma(a + 1) - psi_abx) - d_base_a
    d_b = w1 * (digamma(b + x) - psi_abx) + w2 * (digamma(b_x1) - psi_abx) - d_base_b
    grad = np.array([d_r.sum() * r, d_alpha.sum() * alpha, d_a.sum() * a, d_b.sum() * b])
    return ll, grad


#: Optimiser bounds on every log-parameter (exp(+-12) = 6e-6 .. 1.6e5).
LOG_BOUND = 12.0
#: a + b above this makes Beta(a, b) practically a point mass at a / (a + b): every customer
#: has the same dropout probability and a, b are only known through their ratio.
MAX_DROPOUT_CONCENTRATION = 1000.0
#: Largest standard error of log a and of log b still called identified (a factor e).
MAX_SE_LOG = 1.0


@dataclass(frozen=True)
class BetaGeoFit:
    """Fitted BG/NBD: purchase rate ~ Gamma(r, alpha), dropout probability ~ Beta(a, b).

    se_log_a / se_log_b: standard errors of log a and log b from the observed information
    (see :func:`bgnbd_standard_errors`); None when the fit was built by hand.
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    n_customers: int
    se_log_a: float | None = None
    se_log_b: float | None = None

    @property
    def dropout_per_purchase(self) -> float:
        """E[p] = a / (a + b): mean probability that a customer drops out after a purchase.

        The data pin this down even when a and b separately are not (see
        :attr:`dropout_identified`).
        """
        return self.a / (self.a + self.b)

    @property
    def dropout_identified(self) -> bool:
        """Whether the data determine a and b, i.e. how dropout varies across customers.

        True when a + b <= :data:`MAX_DROPOUT_CONCENTRATION` and the known standard errors of
        log a and log b are <= :data:`MAX_SE_LOG`. False means the likelihood is flat along a
        ridge (a, b -> inf at a fixed a / (a + b) when every customer drops out alike, or
        a -> 0 when almost nobody drops out): read only :attr:`dropout_per_purchase` then.
        """
        if self.a + self.b > MAX_DROPOUT_CONCENTRATION:
            return False
        errors = [se for se in (self.se_log_a, self.se_log_b) if se is not None]
        return all(se <= MAX_SE_LOG for se in errors)  # NaN and inf compare False

    def expected_purchases(
        self, t: float, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
    ) -> np.ndarray:
        """E[purchases in the next t periods | x, t_x, T] (see :func:`expected_purchases`)."""
        return expected_purchases(self, t, frequency, recency, T)

    def p_alive(self, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike) -> np.ndarray:
        """P(customer still alive at T | x, t_x, T) (see :func:`probability_alive`)."""
        return probability_alive(self, frequency, recency, T)

    def expected_purchases_new(self, t: float | np.ndarray) -> np.ndarray:
        """Unconditional E[X(t)] for a new customer: (a+b-1)/(a-1) *
        [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]."""
        t_arr = np.asarray(t, dtype=float)
        hyp = hyp2f1(self.r, self.b, self.a + self.b - 1, t_arr / (self.alpha + t_arr))
        scale = (self.alpha / (self.alpha + t_arr)) ** self.r
        return np.asarray((self.a + self.b - 1) / (self.a - 1) * (1 - scale * hyp))


def _minimize(
    objective: object, n_params: int, start: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    x0 = np.zeros(n_params) if start is None else start
    bounds = [(-LOG_BOUND, LOG_BOUND)] * n_params
    result = minimize(objective, x0, jac=True, method="L-BFGS-B", bounds=bounds)
    if not np.all(np.isfinite(result.x)):
        raise RuntimeError(f"optimisation failed: {result.message}")
    return np.exp(result.x), float(result.fun)


def fit_bgnbd(
    frequency: ArrayLike,
    recency: ArrayLike,
    T: ArrayLike,
    *,
    penalizer: float = 0.0,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> BetaGeoFit:
    """Maximum-likelihood BG/NBD fit; maximises sum(ll) - penalizer * n * sum(params^2).

    Optimises log(r, alpha, a, b) with L-BFGS-B and the analytic gradient.
    """
    x, t_x, big_t = _arrays(frequency, recency, T)
    if len(x) == 0:
        raise ValueError("no customers to fit")
    n = float(len(x))
    report(progress, cancelled, 0.0, "Fitting BG/NBD")

    def objective(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        report(None, cancelled, 0.0, "")
        params = np.exp(log_params)
        ll, grad = _bgnbd_gradient(tuple(params), x, t_x, big_t)
        penalty = penalizer * np.sum(params**2)
        value = -(ll.sum() / n) + penalty
        grad_obj = -(grad / n) + penalizer * 2 * params**2
        if not np.isfinite(value):
            return 1e12, np.zeros(4)
        return float(value), grad_obj

    params, value = _minimize(objective, 4)
    report(progress, cancelled, 0.9, "BG/NBD standard errors")
    ll_total = float(bgnbd_log_likelihood(tuple(params), x, t_x, big_t).sum())
    se = bgnbd_standard_errors(tuple(params), x, t_x, big_t)
    report(progress, cancelled, 1.0, "BG/NBD fitted")
    r, alpha, a, b = (float(p) for p in params)
    return BetaGeoFit(r, alpha, a, b, ll_total, len(x), float(se[2]), float(se[3]))


def bgnbd_standard_errors(
    params: tuple[float, float, float, float],
    frequency: ArrayLike,
    recency: ArrayLike,
    T: ArrayLike,
    step: float = 1e-4,
) -> np.ndarray:
    """Standard errors of log(r, alpha, a, b): sqrt(diag(I^-1)) with I = -H, H the Hessian of
    the total (unpenalised) log-likelihood in log-parameters by central differences of the
    analytic gradient, H[:, i] = (g(theta + h e_i) - g(theta - h e_i)) / 2h.

    inf for every parameter when I is not positive definite (no strict maximum) and for a
    parameter on the optimiser bound +-:data:`LOG_BOUND` (the maximum lies beyond it).
    """
    x, t_x, big_t = _arrays(frequency, recency, T)
    log_params = np.log(np.asarray(params, dtype=float))
    hessian = np.empty((4, 4))
    for i, shift in enumerate(np.eye(4) * step):
        up = _bgnbd_gradient(tuple(np.exp(log_params + shift)), x, t_x, big_t)[1]
        down = _bgnbd_gradient(tuple(np.exp(log_params - shift)), x, t_x, big_t)[1]
        hessian[:, i] = (up - down) / (2 * step)
    information = -(hessian + hessian.T) / 2
    if not np.all(np.isfinite(information)) or np.linalg.eigvalsh(information).min() <= 0:
        return np.full(4, np.inf)
    errors = np.sqrt(np.diag(np.linalg.inv(information)))
    return np.where(np.abs(log_params) >= LOG_BOUND - 1e-6, np.inf, errors)


def expected_purchases(
    fit: BetaGeoFit, t: float, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
) -> np.ndarray:
    """FHL 2005 eq. 10: E[Y(t) | x, t_x, T] =
    (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]
    / [1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)]."""
    x, t_x, big_t = _arrays(frequency, recency, T)
    r, alpha, a, b = fit.r, fit.alpha, fit.a, fit.b
    p1, p2, c = r + x, b + x, a + b + x - 1
    z = t / (alpha + big_t + t)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_hyp = np.log(hyp2f1(p1, p2, c, z))
        euler = np.log(hyp2f1(c - p1, c - p2, c, z)) + (c - p1 - p2) * np.log1p(-z)
        log_hyp = np.where(np.isfinite(log_hyp), log_hyp, euler)
    bracket = 1 - np.exp(log_hyp + p1 * np.log((alpha + big_t) / (alpha + big_t + t)))
    numerator = (a + b + x - 1) / (a - 1) * bracket
    return np.asarray(numerator * _alive(fit, x, t_x, big_t), dtype=float)


def _alive(fit: BetaGeoFit, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    repeat = x > 0
    b_x1 = np.where(repeat, fit.b + x - 1, 1.0)
    log_odds = (
        np.log(fit.a)
        - np.log(b_x1)
        + (fit.r + x) * (np.log(fit.alpha + T) - np.log(fit.alpha + t_x))
    )
    return np.where(repeat, expit(-log_odds), 1.0)


def probability_alive(
    fit: BetaGeoFit, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
) -> np.ndarray:
    """P(alive | x, t_x, T) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))."""
    return _alive(fit, *_arrays(frequency, recency, T))


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
        x, m = _arrays(frequency, monetary_value)
        m = np.where(x > 0, m, 0.0)
        return np.asarray(self.p * (self.v + x * m) / (self.p * x + self.q - 1), dtype=float)

    def conditional_expected_average_profit(
        self, frequency: ArrayLike, monetary_value: ArrayLike
    ) -> np.ndarray:
        """Lifetimes' name for :meth:`expected_average_value`."""
        return self.expected_average_value(frequency, monetary_value)


def fit_gamma_gamma(
    frequency: ArrayLike, monetary_value: ArrayLike, *, penalizer: float = 0.0
) -> GammaGammaFit:
    """Maximum-likelihood Gamma-Gamma fit over customers with frequency > 0 and m_x > 0.

    ll = lnG(px+q) - lnG(px) - lnG(q) + q ln v + (px-1) ln m + px ln x - (px+q) ln(x m + v).
    """
    x_all, m_all = _arrays(frequency, monetary_value)
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

    params, value = _minimize(objective, 3)
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
    aov, freq = _arrays(average_order_value, purchases_per_year)
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
    kept = transactions[observed(purchase_times(transactions[date_col]), observation_end)]
    spend = pd.to_numeric(kept[amount_col]).groupby(kept[customer_col]).sum()
    aov = spend.reindex(table.index).to_numpy(dtype=float) / (x + 1)
    years = np.maximum(big_t * period_days, DAYS_PER_MONTH) / 365.25
    table["simple_clv"] = simple_clv(aov, (x + 1) / years, lifespan_years, margin)
    report(progress, cancelled, 1.0, "CLV done")
    return ClvResult(table, bgnbd, gg, horizon_months)
