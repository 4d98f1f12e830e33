"""Satisfaction prediction beats the mean where the data carry signal and says so only then."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import Cancelled, satisfaction
from crm_desktop.analytics.history import HISTORY_COLUMNS, history_at
from crm_desktop.analytics.holdout import compare_to_mean, later_period_split

START = pd.Timestamp("2023-01-01")


def make_tickets(n: int, seed: int, signal: bool) -> pd.DataFrame:
    """Tickets over two years; with ``signal`` the rating falls with the days to resolve
    (5 within a day, about 1 after a week), else it is drawn at random 1-5."""
    rng = np.random.default_rng(seed)
    opened = START + pd.to_timedelta(np.sort(rng.uniform(0, 730, n)), unit="D")
    response = pd.to_timedelta(rng.uniform(0.2, 24, n), unit="h")
    resolve_days = rng.exponential(3.0, n)
    if signal:
        rating = np.clip(np.round(5.2 - 0.6 * resolve_days + rng.normal(0, 0.4, n)), 1, 5)
    else:
        rating = rng.integers(1, 6, n).astype(float)
    status = np.where(rng.random(n) < 0.1, "open", "closed")
    resolved = pd.Series(opened + pd.to_timedelta(resolve_days, unit="D"))
    return pd.DataFrame({
        "id": np.arange(1, n + 1), "customer_id": rng.integers(1, n // 4, n),
        "type": rng.choice(["consultation", "complaint", "refund", "exchange"], n),
        "category": rng.choice(["billing", "delivery", "product"], n),
        "priority": rng.choice(["low", "normal", "high", "urgent"], n),
        "status": status, "channel": rng.choice(["email", "phone", "chat"], n),
        "opened_at": opened, "first_response_at": opened + response,
        "resolved_at": resolved.where(status == "closed"),
        "sla_due": opened + pd.Timedelta(days=2),
        "satisfaction": np.where(status == "closed", rating, np.nan),
    })


def test_planted_signal_beats_the_mean_on_the_later_period() -> None:
    tickets = make_tickets(1500, seed=1, signal=True)
    as_of = tickets["opened_at"].max() + pd.Timedelta(days=1)
    result = satisfaction.predict_satisfaction(tickets, as_of=as_of)
    quality = result.quality
    rated = tickets.dropna(subset=["satisfaction"])
    assert quality.n_test == int(np.ceil(len(rated) * 0.2))
    assert quality.n_train + quality.n_test == len(rated)
    newest = rated.sort_values("opened_at")["opened_at"].iloc[-quality.n_test]
    assert quality.split_at == newest
    train = rated[rated["opened_at"] < newest]["satisfaction"]
    assert quality.baseline_value == pytest.approx(train.mean())
    assert quality.beats_baseline and quality.p_value < 0.001
    assert quality.model_mse < 0.5 * quality.baseline_mse
    assert quality.model_mae < quality.baseline_mae
    assert list(result.predictions.columns) == list(satisfaction.TICKET_PREDICTION_COLUMNS)
    # open tickets that have waited a week are flagged as likely to end unhappy
    risky = result.at_risk
    assert len(risky) and (risky["predicted"] <= 2.5).all()
    assert set(risky["status"]) <= {"open", "pending"}
    open_ = tickets[tickets["status"] == "open"]
    waited = open_[(as_of - open_["opened_at"]) > pd.Timedelta(days=7)]
    assert set(waited["id"]) <= set(risky["ticket_id"])


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_pure_noise_does_not_claim_to_beat_the_mean(seed: int) -> None:
    tickets = make_tickets(1200, seed=seed, signal=False)
    quality = satisfaction.predict_satisfaction(tickets).quality
    assert not quality.beats_baseline
    assert quality.model_mse > 0.9 * quality.baseline_mse


def test_compare_to_mean_by_hand() -> None:
    actual = np.array([1.0, 2.0, 3.0, 4.0])
    predicted = np.array([1.5, 2.0, 3.0, 3.0])
    q = compare_to_mean(actual, predicted, 3.0, n_train=10, split_at=START)
    assert q.model_mse == pytest.approx((0.25 + 0 + 0 + 1) / 4)
    assert q.model_mae == pytest.approx((0.5 + 0 + 0 + 1) / 4)
    assert q.baseline_mse == pytest.approx((4 + 1 + 0 + 1) / 4)
    assert q.baseline_mae == pytest.approx(1.0)
    assert q.improvement == pytest.approx(1 - 1.25 / 6)
    assert not q.beats_baseline  # four test rows are no evidence (p >= 0.05)
    assert q.to_dict()["split_at"] == START.isoformat()


def test_later_period_split_keeps_an_instant_on_one_side() -> None:
    times = pd.Series(pd.to_datetime(["2024-01-03", "2024-01-01", "2024-01-02",
                                      "2024-01-02", "2024-01-04"]))
    test, split_at = later_period_split(times, 0.4)
    assert split_at == pd.Timestamp("2024-01-03")
    assert test.tolist() == [True, False, False, False, True]
    test, split_at = later_period_split(times, 0.5)  # the 3rd newest ties with the 4th
    assert test.tolist() == [True, False, True, True, True]
    with pytest.raises(ValueError):
        later_period_split(times, 1.0)


def test_history_counts_only_what_came_before() -> None:
    orders = pd.DataFrame({
        "customer_id": [1, 1, 1, 2], "status": ["paid", "paid", "refunded", "paid"],
        "ordered_at": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-15", "2024-03-01"]),
        "amount": [10.0, 20.0, 99.0, 5.0]})
    tickets = pd.DataFrame({
        "customer_id": [1, 1, 1], "type": ["complaint", "consultation", "complaint"],
        "opened_at": pd.to_datetime(["2024-01-10", "2024-02-10", "2024-03-10"]),
        "satisfaction": [2.0, np.nan, 4.0]})
    points = history_at(pd.Series([1, 1, 2, 3], index=[7, 8, 9, 10]),
                        pd.Series(pd.to_datetime(["2024-02-01", "2024-03-10", "2024-03-01",
                                                  "2024-03-01"]), index=[7, 8, 9, 10]),
                        orders, tickets)
    assert list(points.columns) == list(HISTORY_COLUMNS) and list(points.index) == [7, 8, 9, 10]
    assert points.loc[7, ["prev_orders", "prev_revenue", "days_since_order"]].tolist() == [
        1.0, 10.0, 31.0]  # the order at the same instant does not count
    assert points.loc[7, ["prev_tickets", "prev_complaints", "prev_satisfaction"]].tolist() == [
        1.0, 1.0, 2.0]
    assert points.loc[8, ["prev_orders", "prev_revenue"]].tolist() == [2.0, 30.0]
    assert points.loc[8, ["prev_tickets", "prev_complaints", "prev_satisfaction"]].tolist() == [
        2.0, 1.0, 2.0]  # the ticket opened at this instant is not counted
    assert points.loc[9, "prev_orders"] == 0.0 and np.isnan(points.loc[9, "days_since_order"])
    assert points.loc[10].fillna(-1).tolist() == [0, 0, -1, 0, 0, -1, -1]


def make_surveys(tickets: pd.DataFrame, seed: int, signal: bool) -> pd.DataFrame:
    """One answer per customer after their tickets; with ``signal`` complaints make
    detractors and no complaint a promoter, else scores are random 0-10."""
    rng = np.random.default_rng(seed)
    customers = np.sort(tickets["customer_id"].unique())
    answered = tickets.groupby("customer_id")["opened_at"].max() + pd.Timedelta(days=30)
    complaints = tickets[tickets["type"] == "complaint"].groupby("customer_id").size()
    complaints = complaints.reindex(customers, fill_value=0).to_numpy()
    if signal:
        score = np.clip(np.round(9.5 - 2.5 * complaints + rng.normal(0, 0.7, len(customers))),
                        0, 10)
    else:
        score = rng.integers(0, 11, len(customers)).astype(float)
    return pd.DataFrame({"id": np.arange(len(customers)), "customer_id": customers,
                         "score": score, "responded_at": answered.loc[customers].to_numpy()})


def test_nps_with_signal_beats_the_mean_and_the_common_group() -> None:
    tickets = make_tickets(2400, seed=5, signal=True)
    surveys = make_surveys(tickets, seed=5, signal=True)
    result = satisfaction.predict_nps(surveys, None, tickets)
    assert result.quality.beats_baseline
    assert result.accuracy > result.baseline_accuracy + 0.1
    predictions = result.predictions
    assert list(predictions.columns) == list(satisfaction.NPS_PREDICTION_COLUMNS)
    assert len(predictions) == surveys["customer_id"].nunique()
    total = predictions[["p_detractor", "p_passive", "p_promoter"]].sum(axis=1)
    assert np.allclose(total, 1.0)
    assert predictions["last_group"].tolist() == satisfaction.nps_group(
        predictions["last_score"]).tolist()


def test_nps_on_noise_does_not_claim_to_beat_the_mean() -> None:
    tickets = make_tickets(2400, seed=6, signal=True)
    surveys = make_surveys(tickets, seed=6, signal=False)
    assert not satisfaction.predict_nps(surveys, None, tickets).quality.beats_baseline


def test_nps_groups_and_too_little_data() -> None:
    groups = satisfaction.nps_group(pd.Series([0, 6, 7, 8, 9, 10, np.nan]))
    assert groups.tolist() == ["detractor", "detractor", "passive", "passive", "promoter",
                               "promoter", None]
    tickets = make_tickets(100, seed=0, signal=True)
    with pytest.raises(ValueError, match="rated tickets"):
        satisfaction.predict_satisfaction(tickets, min_rated=500)
    with pytest.raises(Cancelled):
        satisfaction.predict_satisfaction(tickets, cancelled=lambda: True)
