"""Model quality as a fact the interface can put into words: a key, a level and numbers.

``quality_in_words("auc", 0.81)`` is ``QualityWords("auc", "tells_apart_of_10", "good", (8,))``,
which the UI translates as "tells a customer who will leave from one who stays about 8 times in
10" beside the figure. Nothing here is English text: keys are translated in the UI.

Metrics, keys and levels (levels: none < weak < fair < good < excellent, for a badge):

* auc: tells_apart_of_10 (n of 10); ROC AUC = the chance that the model scores a random
  positive above a random negative. none < 0.6 <= weak < 0.7 <= fair < 0.8 <= good < 0.9.
* accuracy: right_of_10 (n of 10), or with ``baseline`` (the share of the commonest class:
  what always guessing it scores) right_of_10_vs_guess (n, guess's n). Levels by how much of
  the guess's errors it removes (1 - error / baseline error): none < 0.1 <= weak < 0.25 <= fair
  < 0.5 <= good < 0.75 <= excellent; without a baseline by accuracy 0.6/0.7/0.8/0.9.
* silhouette: groups_separation (value to 2 decimals); Kaufman & Rousseeuw's reading:
  none < 0.25 <= weak < 0.5 <= fair (reasonable) < 0.7 <= good (strong structure).
* adjusted_rand: groupings_agree (percent of agreement beyond chance): none < 0.3 <= weak <
  0.65 <= fair < 0.9 <= good.
* r2: explains_share (percent of the variation explained), or worse_than_average when negative
  (predicting the average would do better): none < 0.1 <= weak < 0.3 <= fair < 0.6 <= good <
  0.85 <= excellent.
* mse, mae, brier (with ``baseline``: the same error of always predicting the average / base
  rate): error_smaller_than_guess (percent smaller) or error_larger_than_guess (percent larger);
  levels as accuracy's error reduction.
* mape, wape: off_by_percent (percent): excellent < 0.1 <= good < 0.2 <= fair < 0.35 <= weak
  < 0.5 <= none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

LEVELS: tuple[str, ...] = ("none", "weak", "fair", "good", "excellent")
METRICS: tuple[str, ...] = (
    "auc", "accuracy", "silhouette", "adjusted_rand", "r2", "mse", "mae", "brier", "mape", "wape"
)


@dataclass(frozen=True)
class QualityWords:
    """metric: the metric given; key: the sentence; level: one of :data:`LEVELS`; args: the
    numbers of the sentence."""

    metric: str
    key: str
    level: str
    args: tuple[float | int, ...] = ()


def _level(value: float, steps: tuple[float, ...]) -> str:
    """LEVELS[i] where i = number of ``steps`` (ascending thresholds) at or below ``value``."""
    return LEVELS[sum(value >= step for step in steps)]


def _of_ten(share: float) -> int:
    return int(round(10 * share))


def _percent(share: float) -> int:
    return int(round(100 * share))


REDUCTION_STEPS = (0.1, 0.25, 0.5, 0.75)


def quality_in_words(metric: str, value: float, *, baseline: float | None = None) -> QualityWords:
    """Key, level and numbers for ``value`` of ``metric`` (see the module table).

    ``baseline``: for accuracy the commonest class's share, for mse / mae / brier the error of
    always predicting the average (needed: an error alone says nothing).
    """
    name = metric.lower()
    if math.isnan(value):
        return QualityWords(name, "not_measured", "none")
    if name == "auc":
        return QualityWords(name, "tells_apart_of_10", _level(value, (0.6, 0.7, 0.8, 0.9)),
                            (_of_ten(value),))
    if name == "accuracy":
        if baseline is None:
            return QualityWords(name, "right_of_10", _level(value, (0.6, 0.7, 0.8, 0.9)),
                                (_of_ten(value),))
        reduction = 1.0 - (1.0 - value) / max(1.0 - baseline, 1e-12)
        return QualityWords(name, "right_of_10_vs_guess", _level(reduction, REDUCTION_STEPS),
                            (_of_ten(value), _of_ten(baseline)))
    if name == "silhouette":
        return QualityWords(name, "groups_separation", _level(value, (0.25, 0.5, 0.7, 2.0)),
                            (round(value, 2),))
    if name == "adjusted_rand":
        return QualityWords(name, "groupings_agree", _level(value, (0.3, 0.65, 0.9, 2.0)),
                            (_percent(max(value, 0.0)),))
    if name == "r2":
        if value < 0:
            return QualityWords(name, "worse_than_average", "none")
        return QualityWords(name, "explains_share", _level(value, (0.1, 0.3, 0.6, 0.85)),
                            (_percent(value),))
    if name in ("mse", "mae", "brier"):
        if baseline is None or baseline <= 0:
            raise ValueError(f"{name} needs the baseline error of always predicting the average")
        change = 1.0 - value / baseline
        if change >= 0:
            return QualityWords(name, "error_smaller_than_guess",
                                _level(change, REDUCTION_STEPS), (_percent(change),))
        return QualityWords(name, "error_larger_than_guess", "none", (_percent(-change),))
    if name in ("mape", "wape"):
        level = LEVELS[4 - sum(value >= step for step in (0.1, 0.2, 0.35, 0.5))]
        return QualityWords(name, "off_by_percent", level, (_percent(value),))
    raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
