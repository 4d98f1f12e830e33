"""Campaign effect against a holdout: intervals that cover a planted lift, and zero without."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from crm_desktop.analytics import Cancelled
from crm_desktop.analytics import campaign_effect as ce


def test_holdout_is_the_share_asked_reproducible_and_order_free() -> None:
    ids = list(range(1000, 1500))
    split = ce.choose_holdout(ids, 0.1, seed=7)
    assert len(split.holdout) == 50 and len(split.targeted) == 450
    assert set(split.holdout).isdisjoint(split.targeted)
    assert set(split.holdout) | set(split.targeted) == set(ids)
    assert ce.choose_holdout(reversed(ids + ids[:10]), 0.1, seed=7) == split
    assert ce.choose_holdout(ids, 0.1, seed=8) != split
    assert list(split.holdout) == sorted(split.holdout)
    assert ce.choose_holdout([1, 2, 3], 0.1, seed=1).holdout != ()  # at least one
    assert ce.choose_holdout([1, 2, 3], 0.0, seed=1).holdout == ()
    with pytest.raises(ValueError):
        ce.choose_holdout(ids, 1.0)


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2", "low", "high"),
    [  # Newcombe (1998), Statistics in Medicine 17:873-890, table II, method 10
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
    ],
)
def test_newcombe_interval_matches_the_published_examples(
    x1: int, n1: int, x2: int, n2: int, low: float, high: float
) -> None:
    got = ce.newcombe_interval(x1, n1, x2, n2)
    assert got == pytest.approx((low, high), abs=5e-5)


def test_two_proportion_test_z_and_fisher() -> None:
    p_value, test = ce.two_proportion_test(120, 1000, 80, 1000)
    pooled = 200 / 2000
    z = (0.12 - 0.08) / math.sqrt(pooled * (1 - pooled) * (2 / 1000))
    assert test == "z" and p_value == pytest.approx(2 * stats.norm.sf(z))
    p_value, test = ce.two_proportion_test(3, 20, 0, 15)
    assert test == "fisher"
    assert p_value == pytest.approx(stats.fisher_exact([[3, 17], [0, 15]]).pvalue)


def simulated_members(seed: int, targeted_rate: float, holdout_rate: float,
                      n: int = 10_000, share: float = 0.1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    split = ce.choose_holdout(range(n), share, seed=seed)
    held = np.zeros(n, dtype=bool)
    held[list(split.holdout)] = True
    responded = rng.random(n) < np.where(held, holdout_rate, targeted_rate)
    converted = responded & (rng.random(n) < 0.3)
    return pd.DataFrame({"campaign_id": 5, "customer_id": np.arange(n), "holdout": held,
                         "responded": responded, "converted": converted, "revenue": 0.0})


def test_campaign_effect_by_hand() -> None:
    members = pd.DataFrame({
        "campaign_id": [1] * 6 + [2],
        "customer_id": [1, 2, 3, 4, 5, 6, 1],
        "holdout": [False, False, False, False, True, True, False],
        "responded": [True, True, False, None, True, False, True],
        "converted": [True, False, False, False, False, False, False],
    })
    effect = ce.campaign_effect(members, 1)
    assert list(effect.outcomes.columns) == list(ce.EFFECT_COLUMNS)
    responded = effect.outcome("responded")
    assert (responded["targeted"], responded["targeted_positives"]) == (4, 2)
    assert (responded["holdout"], responded["holdout_positives"]) == (2, 1)
    assert responded["difference"] == pytest.approx(0.0) and responded["ratio"] == 1.0
    assert responded["test"] == "fisher" and responded["p_value"] == pytest.approx(1.0)
    converted = effect.outcome("converted")
    assert converted["difference"] == pytest.approx(0.25) and math.isnan(converted["ratio"])
    same = ce.campaign_effect(members.drop(columns="holdout"), 1, holdout_ids={5, 6})
    pd.testing.assert_frame_equal(same.outcomes, effect.outcomes)
    with pytest.raises(ValueError, match="campaign 2"):
        ce.campaign_effect(members, 2)


def test_planted_lift_is_inside_the_interval_and_zero_is_not() -> None:
    """Stated tolerance: over 40 seeds the 95% interval holds the planted lift (0.04) at least
    36 times and excludes zero at least 36 times (expected about 38 and 39)."""
    covered = detected = 0
    for seed in range(40):
        effect = ce.campaign_effect(simulated_members(seed, 0.12, 0.08), 5).outcome("responded")
        covered += effect["ci_low"] <= 0.04 <= effect["ci_high"]
        detected += effect["ci_low"] > 0 and effect["significant"]
    assert covered >= 36 and detected >= 36


def test_without_lift_the_interval_holds_zero() -> None:
    """Same tolerance: zero inside the 95% interval at least 36 times in 40 seeds, and the
    test's verdict agrees with the interval."""
    covered = 0
    for seed in range(40):
        effect = ce.campaign_effect(simulated_members(seed, 0.10, 0.10), 5).outcome("responded")
        covered += effect["ci_low"] <= 0 <= effect["ci_high"]
        assert effect["significant"] == (effect["p_value"] < 0.05)
    assert covered >= 36


def test_segment_tests_are_per_campaign() -> None:
    rng = np.random.default_rng(2)
    n = 2000
    segment = rng.choice(["Champions", "Lost"], n)
    members = pd.DataFrame({
        "campaign_id": np.repeat([1, 2], n // 2), "customer_id": np.arange(n),
        "holdout": rng.random(n) < 0.1, "converted": False,
    })
    # campaign 1 works on Champions only; campaign 2 works the same on everyone
    rate = np.where((members["campaign_id"] == 1) & (segment == "Champions"), 0.4, 0.15)
    members["responded"] = rng.random(n) < rate
    members.loc[len(members)] = [3, 0, False, False, True]  # one member: cannot be tested
    tests = ce.segment_tests_by_campaign(members, pd.Series(segment))
    table = tests.table.set_index("campaign_id")
    assert list(tests.table.columns) == list(ce.SEGMENT_TEST_COLUMNS)
    assert table.loc[1, "p_value"] < 0.001 and table.loc[1, "significant"]
    assert table.loc[2, "p_value"] > 0.01 and not table.loc[2, "significant"]
    assert table.loc[3, "note"] == "too_few_groups" and 3 not in tests.results
    targeted_1 = members[(members["campaign_id"] == 1) & ~members["holdout"]]
    assert table.loc[1, "members"] == len(targeted_1) == tests.results[1].n
    with pytest.raises(Cancelled):
        ce.segment_tests_by_campaign(members, pd.Series(segment), cancelled=lambda: True)
