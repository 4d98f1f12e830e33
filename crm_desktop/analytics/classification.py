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
from crm_desktop.analytics.features import as_of_date, customer_features

MODELS: tuple[str, ...] = ("random_forest", "decision_tree", "logistic", "svm")

PARAM_GRIDS: dict[str, dict[str, list[Any]]] = {
    "random_forest": {"model__max_depth": [None, 8], "model__min_samples_leaf": [1, 5]},
    "decision_tree": {"model__max_depth": [3, 6, None], "model__min_samples_leaf": [1, 5]},
    "logistic": {"model__C": [0.1, 1.0, 10.0]},
    "svm": {"model__estimator__C": [0.5, 1.0, 4.0]},
}

# The customer attributes the category classifier sees besides behaviour (rating is a number).
CLASSIFY_ATTRIBUTES: tuple[str, ...] = ("kind", "industry", "lead_source", "city", "rating")
# A text attribute keeps its most frequent values, the rest become one "(other)": the
# pipeline one-hot encodes into a dense matrix, and 5,000 cities x 100,000 customers would be
# 4 GB (rare values teach a model little anyway).
CLASSIFY_TOP_VALUES = 30
OTHER = "(other)"


def classify_frame(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What the category classifier learns from, one row per customer (index customer_id):
    the behaviour features unfilled (no order / rating / contact yet stays NaN, for the
    pipeline's median imputer) and :data:`CLASSIFY_ATTRIBUTES` (blank texts missing, for its
    "(missing)" category; text values beyond the CLASSIFY_TOP_VALUES most frequent as
    "(other)"). ``frames``: customers, orders, tickets, interactions, survey_responses."""
    customers = frames["customers"]
    features = customer_features(customers, frames["orders"], frames["tickets"],
                                 frames["interactions"], frames["survey_responses"],
                                 as_of=as_of_date(frames["orders"]), fill=False)
    attributes = customers.set_index("id").reindex(columns=list(CLASSIFY_ATTRIBUTES))
    for column in CLASSIFY_ATTRIBUTES:
        values = attributes[column]
        if column == "rating":
            attributes[column] = pd.to_numeric(values, errors="coerce").astype(float)
            continue
        values = values.astype(object).where(values.notna(), None)
        values = values.map(lambda v: v.strip() if isinstance(v, str) else v).replace("", None)
        top = values.value_counts().index[:CLASSIFY_TOP_VALUES]
        attributes[column] = values.where(values.isna() | values.isin(top), OTHER)
    return features.join(attributes)


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
    columns = predicted. Rows with a missing y are left out. ``tune`` runs a small
    GridSearchCV (see PARAM_GRIDS) first and evaluates the best parameters. Importances are per original column (impurity importance
    summed over one-hot columns; for logistic |coef| of a numeric column (per standard
    deviation) and max - min of a categorical column's one-hot coefs, averaged over classes;
    permutation importance for svm).
    """
    if len(X) != len(y):
        raise ValueError("X and y must have the same length")
    known = pd.Series(np.asarray(y)).notna().to_numpy()
    X = as_model_frame(X.reset_index(drop=True)[known].reset_index(drop=True))
    y = pd.Series(np.asarray(y)[known], name="y")
    folds = _folds(y, cv, random_state)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    pipeline = build_pipeline(X, model, random_state)
    best: dict[str, Any] = {}
    if tune:
        step(progress, cancelled, 0.05, "Tuning parameters")
        search = GridSearchCV(pipeline, PARAM_GRIDS[model], cv=splitter, scoring="accuracy")
        best = dict(search.fit(X, y).best_params_)
        pipeline.set_params(**best)
    step(progress, cancelled, 0.3, "Cross-validating")
    proba = cross_val_predict(pipeline, X, y, cv=splitter, method="predict_proba")
    classes = sorted(pd.unique(y).tolist())
    predicted = np.asarray(classes, dtype=object)[proba.argmax(axis=1)]
    truth = y.to_numpy(dtype=object)
    accuracy = float(accuracy_score(truth, predicted))
    roc_auc = None
    if len(classes) == 2:
        roc_auc = float(roc_auc_score((truth == classes[1]).astype(int), proba[:, 1]))
    matrix = confusion_matrix(truth, predicted, labels=np.asarray(classes, dtype=object))
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
    fitted_classes = list(pipeline.classes_)
    out = pd.DataFrame(index=X_new.index)
    out["predicted"] = np.asarray(fitted_classes, dtype=object)[proba.argmax(axis=1)]
    out["probability"] = proba.max(axis=1)
    for i, cls in enumerate(fitted_classes):
        out[f"p_{cls}"] = proba[:, i]
    return out
