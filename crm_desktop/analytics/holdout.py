"""Judging a prediction on a later period against the mean of the past.

:func:`later_period_split` keeps the newest share of the rows for testing (train on the older
ones, as the model will be used: on what comes next). :func:`compare_to_mean` scores the
model's predictions on the test rows beside the baseline that always predicts the training
mean, and says whether the model really beats it: its MSE is lower by at least
``min_improvement`` (a share of the baseline's MSE) AND a one-sided paired test on the squared
errors (Diebold-Mariano: t-test of d_i = baseline error_i^2 - model error_i^2 > 0) gives
p < ``significance``. On pure noise a model does not pass both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats


@dataclass(frozen=True)
class HoldoutQuality:
    """Errors on the later-period test rows: the model's and the training mean's."""

    n_train: int
    n_test: int
    split_at: pd.Timestamp
    model_mse: float
    model_mae: float
    baseline_mse: float
    baseline_mae: float
    baseline_value: float
    improvement: float  # 1 - model_mse / baseline_mse
    p_value: float  # one-sided paired test that the model's squared errors are smaller
    beats_baseline: bool

    def to_dict(self) -> dict[str, float | int | bool | str]:
        """Plain values (JSON-ready; split_at as ISO text)."""
        return {
            "n_train": self.n_train, "n_test": self.n_test,
            "split_at": self.split_at.isoformat(), "model_mse": self.model_mse,
            "model_mae": self.model_mae, "baseline_mse": self.baseline_mse,
            "baseline_mae": self.baseline_mae, "baseline_value": self.baseline_value,
            "improvement": self.improvement, "p_value": self.p_value,
            "beats_baseline": self.beats_baseline,
        }


def later_period_split(times: pd.Series, test_share: float = 0.2
                       ) -> tuple[np.ndarray, pd.Timestamp]:
    """Boolean mask (aligned with ``times``) of the newest ``test_share`` of the rows, and the
    first test instant. Rows at the same instant as the first test row are tested too, so no
    instant is on both sides."""
    if not 0 < test_share < 1:
        raise ValueError("test_share must be between 0 and 1")
    when = pd.to_datetime(times).to_numpy()
    n_test = max(1, math.ceil(len(when) * test_share))
    split_at = pd.Timestamp(np.sort(when)[len(when) - n_test])
    return when >= split_at.to_datetime64(), split_at


def compare_to_mean(
    actual: np.ndarray,
    predicted: np.ndarray,
    train_mean: float,
    *,
    n_train: int,
    split_at: pd.Timestamp,
    min_improvement: float = 0.02,
    significance: float = 0.05,
) -> HoldoutQuality:
    """MSE and MAE of ``predicted`` and of ``train_mean`` against ``actual`` (test rows)."""
    actual = np.asarray(actual, dtype=float)
    model_error = actual - np.asarray(predicted, dtype=float)
    base_error = actual - train_mean
    model_mse, base_mse = float(np.mean(model_error**2)), float(np.mean(base_error**2))
    gain = base_error**2 - model_error**2
    if len(gain) < 2 or np.allclose(gain, gain[0]):
        p_value = 0.0 if len(gain) and gain[0] > 0 and len(gain) >= 30 else 1.0
    else:
        p_value = float(stats.ttest_1samp(gain, 0.0, alternative="greater").pvalue)
    improvement = 1.0 - model_mse / base_mse if base_mse > 0 else 0.0
    return HoldoutQuality(
        n_train=n_train, n_test=len(actual), split_at=split_at,
        model_mse=model_mse, model_mae=float(np.mean(np.abs(model_error))),
        baseline_mse=base_mse, baseline_mae=float(np.mean(np.abs(base_error))),
        baseline_value=float(train_mean), improvement=improvement, p_value=p_value,
        beats_baseline=bool(improvement >= min_improvement and p_value < significance),
    )
