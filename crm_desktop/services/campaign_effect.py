"""Did a campaign work? Its targeted members against its holdout (the random share kept out of
the sending when members were added), with a test and a confidence interval on the difference
(the lift), and the chi-square test of response against RFM segment for this campaign's
members alone.

    evaluation = campaign_effect(database, campaign_id)
    evaluation.effects[0].difference   # responded: targeted rate - holdout rate
    evaluation.effects[0].ci_low, evaluation.effects[0].ci_high   # 95% interval
    evaluation.segment_test.p_value    # response x segment, this campaign only

The statistics are :mod:`crm_desktop.analytics.campaign_effect` (two-proportion z-test or
Fisher's exact test, Newcombe's interval). A campaign without holdout members has no effects
and a note saying so (add members with a holdout share to measure the next one).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.errors import NotFound

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database
    from crm_desktop.storage.frame_cache import FrameCache

__all__ = ["CampaignEvaluation", "OutcomeEffect", "SegmentTest", "campaign_effect",
           "effect_rows", "evaluate"]


def _number(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


@dataclass(frozen=True)
class OutcomeEffect:
    """Targeted against holdout for one outcome ('responded' or 'converted'): rates, the
    difference (the lift in percentage points, as a share) with its interval, the ratio
    (None when the holdout rate is 0), the two-sided p-value and the test that gave it."""

    outcome: str
    targeted: int
    targeted_positives: int
    targeted_rate: float
    holdout: int
    holdout_positives: int
    holdout_rate: float
    difference: float
    ratio: float | None
    ci_low: float
    ci_high: float
    p_value: float
    test: str  # 'z' or 'fisher'
    significant: bool


@dataclass(frozen=True)
class SegmentTest:
    """Chi-square of the outcome against RFM segment among the campaign's targeted members;
    the figures are None with a ``note`` when there are too few segments or outcomes."""

    outcome: str
    members: int
    chi2: float | None
    p_value: float | None
    dof: int | None
    cramers_v: float | None
    low_expected_share: float | None
    significant: bool | None
    note: str | None


@dataclass(frozen=True)
class CampaignEvaluation:
    campaign_id: int
    name: str
    members: int
    holdout: int
    confidence: float
    effects: tuple[OutcomeEffect, ...]
    segment_test: SegmentTest | None
    note: str | None  # why there are no effects

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def effect_rows(effect: Any) -> tuple[OutcomeEffect, ...]:
    """analytics.campaign_effect.CampaignEffect as plain rows."""
    rows = []
    for row in effect.outcomes.to_dict("records"):
        rows.append(OutcomeEffect(
            str(row["outcome"]), int(row["targeted"]), int(row["targeted_positives"]),
            float(row["targeted_rate"]), int(row["holdout"]), int(row["holdout_positives"]),
            float(row["holdout_rate"]), float(row["difference"]), _number(row["ratio"]),
            float(row["ci_low"]), float(row["ci_high"]), float(row["p_value"]),
            str(row["test"]), bool(row["significant"])))
    return tuple(rows)


def evaluate(members: pd.DataFrame, segments: pd.Series, campaign_id: int, name: str,
             confidence: float = 0.95, outcome: str = "responded") -> CampaignEvaluation:
    """The evaluation of one campaign from the campaign_members frame (with ``holdout``) and
    customer_id -> segment."""
    from crm_desktop.analytics.campaign_effect import campaign_effect as effect_of
    from crm_desktop.analytics.campaign_effect import segment_tests_by_campaign

    part = members[members["campaign_id"] == campaign_id]
    held = int(part["holdout"].fillna(False).astype(bool).sum()) if "holdout" in part else 0
    effects: tuple[OutcomeEffect, ...] = ()
    note = None
    if held == 0:
        note = "no holdout: add members with a holdout share to measure the campaign's effect"
    elif held == len(part):
        note = "every member is in the holdout: nobody was targeted"
    else:
        effects = effect_rows(effect_of(part, campaign_id, confidence=confidence))
    tests = segment_tests_by_campaign(part, segments, outcome).table
    test = None
    if len(tests):
        row = tests.iloc[0]
        found = row["note"] is None or (isinstance(row["note"], float) and
                                        math.isnan(row["note"]))
        test = SegmentTest(
            outcome, int(row["members"]), _number(row["chi2"]) if found else None,
            _number(row["p_value"]) if found else None,
            int(row["dof"]) if found else None, _number(row["cramers_v"]) if found else None,
            _number(row["low_expected_share"]) if found else None,
            bool(row["significant"]) if found else None, None if found else str(row["note"]))
    return CampaignEvaluation(campaign_id, name, len(part), held, confidence, effects, test,
                              note)


def campaign_effect(database: Database, campaign_id: int, confidence: float = 0.95,
                    frames: FrameCache | None = None) -> CampaignEvaluation:
    """Evaluate one campaign (NotFound names a missing one). Loads the campaign members and,
    for the segments, the orders (RFM): seconds on a large database, so call it in a
    worker."""
    import pandas as pd

    from crm_desktop.analytics.rfm import rfm_frame
    from crm_desktop.storage import frames as loaders

    def frame(name: str) -> pd.DataFrame:
        return frames.get(name) if frames is not None else getattr(loaders, name)(database)

    campaigns = frame("campaigns")
    named = campaigns[campaigns["id"] == campaign_id]
    if named.empty:
        raise NotFound(f"no campaign with id {campaign_id}")
    members = frame("campaign_members")
    orders = frame("orders")
    segments = (rfm_frame(orders).set_index("customer_id")["segment"].astype(object)
                if len(orders) else pd.Series(dtype=object))
    return evaluate(members, segments, campaign_id, str(named["name"].iloc[0]), confidence)
