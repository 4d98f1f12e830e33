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


def test_models_compared_side_by_side_score_as_one_after_the_other() -> None:
    """evaluate_models fits the logistic model on a thread of its own beside the forest: the
    AUCs are those of fitting each alone, and the holdout's rows are left as they were."""
    from sklearn.metrics import roc_auc_score

    frames, _, _ = planted()
    X = churn.churn_features(frames["customers"], frames["orders"], frames["tickets"], None,
                             None, CUTOFF - pd.Timedelta(days=HORIZON))
    y = churn.churn_labels(frames["orders"], X.index, CUTOFF - pd.Timedelta(days=HORIZON),
                           CUTOFF)
    holdout = churn.choose_holdout((X.iloc[:0], y.iloc[:0]), (X, y), 0.3, 0)
    kept = holdout.X_fit.copy()
    auc = churn.evaluate_models(holdout, 0)
    for name in churn.CHURN_MODELS:
        model = churn.make_model(name, len(holdout.X_fit), 0).fit(holdout.X_fit, holdout.y_fit)
        alone = roc_auc_score(holdout.y_test, model.predict_proba(holdout.X_test)[:, 1])
        assert auc[name] == alone
    assert list(auc) == list(churn.CHURN_MODELS)
    pd.testing.assert_frame_equal(holdout.X_fit, kept)


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


def test_a_forest_keeps_the_contributions_its_scores_came_with(fitted) -> None:
    """The reasons read the contributions made while scoring (no second walk down the trees):
    they must be those of the scored features, equal to computing them afresh."""
    from crm_desktop.analytics.contributions import contributions

    report, _, _ = fitted
    if report.chosen_model != "random_forest":
        assert report.contributions is None
        return
    assert report.contributions is not None and report.features is not None
    afresh = contributions(report.pipeline, report.features)
    assert report.contributions.values.equals(afresh.values)
    scores = report.scores.set_index("customer_id")["churn_probability"]
    summed = report.contributions.values.sum(axis=1) + report.contributions.base
    assert np.allclose(summed.reindex(scores.index), scores, atol=1e-9)


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


T1 = T0 - pd.Timedelta(days=HORIZON)


