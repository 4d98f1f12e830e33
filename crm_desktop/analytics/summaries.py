"""The numbers a two- or three-sentence summary of each analysis needs, as small frozen facts.

For example the churn facts read: "312 customers (8%) are likely to stop buying within 180
days. They spent 412,000 in the last year. The strongest signs are no order for a long time and
a complaint." The UI builds such sentences from translated templates with these numbers; the
reason keys are :mod:`phrases` keys (the commonest among the customers summarised).

Bands: a customer is at high churn risk, likely to buy, or a deal likely to be won when the
probability is at least :data:`LIKELY` (0.5: more likely than not); :func:`risk_bands` also
names a medium band from :data:`MEDIUM_RISK` (0.25).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crm_desktop.analytics.features import DAY, paid_orders
from crm_desktop.analytics.phrases import phrase
from crm_desktop.analytics.reasons import Reason

if TYPE_CHECKING:  # the reports' modules import scikit-learn (seconds): types only
    from crm_desktop.analytics.churn import ChurnReport
    from crm_desktop.analytics.clv import ClvResult
    from crm_desktop.analytics.propensity import PropensityReport
    from crm_desktop.analytics.reasons import Explanation
    from crm_desktop.analytics.winprob import WinProbReport

LIKELY = 0.5
MEDIUM_RISK = 0.25
REVENUE_DAYS = 365
TOP_REASONS = 2


def risk_bands(
    probabilities: pd.Series, high: float = LIKELY, medium: float = MEDIUM_RISK
) -> pd.Series:
    """"high" (p >= high), "medium" (p >= medium) or "low" per row (same index)."""
    values = probabilities.to_numpy(dtype=float)
    bands = np.select([values >= high, values >= medium], ["high", "medium"], "low")
    return pd.Series(bands, index=probabilities.index, name="risk_band", dtype=object)


def top_reason_keys(
    explanation: Explanation | None,
    rows: Iterable[Hashable],
    top: int = TOP_REASONS,
    *,
    recent_days: float = 90.0,
) -> tuple[str, ...]:
    """The phrase keys given as a reason to most of ``rows`` (each row counted once per key),
    most common first, ties by key; () without an explanation."""
    if explanation is None:
        return ()
    table = explanation.table
    chosen = table[table["row"].isin(list(rows))]
    keys = [
        phrase(Reason(feature, value, part, sign), recent_days=recent_days).key
        for feature, value, part, sign in zip(
            chosen["feature"].tolist(), chosen["value"].tolist(),
            chosen["contribution"].tolist(), chosen["direction"].tolist(), strict=True,
        )
    ]
    pairs = pd.DataFrame({"row": chosen["row"].to_numpy(), "key": keys}).drop_duplicates()
    counts = pairs["key"].value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(str(key) for key, _ in ranked[:top])


@dataclass(frozen=True)
class ChurnSummary:
    """n_customers scored; n_high_risk / share_high_risk at p >= threshold; their paid revenue
    in the REVENUE_DAYS before the cutoff; expected_churners = sum of all probabilities;
    top_reason_keys among the high-risk customers; horizon_days of the prediction."""

    n_customers: int
    n_high_risk: int
    share_high_risk: float
    high_risk_revenue: float
    revenue_days: int
    expected_churners: float
    top_reason_keys: tuple[str, ...]
    threshold: float
    horizon_days: float


def churn_summary(
    report: ChurnReport,
    orders: pd.DataFrame,
    explanation: Explanation | None = None,
    *,
    threshold: float = LIKELY,
) -> ChurnSummary:
    """Facts of a churn result; ``explanation`` from reasons.churn_reasons (optional)."""
    scores = report.scores.set_index("customer_id")["churn_probability"]
    high = scores.index[scores.to_numpy() >= threshold]
    paid = paid_orders(orders)  # the columns read, not a copy of the whole frame
    when = pd.to_datetime(paid["ordered_at"])
    window = (when > report.cutoff - REVENUE_DAYS * DAY) & (when <= report.cutoff)
    recent = paid[window.to_numpy() & paid["customer_id"].isin(high).to_numpy()]
    return ChurnSummary(
        n_customers=len(scores),
        n_high_risk=len(high),
        share_high_risk=len(high) / len(scores) if len(scores) else 0.0,
        high_risk_revenue=float(recent["amount"].sum()),
        revenue_days=REVENUE_DAYS,
        expected_churners=float(scores.sum()),
        top_reason_keys=top_reason_keys(explanation, high),
        threshold=threshold,
        horizon_days=report.horizon_days,
    )


@dataclass(frozen=True)
class PropensitySummary:
    """n_likely / share_likely customers at p >= threshold of buying (in the category, if any)
    within horizon_days; expected_buyers = sum of probabilities; base_rate = share who bought in
    the training window; top_reason_keys among the likely buyers."""

    n_customers: int
    n_likely: int
    share_likely: float
    expected_buyers: float
    base_rate: float
    top_reason_keys: tuple[str, ...]
    category: str | None
    threshold: float
    horizon_days: float


def propensity_summary(
    report: PropensityReport,
    explanation: Explanation | None = None,
    *,
    threshold: float = LIKELY,
) -> PropensitySummary:
    """Facts of a propensity result; ``explanation`` from reasons.propensity_reasons."""
    scores = report.scores.set_index("customer_id")["probability"]
    likely = scores.index[scores.to_numpy() >= threshold]
    return PropensitySummary(
        n_customers=len(scores),
        n_likely=len(likely),
        share_likely=len(likely) / len(scores) if len(scores) else 0.0,
        expected_buyers=float(scores.sum()),
        base_rate=report.base_rate,
        top_reason_keys=top_reason_keys(explanation, likely),
        category=report.category,
        threshold=threshold,
        horizon_days=report.horizon_days,
    )


@dataclass(frozen=True)
class SegmentsSummary:
    """n_segments over n_customers; the largest segment (name, share of customers); the one
    bringing the most revenue (name, its share of revenue and of customers)."""

    n_segments: int
    n_customers: int
    largest_name: str
    largest_share: float
    top_revenue_name: str
    top_revenue_share_revenue: float
    top_revenue_share_customers: float


def segments_summary(profiles: pd.DataFrame) -> SegmentsSummary:
    """Facts of segment_profiles.segment_profiles (or rfm_profiles: the index is the name)."""
    names = profiles["name"] if "name" in profiles else profiles.index.to_series().astype(str)
    largest = profiles["size"].idxmax()
    richest = profiles["share_revenue"].idxmax()
    return SegmentsSummary(
        n_segments=len(profiles),
        n_customers=int(profiles["size"].sum()),
        largest_name=str(names[largest]),
        largest_share=float(profiles.loc[largest, "share_customers"]),
        top_revenue_name=str(names[richest]),
        top_revenue_share_revenue=float(profiles.loc[richest, "share_revenue"]),
        top_revenue_share_customers=float(profiles.loc[richest, "share_customers"]),
    )


@dataclass(frozen=True)
class ClvSummary:
    """measure: "clv" (discounted, BG/NBD + Gamma-Gamma) or "simple_clv" when there were no
    repeat buyers or the fitted model gave no values (a degenerate fit); total and median value over horizon_months; top_share = the share of the total
    held by the top ``top_fraction`` of customers; n_likely_lost / share_likely_lost: customers
    whose probability of still being active (p_alive) is below 0.5."""

    n_customers: int
    measure: str
    total_value: float
    median_value: float
    top_fraction: float
    top_share: float
    n_likely_lost: int
    share_likely_lost: float
    horizon_months: int


def clv_summary(result: ClvResult, *, top_fraction: float = 0.2) -> ClvSummary:
    """Facts of a CLV result."""
    table = result.table
    usable = "clv" in table and bool(table["clv"].notna().any())
    measure = "clv" if usable else "simple_clv"
    values = np.sort(table[measure].dropna().to_numpy(dtype=float))[::-1]
    total = float(values.sum())
    n_top = int(np.ceil(top_fraction * len(values)))
    lost = int((table["p_alive"] < 0.5).sum())
    return ClvSummary(
        n_customers=len(table),
        measure=measure,
        total_value=total,
        median_value=float(np.median(values)) if len(values) else 0.0,
        top_fraction=top_fraction,
        top_share=float(values[:n_top].sum() / total) if total else 0.0,
        n_likely_lost=lost,
        share_likely_lost=lost / len(table) if len(table) else 0.0,
        horizon_months=result.horizon_months,
    )


@dataclass(frozen=True)
class WinSummary:
    """Open deals: their amount, the expected (probability-weighted) amount, those likely to be
    won (p >= threshold) and their amount; win_rate of the closed deals; top_reason_keys among
    the likely wins."""

    n_open: int
    open_amount: float
    expected_amount: float
    n_likely: int
    likely_amount: float
    win_rate: float
    top_reason_keys: tuple[str, ...]
    threshold: float


def win_summary(
    report: WinProbReport,
    opportunities: pd.DataFrame,
    explanation: Explanation | None = None,
    *,
    threshold: float = LIKELY,
) -> WinSummary:
    """Facts of a win-probability result on ``opportunities`` (the frame it was fitted on);
    ``explanation`` from reasons.win_reasons (its rows are ``opportunities``' index labels)."""
    scores = report.scores
    probability = scores["win_probability"].to_numpy(dtype=float)
    ids = scores["opportunity_id"].to_numpy()
    amounts = pd.to_numeric(opportunities.set_index("id")["amount"], errors="coerce")
    amount = amounts.reindex(ids).fillna(0.0).to_numpy(dtype=float)
    likely = probability >= threshold
    rows = opportunities.index[opportunities["id"].isin(ids[likely]).to_numpy()]
    return WinSummary(
        n_open=len(scores),
        open_amount=float(amount.sum()),
        expected_amount=float(scores["weighted_amount"].sum()),
        n_likely=int(likely.sum()),
        likely_amount=float(amount[likely].sum()),
        win_rate=report.win_rate,
        top_reason_keys=top_reason_keys(explanation, rows),
        threshold=threshold,
    )
