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
from sklearn.base import ClassifierMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, get_scorer, roc_auc_score
from sklearn.model_selection import ParameterGrid, StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

from crm_desktop.analytics._progress import CancelFn, ProgressFn
from crm_desktop.analytics._progress import report as step
from crm_desktop.analytics.classification_svm import (
    stratified_sample,
    svm_c_parameter,
    svm_estimator,
    svm_variants,
)
from crm_desktop.analytics.contributions import output_sources
from crm_desktop.analytics.features import as_of_date, customer_features

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


def _estimator(model: str, random_state: int, variant: str = "rbf") -> ClassifierMixin:
    if model == "random_forest":
        return RandomForestClassifier(n_estimators=150, random_state=random_state)
    if model == "decision_tree":
        return DecisionTreeClassifier(random_state=random_state)
    if model == "logistic":
        return LogisticRegression(max_iter=2000)
    if model == "svm":
        return svm_estimator(variant, random_state)
    raise ValueError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")


def split_columns(X: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(numeric columns, categorical columns): bool/number are numeric, the rest categorical."""
    numeric = [c for c in X.columns if pd.api.types.is_numeric_dtype(X[c])]
    categorical = [c for c in X.columns if c not in numeric]
    return numeric, categorical


def build_pipeline(
    X: pd.DataFrame, model: str = "random_forest", random_state: int = 0, variant: str = "rbf"
) -> Pipeline:
    """Unfitted preprocessing + model pipeline for the columns of ``X`` (``variant``: the SVM's
    form, see :mod:`crm_desktop.analytics.classification_svm`)."""
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
    return Pipeline([("prep", prep), ("model", _estimator(model, random_state, variant))])


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
    return output_sources(prep, [str(c) for c in prep.feature_names_in_])[0]


#: Rows permutation importance is measured on (an RBF SVM predicts in time proportional to its
#: support vectors: 95 predictions of all 7,000 rows took minutes).
PERMUTATION_ROWS = 1_000


def _linear_coefficients(pipeline: Pipeline, variant: str) -> np.ndarray | None:
    """Coefficients of a linear model (logistic, or the linear SVM inside its calibration)."""
    estimator = pipeline.named_steps["model"]
    if isinstance(estimator, LogisticRegression):
        return np.atleast_2d(estimator.coef_)
    if variant == "linear":
        return np.atleast_2d(estimator.calibrated_classifiers_[0].estimator.coef_)
    return None


def _importances(pipeline: Pipeline, X: pd.DataFrame, y: pd.Series, variant: str) -> pd.Series:
    estimator = pipeline.named_steps["model"]
    coef = _linear_coefficients(pipeline, variant)
    if coef is not None:
        frame = pd.DataFrame(coef.T, index=transformed_sources(pipeline))
        _, categorical = split_columns(X)
        spread = frame.groupby(level=0).max() - frame.groupby(level=0).min()
        size = frame.abs().groupby(level=0).max()
        is_cat = np.asarray(spread.index.isin(categorical))[:, None]
        raw = pd.DataFrame(np.where(is_cat, spread, size), index=spread.index).mean(axis=1)
    elif hasattr(estimator, "feature_importances_"):
        sources = transformed_sources(pipeline)
        raw = pd.Series(estimator.feature_importances_, index=sources).groupby(level=0).sum()
    else:
        rows = stratified_sample(y.to_numpy(), PERMUTATION_ROWS, 0)
        result = permutation_importance(
            pipeline, X.iloc[rows], y.iloc[rows], n_repeats=5, random_state=0
        )
        raw = pd.Series(result.importances_mean, index=X.columns)
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
    #: The form of the model that ran: the model name, or for the SVM one of
    #: classification_svm.SVM_VARIANTS ("rbf" all rows, "linear", "rbf_sample").
    variant: str = ""
    #: Cross-validated accuracy of each form tried (one entry unless the SVM compared two).
    variant_accuracy: dict[str, float] = field(default_factory=dict)


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


def _tuned(
    pipeline: Pipeline,
    X: pd.DataFrame,
    y: pd.Series,
    model: str,
    variant: str,
    folds: int,
    random_state: int,
) -> dict[str, Any]:
    """Best parameters of PARAM_GRIDS[model] by cross-validation on ``folds`` folds.

    Ranking quality (AUC) for two classes, log-loss for more: accuracy alone prefers trees with
    pure tiny leaves whose probabilities are 0 or 1. Three folds are enough to rank a dozen
    settings. What GridSearchCV does, except that the preprocessing (the same for every setting:
    the grids only set the model's parameters) is fitted once per fold instead of once per fold
    and setting: the tree's search took 6 s instead of 0.7 s for the untuned tree at 7,000 rows,
    most of it re-encoding the same columns.
    """
    scorer = get_scorer("roc_auc" if y.nunique() == 2 else "neg_log_loss")
    inner = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    grid = PARAM_GRIDS[model]
    if model == "svm":  # the SVM's C sits deeper in some forms
        grid = {svm_c_parameter(variant): grid["model__estimator__C"]}
    settings = list(ParameterGrid(grid))
    totals = np.zeros(len(settings))
    for train, test in inner.split(X, y):
        prep = clone(pipeline.named_steps["prep"]).fit(X.iloc[train])
        fit_rows, test_rows = prep.transform(X.iloc[train]), prep.transform(X.iloc[test])
        for i, setting in enumerate(settings):
            params = {name.removeprefix("model__"): value for name, value in setting.items()}
            estimator = clone(pipeline.named_steps["model"]).set_params(**params)
            estimator.fit(fit_rows, y.iloc[train])
            totals[i] += scorer(estimator, test_rows, y.iloc[test])
    return dict(settings[int(np.argmax(totals))])


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
    cross-validated figures come from: slightly optimistic, by far less than an untuned tree.
    The SVM runs in the form :func:`classification_svm.svm_variants` gives for the table's size;
    when two forms are compared the more accurate is kept (``variant``, ``variant_accuracy``).
    Importances are per original column (impurity importance summed over one-hot columns; for
    logistic and the linear SVM |coef| of a numeric column (per standard deviation) and
    max - min of a categorical column's one-hot coefs, averaged over classes; permutation
    importance on at most PERMUTATION_ROWS rows for the RBF SVM).
    """
    if len(X) != len(y):
        raise ValueError("X and y must have the same length")
    known = pd.Series(np.asarray(y, dtype=object)).notna().to_numpy()
    X = as_model_frame(X.reset_index(drop=True)[known].reset_index(drop=True))
    y, classes = encode_labels(pd.Series(np.asarray(y, dtype=object)[known]))
    folds = _folds(y, cv, random_state)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    variants = svm_variants(len(X)) if model == "svm" else (model,)
    tried: dict[str, tuple[Pipeline, np.ndarray, dict[str, Any]]] = {}
    for i, variant in enumerate(variants):
        share = (0.05 + 0.6 * i / len(variants), 0.05 + 0.6 * (i + 1) / len(variants))
        pipeline = build_pipeline(X, model, random_state, variant)
        best: dict[str, Any] = {}
        if tune or model == "decision_tree":
            step(progress, cancelled, share[0], "Tuning parameters")
            best = _tuned(pipeline, X, y, model, variant, min(folds, 3), random_state)
            pipeline.set_params(**best)
        step(progress, cancelled, (share[0] + share[1]) / 2, "Cross-validating")
        proba = cross_val_predict(pipeline, X, y, cv=splitter, method="predict_proba")
        tried[variant] = (pipeline, proba, best)
    truth = y.to_numpy()
    scores = {v: float(accuracy_score(truth, p.argmax(axis=1))) for v, (_, p, _) in tried.items()}
    variant = max(scores, key=lambda v: scores[v])
    pipeline, proba, best = tried[variant]
    predicted = proba.argmax(axis=1)
    accuracy = scores[variant]
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
    importances = _importances(pipeline, X, y, variant)
    step(progress, cancelled, 1.0, "Done")
    return ClassifierReport(
        model, accuracy, roc_auc, cm, importances, classes, pipeline, len(X), folds, best,
        variant, scores,
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
