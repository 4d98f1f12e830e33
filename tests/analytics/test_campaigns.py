"""Campaign performance by hand; chi-square finds a planted dependency and no false one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from crm_desktop.analytics import campaigns as cp


def test_campaign_performance_by_hand() -> None:
    campaigns = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "name": ["Spring", "Summer", "Empty"],
            "budget": [1000.0, 500.0, 200.0],
            "actual_cost": [800.0, np.nan, np.nan],
        }
    )
    members = pd.DataFrame(
        {
            "campaign_id": [1, 1, 1, 1, 2, 2],
            "customer_id": [1, 2, 3, 4, 1, 2],
            "responded": [True, True, False, None, True, False],
            "converted": [True, False, False, False, False, False],
            "revenue": [2000.0, 0.0, 0.0, np.nan, 0.0, 0.0],
        }
    )
    out = cp.campaign_performance(campaigns, members)
    spring, summer, empty = out.loc[1], out.loc[2], out.loc[3]
    assert spring["members"] == 4 and spring["responses"] == 2 and spring["conversions"] == 1
    assert spring["response_rate"] == 0.5 and spring["conversion_rate"] == 0.25
    assert spring["cost"] == 800 and spring["cost_per_response"] == 400
    assert spring["cost_per_conversion"] == 800 and spring["revenue"] == 2000
    assert spring["roi"] == pytest.approx((2000 - 800) / 800)
    assert summer["cost"] == 500 and summer["roi"] == -1.0
    assert np.isnan(summer["cost_per_conversion"])
    assert empty["members"] == 0 and np.isnan(empty["response_rate"])


def members_with_segments(
    n: int, rates: dict[str, float], seed: int
) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    names = list(rates)
    segment = rng.choice(names, n)
    p = np.array([rates[s] for s in segment])
    members = pd.DataFrame(
        {
            "campaign_id": 1,
            "customer_id": np.arange(n),
            "responded": rng.random(n) < p,
            "converted": rng.random(n) < p / 2,
            "revenue": 0.0,
        }
    )
    return members, pd.Series(segment, index=np.arange(n))


def test_chi_square_detects_planted_dependency() -> None:
    members, segments = members_with_segments(
        1500, {"Champions": 0.30, "At risk": 0.15, "Lost": 0.05}, seed=1
    )
    result = cp.response_independence(members, segments)
    assert result.p_value < 0.01 and result.significant
    assert not result.yates_corrected and result.chi2_corrected is None
    assert result.dof == 2 and result.table.shape == (3, 2) and result.n == 1500
    direct = chi2_contingency(result.table.to_numpy(), correction=False)
    assert result.chi2 == pytest.approx(direct.statistic)
    assert result.cramers_v == pytest.approx(np.sqrt(direct.statistic / 1500))
    lift = cp.segment_lift(members, segments)
    assert lift.index[0] == "Champions" and lift.loc["Champions", "lift"] > 1.5
    weighted = (lift["lift"] * lift["members"]).sum() / lift["members"].sum()
    assert weighted == pytest.approx(1.0)


def test_chi_square_without_dependency_is_not_significant() -> None:
    members, segments = members_with_segments(
        1500, {"Champions": 0.2, "At risk": 0.2, "Lost": 0.2}, seed=2
    )
    result = cp.response_independence(members, segments)
    assert result.p_value > 0.05 and not result.significant
    assert result.cramers_v < 0.1


def test_two_by_two_reports_yates_as_headline_and_both_variants() -> None:
    table = pd.DataFrame({"no": [90, 70], "yes": [10, 30]}, index=["A", "B"])
    result = cp.chi_square_test(table)
    assert result.yates_corrected
    corrected = chi2_contingency(table.to_numpy(), correction=True)
    plain = chi2_contingency(table.to_numpy(), correction=False)
    assert result.chi2 == pytest.approx(corrected.statistic) == result.chi2_corrected
    assert result.p_value == pytest.approx(corrected.pvalue) == result.p_value_corrected
    assert result.chi2_uncorrected == pytest.approx(plain.statistic)
    assert result.p_value_uncorrected < result.p_value
    assert result.cramers_v == pytest.approx(np.sqrt(plain.statistic / 200))
    assert result.low_expected_share == 0.0


def test_planted_two_segment_dependency_and_degenerate_tables() -> None:
    members, segments = members_with_segments(800, {"new": 0.1, "loyal": 0.25}, seed=3)
    result = cp.response_independence(members, segments, outcome="responded")
    assert result.yates_corrected and result.p_value < 0.01
    with pytest.raises(ValueError):
        cp.chi_square_test(pd.DataFrame({"no": [5, 6], "yes": [0, 0]}))
