"""Win probability of open opportunities, the factors behind each score, and a back-test.

Model: the classification pipeline (imputers, scaler, one-hot) with logistic regression,
calibrated by CalibratedClassifierCV(method="sigmoid", cv=3), trained on closed opportunities
(won = 1, lost = 0). Features: amount_log = log1p(amount), stage_order, stage_probability,
lead_source, owner, has_source_campaign (1 when source_campaign_id is set), prior_won
(customer's opportunities won before this one was created) and prior_revenue_log (log1p of the
customer's paid orders before it was created).

Every feature means the same for a closed deal (training) and an open one (scoring): it is
known when the deal is created. There is no deal age: closed_at - created_at (a closed deal's
whole life) against as_of - created_at (an open deal's life so far) made "old" mean "closed",
and the model scored open deals by how unlike finished ones they looked.

Stage columns are dropped automatically when closed opportunities carry terminal stages only
(stage_probability 0 or 1 for >= 90% of them), because they would leak the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.classification import (
    as_model_frame,
    build_pipeline,
    transformed_sources,
)
from crm_desktop.analytics.features import TimeLike, revenue_orders
from crm_desktop.analytics.figures import num

STAGE_COLUMNS: tuple[str, ...] = ("stage_order", "stage_probability")
MIN_CLOSED = 30  # closed (won or lost) opportunities the forecast's win model needs
MIN_AUC = 0.55  # a win model ranking deals no better than this does not weight the forecast


def _prior_counts(
    opps: pd.DataFrame, events: pd.DataFrame, time_col: str, value_col: str | None
) -> np.ndarray:
    """Per opportunity: count (or sum of value_col) of the customer's events before created_at."""
    result = np.zeros(len(opps))
    if events.empty or opps.empty:
        return result
    ev = events[["customer_id", time_col]].copy()
    ev["_v"] = 1.0 if value_col is None else events[value_col].astype(float)
    ev[time_col] = pd.to_datetime(ev[time_col])
    ev = ev.dropna(subset=[time_col]).sort_values(time_col)
    ev["_cum"] = ev.groupby("customer_id")["_v"].cumsum()
    left = pd.DataFrame(
        {
            "customer_id": opps["customer_id"].to_numpy(),
            "_t": pd.to_datetime(opps["created_at"]).to_numpy(),
            "_pos": np.arange(len(opps)),
        }
    )
    known = left[left["_t"].notna()].sort_values("_t")
    merged = pd.merge_asof(
        known,
        ev[["customer_id", time_col, "_cum"]].rename(columns={time_col: "_t"}),
        on="_t",
        by="customer_id",
        allow_exact_matches=False,
    )
    result[merged["_pos"].to_numpy()] = merged["_cum"].fillna(0.0).to_numpy()
    return result


def opportunity_features(
    opportunities: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    as_of: TimeLike | None = None,
) -> pd.DataFrame:
    """Feature frame (same index as ``opportunities``) described in the module docstring.

    has_source_campaign is left out when there is no source_campaign_id column. ``as_of`` is
    accepted for callers of the former age feature; no feature depends on it now.
    """
    opps = opportunities
    won = opps[opps["status"] == "won"]
    feats = pd.DataFrame(index=opps.index)
    feats["amount_log"] = np.log1p(pd.to_numeric(opps["amount"], errors="coerce").clip(lower=0))
    feats["stage_order"] = pd.to_numeric(opps["stage_order"], errors="coerce")
    feats["stage_probability"] = pd.to_numeric(opps["stage_probability"], errors="coerce")
    for col in ("lead_source", "owner"):
        feats[col] = opps[col].astype(object) if col in opps else np.nan
    if "source_campaign_id" in opps:
        feats["has_source_campaign"] = opps["source_campaign_id"].notna().astype(float)
    feats["prior_won"] = _prior_counts(opps, won, "closed_at", None)
    if orders is not None:
        paid = revenue_orders(orders)
        revenue = _prior_counts(opps, paid, "ordered_at", "amount")
        feats["prior_revenue_log"] = np.log1p(np.clip(revenue, 0, None))
    return feats


def _stage_leaks(closed_feats: pd.DataFrame) -> bool:
    probs = closed_feats["stage_probability"].dropna()
    return probs.empty or bool(probs.isin([0.0, 1.0]).mean() >= 0.9)


