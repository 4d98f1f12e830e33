"""Satisfaction prediction: a ticket's 1-5 rating and a customer's NPS group, from what is
known before they are asked, judged on a later period against always predicting the mean.

Ticket features: type, priority, channel, category (categorical); hours to first response,
hours to resolution (for a ticket still open: hours open so far, a lower bound), hours past
the SLA due time; the customer's history before the ticket was opened (orders, revenue,
tickets, complaints, mean rating of earlier tickets; :mod:`crm_desktop.analytics.history`).
NPS features: the customer's history before the survey answer and tenure.

Model: scikit-learn's HistGradientBoosting (handles missing values and categories). Quality:
trained on the older rated rows, tested on the newest ``test_share``
(:mod:`crm_desktop.analytics.holdout`); predictions come from a model refitted on all rows.
The models run on one OpenMP thread: on a few thousand rows threads only add waiting (on a
busy 2-core machine a fit took 40 times longer with them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.features import DAY, TimeLike, as_timestamp
from crm_desktop.analytics.history import HISTORY_COLUMNS, history_at
from crm_desktop.analytics.holdout import HoldoutQuality, compare_to_mean, later_period_split

TICKET_CATEGORICAL: tuple[str, ...] = ("type", "priority", "channel", "category")
TICKET_NUMERIC: tuple[str, ...] = (
    "response_hours", "resolution_hours", "sla_late_hours", *HISTORY_COLUMNS,
)
TICKET_PREDICTION_COLUMNS: tuple[str, ...] = (
    "ticket_id", "customer_id", "status", "opened_at", "predicted", "actual",
)
OPEN_STATUSES: tuple[str, ...] = ("open", "pending")
NPS_GROUPS: tuple[str, ...] = ("detractor", "passive", "promoter")
NPS_PREDICTION_COLUMNS: tuple[str, ...] = (
    "customer_id", "predicted_score", "predicted_group", "p_detractor", "p_passive",
    "p_promoter", "last_score", "last_group",
)
_HOUR = pd.Timedelta(hours=1)
_T = TypeVar("_T")


def _one_thread(call: Callable[[], _T]) -> _T:
    """Run a scikit-learn fit or predict on one OpenMP thread (see the module docstring)."""
    with threadpool_limits(limits=1, user_api="openmp"):
        return call()


def _regressor(random_state: int) -> HistGradientBoostingRegressor:
    return HistGradientBoostingRegressor(
        max_iter=120, learning_rate=0.08, max_leaf_nodes=15, min_samples_leaf=20,
        l2_regularization=1.0, categorical_features="from_dtype", random_state=random_state,
    )


def ticket_features(
    tickets: pd.DataFrame, orders: pd.DataFrame | None = None, *, as_of: TimeLike
) -> pd.DataFrame:
    """:data:`TICKET_CATEGORICAL` (pandas categories) and :data:`TICKET_NUMERIC` per ticket,
    indexed like ``tickets``. Times still running (no response, not resolved) count up to
    ``as_of``; history counts the customer's events strictly before the ticket was opened."""
    ts = as_timestamp(as_of)
    opened = pd.to_datetime(tickets["opened_at"])
    responded = pd.to_datetime(tickets["first_response_at"])
    resolved = pd.to_datetime(tickets["resolved_at"])
    still_open = tickets["status"].isin(OPEN_STATUSES)
    end = resolved.where(resolved.notna() | ~still_open, ts)
    out = pd.DataFrame(index=tickets.index)
    for column in TICKET_CATEGORICAL:
        out[column] = tickets[column].fillna("").astype(str).astype("category")
    out["response_hours"] = (responded.where(responded.notna() | ~still_open, ts) - opened) / _HOUR
    out["resolution_hours"] = (end - opened) / _HOUR
    out["sla_late_hours"] = (end - pd.to_datetime(tickets["sla_due"])) / _HOUR
    history = history_at(tickets["customer_id"], opened, orders, tickets)
    return pd.concat([out, history], axis=1)


@dataclass(frozen=True, eq=False)
class SatisfactionResult:
    """``quality``: later-period holdout against the mean. ``predictions``: every ticket
    (:data:`TICKET_PREDICTION_COLUMNS`; actual = the rating when given). ``at_risk``: open or
    pending tickets predicted at or below ``unhappy_at``, lowest first (same columns)."""

    quality: HoldoutQuality
    predictions: pd.DataFrame
    at_risk: pd.DataFrame
    unhappy_at: float


