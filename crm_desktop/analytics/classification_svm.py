"""The support vector machine of the classifier, in a form that stays fast on large tables.

An RBF-kernel SVC costs O(n^2) or more to fit and O(support vectors) per prediction: 206 s on
a 7,000-row, 19-column table with calibration, cross-validation and permutation importance.
Up to :data:`SVM_FULL_MAX_ROWS` rows the exact RBF SVM runs ("rbf"). Above, two forms are
cross-validated on the same folds and the more accurate one is kept and reported:

* "linear": a linear SVM (LinearSVC, time linear in the rows) on all rows; as accurate or more
  on tables whose signal is close to linear (a telecom churn table: accuracy 0.809 against
  0.802 for the exact RBF SVM);
* "rbf_sample": an RBF SVM fitted on a stratified random sample of :data:`SVM_SAMPLE_ROWS`
  rows, which keeps the kernel for curved boundaries (a ring-shaped class: 0.92 accuracy, where
  the linear SVM is at chance, 0.51).

Probabilities come from CalibratedClassifierCV (Platt scaling by internal cross-validation, one
model refitted on all rows: SVC(probability=True) is deprecated since scikit-learn 1.9).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.svm import SVC, LinearSVC

#: Largest table the exact RBF SVM is fitted on (about 1 s per fit on one core).
SVM_FULL_MAX_ROWS = 2_000
#: Rows each RBF fit sees in the "rbf_sample" form.
SVM_SAMPLE_ROWS = 2_000
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


class SampledSVC(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """An RBF SVC fitted on a stratified sample of at most ``max_rows`` of the rows it is given."""

    def __init__(
        self, C: float = 1.0, max_rows: int = SVM_SAMPLE_ROWS, random_state: int = 0
    ) -> None:
        self.C = C
        self.max_rows = max_rows
        self.random_state = random_state

    def fit(self, X: Any, y: Any) -> SampledSVC:
        matrix, labels = np.asarray(X), np.asarray(y)
        rows = stratified_sample(labels, self.max_rows, self.random_state)
        self.svc_ = SVC(C=self.C, random_state=self.random_state).fit(matrix[rows], labels[rows])
        self.classes_ = self.svc_.classes_
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        return np.asarray(self.svc_.decision_function(np.asarray(X)))

    def predict(self, X: Any) -> np.ndarray:
        return np.asarray(self.svc_.predict(np.asarray(X)))


def svm_estimator(variant: str, random_state: int) -> CalibratedClassifierCV:
    """Calibrated SVM of one of :data:`SVM_VARIANTS` (its C is ``model__estimator__C``)."""
    if variant == "rbf":
        base: Any = SVC(random_state=random_state)
    elif variant == "linear":
        base = LinearSVC(random_state=random_state)
    elif variant == "rbf_sample":
        base = SampledSVC(random_state=random_state)
    else:
        raise ValueError(f"unknown SVM variant {variant!r}; choose one of {SVM_VARIANTS}")
    return CalibratedClassifierCV(base, ensemble=False)
