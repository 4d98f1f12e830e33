"""CLV: summary hand-checked, BG/NBD and Gamma-Gamma recover simulated parameters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import check_grad

from crm_desktop.analytics import bgnbd, clv

TRUE = {"r": 0.24, "alpha": 4.41, "a": 0.79, "b": 2.43}


def simulate(
    n: int, seed: int, horizon: float = 0.0, params: dict[str, float] = TRUE
) -> dict[str, np.ndarray]:
    """BG/NBD customers born at 0 and observed until T ~ U(30, 78) weeks: repeat purchases at
    Poisson rate lambda ~ Gamma(r, alpha); after each one, dropout with p ~ Beta(a, b).
    Also counts purchases in (T, T + horizon] for hold-out checks."""
    rng = np.random.default_rng(seed)
    big_t = rng.uniform(30, 78, n)
    lam = rng.gamma(params["r"], 1 / params["alpha"], n)
    p = rng.beta(params["a"], params["b"], n)
    x, t_x, future = np.zeros(n), np.zeros(n), np.zeros(n)
    alive_at_t = np.ones(n, dtype=bool)
    t = np.zeros(n)
    running = np.ones(n, dtype=bool)
    while running.any():
        idx = np.flatnonzero(running)
        t[idx] += rng.exponential(1 / lam[idx])
        late = t[idx] > big_t[idx] + horizon
        running[idx[late]] = False
        buy = idx[~late]
        early = t[buy] <= big_t[buy]
        x[buy[early]] += 1
        t_x[buy[early]] = t[buy[early]]
        future[buy[~early]] += 1
        die = buy[rng.random(len(buy)) < p[buy]]
        running[die] = False
        alive_at_t[die[t[die] <= big_t[die]]] = False
    return {"x": x, "t_x": t_x, "T": big_t, "future": future, "alive": alive_at_t}


def test_summarize_hand_checked() -> None:
    tx = pd.DataFrame(
        {
            "cust": ["c1", "c1", "c1", "c1", "c1", "c2"],
            "when": pd.to_datetime(
                [
                    "2024-01-01 10:00",
                    "2024-01-01 15:00",  # same day: merged with the one above
                    "2024-01-04 09:00",
                    "2024-01-11 23:59",
                    "2024-02-01 12:00",  # after the observation end: ignored
                    "2024-01-10 08:00",
                ]
            ),
            "amount": [10.0, 5.0, 20.0, 40.0, 100.0, 7.0],
        }
    )
    out = clv.summarize(tx, "cust", "when", "amount", "2024-01-15", period_days=7)
    assert list(out.columns) == ["frequency", "recency", "T", "monetary_value"]
    assert out.index.name == "cust" and list(out.index) == ["c1", "c2"]
    c1, c2 = out.loc["c1"], out.loc["c2"]
    assert c1["frequency"] == 2
    assert c1["recency"] == pytest.approx(10 / 7) and c1["T"] == pytest.approx(14 / 7)
    assert c1["monetary_value"] == pytest.approx((20 + 40) / 2)
    assert c2["frequency"] == 0 and c2["recency"] == 0 and c2["monetary_value"] == 0
    assert c2["T"] == pytest.approx(5 / 7)
    daily = clv.summarize(tx, "cust", "when", "amount", pd.Timestamp("2024-01-15 06:00"), 1)
    assert daily.loc["c1", "recency"] == 10 and daily.loc["c1", "T"] == 14


def test_summarize_drops_purchases_after_the_end_instant_on_its_day() -> None:
    tx = pd.DataFrame(
        {
            "cust": ["c1", "c1", "c1"],
            "when": pd.to_datetime(["2024-01-10 08:00", "2024-01-20 08:00", "2024-01-20 20:00"]),
            "amount": [10.0, 30.0, 500.0],
        }
    )
    out = clv.summarize(tx, "cust", "when", "amount", "2024-01-20 12:00", period_days=1)
    # the 20:00 purchase had not happened at noon: one repeat purchase day worth 30, not 530
    assert out.loc["c1", "frequency"] == 1 and out.loc["c1", "monetary_value"] == 30.0
    assert out.loc["c1", "recency"] == 10 and out.loc["c1", "T"] == 10
    before = clv.summarize(tx, "cust", "when", "amount", "2024-01-20 07:00", period_days=1)
    assert before.loc["c1", "frequency"] == 0 and before.loc["c1", "T"] == 10


def test_summarize_parses_mixed_iso_date_strings() -> None:
    tx = pd.DataFrame(
        {
            "cust": [1, 1, 2],
            "when": ["2024-01-04", "2024-01-01 09:00", "2024-01-08T10:30:00"],
            "amount": [20.0, 10.0, 5.0],
        }
    )
    out = clv.summarize(tx, "cust", "when", "amount", "2024-01-15", period_days=7)
    assert out.loc[1, "frequency"] == 1 and out.loc[1, "monetary_value"] == 20.0
    assert out.loc[1, "recency"] == pytest.approx(3 / 7)
    assert out.loc[1, "T"] == pytest.approx(14 / 7)
    assert out.loc[2, "T"] == pytest.approx(7 / 7)
    result = clv.clv_analysis(
        tx.rename(columns={"cust": "customer_id", "when": "ordered_at"}), "2024-01-15"
    )
    assert len(result.table) == 2


def test_bgnbd_recovers_simulated_parameters_within_10_percent() -> None:
    sim = simulate(5000, seed=0)
    fit = bgnbd.fit_bgnbd(sim["x"], sim["t_x"], sim["T"])
    for name, true in TRUE.items():
        assert getattr(fit, name) == pytest.approx(true, rel=0.10), name
    assert fit.n_customers == 5000 and np.isfinite(fit.log_likelihood)
    ll_true = bgnbd.bgnbd_log_likelihood(tuple(TRUE.values()), sim["x"], sim["t_x"], sim["T"])
    assert fit.log_likelihood >= ll_true.sum()
    assert fit.dropout_identified
    assert fit.dropout_per_purchase == pytest.approx(TRUE["a"] / (TRUE["a"] + TRUE["b"]), rel=0.1)
    assert fit.se_log_a is not None and 0 < fit.se_log_a < 0.3


@pytest.mark.parametrize(
    ("a", "b"),
    [(1.0, 20_000.0), (300.0, 3000.0)],
    ids=["almost-no-dropout", "same-dropout-for-everyone"],
)
def test_bgnbd_flags_unidentified_dropout_but_keeps_its_mean(a: float, b: float) -> None:
    # p ~ Beta(1, 20000) is ~0 for all: a -> 0 or b -> inf fit equally well; Beta(300, 3000)
    # is ~0.09 for all: a, b -> inf along a / (a + b) = 0.09 (the demo's a=7331, b=103845)
    sim = simulate(3000, seed=0, params={"r": 0.5, "alpha": 4.0, "a": a, "b": b})
    fit = bgnbd.fit_bgnbd(sim["x"], sim["t_x"], sim["T"])
    assert not fit.dropout_identified
    assert fit.dropout_per_purchase == pytest.approx(a / (a + b), rel=0.15, abs=1e-3)
    assert fit.r == pytest.approx(0.5, rel=0.15)


def test_dropout_flag_of_hand_built_fits() -> None:
    assert bgnbd.BetaGeoFit(0.243, 4.414, 0.793, 2.426, 0.0, 0).dropout_identified
    demo = bgnbd.BetaGeoFit(0.5, 4.0, 7331.0, 103845.0, 0.0, 0)
    assert not demo.dropout_identified
    assert demo.dropout_per_purchase == pytest.approx(7331 / (7331 + 103845))
    assert not bgnbd.BetaGeoFit(0.5, 4.0, 0.8, 2.4, 0.0, 0, 0.1, float("inf")).dropout_identified


def test_bgnbd_gradient_matches_finite_differences() -> None:
    sim = simulate(300, seed=1)
    data = (sim["x"], sim["t_x"], sim["T"])

    def value(log_params: np.ndarray) -> float:
        return float(bgnbd.bgnbd_log_likelihood(tuple(np.exp(log_params)), *data).sum())

    def gradient(log_params: np.ndarray) -> np.ndarray:
        return bgnbd._bgnbd_gradient(tuple(np.exp(log_params)), *data)[1]

    point = np.log([0.3, 4.0, 0.8, 2.0])
    assert check_grad(value, gradient, point) < 1e-3 * np.abs(gradient(point)).max()


def test_expected_purchases_and_p_alive() -> None:
    # Fader, Hardie & Lee (2005): CDNOW parameters, x=2, t_x=30.43, T=38.86 -> E[Y(39)] = 1.226
    fit = bgnbd.BetaGeoFit(0.243, 4.414, 0.793, 2.426, 0.0, 0)
    assert fit.expected_purchases(39, 2, 30.43, 38.86)[()] == pytest.approx(1.226, abs=0.005)
    # a brand-new customer (x = t_x = T = 0) expects the unconditional E[X(t)]
    assert fit.expected_purchases(52, 0, 0, 0)[()] == pytest.approx(fit.expected_purchases_new(52))
    alive = fit.p_alive([0, 5, 5], [0, 10, 50], [52, 52, 52])
    assert alive[0] == 1.0 and alive[1] < alive[2] < 1.0


def test_predictions_match_simulated_holdout() -> None:
    sim = simulate(5000, seed=2, horizon=52.0)
    fit = bgnbd.fit_bgnbd(sim["x"], sim["t_x"], sim["T"])
    predicted = fit.expected_purchases(52.0, sim["x"], sim["t_x"], sim["T"])
    assert predicted.sum() == pytest.approx(sim["future"].sum(), rel=0.10)
    p_alive = fit.p_alive(sim["x"], sim["t_x"], sim["T"])
    repeat = sim["x"] > 0
    assert p_alive[repeat & sim["alive"]].mean() > p_alive[repeat & ~sim["alive"]].mean() + 0.3


def test_gamma_gamma_recovers_simulated_parameters() -> None:
    rng = np.random.default_rng(4)
    p, q, v = 6.25, 3.74, 15.44
    n = 8000
    x = rng.integers(1, 10, n)
    nu = rng.gamma(q, 1 / v, n)
    spend = np.array([rng.gamma(p, 1 / nu_i, k).mean() for nu_i, k in zip(nu, x, strict=True)])
    fit = clv.fit_gamma_gamma(np.r_[x, 0], np.r_[spend, 0.0])
    assert fit.n_customers == n
    assert fit.p == pytest.approx(p, rel=0.10)
    assert fit.q == pytest.approx(q, rel=0.10)
    assert fit.v == pytest.approx(v, rel=0.15)
    expected = fit.expected_average_value([0, 3], [0.0, 50.0])
    assert expected[0] == pytest.approx(fit.p * fit.v / (fit.q - 1))
    assert expected[1] == pytest.approx(fit.p * (fit.v + 150) / (3 * fit.p + fit.q - 1))


def test_clv_discounting_and_simple_formulas() -> None:
    bg = bgnbd.BetaGeoFit(0.243, 4.414, 0.793, 2.426, 0.0, 0)
    gg = clv.GammaGammaFit(6.25, 3.74, 15.44, 0.0, 0)
    summary = pd.DataFrame(
        {
            "frequency": [2.0, 0.0],
            "recency": [30.0, 0.0],
            "T": [39.0, 10.0],
            "monetary_value": [40.0, 0.0],
        }
    )
    flat = clv.customer_lifetime_value(bg, gg, summary, 12, 0.0, 1.0, period_days=7)
    horizon = 12 * 30 / 7
    purchases = bg.expected_purchases(
        horizon, summary["frequency"], summary["recency"], summary["T"]
    )
    value = gg.expected_average_value(summary["frequency"], summary["monetary_value"])
    assert flat.to_numpy() == pytest.approx(purchases * value)
    discounted = clv.customer_lifetime_value(bg, gg, summary, 12, 0.02, 0.5, period_days=7)
    assert (discounted < 0.5 * flat).all() and (discounted > 0).all()
    assert clv.simple_clv(50.0, 4.0, 3.0)[()] == 600.0
    assert clv.simple_clv(50.0, 4.0, 3.0, margin=0.25)[()] == 150.0
    assert clv.margin_clv(100.0, 0.8, 0.1) == pytest.approx(80 / 0.3)


def test_clv_analysis_end_to_end() -> None:
    sim = simulate(800, seed=3)
    rng = np.random.default_rng(3)
    rows = []
    start = pd.Timestamp("2023-01-02")
    end = start + pd.Timedelta(weeks=78)
    for i in range(800):
        first = end - pd.Timedelta(weeks=float(sim["T"][i]))
        offsets = np.sort(rng.uniform(0, sim["t_x"][i], int(sim["x"][i])))
        offsets[-1:] = sim["t_x"][i]
        for w in np.r_[0.0, offsets]:
            rows.append((i, first + pd.Timedelta(weeks=float(w)), float(rng.gamma(5, 10))))
    tx = pd.DataFrame(rows, columns=["customer_id", "ordered_at", "amount"])
    result = clv.clv_analysis(tx, end, horizon_months=6)
    table = result.table
    assert len(table) == 800 and result.gamma_gamma is not None
    for col in ("p_alive", "expected_purchases", "expected_value", "clv", "simple_clv"):
        assert table[col].notna().all() and (table[col] >= 0).all(), col
    assert result.bgnbd.r == pytest.approx(TRUE["r"], rel=0.5)


@pytest.mark.parametrize("ids", ["int", "float with unknowns"])
def test_summary_by_ranges_of_customers_is_the_whole_summary(monkeypatch, ids) -> None:
    """summarize takes the purchases a range of customers at a time (clv.SUMMARY_ROWS): the
    same table as all of them grouped at once."""
    rng = np.random.default_rng(3)
    n = 5_000
    customers = rng.integers(1, 700, n).astype(float if ids != "int" else np.int64)
    if ids != "int":
        customers[rng.random(n) < 0.05] = np.nan
    frame = pd.DataFrame({
        "customer_id": customers,
        "ordered_at": pd.Timestamp("2023-01-01") + pd.to_timedelta(
            rng.integers(0, 500 * 24, n), unit="h"),
        "amount": rng.integers(100, 50_000, n) / 100.0,
    })
    end = pd.Timestamp("2024-04-01 12:00")
    whole = clv.summarize(frame, "customer_id", "ordered_at", "amount", end)
    monkeypatch.setattr(clv, "SUMMARY_ROWS", 400)
    assert len(clv.customer_ranges(frame["customer_id"].to_numpy(), clv.SUMMARY_ROWS)) > 5
    parts = clv.summarize(frame, "customer_id", "ordered_at", "amount", end)
    pd.testing.assert_frame_equal(parts, whole)
    assert whole.index.is_monotonic_increasing and not whole.index.hasnans