def two_period(n: int = 1500, seed: int = 5) -> tuple[dict[str, pd.DataFrame], dict[str, int]]:
    """The same rule in both periods: 20% of customers complain in the h days before they stop
    ordering at t1, another 20% before they stop at t0; the rest keep ordering and rarely call,
    except 10% of them who complain before t0 and stay. 60% buy from cutoff - 730 days, 20%
    start in (t1, t0), 20% in (t0, cutoff)."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1)
    begin = np.select(
        [rng.random(n) < 0.6, rng.random(n) < 0.5],
        [CUTOFF - pd.Timedelta(days=730), T1 + pd.Timedelta(days=1)],
        T0 + pd.Timedelta(days=1),
    )
    begin = pd.Series(begin)
    old = (begin < T1).to_numpy()
    kind = np.where(old, rng.choice(["t1", "t0", "stay"], n, p=[0.2, 0.2, 0.6]), "stay")
    stop = pd.Series(np.select([kind == "t1", kind == "t0"], [T1, T0], CUTOFF))
    span = ((stop - begin) / pd.Timedelta(days=1)).to_numpy()
    counts = rng.poisson(span / 15.0) + 1
    owner = np.repeat(np.arange(n), counts)
    orders = pd.DataFrame(
        {
            "customer_id": ids[owner],
            "ordered_at": _uniform_times(
                rng, begin.iloc[owner].reset_index(drop=True), span[owner]
            ).to_numpy(),
            "amount": rng.gamma(4.0, 25.0, len(owner)),
            "status": "paid",
        }
    )
    grumbling = (kind == "stay") & old & (rng.random(n) < 0.1)
    complain_until = stop.where(~grumbling, T0)
    unhappy = (kind != "stay") | grumbling
    k = np.where(unhappy, rng.integers(3, 7, n), rng.integers(0, 2, n))
    who = np.repeat(np.arange(n), k)
    bad = unhappy[who]
    complaints_from = complain_until.iloc[who] - pd.Timedelta(days=HORIZON)
    opened_from = np.where(bad, complaints_from, begin.iloc[who])
    opened_days = np.where(bad, HORIZON - 1.0, span[who] - 1.0)
    tickets = pd.DataFrame(
        {
            "customer_id": ids[who],
            "type": np.where(bad, "complaint", "consultation"),
            "status": "closed",
            "satisfaction": np.where(bad, 1.0, 5.0),
            "opened_at": _uniform_times(rng, pd.Series(opened_from), opened_days).to_numpy(),
        }
    )
    customers = pd.DataFrame({"id": ids, "created_at": begin})
    counts_by_period = {
        "by_t1": int((begin <= T1).sum()),
        "by_t0": int((begin <= T0).sum()),
        "all": n,
    }
    return {"customers": customers, "orders": orders, "tickets": tickets}, counts_by_period


def test_holdout_is_the_later_period_when_history_allows() -> None:
    frames, counts = two_period()
    report = churn.fit_churn(
        frames["customers"],
        frames["orders"],
        frames["tickets"],
        cutoff=CUTOFF,
        horizon_days=HORIZON,
    )
    assert report.holdout == "time"
    # fitted on the buyers by t1, tested on every buyer by t0 (not a 30% share of them)
    assert report.n_holdout_train == counts["by_t1"]
    assert report.n_test == counts["by_t0"] == report.n_train
    assert min(report.auc.values()) >= 0.85
    assert len(report.scores) == counts["all"]


def test_holdout_falls_back_to_a_customer_split_without_earlier_churn(fitted) -> None:
    report, churned, _ = fitted
    # nobody in the planted data stops before t0, so (t1, t0] has a single class
    assert report.holdout == "customers"
    assert report.n_test == pytest.approx(0.3 * len(churned), abs=1)
    assert report.n_holdout_train + report.n_test == report.n_train


def test_many_buyers_are_fitted_on_a_stratified_sample_and_all_scored() -> None:
    """Above max_rows buyers the models learn from (and are tested on) a sample of that many
    that keeps the churn share; every customer still gets a score; the model finds the same
    rule; the unsampled fit is unchanged (sampled_from None)."""
    frames, churned, _ = planted(n=3000, seed=3)
    args = (frames["customers"], frames["orders"], frames["tickets"])
    whole = churn.fit_churn(*args, cutoff=CUTOFF, horizon_days=HORIZON)
    sampled = churn.fit_churn(*args, cutoff=CUTOFF, horizon_days=HORIZON, max_rows=1000)
    assert whole.sampled_from is None and whole.n_train == len(churned)
    assert sampled.sampled_from == len(churned) and sampled.n_train == 1000
    assert sampled.n_holdout_train + sampled.n_test == 1000  # the customer split of the sample
    assert sampled.base_rate == whole.base_rate  # of every buyer, not of the sample
    assert len(sampled.scores) == len(whole.scores) == len(churned)
    assert sampled.features is not None and len(sampled.features) == len(churned)
    assert min(sampled.auc.values()) >= 0.85
    # the sample keeps the churn share: its label mean is within a row of every buyer's
    X, y = churn.fit_sample(whole.features, pd.Series(churned.astype(int),
                                                       index=whole.features.index), 1000, 0)
    assert len(X) == 1000 and abs(y.sum() - round(churned.mean() * 1000)) <= 1
    assert list(X.index) == sorted(X.index)  # in their original order
    scores = sampled.scores.set_index("customer_id")["churn_probability"]
    assert np.corrcoef(scores.sort_index(), whole.scores.set_index("customer_id")
                       ["churn_probability"].sort_index())[0, 1] > 0.9


def test_the_current_features_built_after_the_fit_give_the_same_report(monkeypatch) -> None:
    """Above OVERLAP_MAX_ORDERS paid orders the customers' current features are built after
    the models are fitted (memory), not beside them (wall time): the report is the same."""
    frames, _churned, _ = planted(n=1500, seed=5)
    args = (frames["customers"], frames["orders"], frames["tickets"])
    beside = churn.fit_churn(*args, cutoff=CUTOFF, horizon_days=HORIZON)
    monkeypatch.setattr(churn, "OVERLAP_MAX_ORDERS", 0)
    after = churn.fit_churn(*args, cutoff=CUTOFF, horizon_days=HORIZON)
    assert after.auc == beside.auc and after.chosen_model == beside.chosen_model
    pd.testing.assert_frame_equal(after.scores, beside.scores)
    pd.testing.assert_frame_equal(after.features, beside.features)
    if beside.contributions is None:
        assert after.contributions is None
    else:
        assert after.contributions is not None
        assert after.contributions.values.equals(beside.contributions.values)


def test_models_compared_one_after_the_other_give_the_side_by_side_aucs(monkeypatch) -> None:
    """Above SIDE_BY_SIDE_MAX_ROWS fitting rows the models are fitted one after the other
    (memory at a million customers): the same AUCs, in the same order."""
    frames, _, _ = planted()
    as_of = CUTOFF - pd.Timedelta(days=HORIZON)
    X = churn.churn_features(frames["customers"], frames["orders"], frames["tickets"], None,
                             None, as_of)
    y = churn.churn_labels(frames["orders"], X.index, as_of, CUTOFF)
    holdout = churn.choose_holdout((X.iloc[:0], y.iloc[:0]), (X, y), 0.3, 0)
    assert len(holdout.X_fit) <= churn.SIDE_BY_SIDE_MAX_ROWS
    beside = churn.evaluate_models(holdout, 0)
    monkeypatch.setattr(churn, "SIDE_BY_SIDE_MAX_ROWS", 10)
    after = churn.evaluate_models(holdout, 0)
    assert after == beside and list(after) == list(churn.CHURN_MODELS)


def test_order_features_of_paid_orders_alone_equal_those_among_other_orders() -> None:
    """order_features reads the paid orders up to as_of without copying them when every
    order counts: the figures are those of the same orders among refunded, cancelled and
    later ones."""
    from crm_desktop.analytics.features import order_features

    frames, _, _ = planted()
    orders = frames["orders"]
    as_of = pd.Timestamp(orders["ordered_at"].max())
    rng = np.random.default_rng(3)
    extra = orders.sample(300, random_state=1).assign(
        status=rng.choice(["refunded", "cancelled", "open"], 300))
    later = orders.sample(200, random_state=2).assign(
        ordered_at=as_of + pd.Timedelta(days=1))
    mixed = pd.concat([orders, extra, later], ignore_index=True).sample(frac=1, random_state=4)
    paid = orders[["customer_id", "ordered_at", "amount"]]  # no status: every order counts
    pd.testing.assert_frame_equal(order_features(paid, as_of), order_features(mixed, as_of))
