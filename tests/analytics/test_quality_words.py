"""Model quality as keys, levels and numbers."""

from __future__ import annotations

import pytest

from crm_desktop.analytics.quality_words import LEVELS, QualityWords, quality_in_words


@pytest.mark.parametrize(
    ("metric", "value", "baseline", "expected"),
    [
        ("auc", 0.81, None, QualityWords("auc", "tells_apart_of_10", "good", (8,))),
        ("AUC", 0.52, None, QualityWords("auc", "tells_apart_of_10", "none", (5,))),
        ("accuracy", 0.8, None, QualityWords("accuracy", "right_of_10", "good", (8,))),
        # 80% right where always guessing the commonest class is 75% right: a fifth fewer errors
        ("accuracy", 0.8, 0.75,
         QualityWords("accuracy", "right_of_10_vs_guess", "weak", (8, 8))),
        ("accuracy", 0.95, 0.5,
         QualityWords("accuracy", "right_of_10_vs_guess", "excellent", (10, 5))),
        ("silhouette", 0.1877, None, QualityWords("silhouette", "groups_separation", "none",
                                                   (0.19,))),
        ("silhouette", 0.55, None, QualityWords("silhouette", "groups_separation", "fair",
                                                 (0.55,))),
        ("adjusted_rand", 0.95, None, QualityWords("adjusted_rand", "groupings_agree", "good",
                                                    (95,))),
        ("adjusted_rand", -0.02, None, QualityWords("adjusted_rand", "groupings_agree", "none",
                                                     (0,))),
        ("r2", 0.64, None, QualityWords("r2", "explains_share", "good", (64,))),
        ("r2", -0.3, None, QualityWords("r2", "worse_than_average", "none")),
        ("mse", 60.0, 100.0, QualityWords("mse", "error_smaller_than_guess", "fair", (40,))),
        ("mse", 120.0, 100.0, QualityWords("mse", "error_larger_than_guess", "none", (20,))),
        ("wape", 0.15, None, QualityWords("wape", "off_by_percent", "good", (15,))),
        ("auc", float("nan"), None, QualityWords("auc", "not_measured", "none")),
    ],
)
def test_quality_in_words(metric, value, baseline, expected) -> None:
    assert quality_in_words(metric, value, baseline=baseline) == expected


def test_levels_rise_with_quality_and_errors_need_a_baseline() -> None:
    levels = [LEVELS.index(quality_in_words("auc", v).level) for v in (0.5, 0.65, 0.75, 0.85, 0.95)]
    assert levels == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError):
        quality_in_words("mse", 3.0)
    with pytest.raises(ValueError):
        quality_in_words("f1", 0.7)
