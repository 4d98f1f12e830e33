"""The support vector machine of the classifier, in a form that stays fast on large tables.

An RBF-kernel SVC costs O(n^2) or more to fit and O(support vectors) per prediction: 206 s on
a 7,000-row, 19-column table with calibration, cross-validation and permutation importance.
Up to :data:`SVM_FULL_MAX_ROWS` rows the exact RBF SVM runs ("rbf"). Above, two forms are
cross-validated on the same folds and the more accurate one is kept and reported:

* "linear": a linear SVM (LinearSVC, time linear in the rows) on all rows; as accurate or more
  on tables whose signal is close to linear (a telecom churn table: accuracy 0.809 against
  0.802 for the exact RBF SVM);
* "rbf_sample": an RBF SVM fitted and calibrated on a stratified random sample of
  :data:`SVM_SAMPLE_ROWS` rows, which keeps the kernel for curved boundaries (a ring-shaped
  class: about 0.9 accuracy, where the linear SVM is at chance, 0.51).

Probabilities come from CalibratedClassifierCV (Platt scaling by internal cross-validation, one
model refitted on all rows: SVC(probability=True) is deprecated since scikit-learn 1.9).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.svm import SVC, LinearSVC

#: Largest table the exact RBF SVM is fitted on (about 1 s per fit on one core).
SVM_FULL_MAX_ROWS = 2_000
#: Rows the RBF SVM and its calibration see in the "rbf_sample" form.
SVM_SAMPLE_ROWS = 1_500
SVM_VARIANTS: tuple[str, ...] = ("rbf", "linear", "rbf_sample")


def svm_variants(n_rows: int) -> tuple[str, ...]:
    """The forms to cross-validate for a table of ``n_rows`` rows (see the module docstring)."""
    return ("rbf",) if n_rows <= SVM_FULL_MAX_ROWS else ("linear", "rbf_sample")


def stratified_sample(y: np.ndarray, size: int, random_state: int) -> np.ndarray:
    """Sorted row positions of a random sample of about ``size`` rows keeping each class's share
    (at least one row of every class, so the sample knows all classes)."""
    if len(y) <= size:
        return np.arange(len(y))
    rng = np.random.default_rng(random_state)
    picked: list[np.ndarray] = []
    for label in np.unique(y):
        rows = np.flatnonzero(y == label)
        take = max(1, round(size * len(rows) / len(y)))
        picked.append(rng.choice(rows, size=min(take, len(rows)), replace=False))
    return np.sort(np.concatenate(picked))


class SampledClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Fits a clone of ``estimator`` on a stratified sample of at most ``max_rows`` of the rows
    it is given (its classes are all the classes: every class keeps a row)."""

    def __init__(self, estimator: Any, max_rows: int = SVM_SAMPLE_ROWS, random_state: int = 0):
        self.estimator = estimator
        self.max_rows = max_rows
        self.random_state = random_state

    def fit(self, X: Any, y: Any) -> SampledClassifier:
        matrix, labels = np.asarray(X), np.asarray(y)
        rows = stratified_sample(labels, self.max_rows, self.random_state)
        self.estimator_ = clone(self.estimator).fit(matrix[rows], labels[rows])
        self.classes_ = self.estimator_.classes_
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        return np.asarray(self.estimator_.predict_proba(np.asarray(X)))

    def predict(self, X: Any) -> np.ndarray:
        return np.asarray(self.estimator_.predict(np.asarray(X)))


def svm_estimator(variant: str, random_state: int) -> ClassifierMixin:
    """Calibrated SVM of one of :data:`SVM_VARIANTS` (its C: :func:`svm_c_parameter`).

    Platt scaling is fitted on 3 internal folds. "rbf_sample" samples before calibrating: the
    RBF SVM's decisions cost time in proportion to its support vectors, so calibrating on all
    rows would cost more than the fit (7 s of 8 s at 8,000 rows).
    """
    if variant == "rbf":
        return CalibratedClassifierCV(SVC(random_state=random_state), ensemble=False, cv=3)
    if variant == "linear":
        return CalibratedClassifierCV(LinearSVC(random_state=random_state), ensemble=False, cv=3)
    if variant == "rbf_sample":
        calibrated = svm_estimator("rbf", random_state)
        return SampledClassifier(calibrated, SVM_SAMPLE_ROWS, random_state)
    raise ValueError(f"unknown SVM variant {variant!r}; choose one of {SVM_VARIANTS}")


def svm_c_parameter(variant: str) -> str:
    """The pipeline parameter holding the SVM's C for ``variant`` (for a grid search)."""
    inner = "estimator__estimator" if variant == "rbf_sample" else "estimator"
    return f"model__{inner}__C"
