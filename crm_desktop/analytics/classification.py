"""Machine-learned customer classification (seed 000 §3.2): tree, forest, logistic, SVM.

Pipeline = ColumnTransformer(numeric: median imputer + StandardScaler; categorical:
most-frequent imputer + OneHotEncoder(handle_unknown="ignore")) -> model. Metrics come from
stratified k-fold cross-validated predictions; the returned pipeline is refitted on all rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

from crm_desktop.analytics._progress import CancelFn, ProgressFn
from crm_desktop.analytics._progress import report as step

MODELS: tuple[str, ...] = ("random_forest", "decision_tree", "logistic", "svm")

PARAM_GRIDS: dict[str, dict[str, list[Any]]] = {
    "random_forest": {"model__max_depth": [None, 8], "model__min_samples_leaf": [1, 5]},
    # Always searched (see fit_classifier): an unlimited tree grown to single-row leaves ranked
    # customers far worse than the other models (AUC 0.63 against 0.84 for logistic regression
    # on a 7,000-row churn table); depth 3-8 with leaves of 5-50 rows is a fair tree.
    "decision_tree": {"model__max_depth": [3, 5, 8, None], "model__min_samples_leaf": [5, 20, 50]},
    "logistic": {"model__C": [0.1, 1.0, 10.0]},
    "svm": {"model__estimator__C": [0.5, 1.0, 4.0]},
}


def _estimator(model: str, random_state: int) -> ClassifierMixin:
    if model == "random_forest":
        return RandomForestClassifier(n_estimators=150, random_state=random_state)
    if model == "decision_tree":
        return DecisionTreeClassifier(random_state=random_state)
    if model == "logistic":
        return LogisticRegression(max_iter=2000)
    if model == "svm":
        # SVC(probability=True) is deprecated since scikit-learn 1.9; this is its replacement
        # (Platt scaling fitted by internal cross-validation, one SVC refitted on all rows).
        return CalibratedClassifierCV(SVC(random_state=random_state), ensemble=False)
    raise ValueError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")


def split_columns(X: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(numeric columns, categorical columns): bool/number are numeric, the rest categorical."""
    numeric = [c for c in X.columns if pd.api.types.is_numeric_dtype(X[c])]
    categorical = [c for c in X.columns if c not in numeric]
    return numeric, categorical


def build_pipeline(
    X: pd.DataFrame, model: str = "random_forest", random_state: int = 0
) -> Pipeline:
    """Unfitted preprocessing + model pipeline for the columns of ``X``."""
    numeric, categorical = split_columns(X)
    transformers: list[tuple[str, Pipeline, list[str]]] = []
    if numeric:
        # keep_empty_features: an all-missing column stays (as zeros) so every input column
        # keeps its place in the importances.
        impute = SimpleImputer(strategy="median", keep_empty_features=True)
        num = Pipeline([("impute", impute), ("scale", StandardScaler())])
        transformers.append(("num", num, numeric))
    if categorical:
        cat = Pipeline(
            [
                # Missing is a category of its own ("no lead source" says something), and an
                # all-missing column is kept rather than silently dropped.
                ("impute", SimpleImputer(strategy="constant", fill_value="(missing)",
                                          keep_empty_features=True)),
                ("onehot", OneHotEncoder(handle_unknown="ignore")),
            ]
        )
        transformers.append(("cat", cat, categorical))
    prep = ColumnTransformer(transformers, sparse_threshold=0.0)
    return Pipeline([("prep", prep), ("model", _estimator(model, random_state))])


def as_model_frame(X: pd.DataFrame) -> pd.DataFrame:
    """Categorical columns as object with NaN for missing (SimpleImputer needs one kind)."""
    _, categorical = split_columns(X)
    if not categorical:
        return X
    out = X.copy()
    for col in categorical:
        values = out[col].astype(object)
        out[col] = values.where(values.notna(), np.nan)
    return out


def transformed_sources(pipeline: Pipeline) -> list[str]:
    """Original column name behind each column the fitted ColumnTransformer outputs."""
    prep: ColumnTransformer = pipeline.named_steps["prep"]
    sources: list[str] = []
    for name, trans, cols in prep.transformers_:
        if name == "num":
            sources.extend(cols)
        elif name == "cat":
            encoder: OneHotEncoder = trans.named_steps["onehot"]
            for col, cats in zip(cols, encoder.categories_, strict=True):
                sources.extend([col] * len(cats))
    return sources


def _importances(pipeline: Pipeline, X: pd.DataFrame, y: pd.Series, model: str) -> pd.Series:
    estimator = pipeline.named_steps["model"]
    if model == "svm":
        result = permutation_importance(pipeline, X, y, n_repeats=5, random_state=0)
        raw = pd.Series(result.importances_mean, index=X.columns)
    else:
        sources = transformed_sources(pipeline)
        if model == "logistic":
            coef = pd.DataFrame(np.atleast_2d(estimator.coef_).T, index=sources)
            _, categorical = split_columns(X)
            spread = coef.groupby(level=0).max() - coef.groupby(level=0).min()
            size = coef.abs().groupby(level=0).max()
            is_cat = np.asarray(spread.index.isin(categorical))[:, None]
            raw = pd.DataFrame(np.where(is_cat, spread, size), index=spread.index).mean(axis=1)
        else:
            raw = pd.Series(estimator.feature_importances_, index=sources).groupby(level=0).sum()
    raw = raw.reindex(X.columns).fillna(0.0)
    return raw.sort_values(ascending=False).rename("importance")


