"""The BG/NBD purchase model: who is still buying, and how often they will buy.

Fader, Hardie & Lee (2005) "Counting your customers the easy way". Per customer: x repeat
purchases, t_x the time of the last one, T the time since the first, in periods (see
:func:`crm_desktop.analytics.clv.summarize`). Fitted by maximum likelihood with
scipy.optimize.minimize (L-BFGS-B on log-parameters, analytic gradient); the standard errors of
log a and log b tell whether the data determines a and b apart (``dropout_identified``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report

ArrayLike: TypeAlias = np.ndarray | pd.Series | list[float] | float


def as_arrays(*values: ArrayLike) -> list[np.ndarray]:
    return [np.asarray(v, dtype=float) for v in values]


def bgnbd_log_likelihood(
    params: tuple[float, float, float, float], x: ArrayLike, t_x: ArrayLike, T: ArrayLike
) -> np.ndarray:
    """Per-customer BG/NBD log-likelihood (FHL 2005, eq. 6) for params (r, alpha, a, b).

    ll = lnG(r+x) - lnG(r) + r ln(alpha) + logaddexp(
        lnB(a, b+x) - lnB(a, b) - (r+x) ln(alpha+T),
        [x>0] (lnB(a+1, b+x-1) - lnB(a, b) - (r+x) ln(alpha+t_x)))
    """
    return _bgnbd_terms(params, *as_arrays(x, t_x, T))[0]


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


def minimize_log_params(
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
    x, t_x, big_t = as_arrays(frequency, recency, T)
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

    params, value = minimize_log_params(objective, 4)
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
    x, t_x, big_t = as_arrays(frequency, recency, T)
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
    x, t_x, big_t = as_arrays(frequency, recency, T)
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
    return _alive(fit, *as_arrays(frequency, recency, T))