def factor_texts(pipeline: Pipeline, X: pd.DataFrame, top: int = 3) -> list[str]:
    """Top ``top`` contributions coef * x (log-odds, per original column) for each row.

    Text like "amount_log +0.42; owner -0.31; prior_won +0.12".
    """
    if X.empty:
        return []
    prep = pipeline.named_steps["prep"]
    coef = pipeline.named_steps["model"].coef_[0]
    contrib = np.asarray(prep.transform(X), dtype=float) * coef
    frame = pd.DataFrame(contrib, columns=transformed_sources(pipeline), index=X.index)
    per_col = frame.T.groupby(level=0).sum().T
    texts: list[str] = []
    for _, row in per_col.iterrows():
        best = row.reindex(row.abs().sort_values(ascending=False).index[:top])
        texts.append("; ".join(f"{name} {value:+.2f}" for name, value in best.items()))
    return texts


def backtest(
    closed: pd.DataFrame, probabilities: np.ndarray, freq: str = "M"
) -> tuple[pd.DataFrame, float | None, float | None]:
    """Weighted-forecast back-test on closed opportunities.

    Per expected close month (closed_at month when missing): forecast = sum(p * amount),
    actual = sum(amount of won), error = forecast - actual, ape = |error| / actual.
    Returns (table, MAPE over months with actual > 0, WAPE = sum|error| / sum actual).
    """
    month = pd.to_datetime(closed["expected_close"]).fillna(pd.to_datetime(closed["closed_at"]))
    amount = pd.to_numeric(closed["amount"], errors="coerce").fillna(0.0).to_numpy()
    frame = pd.DataFrame(
        {
            "month": month.dt.to_period(freq).to_numpy(),
            "forecast": probabilities * amount,
            "actual": np.where(closed["status"].to_numpy() == "won", amount, 0.0),
        }
    )
    table = frame.groupby("month").sum().reset_index()
    table["error"] = table["forecast"] - table["actual"]
    table["ape"] = (table["error"].abs() / table["actual"]).where(table["actual"] > 0)
    mape = None if table["ape"].dropna().empty else float(table["ape"].mean())
    total = table["actual"].sum()
    wape = None if total == 0 else float(table["error"].abs().sum() / total)
    return table, mape, wape


@dataclass(frozen=True, eq=False)
class WinProbReport:
    """Cross-validated quality, open-opportunity scores with factors, and the back-test."""

    auc: float
    brier: float
    n_train: int
    win_rate: float
    features: list[str]
    scores: pd.DataFrame
    coefficients: pd.Series
    backtest: pd.DataFrame
    mape: float | None
    wape: float | None
    model: CalibratedClassifierCV
    # The open deals' features (index opportunity id): what reasons.win_reasons explains.
    open_features: pd.DataFrame | None = None


