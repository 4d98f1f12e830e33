"""Reasons per customer and deal: exact contributions, and a planted cause named first."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import logit
from sklearn.calibration import CalibratedClassifierCV

from crm_desktop.analytics import churn, reasons
from crm_desktop.analytics import classification as cl
from crm_desktop.analytics import winprob as wp
from crm_desktop.analytics.contributions import (
    LOG_ODDS,
    PROBABILITY,
    contributions,
    scored_contributions,
)
from tests.analytics.telco_like import telco_table

CUTOFF = pd.Timestamp("2024-12-31")
HORIZON = 180
T0 = CUTOFF - pd.Timedelta(days=HORIZON)


@pytest.mark.parametrize("model", ["logistic", "random_forest", "decision_tree"])
def test_contributions_add_up_to_the_score(model: str) -> None:
    X, y = telco_table(1200, seed=4)
    report = cl.fit_classifier(X, y, model=model, cv=3)
    frame = cl.as_model_frame(X)
    parts = contributions(report.pipeline, frame)
    proba = report.pipeline.predict_proba(frame)[:, 1]
    score = logit(proba) if parts.unit == LOG_ODDS else proba
    assert parts.unit == (LOG_ODDS if model == "logistic" else PROBABILITY)
    assert list(parts.values.columns) == list(X.columns)
    assert np.allclose(parts.values.sum(axis=1) + parts.base, score, atol=1e-9)
    # the one-hot parts of a category are summed back to it; a column the model ignores
    # contributes (almost) nothing beside the planted strongest ones
    strength = parts.values.abs().mean()
    assert strength.idxmax() in {"tenure", "Contract"}
    assert strength["gender"] < strength["Contract"] / 5


@pytest.mark.parametrize("model", ["logistic", "random_forest", "decision_tree"])
def test_scores_with_their_contributions_equal_each_alone(model: str) -> None:
    """A tree model's scores and contributions from one walk down the trees are the same as
    predict_proba and contributions(); other models give their scores and no contributions."""
    X, y = telco_table(900, seed=6)
    report = cl.fit_classifier(X, y, model=model, cv=3)
    frame = cl.as_model_frame(X)
    proba, parts = scored_contributions(report.pipeline, frame)
    assert np.allclose(proba, report.pipeline.predict_proba(frame)[:, 1], rtol=0, atol=1e-12)
    if model == "logistic":
        assert parts is None
        return
    assert parts is not None
    alone = contributions(report.pipeline, frame)
    assert parts.values.equals(alone.values) and parts.base == alone.base
    assert parts.unit == PROBABILITY


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_a_forest_walked_on_several_threads_scores_as_on_one(jobs: int) -> None:
    """The trees are shared out among threads as the forest's n_jobs says; the scores and
    contributions are those of one thread (to rounding), and the same at every run."""
    X, y = telco_table(900, seed=8)
    report = cl.fit_classifier(X, y, model="random_forest", cv=3)
    frame = cl.as_model_frame(X)
    forest = report.pipeline.steps[-1][1]
    forest.set_params(n_jobs=1)
    one_proba, one = scored_contributions(report.pipeline, frame)
    forest.set_params(n_jobs=jobs)
    proba, parts = scored_contributions(report.pipeline, frame)
    again_proba, again = scored_contributions(report.pipeline, frame)
    assert one is not None and parts is not None and again is not None
    assert np.allclose(proba, one_proba, rtol=0, atol=1e-12)
    assert np.allclose(parts.values, one.values, rtol=0, atol=1e-12)
    assert np.array_equal(proba, again_proba) and parts.values.equals(again.values)
    assert np.allclose(proba, report.pipeline.predict_proba(frame)[:, 1], rtol=0, atol=1e-12)


def test_a_tree_refitted_in_place_is_explained_by_its_new_fit() -> None:
    """Path tables are kept per estimator between chunks; a refit must not reuse them."""
    from sklearn.tree import DecisionTreeClassifier

    X, y = telco_table(600, seed=5)
    frame = cl.as_model_frame(X)[["tenure", "MonthlyCharges"]]
    tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(frame, y)
    first = contributions(tree, frame)
    assert np.allclose(first.values.sum(axis=1) + first.base,
                       tree.predict_proba(frame)[:, 1], atol=1e-9)
    tree.set_params(max_depth=6).fit(frame, y)  # the same object, another tree
    second = contributions(tree, frame)
    assert np.allclose(second.values.sum(axis=1) + second.base,
                       tree.predict_proba(frame)[:, 1], atol=1e-9)


def test_a_sigmoid_calibrated_model_is_explained_exactly_in_log_odds() -> None:
    X, y = telco_table(1200, seed=5)
    frame = cl.as_model_frame(X)
    base = cl.build_pipeline(frame, "logistic")
    model = CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False)
    model.fit(frame, y)
    parts = contributions(model, frame)
    score = logit(model.predict_proba(frame)[:, 1])
    assert parts.unit == LOG_ODDS
    assert np.allclose(parts.values.sum(axis=1) + parts.base, score, atol=1e-9)
    lost = contributions(model, frame, target="No")
    assert np.allclose(lost.values, -parts.values)


def _times(rng: np.random.Generator, start: pd.Timestamp, days: np.ndarray) -> np.ndarray:
    return (start + pd.to_timedelta(rng.random(len(days)) * days, unit="D")).to_numpy()


def planted_churn(cause: str, n: int = 1500, seed: int = 0) -> tuple[dict, np.ndarray]:
    """Everyone orders every ~20 days and has 3-6 tickets and one survey per half year.

    ``cause`` decides who stops buying after t0: 30% of customers are unhappy in the half year
    before t0 (their tickets are complaints, or their survey scores 0-3) and 90% of them stop;
    5% of the others stop too. In the half year after t0, 20% of the customers who stayed turn
    unhappy the same way: they are the affected customers (returned mask). Ticket counts, order
    rates and everything else do not depend on happiness.
    """
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1)
    start = CUTOFF - pd.Timedelta(days=730)
    unhappy = rng.random(n) < 0.3
    stops = np.where(unhappy, rng.random(n) < 0.9, rng.random(n) < 0.05)
    turning = ~stops & (rng.random(n) < 0.2)
    end_days = np.where(stops, 730 - HORIZON, 730).astype(float)
    counts = rng.poisson(end_days / 20.0) + 1
    who = np.repeat(np.arange(n), counts)
    orders = pd.DataFrame(
        {
            "customer_id": ids[who],
            "ordered_at": _times(rng, start, end_days[who]),
            "amount": rng.gamma(4.0, 25.0, len(who)),
            "status": "paid",
        }
    )
    tickets, surveys = [], []
    for bad, period_start in ((unhappy, T0 - pd.Timedelta(days=HORIZON)), (turning, T0)):
        k = rng.integers(3, 7, n)
        whom = np.repeat(np.arange(n), k)
        complaint = bad[whom] if cause == "complaints" else np.zeros(len(whom), dtype=bool)
        tickets.append(
            pd.DataFrame(
                {
                    "customer_id": ids[whom],
                    "type": np.where(complaint, "complaint", "consultation"),
                    "status": "closed",
                    "satisfaction": np.nan,
                    "opened_at": _times(rng, period_start, np.full(len(whom), HORIZON - 1.0)),
                }
            )
        )
        low = bad if cause == "survey" else np.zeros(n, dtype=bool)
        surveys.append(
            pd.DataFrame(
                {
                    "customer_id": ids,
                    "score": np.where(low, rng.integers(0, 4, n), rng.integers(6, 11, n)),
                    "responded_at": _times(rng, period_start, np.full(n, HORIZON - 1.0)),
                }
            )
        )
    frames = {
        "customers": pd.DataFrame({"id": ids, "created_at": start}),
        "orders": orders,
        "tickets": pd.concat(tickets, ignore_index=True),
        "surveys": pd.concat(surveys, ignore_index=True),
    }
    return frames, turning


def _churn_frames(frames: dict, as_of: pd.Timestamp) -> pd.DataFrame:
    return churn.churn_features(
        frames["customers"], frames["orders"], frames["tickets"], None, frames["surveys"], as_of
    )


@pytest.mark.parametrize("model", churn.CHURN_MODELS)
@pytest.mark.parametrize(
    ("cause", "feature"), [("complaints", "complaint_count"), ("survey", "nps_score")]
)
def test_the_planted_churn_cause_is_named_first(model: str, cause: str, feature: str) -> None:
    frames, turning = planted_churn(cause)
    X = _churn_frames(frames, T0)
    y = churn.churn_labels(frames["orders"], X.index, T0, CUTOFF)
    pipeline = churn.make_model(model, len(X)).fit(X, y)
    now = _churn_frames(frames, CUTOFF)
    affected = now.index[np.isin(now.index, np.flatnonzero(turning) + 1)]
    # customers clearly free of the cause now: no complaint at all, or a latest survey score of
    # 8+ (above the average: a linear model rightly counts a 6 against a customer)
    happy = now[feature] == 0 if cause == "complaints" else now[feature] >= 8
    unaffected = now.index[happy.to_numpy()]
    explained = reasons.churn_reasons(pipeline, now, top=3)
    first = explained.table[explained.table["rank"] == 1].set_index("row")["feature"]
    assert (first.reindex(affected) == feature).mean() >= 0.95
    named = explained.table[explained.table["feature"] == feature]["row"]
    assert np.isin(unaffected, named).mean() <= 0.05
    by_row = explained.by_row()
    assert set(by_row) == set(now.index) and all(len(r) <= 3 for r in by_row.values())
    sample = by_row[affected[0]][0]
    assert sample.feature == feature and sample.direction == 1 and sample.contribution > 0
    if cause == "complaints":  # the value is the count of complaints, not its logarithm
        complaints = frames["tickets"].query("type == 'complaint'").groupby("customer_id").size()
        assert sample.value == complaints[affected[0]]


def planted_deals(n: int = 600, n_open: int = 80, seed: int = 7) -> pd.DataFrame:
    """Deals from referrals are won 85% of the time, the others 30%; nothing else matters."""
    rng = np.random.default_rng(seed)
    total = n + n_open
    source = rng.choice(["referral", "web", "event", "ads"], total)
    won = rng.random(total) < np.where(source == "referral", 0.85, 0.3)
    status = np.where(won, "won", "lost").astype(object)
    status[n:] = "open"
    created = CUTOFF - pd.to_timedelta(rng.integers(30, 400, total), unit="D")
    closed = pd.Series(created + pd.Timedelta(days=20)).where(status != "open")
    return pd.DataFrame(
        {
            "id": np.arange(1, total + 1),
            "customer_id": rng.integers(1, 300, total),
            "stage_order": np.where(status == "open", 2, 5),
            "stage_probability": np.select([status == "won", status == "lost"], [1.0, 0.0], 0.4),
            "amount": np.exp(rng.normal(8.0, 1.0, total)),
            "status": status,
            "created_at": created,
            "expected_close": created + pd.Timedelta(days=20),
            "closed_at": closed.to_numpy(),
            "owner": rng.choice(["ann", "bob", "cai"], total),
            "lead_source": source,
        }
    )


def test_the_planted_win_cause_is_named_first() -> None:
    opps = planted_deals()
    report = wp.fit_win_probability(opps, as_of=CUTOFF)
    features = cl.as_model_frame(wp.opportunity_features(opps))
    open_deals = features[opps["status"].eq("open").to_numpy()]
    explained = reasons.win_reasons(report.model, open_deals)
    by_row = explained.by_row()
    referral = open_deals.index[open_deals["lead_source"] == "referral"]
    firsts = [by_row[row][0] for row in referral]
    assert np.mean([r.feature == "lead_source" for r in firsts]) >= 0.95
    assert all(r.value == "referral" for r in firsts if r.feature == "lead_source")
    others = open_deals.index.difference(referral)
    assert not any(r.feature == "lead_source" for row in others for r in by_row[row])
    down = reasons.explain(report.model, open_deals, others, direction=reasons.DOWN)
    first_down = down.table[down.table["rank"] == 1]
    assert (first_down["feature"] == "lead_source").mean() >= 0.95
    assert (first_down["contribution"] < 0).all() and (first_down["direction"] == -1).all()


def test_rows_choose_what_is_explained_and_weak_rows_get_fewer_reasons() -> None:
    X, y = telco_table(800, seed=6)
    report = cl.fit_classifier(X[["tenure", "Contract", "gender"]], y, model="logistic", cv=3)
    frame = cl.as_model_frame(X[["tenure", "Contract", "gender"]])
    rows = frame.index[:50]
    explained = reasons.explain(report.pipeline, frame, rows, top=5)
    assert set(explained.table["row"]) <= set(rows)
    assert list(explained.contributions.values.index) == list(rows)
    counts = explained.table.groupby("row").size()
    assert counts.max() <= 3  # only three columns, and only those pushing the score up
    assert (explained.table["contribution"] > 0).all()
    assert (explained.table.groupby("row")["contribution"].apply(
        lambda s: s.is_monotonic_decreasing)).all()
    with pytest.raises(ValueError):
        reasons.top_reasons(explained.contributions, frame, direction=0)


def test_propensity_reasons_name_buying_often_in_plain_counts() -> None:
    from crm_desktop.analytics import propensity
    from tests.analytics.test_propensity import AS_OF, planted

    customers, orders, _, frequent = planted()
    report = propensity.fit_propensity(customers, orders, as_of=AS_OF, horizon_days=90)
    now = propensity.propensity_features(
        customers, orders, None, None, propensity.DEFAULT_COLUMNS, report.as_of
    )
    explained = reasons.propensity_reasons(report.pipeline, now)
    by_row = explained.by_row()
    often = now.index[frequent[now.index.to_numpy() - 1]]
    buying_signs = {"frequency", "orders_recent", "recency_days", "monetary"}
    assert np.mean([bool(by_row[c]) and by_row[c][0].feature in buying_signs for c in often]) >= 0.9
    counts = orders.groupby("customer_id").size()
    said = {c: r.value for c in often for r in by_row[c] if r.feature in ("frequency",)}
    assert len(said) >= 10  # the value is the number of orders, not its logarithm
    assert all(value == pytest.approx(counts[c]) for c, value in said.items())


@pytest.mark.parametrize("model", ["logistic", "random_forest"])
def test_many_rows_explained_a_chunk_at_a_time_get_the_same_reasons(model: str,
                                                                    monkeypatch) -> None:
    """Rows are explained EXPLAIN_CHUNK at a time (a million customers' forest leaves at once
    were hundreds of MB): the reasons and contributions are those of all rows at once."""
    X, y = telco_table(900, seed=8)
    report = cl.fit_classifier(X, y, model=model, cv=3)
    frame = cl.as_model_frame(X)
    rows = frame.index[::2]
    whole = reasons.explain(report.pipeline, frame, rows)
    monkeypatch.setattr(reasons, "EXPLAIN_CHUNK", 70)
    chunked = reasons.explain(report.pipeline, frame, rows)
    pd.testing.assert_frame_equal(chunked.table, whole.table)
    pd.testing.assert_frame_equal(chunked.contributions.values, whole.contributions.values)
    assert chunked.unit == whole.unit and chunked.contributions.base == whole.contributions.base
    assert len(set(chunked.table["row"])) > 70  # more rows with reasons than one chunk holds
