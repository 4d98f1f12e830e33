"""Churn prediction with a time split.

Label: a customer has churned at ``cutoff`` when they placed no paid order in the
``horizon_days`` before it. Training rows are the customers who had bought by
t0 = cutoff - horizon_days; their features are computed as of t0 (RFM, tickets, interactions,
latest survey score) and the label is observed at the cutoff. Logistic regression and a random
forest are compared by ROC AUC on a held-out set of customers; the better one is refitted on all
rows and scores every buyer with features as of the cutoff ("now"): the probability of no order
in the next ``horizon_days``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.features import (
    DAY,
    TimeLike,
    as_timestamp,
    customer_features,
    log_transform,
    revenue_orders,
)

CHURN_MODELS: tuple[str, ...] = ("logistic", "random_forest")


def churn_labels(
    orders: pd.DataFrame, customer_ids: pd.Index, start: TimeLike, end: TimeLike
) -> pd.Series:
    """1 for customers with no paid order in (start, end], else 0 (int Series on customer_ids)."""
    paid = revenue_orders(orders)
    when = pd.to_datetime(paid["ordered_at"])
    window = (when > as_timestamp(start)) & (when <= as_timestamp(end))
    bought = customer_ids.isin(paid.loc[window, "customer_id"].unique())
    return pd.Series((~bought).astype("int64"), index=customer_ids, name="churned")


def churn_features(
    customers: pd.DataFrame | None,
    orders: pd.DataFrame,
    tickets: pd.DataFrame | None,
    interactions: pd.DataFrame | None,
    surveys: pd.DataFrame | None,
    as_of: TimeLike,
) -> pd.DataFrame:
    """Model inputs as of ``as_of`` for customers with at least one paid order by then.

    Unfilled :func:`customer_features` (NaN for unknown satisfaction / survey / contact) with
    log1p on money and count columns.
    """
    feats = customer_features(
        customers, orders, tickets, interactions, surveys, as_of=as_of, fill=False
    )
    feats = feats[feats["frequency"] > 0]
    return log_transform(feats)


def make_model(name: str, n_rows: int, random_state: int = 0) -> Pipeline:
    """Imputer + scaler + logistic regression, or imputer + random forest.

    The forest uses 60 trees, min_samples_leaf=20, bootstraps at most 10,000 rows per tree and
    builds trees on every core. Measured on 68,000 training customers (2 cores): holdout AUC
    0.8549 against 0.8558 with 100 trees of 20,000 rows, in 0.9 s instead of 5.0 s.
    """
    impute = SimpleImputer(strategy="median", keep_empty_features=True)
    if name == "logistic":
        return Pipeline(
            [
                ("impute", impute),
                ("scale", StandardScaler()),
                ("model", LogisticRegression(max_iter=1000)),
            ]
        )
    if name == "random_forest":
        forest = RandomForestClassifier(
            n_estimators=60,
            min_samples_leaf=20,
            max_samples=min(1.0, 10_000 / max(n_rows, 1)),
            n_jobs=-1,
            random_state=random_state,
        )
        return Pipeline([("impute", impute), ("model", forest)])
    raise ValueError(f"unknown churn model {name!r}")


def model_drivers(pipeline: Pipeline, columns: pd.Index) -> pd.Series:
    """Signed standardised coefficients (logistic) or impurity importances (forest).

    Sorted by absolute size, largest first; positive coefficients raise churn probability.
    """
    model = pipeline.named_steps["model"]
    is_linear = isinstance(model, LogisticRegression)
    values = model.coef_[0] if is_linear else model.feature_importances_
    drivers = pd.Series(values, index=columns, name="driver")
    return drivers.reindex(drivers.abs().sort_values(ascending=False).index)


@dataclass(frozen=True, eq=False)
class ChurnReport:
    """Holdout AUC per model, the chosen model, current scores and drivers."""

    auc: dict[str, float]
    chosen_model: str
    scores: pd.DataFrame
    drivers: pd.Series
    cutoff: pd.Timestamp
    horizon_days: float
    n_train: int
    base_rate: float
    pipeline: Pipeline


def fit_churn(
    customers: pd.DataFrame | None,
    orders: pd.DataFrame,
    tickets: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    surveys: pd.DataFrame | None = None,
    *,
    cutoff: TimeLike | None = None,
    horizon_days: float = 180.0,
    test_size: float = 0.3,
    random_state: int = 0,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> ChurnReport:
    """Fit and compare churn models; see the module docstring for the time split.

    cutoff defaults to the latest paid order time. AUC = area under the ROC curve of the
    predicted churn probability on the held-out customers (``test_size`` share, stratified).
    ``scores`` has columns customer_id, churn_probability (sorted descending).
    """
    paid = revenue_orders(orders)
    end = as_timestamp(cutoff) if cutoff is not None else pd.to_datetime(paid["ordered_at"]).max()
    t0 = end - horizon_days * DAY
    report(progress, cancelled, 0.05, "Building training features")
    X = churn_features(customers, paid, tickets, interactions, surveys, t0)
    y = churn_labels(paid, X.index, t0, end)
    if len(X) < 10 or y.nunique() < 2:
        raise ValueError("not enough history: need buyers who both churned and stayed")
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state, stratify=y
    )
    auc: dict[str, float] = {}
    for i, name in enumerate(CHURN_MODELS):
        report(progress, cancelled, 0.2 + 0.3 * i, f"Evaluating {name}")
        model = make_model(name, len(X_train), random_state).fit(X_train, y_train)
        auc[name] = float(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
    chosen = max(CHURN_MODELS, key=lambda m: auc[m])
    report(progress, cancelled, 0.8, f"Refitting {chosen}")
    final = make_model(chosen, len(X), random_state).fit(X, y)
    report(progress, cancelled, 0.9, "Scoring current customers")
    now = churn_features(customers, paid, tickets, interactions, surveys, end)
    proba = final.predict_proba(now[X.columns])[:, 1] if len(now) else np.empty(0)
    scores = pd.DataFrame({"customer_id": now.index.to_numpy(), "churn_probability": proba})
    scores = scores.sort_values("churn_probability", ascending=False, ignore_index=True)
    report(progress, cancelled, 1.0, "Churn model done")
    return ChurnReport(
        auc=auc,
        chosen_model=chosen,
        scores=scores,
        drivers=model_drivers(final, X.columns),
        cutoff=end,
        horizon_days=float(horizon_days),
        n_train=len(X),
        base_rate=float(y.mean()),
        pipeline=final,
    )