def fit_win_probability(
    opportunities: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    as_of: TimeLike | None = None,
    cv: int = 5,
    random_state: int = 0,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> WinProbReport:
    """Train the calibrated model on closed opportunities and score the open ones.

    auc / brier (mean (p - y)^2) use cross-validated calibrated probabilities, which also feed
    the back-test. ``scores``: opportunity_id, win_probability, weighted_amount, factors.
    """
    report(progress, cancelled, 0.05, "Building features")
    feats = as_model_frame(opportunity_features(opportunities, orders, as_of))
    is_closed = opportunities["status"].isin(["won", "lost"]).to_numpy()
    closed_feats = feats[is_closed]
    if _stage_leaks(closed_feats):
        feats = feats.drop(columns=list(STAGE_COLUMNS))
        closed_feats = feats[is_closed]
    y = (opportunities.loc[is_closed, "status"] == "won").astype(int).to_numpy()
    if len(y) < 10 or y.min() == y.max():
        raise ValueError("need at least 10 closed opportunities, both won and lost")
    folds = int(min(cv, np.bincount(y).min()))
    base = build_pipeline(closed_feats, "logistic", random_state)
    calibrated = CalibratedClassifierCV(base, method="sigmoid", cv=min(3, folds))
    splitter = StratifiedKFold(n_splits=max(folds, 2), shuffle=True, random_state=random_state)
    report(progress, cancelled, 0.2, "Cross-validating")
    proba = cross_val_predict(calibrated, closed_feats, y, cv=splitter, method="predict_proba")
    p = proba[:, 1]
    report(progress, cancelled, 0.6, "Fitting final model")
    calibrated.fit(closed_feats, y)
    base.fit(closed_feats, y)
    open_mask = (opportunities["status"] == "open").to_numpy()
    open_feats = feats[open_mask]
    open_p = calibrated.predict_proba(open_feats)[:, 1] if len(open_feats) else np.empty(0)
    amounts = pd.to_numeric(opportunities.loc[open_mask, "amount"], errors="coerce").to_numpy()
    scores = pd.DataFrame(
        {
            "opportunity_id": opportunities.loc[open_mask, "id"].to_numpy(),
            "win_probability": open_p,
            "weighted_amount": open_p * amounts,
            "factors": factor_texts(base, open_feats),
        }
    )
    table, mape, wape = backtest(opportunities[is_closed], p)
    coefs = pd.Series(
        base.named_steps["model"].coef_[0],
        index=base.named_steps["prep"].get_feature_names_out(),
        name="coefficient",
    )
    report(progress, cancelled, 1.0, "Win probability done")
    return WinProbReport(
        auc=float(roc_auc_score(y, p)),
        brier=float(brier_score_loss(y, p)),
        n_train=len(y),
        win_rate=float(y.mean()),
        features=list(feats.columns),
        scores=scores,
        coefficients=coefs,
        backtest=table,
        mape=mape,
        wape=wape,
        model=calibrated,
        open_features=open_feats.set_axis(opportunities.loc[open_mask, "id"].to_numpy()),
    )


def model_opportunities(opportunities: pd.DataFrame) -> pd.DataFrame:
    """The opportunities as the win-probability model takes them: an empty lead source or
    owner is "unknown" (an all-empty category column breaks the model)."""
    out = opportunities.copy()
    for column in ("lead_source", "owner"):
        out[column] = out[column].fillna("unknown").replace("", "unknown")
    return out


def fit_deals(opportunities: pd.DataFrame, orders: pd.DataFrame, *,
              progress: ProgressFn | None = None,
              cancelled: CancelFn | None = None) -> WinProbReport:
    """:func:`fit_win_probability` (3-fold) on :func:`model_opportunities`; ValueError when
    the closed deals cannot train it (one class only, ...)."""
    return fit_win_probability(model_opportunities(opportunities), orders, cv=3,
                               progress=progress, cancelled=cancelled)


def forecast_weights(opportunities: pd.DataFrame, orders: pd.DataFrame, *,
                     progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
                     ) -> tuple[pd.Series | None, dict[str, float | str]]:
    """The weight of each open deal for the forecast and the figures saying which: the model's
    calibrated probability (indexed like ``opportunities``; the model's cross-validated
    back-test of the weighted forecast on closed deals as MAPE and WAPE) when MIN_CLOSED
    closed deals, won and lost, train it and its AUC beats MIN_AUC; else None, i.e. the
    deal's stage probability (or its override), and why."""
    closed = int(opportunities["status"].isin(["won", "lost"]).sum())
    stage: dict[str, float | str] = {"weights": "stage probability"}
    if closed < MIN_CLOSED:
        stage["win model"] = f"n/a ({closed} closed deals, needs {MIN_CLOSED})"
        return None, stage
    try:
        found = fit_deals(opportunities, orders, progress=progress, cancelled=cancelled)
    except ValueError as error:
        stage["win model"] = f"n/a ({error})"
        return None, stage
    if not found.auc > MIN_AUC:  # no better than guessing: stage weights are honest
        stage["win model"] = f"not used (AUC {num(found.auc)}, needs > {MIN_AUC})"
        return None, stage
    scores = found.scores.set_index("opportunity_id")["win_probability"]
    probabilities = opportunities["id"].map(scores).astype(float)
    return probabilities, {
        "weights": "win probability model", "win model AUC": num(found.auc),
        "win model back-test MAPE": num(found.mape),
        "win model back-test WAPE": num(found.wape), "win model trained on": found.n_train}
