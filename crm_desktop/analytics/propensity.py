"""Purchase propensity with the documents' logistic model (seed 001 §4).

f(x) = 1 / (1 + exp(-(a + b . x))) where x are a customer's standardised behaviour features.
Time split: features as of t0 = as_of - horizon_days, label = bought in (t0, as_of] (optionally
a product of one category, from order_lines). The model is evaluated by ROC AUC on held-out
customers, refitted on all of them, and applied to features as of ``as_of``: the probability of
buying in the next ``horizon_days``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
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
    ranked_scores,
    revenue_orders,
)

DEFAULT_COLUMNS: tuple[str, ...] = (
    "recency_days",
    "frequency",
    "monetary",
    "avg_order_value",
    "tenure_days",
    "orders_recent",
    "ticket_count",
    "complaint_count",
    "interaction_count",
    "days_since_interaction",
)


def category_features(order_lines: pd.DataFrame, category: str, as_of: TimeLike) -> pd.DataFrame:
    """Per customer, lines of ``category`` at or before as_of: cat_lines, cat_amount and
    cat_recency_days (as_of - last such line; NaN when never)."""
    ts = as_timestamp(as_of)
    when = pd.to_datetime(order_lines["ordered_at"])
    part = order_lines[(order_lines["product_category"] == category) & (when <= ts)]
    grouped = part.assign(_when=when[part.index]).groupby("customer_id")
    out = pd.DataFrame(
        {
            "cat_lines": grouped.size().astype(float),
            "cat_amount": grouped["amount"].sum().astype(float),
            "cat_recency_days": (ts - grouped["_when"].max()) / DAY,
        }
    )
    out.index.name = "customer_id"
    return out


#: Category columns counted in money or lines, which the model sees as log1p like the others.
CATEGORY_LOG_COLUMNS: tuple[str, ...] = ("cat_lines", "cat_amount")


def logged_columns(columns: Sequence[str]) -> list[str]:
    """The model's columns seen as log1p(x): all of ``columns`` and the category counts (the
    category's recency in days is not)."""
    return [*columns, *CATEGORY_LOG_COLUMNS]


def propensity_features(
    customers: pd.DataFrame | None,
    orders: pd.DataFrame,
    order_lines: pd.DataFrame | None,
    category: str | None,
    columns: Sequence[str],
    as_of: TimeLike,
) -> pd.DataFrame:
    """The model's inputs as of ``as_of``: filled customer features ``columns`` (with the
    category's cat_lines, cat_amount, cat_recency_days when ``category`` is given), the
    :func:`logged_columns` as log1p. Pass paid orders."""
    full = customer_features(customers, orders, as_of=as_of, fill=True)
    feats = full[list(columns)]
    if category is not None and order_lines is not None:
        cat = category_features(order_lines, category, as_of)
        feats = feats.join(cat)
        feats[["cat_lines", "cat_amount"]] = feats[["cat_lines", "cat_amount"]].fillna(0.0)
        feats["cat_recency_days"] = feats["cat_recency_days"].fillna(full["tenure_days"])
    return log_transform(feats, logged_columns(columns))


def _labels(
    orders: pd.DataFrame,
    order_lines: pd.DataFrame | None,
    category: str | None,
    ids: pd.Index,
    start: pd.Timestamp,
    end: pd.Timestamp,
) -> pd.Series:
    """1 when the customer bought (in the category, if given) in (start, end]."""
    if category is not None:
        if order_lines is None:
            raise ValueError("order_lines are needed for a category propensity")
        events = order_lines[order_lines["product_category"] == category]
    else:
        events = revenue_orders(orders)
    when = pd.to_datetime(events["ordered_at"])
    buyers = events.loc[(when > start) & (when <= end), "customer_id"].unique()
    return pd.Series(ids.isin(buyers).astype("int64"), index=ids, name="bought")


@dataclass(frozen=True, eq=False)
class PropensityReport:
    """Holdout AUC, logistic intercept a and coefficients b, per-customer probabilities."""

    auc: float
    intercept: float
    coefficients: pd.Series
    scores: pd.DataFrame
    as_of: pd.Timestamp
    horizon_days: float
    category: str | None
    base_rate: float
    pipeline: Pipeline
    # The features the scores were computed from (index customer_id; may hold columns the
    # model does not use): what reasons.propensity_reasons explains.
    features: pd.DataFrame | None = None


def fit_propensity(
    customers: pd.DataFrame | None,
    orders: pd.DataFrame,
    order_lines: pd.DataFrame | None = None,
    *,
    as_of: TimeLike | None = None,
    horizon_days: float = 90.0,
    category: str | None = None,
    columns: Sequence[str] = DEFAULT_COLUMNS,
    test_size: float = 0.3,
    random_state: int = 0,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> PropensityReport:
    """Fit f(x) = 1/(1+e^-(a+b.x)) for buying in the next ``horizon_days``.

    as_of defaults to the latest paid order. Coefficients b are per standard deviation of the
    (log1p for counts and money) feature; ``scores`` has customer_id, probability (descending).
    """
    paid = revenue_orders(orders)
    end = as_timestamp(as_of) if as_of is not None else pd.to_datetime(paid["ordered_at"]).max()
    t0 = end - horizon_days * DAY
    report(progress, cancelled, 0.1, "Building features")
    X = propensity_features(customers, paid, order_lines, category, columns, t0)
    y = _labels(paid, order_lines, category, X.index, t0, end)
    if len(X) < 10 or y.nunique() < 2:
        raise ValueError("not enough history: need customers who both bought and did not")
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state, stratify=y
    )
    pipeline = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(max_iter=1000))])
    report(progress, cancelled, 0.4, "Evaluating on held-out customers")
    pipeline.fit(X_train, y_train)
    auc = float(roc_auc_score(y_test, pipeline.predict_proba(X_test)[:, 1]))
    report(progress, cancelled, 0.7, "Refitting on all customers")
    pipeline.fit(X, y)
    model: LogisticRegression = pipeline.named_steps["model"]
    now = propensity_features(customers, paid, order_lines, category, columns, end)
    scores = ranked_scores(pipeline, now, X.columns, "probability")
    report(progress, cancelled, 1.0, "Propensity done")
    return PropensityReport(
        auc=auc,
        intercept=float(model.intercept_[0]),
        coefficients=pd.Series(model.coef_[0], index=X.columns, name="coefficient"),
        scores=scores,
        as_of=end,
        horizon_days=float(horizon_days),
        category=category,
        base_rate=float(y.mean()),
        pipeline=pipeline,
        features=now,
    )


def logistic(x: np.ndarray | float, a: float, b: float) -> np.ndarray | float:
    """The documents' f(x) = 1 / (1 + exp(-(a + b x)))."""
    return 1.0 / (1.0 + np.exp(-(a + b * np.asarray(x, dtype=float))))
