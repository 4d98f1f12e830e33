"""Did the campaign work? Targeted members against a random holdout that was not sent to.

* :func:`choose_holdout`: a random share of a campaign's members kept out of the sending,
  reproducible with a seed.
* :func:`campaign_effect`: response and conversion rates of targeted and holdout members, the
  lift as a difference and as a ratio, a two-sided p-value (two-proportion z-test with the
  pooled rate; Fisher's exact test when an expected count is below 5) and a confidence
  interval on the difference by Newcombe's hybrid score method (his method 10: Wilson score
  intervals of each rate, combined; no continuity correction), which keeps its coverage for
  small groups and rates near 0 where the Wald interval does not.
* :func:`segment_tests_by_campaign`: the chi-square test of response against segment
  (:func:`crm_desktop.analytics.campaigns.response_independence`) for each campaign on its
  own, instead of pooled over all campaigns.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.campaigns import ChiSquareResult, response_independence

OUTCOMES: tuple[str, ...] = ("responded", "converted")
EFFECT_COLUMNS: tuple[str, ...] = (
    "outcome", "targeted", "targeted_positives", "targeted_rate", "holdout",
    "holdout_positives", "holdout_rate", "difference", "ratio", "ci_low", "ci_high",
    "p_value", "test", "significant",
)
SEGMENT_TEST_COLUMNS: tuple[str, ...] = (
    "campaign_id", "members", "chi2", "p_value", "dof", "cramers_v", "low_expected_share",
    "significant", "note",
)


@dataclass(frozen=True)
class HoldoutSplit:
    """Member ids to send to (``targeted``) and to keep out (``holdout``), each sorted."""

    targeted: tuple[int, ...]
    holdout: tuple[int, ...]


def choose_holdout(member_ids: Iterable[int], share: float = 0.1,
                   seed: int | None = None) -> HoldoutSplit:
    """Keep round(share x members) members, drawn at random, out of the sending.

    Duplicates are ignored and the ids sorted first, so the same members and ``seed`` give the
    same holdout whatever their order (``seed=None``: a fresh random draw). At least one
    member is held out when ``share`` > 0 and there are two or more members.
    """
    if not 0 <= share < 1:
        raise ValueError("the holdout share must be at least 0 and below 1")
    ids = np.array(sorted({int(i) for i in member_ids}), dtype=np.int64)
    size = round(share * len(ids))
    if share > 0 and len(ids) >= 2:
        size = max(size, 1)
    chosen = np.zeros(len(ids), dtype=bool)
    chosen[np.random.default_rng(seed).choice(len(ids), size, replace=False)] = True
    return HoldoutSplit(tuple(ids[~chosen].tolist()), tuple(ids[chosen].tolist()))


def wilson_interval(positives: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion (no continuity correction)."""
    if n == 0:
        return (math.nan, math.nan)
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    p = positives / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def newcombe_interval(x1: int, n1: int, x2: int, n2: int,
                      confidence: float = 0.95) -> tuple[float, float]:
    """Confidence interval of p1 - p2 by Newcombe's hybrid score method (method 10, 1998)."""
    if n1 == 0 or n2 == 0:
        return (math.nan, math.nan)
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson_interval(x1, n1, confidence)
    l2, u2 = wilson_interval(x2, n2, confidence)
    difference = p1 - p2
    return (difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def two_proportion_test(x1: int, n1: int, x2: int, n2: int) -> tuple[float, str]:
    """Two-sided p-value that both groups share one rate, and the test used: 'z' (pooled
    two-proportion z-test) or 'fisher' (exact, when an expected count is below 5)."""
    if n1 == 0 or n2 == 0:
        return (math.nan, "none")
    pooled = (x1 + x2) / (n1 + n2)
    expected = [pooled * n1, (1 - pooled) * n1, pooled * n2, (1 - pooled) * n2]
    if min(expected) < 5:
        table = [[x1, n1 - x1], [x2, n2 - x2]]
        return (float(stats.fisher_exact(table, alternative="two-sided").pvalue), "fisher")
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (x1 / n1 - x2 / n2) / se
    return (float(2 * stats.norm.sf(abs(z))), "z")


@dataclass(frozen=True, eq=False)
class CampaignEffect:
    """One campaign's effect: ``outcomes`` has one row per outcome (:data:`EFFECT_COLUMNS`):
    rates, difference = targeted - holdout rate, ratio = targeted / holdout rate (NaN when
    the holdout rate is 0), the interval on the difference, p-value, test, significant
    (p < 1 - confidence)."""

    campaign_id: int
    confidence: float
    outcomes: pd.DataFrame

    def outcome(self, name: str) -> pd.Series:
        """The row of one outcome ('responded' or 'converted')."""
        return self.outcomes.set_index("outcome").loc[name]


def _holdout_mask(part: pd.DataFrame, holdout_ids: Collection[int] | None,
                  column: str) -> np.ndarray:
    if holdout_ids is not None:
        return np.asarray(part["customer_id"].isin(list(holdout_ids)), dtype=bool)
    if column not in part:
        raise ValueError(f"campaign members have no {column!r} column and no holdout ids")
    return np.asarray(part[column].fillna(False).astype(bool), dtype=bool)


def campaign_effect(
    members: pd.DataFrame,
    campaign_id: int,
    *,
    holdout_ids: Collection[int] | None = None,
    holdout_column: str = "holdout",
    confidence: float = 0.95,
) -> CampaignEffect:
    """Compare targeted and holdout members of one campaign (campaign_members frame).

    Holdout members are those in ``holdout_ids`` when given, else those with a true
    ``holdout_column``. Raises ValueError when either group is empty.
    """
    part = members[members["campaign_id"] == campaign_id]
    held = _holdout_mask(part, holdout_ids, holdout_column)
    if held.all() or not held.any():
        raise ValueError(f"campaign {campaign_id} needs targeted and holdout members "
                         f"(targeted {int((~held).sum())}, holdout {int(held.sum())})")
    rows = []
    for outcome in OUTCOMES:
        positive = part[outcome].fillna(False).astype(bool).to_numpy()
        x1, n1 = int(positive[~held].sum()), int((~held).sum())
        x2, n2 = int(positive[held].sum()), int(held.sum())
        low, high = newcombe_interval(x1, n1, x2, n2, confidence)
        p_value, test = two_proportion_test(x1, n1, x2, n2)
        rows.append({
            "outcome": outcome, "targeted": n1, "targeted_positives": x1,
            "targeted_rate": x1 / n1, "holdout": n2, "holdout_positives": x2,
            "holdout_rate": x2 / n2, "difference": x1 / n1 - x2 / n2,
            "ratio": (x1 / n1) / (x2 / n2) if x2 else math.nan,
            "ci_low": low, "ci_high": high, "p_value": p_value, "test": test,
            "significant": bool(p_value < 1 - confidence),
        })
    return CampaignEffect(campaign_id, confidence, pd.DataFrame(rows)[list(EFFECT_COLUMNS)])


@dataclass(frozen=True, eq=False)
class SegmentTests:
    """Per campaign chi-square of outcome against segment: ``table`` (one row per campaign,
    :data:`SEGMENT_TEST_COLUMNS`; note 'too_few_groups' with NaN figures when the campaign
    has fewer than two segments or outcome values) and the full ``results`` by campaign."""

    table: pd.DataFrame
    results: dict[int, ChiSquareResult]


def segment_tests_by_campaign(
    members: pd.DataFrame,
    segments: pd.Series,
    outcome: str = "responded",
    *,
    holdout_column: str = "holdout",
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> SegmentTests:
    """:func:`response_independence` for each campaign's members on their own (holdout
    members left out when the frame has ``holdout_column``: they were not sent to)."""
    if holdout_column in members:
        members = members[~members[holdout_column].fillna(False).astype(bool)]
    rows: list[dict[str, object]] = []
    results: dict[int, ChiSquareResult] = {}
    groups = members.groupby("campaign_id", sort=True)
    for number, (campaign_id, part) in enumerate(groups):
        report(progress, cancelled, number / max(groups.ngroups, 1), "Testing campaigns")
        key = int(campaign_id)
        try:
            result = response_independence(part, segments, outcome)
        except ValueError:
            rows.append({"campaign_id": key, "members": len(part), "note": "too_few_groups"})
            continue
        results[key] = result
        rows.append({
            "campaign_id": key, "members": len(part), "chi2": result.chi2,
            "p_value": result.p_value, "dof": result.dof, "cramers_v": result.cramers_v,
            "low_expected_share": result.low_expected_share,
            "significant": result.significant, "note": None,
        })
    report(progress, cancelled, 1.0, "Campaign tests done")
    table = pd.DataFrame(rows, columns=list(SEGMENT_TEST_COLUMNS))
    return SegmentTests(table, results)