def _usable(columns: list[str], frame: pd.DataFrame) -> list[str]:
    """Columns with at least one known value (a column of NaN only, e.g. order history when
    no orders were given, trips scikit-learn's binning and tells nothing anyway)."""
    return [c for c in columns if frame[c].notna().any()]


def _latest_time(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Timestamp:
    latest = max(pd.to_datetime(frame[c]).max() for c in columns if c in frame)
    return as_timestamp(latest)


def predict_satisfaction(
    tickets: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    as_of: TimeLike | None = None,
    test_share: float = 0.2,
    unhappy_at: float = 2.5,
    min_rated: int = 50,
    random_state: int = 0,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> SatisfactionResult:
    """Predict each ticket's 1-5 satisfaction (tickets and orders frames of docs/frames.md).

    Rated tickets are split by opened_at: the newest ``test_share`` test the model trained on
    the rest. ``as_of`` (default: the latest time in ``tickets``) ends the running times of
    open tickets. Raises ValueError with fewer than ``min_rated`` rated tickets.
    """
    ts = as_timestamp(as_of) if as_of is not None else _latest_time(
        tickets, ("opened_at", "first_response_at", "resolved_at"))
    rating = pd.to_numeric(tickets["satisfaction"], errors="coerce")
    rated = rating.notna().to_numpy()
    if rated.sum() < min_rated:
        raise ValueError(f"need at least {min_rated} rated tickets, found {int(rated.sum())}")
    report(progress, cancelled, 0.1, "Ticket features")
    features = ticket_features(tickets, orders, as_of=ts)
    columns = _usable([*TICKET_CATEGORICAL, *TICKET_NUMERIC], features[rated])
    x_rated, y_rated = features[columns][rated], rating[rated].to_numpy(dtype=float)
    test, split_at = later_period_split(tickets["opened_at"][rated], test_share)
    report(progress, cancelled, 0.4, "Training on older tickets")
    model = _one_thread(lambda: _regressor(random_state).fit(x_rated[~test], y_rated[~test]))
    predicted = np.clip(_one_thread(lambda: model.predict(x_rated[test])), 1.0, 5.0)
    quality = compare_to_mean(y_rated[test], predicted, float(y_rated[~test].mean()),
                              n_train=int((~test).sum()), split_at=split_at)
    report(progress, cancelled, 0.7, "Predicting every ticket")
    final = _one_thread(lambda: _regressor(random_state).fit(x_rated, y_rated))
    predictions = pd.DataFrame({
        "ticket_id": tickets["id"].to_numpy(), "customer_id": tickets["customer_id"].to_numpy(),
        "status": tickets["status"].to_numpy(), "opened_at": pd.to_datetime(
            tickets["opened_at"]).to_numpy(),
        "predicted": np.clip(_one_thread(lambda: final.predict(features[columns])), 1.0, 5.0),
        "actual": rating.to_numpy(dtype=float),
    })
    risky = predictions["status"].isin(OPEN_STATUSES) & (predictions["predicted"] <= unhappy_at)
    at_risk = predictions[risky].sort_values("predicted", kind="stable").reset_index(drop=True)
    report(progress, cancelled, 1.0, "Satisfaction done")
    return SatisfactionResult(quality, predictions, at_risk, unhappy_at)


def nps_group(scores: pd.Series) -> pd.Series:
    """0-6 detractor, 7-8 passive, 9-10 promoter (NaN stays missing)."""
    values = pd.to_numeric(scores, errors="coerce")
    groups = np.select([values >= 9, values >= 7, values >= 0], ["promoter", "passive",
                                                                 "detractor"], "")
    return pd.Series([g or None for g in groups], index=scores.index, dtype=object)


@dataclass(frozen=True, eq=False)
class NpsResult:
    """``quality``: the 0-10 score's later-period holdout against the mean. ``accuracy`` /
    ``baseline_accuracy``: share of test answers whose group is predicted right, by the
    group model and by always naming the most common training group. ``predictions``: one
    row per customer at ``as_of`` (:data:`NPS_PREDICTION_COLUMNS`)."""

    quality: HoldoutQuality
    accuracy: float
    baseline_accuracy: float
    predictions: pd.DataFrame
    as_of: pd.Timestamp


def _nps_features(customer_ids: pd.Series, instants: pd.Series, orders: pd.DataFrame | None,
                  tickets: pd.DataFrame | None, created: pd.Series | None) -> pd.DataFrame:
    out = history_at(customer_ids, instants, orders, tickets)
    if created is not None:
        since = pd.to_datetime(customer_ids.map(created))
        out["tenure_days"] = ((pd.to_datetime(instants) - since) / DAY).to_numpy()
    return out


def _group_model(x: pd.DataFrame, groups: np.ndarray, random_state: int
                 ) -> HistGradientBoostingClassifier | str:
    """A classifier, or the only group seen when there is just one."""
    if len(np.unique(groups)) < 2:
        return str(groups[0])
    model = HistGradientBoostingClassifier(
        max_iter=80, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=20,
        l2_regularization=1.0, random_state=random_state)
    return _one_thread(lambda: model.fit(x, groups))


def _group_probabilities(model: HistGradientBoostingClassifier | str, x: pd.DataFrame
                         ) -> pd.DataFrame:
    out = pd.DataFrame(0.0, index=x.index, columns=list(NPS_GROUPS))
    if isinstance(model, str):
        out[model] = 1.0
        return out
    out[list(model.classes_)] = _one_thread(lambda: model.predict_proba(x))
    return out


def predict_nps(
    surveys: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    tickets: pd.DataFrame | None = None,
    customers: pd.DataFrame | None = None,
    *,
    as_of: TimeLike | None = None,
    test_share: float = 0.2,
    min_responses: int = 50,
    random_state: int = 0,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> NpsResult:
    """Predict customers' 0-10 survey score and NPS group (survey_responses frame).

    Each answer is described by the customer's history just before it; the newest
    ``test_share`` of answers test models trained on the older ones. Predictions are for
    ``customers`` (all of them; default: everyone surveyed) as of ``as_of`` (default: the
    latest answer). Raises ValueError with fewer than ``min_responses`` answers.
    """
    answers = surveys.dropna(subset=["score", "responded_at"])
    if len(answers) < min_responses:
        raise ValueError(f"need at least {min_responses} survey answers, found {len(answers)}")
    ts = as_timestamp(as_of) if as_of is not None else _latest_time(answers, ("responded_at",))
    created = customers.set_index("id")["created_at"] if customers is not None else None
    report(progress, cancelled, 0.1, "Survey features")
    x = _nps_features(answers["customer_id"], answers["responded_at"], orders, tickets, created)
    x = x[_usable(list(x.columns), x)]
    score = pd.to_numeric(answers["score"]).to_numpy(dtype=float)
    groups = nps_group(answers["score"]).to_numpy()
    test, split_at = later_period_split(answers["responded_at"], test_share)
    report(progress, cancelled, 0.4, "Training on older answers")
    model = _one_thread(lambda: _regressor(random_state).fit(x[~test], score[~test]))
    predicted = np.clip(_one_thread(lambda: model.predict(x[test])), 0.0, 10.0)
    quality = compare_to_mean(score[test], predicted, float(score[~test].mean()),
                              n_train=int((~test).sum()), split_at=split_at)
    classifier = _group_model(x[~test], groups[~test], random_state)
    chosen = _group_probabilities(classifier, x[test]).idxmax(axis=1).to_numpy()
    common = pd.Series(groups[~test]).mode().iloc[0]
    report(progress, cancelled, 0.7, "Predicting every customer")
    ids = (customers["id"] if customers is not None
           else pd.Series(pd.unique(answers["customer_id"])))
    ids = ids.reset_index(drop=True)
    now = pd.Series(ts + pd.Timedelta(microseconds=1), index=ids.index)
    x_now = _nps_features(ids, now, orders, tickets, created)[list(x.columns)]
    probabilities = _group_probabilities(_group_model(x, groups, random_state), x_now)
    latest = answers.sort_values("responded_at").groupby("customer_id")["score"].last()
    predictions = pd.DataFrame({
        "customer_id": ids.to_numpy(),
        "predicted_score": np.clip(_one_thread(
            lambda: _regressor(random_state).fit(x, score).predict(x_now)), 0.0, 10.0),
        "predicted_group": probabilities.idxmax(axis=1).to_numpy(),
        **{f"p_{g}": probabilities[g].to_numpy() for g in NPS_GROUPS},
        "last_score": ids.map(latest).to_numpy(dtype=float),
    })
    predictions["last_group"] = nps_group(predictions["last_score"])
    report(progress, cancelled, 1.0, "NPS done")
    return NpsResult(quality, float(np.mean(chosen == groups[test])),
                     float(np.mean(groups[test] == common)), predictions, ts)