@dataclass(frozen=True, eq=False)
class ClassifierReport:
    """Cross-validated evaluation and the pipeline refitted on all rows."""

    model: str
    accuracy: float
    roc_auc: float | None
    confusion_matrix: pd.DataFrame
    feature_importances: pd.Series
    classes: list[Any]
    pipeline: Pipeline
    n_samples: int
    cv_folds: int
    best_params: dict[str, Any] = field(default_factory=dict)


def _label_order(label: Any) -> tuple[int, float, str]:
    """Sort key for class labels of any kind: numbers and booleans by value, then the rest by
    text (so 0/1, True/False, strings and a mix of them all sort without a TypeError)."""
    if isinstance(label, bool | int | float | np.number):
        return (0, float(label), "")
    return (1, 0.0, str(label))


def encode_labels(y: pd.Series) -> tuple[pd.Series, list[Any]]:
    """(integer codes 0..k-1, the k class labels in :func:`_label_order`).

    scikit-learn reads an object column of Python ints or bools as target type "unknown" and
    refuses it; the models are fitted on the codes instead, so any labels work as categories.
    """
    values = pd.Series(np.asarray(y, dtype=object), name="y")
    classes = sorted(pd.unique(values).tolist(), key=_label_order)
    codes = values.map({label: i for i, label in enumerate(classes)}).astype("int64")
    return codes, classes


def _folds(y: pd.Series, cv: int, random_state: int) -> int:
    smallest = int(y.value_counts().min())
    folds = min(cv, smallest)
    if folds < 2:
        raise ValueError("every class needs at least 2 examples for cross-validation")
    return folds


def fit_classifier(
    X: pd.DataFrame,
    y: pd.Series,
    model: str = "random_forest",
    cv: int = 5,
    random_state: int = 0,
    *,
    tune: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> ClassifierReport:
    """Train and evaluate a classifier of ``y`` on ``X``.

    accuracy = share of cross-validated predictions equal to y; roc_auc (binary y only) = AUC
    of the cross-validated probability of the second class; confusion matrix rows = true class,
    columns = predicted. Rows with a missing y are left out. y may hold any labels (integers,
    booleans, text or a mix): they are categories, ``classes`` lists them in sorted order. ``tune`` runs a small
    GridSearchCV (see PARAM_GRIDS; scored by AUC for two classes, log-loss for more) first and
    evaluates the best parameters; the decision tree is always tuned so (its depth and leaf size
    decide whether it is a fair choice). The parameters are chosen on the same rows the
    cross-validated figures come from: slightly optimistic, by far less than an untuned tree. Importances are per original column (impurity importance
    summed over one-hot columns; for logistic |coef| of a numeric column (per standard
    deviation) and max - min of a categorical column's one-hot coefs, averaged over classes;
    permutation importance for svm).
    """
    if len(X) != len(y):
        raise ValueError("X and y must have the same length")
    known = pd.Series(np.asarray(y, dtype=object)).notna().to_numpy()
    X = as_model_frame(X.reset_index(drop=True)[known].reset_index(drop=True))
    y, classes = encode_labels(pd.Series(np.asarray(y, dtype=object)[known]))
    folds = _folds(y, cv, random_state)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    pipeline = build_pipeline(X, model, random_state)
    best: dict[str, Any] = {}
    if tune or model == "decision_tree":
        step(progress, cancelled, 0.05, "Tuning parameters")
        # Ranking quality (AUC) for two classes, log-loss for more: accuracy alone prefers trees
        # with pure tiny leaves whose probabilities are 0 or 1.
        scoring = "roc_auc" if len(classes) == 2 else "neg_log_loss"
        # Three folds are enough to rank a dozen settings and take 40% less time than five.
        inner = StratifiedKFold(n_splits=min(folds, 3), shuffle=True, random_state=random_state)
        search = GridSearchCV(pipeline, PARAM_GRIDS[model], cv=inner, scoring=scoring)
        best = dict(search.fit(X, y).best_params_)
        pipeline.set_params(**best)
    step(progress, cancelled, 0.3, "Cross-validating")
    proba = cross_val_predict(pipeline, X, y, cv=splitter, method="predict_proba")
    predicted = proba.argmax(axis=1)
    truth = y.to_numpy()
    accuracy = float(accuracy_score(truth, predicted))
    roc_auc = None
    if len(classes) == 2:
        roc_auc = float(roc_auc_score(truth == 1, proba[:, 1]))
    matrix = confusion_matrix(truth, predicted, labels=np.arange(len(classes)))
    labels = [str(c) for c in classes]
    cm = pd.DataFrame(
        matrix,
        index=pd.Index(labels, name="true"),
        columns=pd.Index(labels, name="predicted"),
    )
    step(progress, cancelled, 0.7, "Fitting final model")
    pipeline.fit(X, y)
    step(progress, cancelled, 0.85, "Feature importance")
    importances = _importances(pipeline, X, y, model)
    step(progress, cancelled, 1.0, "Done")
    return ClassifierReport(
        model, accuracy, roc_auc, cm, importances, classes, pipeline, len(X), folds, best
    )


def predict_categories(report: ClassifierReport, X_new: pd.DataFrame) -> pd.DataFrame:
    """Predicted class and its probability for each row of ``X_new`` (same index).

    Columns: predicted, probability (of the predicted class), and one ``p_<class>`` per class.
    """
    X = as_model_frame(X_new)
    pipeline = report.pipeline
    proba = pipeline.predict_proba(X)
    # The pipeline was fitted on label codes (see encode_labels): map them back.
    fitted_classes = [report.classes[int(code)] for code in pipeline.classes_]
    out = pd.DataFrame(index=X_new.index)
    out["predicted"] = np.asarray(fitted_classes, dtype=object)[proba.argmax(axis=1)]
    out["probability"] = proba.max(axis=1)
    for i, cls in enumerate(fitted_classes):
        out[f"p_{cls}"] = proba[:, i]
    return out
