"""Behaviour segmentation (k-means with k by silhouette, or DBSCAN with eps by k-distance)
and the category classifier (random forest, decision tree, logistic regression or SVM, on
behaviour and customer attributes: ``analytics.classification.classify_frame``). Segments are
stored as results only; the classifier fills empty customer categories."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import Chart, scatter_chart
from crm_desktop.analytics.figures import num
from crm_desktop.analytics.segment_profiles import segment_profiles
from crm_desktop.analytics.summaries import segments_summary
from crm_desktop.services.analyses.currencies import LeftOut, load_one_currency
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.parameters import AnalysisError
from crm_desktop.services.analyses.steps import Steps, load, need
from crm_desktop.services.insights.summary import quality_note, segments_sentences
from crm_desktop.storage.segment_names import segment_names

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database

# An SVM's fit grows with the square of the rows (and its importances are permutations):
# it trains on a stratified sample of this many customers.
CLASSIFY_SAMPLE: dict[str, int] = {"svm": 4_000}
MODEL_TITLES = {"random_forest": "random forest", "decision_tree": "decision tree",
                "logistic": "logistic regression", "svm": "SVM"}


def _features(database: Database, steps: Steps,
              ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, LeftOut]:
    from crm_desktop.analytics import segmentation as seg
    from crm_desktop.analytics.features import as_of_date

    f, left = load_one_currency(database, steps, "customers", "orders", "tickets",
                                "interactions", "survey_responses")
    features = seg.behaviour_features(f["customers"], f["orders"], f["tickets"],
                                      f["interactions"], f["survey_responses"],
                                      as_of=as_of_date(f["orders"]))
    return f, features, left


def run_segments(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import segmentation as seg
    from crm_desktop.analytics.rfm import rfm_frame

    f, features, left = _features(database, steps)
    features = features[features["frequency"] > 0]
    need(len(features), 20, "segmentation needs customers with orders")
    method = str(params["method"])
    quality: dict[str, float | str] = {"method": method}
    if method == "dbscan":
        matrix = seg.standardise(features)
        scaled = pd.DataFrame(matrix, index=features.index)
        found = seg.dbscan_segments(scaled, min_samples=int(params["min_samples"]) or None,
                                    standardised=True, progress=steps.sub(0.3, 0.8),
                                    cancelled=steps.cancelled)
        labels = found.labels
        steps.at(0.82, "Silhouette")
        quality.update({
            "clusters": found.n_clusters, "noise_share": num(found.noise_share),
            "noise_customers": int((labels == -1).sum()),
            "eps (k-distance knee)": num(found.eps), "min_samples": found.min_samples,
            "fitted_on": found.fitted_on,
            "silhouette": num(seg.dbscan_silhouette(matrix, labels.to_numpy())),
        })
    else:
        k_min = int(params["k_min"])
        k_max = max(k_min, int(params["k_max"]))
        result = seg.kmeans_segments(features, range(k_min, k_max + 1),
                                     progress=steps.sub(0.3, 0.8), cancelled=steps.cancelled)
        labels = result.labels
        quality.update({"k": result.k, "silhouette": num(result.silhouettes.get(result.k))})
        for k, s in sorted(result.silhouettes.items()):
            quality[f"silhouette k={k}"] = num(s)
    steps.at(0.85, "Projecting")
    pca = seg.pca_projection(features)
    profiles = segment_profiles(features, labels.reindex(features.index))
    table = pd.DataFrame({
        "customer_id": features.index, "segment": labels.reindex(features.index).values,
        "value_score": seg.pca_value_score(features).reindex(features.index).values,
        "pc1": pca["pc1"].values, "pc2": pca["pc2"].values,
    })
    # The label is the segment's name key ("frequent_high_spenders", "lapsed_frequent_2"): the
    # interface shows its name in the user's language, or the name the user gave it.
    table["label"] = table["segment"].map(profiles["name"])
    rfm_seg = rfm_frame(f["orders"]).set_index("customer_id")["segment"]
    common = table[table["customer_id"].isin(rfm_seg.index)]
    ari = seg.adjusted_rand(rfm_seg.reindex(common["customer_id"]).tolist(),
                            common["segment"].tolist()) if len(common) else None
    ratios = pca.attrs.get("explained_variance_ratio", [])
    quality.update({"ARI vs RFM": num(ari), "customers": len(table),
                    "PCA variance shown": num(sum(ratios)),
                    "value_score": "PCA: first component, 0-100", **left.quality()})
    note = quality_note("silhouette", "silhouette", quality.get("silhouette"))
    # The map of customers (first two principal components): an optional view, after the
    # profiles. Its legend names each segment by its name key (the page shows the names).
    legend = {int(k): str(v) for k, v in profiles["name"].items() if int(k) >= 0}
    pictures = scatter_chart(table, "pc1", "pc2", "segment", f"Segments (PCA, {method})",
                             legend=legend)
    detail = profile_detail(profiles)
    # No categories: a segment name in customers.category would become a class the classifier
    # learns. The segment results carry the PCA position (details pc1, pc2) for the dashboard.
    return AnalysisOutcome(
        "segments", quality, table, profile_chart(detail),
        [("segment", table, "segment", "label", ("pc1", "pc2")),
         ("value_score", table, "value_score", None)],
        detail=detail, detail_title="Segments: who is in each",
        summary=[*segments_sentences(segments_summary(profiles)), *left.sentences()],
        notes={"silhouette": note} if note else {}, columns=PROFILE_COLUMNS,
        currency=left.currency, groups="label", alt_chart=pictures,
        names=segment_names(database))


# How the profile table and the segments' result rows are shown.
PROFILE_COLUMNS: dict[str, str] = {
    "customer_id": "customer", "segment": "hidden", "label": "segment", "name": "segment",
    "value_score": "score", "pc1": "hidden", "pc2": "hidden", "size": "count",
    "share_customers": "share", "share_revenue": "share", "revenue": "money",
    "median_recency_days": "days", "median_frequency": "count", "median_order_value": "money",
    "median_tenure_days": "days", "recency": "days", "frequency": "count", "monetary": "money",
    "customers": "count",
}


def profile_detail(profiles: pd.DataFrame) -> pd.DataFrame:
    """The profile table as the result shows it: the name first, largest segment first."""
    table = profiles.reset_index()
    table = table[["name", "segment", "size", "share_customers", "share_revenue",
                   "median_recency_days", "median_frequency", "median_order_value"]]
    table["median_order_value"] = table["median_order_value"].round(2)
    return table.sort_values("size", ascending=False, kind="mergesort").reset_index(drop=True)


def profile_chart(detail: pd.DataFrame) -> Chart:
    """Each segment's share of customers against its share of revenue (the bars' labels are
    segment name keys: the page shows their names)."""
    order = detail.sort_values("share_revenue")
    return Chart("barh", order["name"].astype(str).tolist(),
                 (100 * order["share_revenue"]).round(1).tolist(),
                 "Share of revenue per segment (%)", "% of revenue", "",
                 series={"% of customers": (100 * order["share_customers"]).round(1).tolist()})


def run_classify(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import classification as cls

    model = str(params["model"])
    f = load(database, steps, "customers", "orders", "tickets", "interactions",
             "survey_responses")
    features = cls.classify_frame(f)
    category = f["customers"].set_index("id")["category"].replace("", None)
    category = category.reindex(features.index)
    known = category.notna()
    need(int(known.sum()), 30, "classification needs customers with a category")
    counts = category[known].value_counts()
    need(int((counts >= 3).sum()), 2, "classification needs two categories with 3+ customers")
    keep = known & category.isin(counts[counts >= 3].index)
    X, y = features[keep], category[keep]
    cap = CLASSIFY_SAMPLE.get(model)
    if cap is not None and len(X) > cap:
        from sklearn.model_selection import train_test_split

        X, _, y, _ = train_test_split(X, y, train_size=cap, stratify=y, random_state=0)
    try:
        report = cls.fit_classifier(X, y, model=model, cv=3, tune=bool(params["tune"]),
                                    progress=steps.sub(0.3, 0.9), cancelled=steps.cancelled)
    except ValueError as error:
        raise AnalysisError(str(error)) from error
    unknown = features[~known]
    predicted = cls.predict_categories(report, unknown) if len(unknown) else pd.DataFrame(
        columns=["predicted", "probability"])
    table = pd.DataFrame({"customer_id": unknown.index,
                          "predicted": predicted["predicted"].values,
                          "probability": predicted["probability"].astype(float).values})
    roc_auc = num(report.roc_auc) if len(report.classes) == 2 else "n/a (more than 2 classes)"
    quality: dict[str, float | str] = {
        "model": model, "accuracy": num(report.accuracy), "roc_auc": roc_auc,
        "cv_folds": report.cv_folds, "trained_on": report.n_samples,
        "classes": len(report.classes), "predicted": len(table),
        "tuned": ("yes: " + ", ".join(f"{k.removeprefix('model__')}={v}"
                                      for k, v in sorted(report.best_params.items()))
                  if report.best_params else "no (the model's defaults)")}
    if report.n_samples < int(keep.sum()):
        quality["sampled"] = f"{report.n_samples:,} of {int(keep.sum()):,} (stratified)"
    matrix = report.confusion_matrix.reset_index()
    matrix.columns = ["true \\ predicted", *[str(c) for c in matrix.columns[1:]]]
    top = report.feature_importances.head(10)
    chart = Chart("barh", [str(i) for i in top.index][::-1], top.tolist()[::-1],
                  f"Feature importance ({MODEL_TITLES.get(model, model)})", "", "")
    return AnalysisOutcome("classify", quality, table, chart,
                           [("category", table, "probability", "predicted")],
                           table.set_index("customer_id")["predicted"],
                           detail=matrix,
                           detail_title="Confusion matrix (cross-validated; rows: true class)")
