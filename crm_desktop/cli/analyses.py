"""Analyses as plain functions: load the frames (storage), run the analytics, shape the result.

    outcome = run_analysis(database, "churn", {"horizon_days": 180}, progress, cancelled)
    outcome.quality     # {"AUC (logistic)": 0.81, ...}: headline figures
    outcome.table       # per-customer (or per-campaign/theme/...) result rows
    outcome.chart       # Chart(kind, x, y, ...) to draw, or None
    apply_outcome(database, outcome)   # write scores/segments/categories back

Used by `crm-desktop analytics NAME` and by the dashboard and analytics pages (inside workers:
this module imports pandas and the analytics lazily, so importing it is cheap). The model-based
analyses (churn, propensity, winprob, clv), forecast and quality are in :mod:`crm_desktop.cli.analyses_models`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database
    from crm_desktop.storage.frame_cache import FrameCache

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]

NAMES: tuple[str, ...] = ("kpis", "rfm", "segments", "classify", "churn", "propensity",
                          "winprob", "clv", "rules", "campaigns", "tickets", "forecast",
                          "quality")
DEFAULT_PARAMS: dict[str, Any] = {
    "horizon_days": 180, "k_min": 2, "k_max": 6, "clv_months": 12, "propensity_days": 90,
}
MODEL_VERSION = "analytics-1"


class AnalysisError(Exception):
    """The analysis cannot run on this data (one line for the user)."""


@dataclass
class Chart:
    """What to draw. For "hist", x are the bin edges and y the counts (binned where the data is,
    so 100,000 values never travel to the GUI); a "scatter" carries at most SCATTER_POINTS."""

    kind: str  # "bar", "barh", "line", "hist", "scatter"
    x: list[Any]
    y: list[float] = field(default_factory=list)
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    series: dict[str, list[float]] = field(default_factory=dict)  # extra lines (same x)
    colors: list[Any] = field(default_factory=list)  # scatter: one group per point


@dataclass
class AnalysisOutcome:
    name: str
    quality: dict[str, float | str]
    table: pd.DataFrame
    chart: Chart | None = None
    # (kind, frame with customer_id, value column, label column) for analytics_results
    results: list[tuple[str, pd.DataFrame, str | None, str | None]] = field(default_factory=list)
    categories: pd.Series | None = None  # customer_id -> category for customers.category


class Steps:
    """Splits 0..1 into a loading part and an analysis part; checks cancellation; carries the
    frame cache of the process, if it has one."""

    def __init__(self, progress: ProgressFn | None, cancelled: CancelFn | None,
                 frames: FrameCache | None = None) -> None:
        self.progress = progress
        self.cancelled = cancelled
        self.frames = frames

    def at(self, fraction: float, message: str) -> None:
        from crm_desktop.analytics import report

        report(self.progress, self.cancelled, fraction, message)

    def sub(self, start: float, end: float) -> ProgressFn:
        def forward(fraction: float, message: str) -> None:
            self.at(start + (end - start) * fraction, message)

        return forward


def load(database: Database, steps: Steps, *names: str) -> dict[str, pd.DataFrame]:
    """The named frames (one query each, or from the cache), progress 0..0.3."""
    from crm_desktop.storage import frames

    loaded = {}
    for i, name in enumerate(names):
        steps.at(0.3 * i / len(names), f"Loading {name}")
        if steps.frames is not None:
            loaded[name] = steps.frames.get(name)
        else:
            loaded[name] = getattr(frames, name)(database)
    steps.at(0.3, "Loaded")
    return loaded


def as_of(orders: pd.DataFrame) -> pd.Timestamp:
    import pandas as pd

    times = orders["ordered_at"].dropna() if len(orders) else orders.get("ordered_at")
    if times is None or len(times) == 0:
        return pd.Timestamp.now(tz="UTC").tz_localize(None).normalize()
    return pd.Timestamp(times.max())


SCATTER_POINTS = 2000  # more points cost the GUI thread time and show nothing new


def hist_chart(values: pd.Series, title: str, xlabel: str, ylabel: str,
               bins: int = 20) -> Chart:
    import numpy as np

    data = values.astype(float).dropna().to_numpy()
    data = data[np.isfinite(data)]
    if not len(data):
        return Chart("hist", [], [], title, xlabel, ylabel)
    counts, edges = np.histogram(data, bins=bins)
    return Chart("hist", edges.tolist(), counts.astype(float).tolist(), title, xlabel, ylabel)


def scatter_chart(table: pd.DataFrame, x: str, y: str, group: str, title: str) -> Chart:
    """A scatter of at most SCATTER_POINTS rows (a fixed random sample; the title says so)."""
    shown = table if len(table) <= SCATTER_POINTS else table.sample(SCATTER_POINTS,
                                                                    random_state=0)
    if len(shown) < len(table):
        title = f"{title} ({len(shown):,} of {len(table):,} shown)"
    return Chart("scatter", shown[x].tolist(), shown[y].tolist(), title, x.upper(), y.upper(),
                 colors=shown[group].tolist())


def need(count: int, minimum: int, message: str) -> None:
    if count < minimum:
        raise AnalysisError(f"{message} (found {count}, need at least {minimum})")


def num(value: Any, digits: int = 4) -> float | str:
    """A quality figure: rounded float, or 'n/a' for None/NaN."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "n/a" if value is None else str(value)
    return "n/a" if number != number else round(number, digits)


def run_analysis(
    database: Database,
    name: str,
    params: dict[str, Any] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    frames: FrameCache | None = None,
) -> AnalysisOutcome:
    """Run analysis ``name`` (one of :data:`NAMES`) with ``params`` over DEFAULT_PARAMS; the
    frames come from ``frames`` when given (a process that runs several analyses keeps one)."""
    from crm_desktop.cli import analyses_models

    merged = {**DEFAULT_PARAMS, **(params or {})}
    runners: dict[str, Callable[..., AnalysisOutcome]] = {
        "kpis": run_kpis, "rfm": run_rfm, "segments": run_segments, "classify": run_classify,
        "rules": run_rules, "campaigns": run_campaigns, "tickets": run_tickets,
        "forecast": analyses_models.run_forecast, "quality": analyses_models.run_quality,
        "churn": analyses_models.run_churn, "propensity": analyses_models.run_propensity,
        "winprob": analyses_models.run_winprob, "clv": analyses_models.run_clv,
    }
    if name not in runners:
        raise AnalysisError(f"unknown analysis {name!r}; one of: {', '.join(NAMES)}")
    steps = Steps(progress, cancelled, frames)
    outcome = runners[name](database, merged, steps)
    steps.at(1.0, "Done")
    return outcome


def apply_outcome(database: Database, outcome: AnalysisOutcome) -> dict[str, int]:
    """Store the outcome's per-customer results and fill empty customer categories."""
    from crm_desktop.storage import analytics_store

    written = {}
    for kind, frame, value_col, label_col in outcome.results:
        written[kind] = analytics_store.save_results(
            database, kind, frame, value_col, label_col, model_version=MODEL_VERSION)
    if outcome.categories is not None:
        written["categories"] = analytics_store.apply_categories(
            database, outcome.categories.dropna().to_dict(), source=outcome.name)
    return written


# ------------------------------------------------------------------------------ descriptive
def run_kpis(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import kpi

    f = load(database, steps, "customers", "orders", "opportunities", "tickets",
             "survey_responses")
    report = kpi.compute_kpis(f["customers"], f["orders"], f["opportunities"], f["tickets"],
                              f["survey_responses"], as_of=as_of(f["orders"]),
                              progress=steps.sub(0.3, 0.95), cancelled=steps.cancelled)
    quality = {
        "customers": len(f["customers"]), "revenue_12m": num(report.revenue_last_12_months, 2),
        "revenue_growth": num(report.revenue_growth), "aov": num(report.average_order_value, 2),
        "win_rate": num(report.win_rate), "csat": num(report.csat), "nps": num(report.nps, 1),
        "churn_rate": num(report.churn_rate), "loyalty_index": num(report.loyalty_index),
        "sla_resolution": num(report.sla_resolution),
    }
    table = report.revenue_by_period.copy()
    table["period"] = table["period"].astype(str)
    chart = Chart("line", table["period"].tolist(), table["revenue"].astype(float).tolist(),
                  "Revenue per month", "", "Revenue")
    return AnalysisOutcome("kpis", quality, table, chart)


def rfm_frame(orders: pd.DataFrame, steps: Steps | None = None) -> pd.DataFrame:
    from crm_desktop.analytics import rfm

    table = rfm.rfm_table(orders, as_of(orders),
                          progress=steps.sub(0.3, 0.9) if steps else None,
                          cancelled=steps.cancelled if steps else None)
    table = table.reset_index()
    table["rfm_score"] = table["r_score"] + table["f_score"] + table["m_score"]
    return table


def run_rfm(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import rfm

    f = load(database, steps, "orders")
    table = rfm_frame(f["orders"], steps)
    need(len(table), 5, "RFM needs customers with paid orders")
    summary = rfm.segment_summary(table.set_index("customer_id"))
    quality: dict[str, float | str] = {"customers": len(table), "segments": len(summary)}
    chart = Chart("barh", [str(s) for s in summary.index], summary["customers"].tolist(),
                  "Customers per RFM segment", "Customers", "")
    return AnalysisOutcome("rfm", quality, table, chart,
                           [("rfm", table, "rfm_score", "segment")],
                           table.set_index("customer_id")["segment"])


def run_segments(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import segmentation as seg

    f = load(database, steps, "customers", "orders", "tickets", "interactions",
             "survey_responses")
    when = as_of(f["orders"])
    features = seg.behaviour_features(f["customers"], f["orders"], f["tickets"],
                                      f["interactions"], f["survey_responses"], as_of=when)
    features = features[features["frequency"] > 0]
    need(len(features), 20, "segmentation needs customers with orders")
    k_min, k_max = int(params["k_min"]), max(int(params["k_min"]), int(params["k_max"]))
    result = seg.kmeans_segments(features, range(k_min, k_max + 1),
                                 progress=steps.sub(0.3, 0.85), cancelled=steps.cancelled)
    steps.at(0.9, "Projecting")
    pca = seg.pca_projection(features)
    table = pd.DataFrame({
        "customer_id": features.index, "segment": result.labels.reindex(features.index).values,
        "value_score": seg.pca_value_score(features).reindex(features.index).values,
        "pc1": pca["pc1"].values, "pc2": pca["pc2"].values,
    })
    table["label"] = "Segment " + (table["segment"].astype(int) + 1).astype(str)
    rfm_seg = rfm_frame(f["orders"]).set_index("customer_id")["segment"]
    common = table[table["customer_id"].isin(rfm_seg.index)]
    ari = seg.adjusted_rand(rfm_seg.reindex(common["customer_id"]).tolist(),
                            common["segment"].tolist()) if len(common) else None
    quality = {"k": result.k, "silhouette": num(result.silhouettes.get(result.k)),
               "ARI vs RFM": num(ari), "customers": len(table)}
    for k, s in sorted(result.silhouettes.items()):
        quality[f"silhouette k={k}"] = num(s)
    chart = scatter_chart(table, "pc1", "pc2", "segment", "Segments (PCA)")
    return AnalysisOutcome("segments", quality, table, chart,
                           [("segment", table, "segment", "label"),
                            ("value_score", table, "value_score", None)],
                           table.set_index("customer_id")["label"])


def run_classify(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import classification as cls
    from crm_desktop.analytics import segmentation as seg

    f = load(database, steps, "customers", "orders", "tickets", "interactions",
             "survey_responses")
    features = seg.behaviour_features(f["customers"], f["orders"], f["tickets"],
                                      f["interactions"], f["survey_responses"],
                                      as_of=as_of(f["orders"]))
    category = f["customers"].set_index("id")["category"].replace("", None)
    category = category.reindex(features.index)
    known = category.notna()
    need(int(known.sum()), 30, "classification needs customers with a category")
    counts = category[known].value_counts()
    need(int((counts >= 3).sum()), 2, "classification needs two categories with 3+ customers")
    keep = known & category.isin(counts[counts >= 3].index)
    report = cls.fit_classifier(features[keep], category[keep], cv=3,
                                progress=steps.sub(0.3, 0.9), cancelled=steps.cancelled)
    unknown = features[~known]
    predicted = cls.predict_categories(report, unknown) if len(unknown) else pd.DataFrame(
        columns=["predicted", "probability"])
    table = pd.DataFrame({"customer_id": unknown.index,
                          "predicted": predicted["predicted"].values,
                          "probability": predicted["probability"].astype(float).values})
    quality = {"accuracy": num(report.accuracy), "roc_auc": num(report.roc_auc),
               "trained_on": report.n_samples, "classes": len(report.classes),
               "predicted": len(table)}
    top = report.feature_importances.head(10)
    chart = Chart("barh", [str(i) for i in top.index][::-1], top.tolist()[::-1],
                  "Feature importance", "", "")
    return AnalysisOutcome("classify", quality, table, chart,
                           [("category", table, "probability", "predicted")],
                           table.set_index("customer_id")["predicted"])


def run_rules(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import scoring
    from crm_desktop.analytics import segmentation as seg

    f = load(database, steps, "customers", "orders", "tickets", "interactions",
             "survey_responses")
    features = seg.behaviour_features(f["customers"], f["orders"], f["tickets"],
                                      f["interactions"], f["survey_responses"],
                                      as_of=as_of(f["orders"]))
    need(len(features), 1, "rules need customers")
    steps.at(0.6, "Applying rules")
    top = float(features["monetary"].quantile(0.8)) if len(features) else 0.0
    rules = scoring.RuleSet((
        scoring.Rule("frequency", "==", 0, "Prospect", 0, "never bought"),
        scoring.Rule("recency_days", ">", 365, "Dormant", -10, "no order for a year"),
        scoring.Rule("monetary", ">=", top, "High value", 30, "top 20% spend"),
        scoring.Rule("frequency", ">=", 3, "Regular", 20, "3+ orders"),
        scoring.Rule("complaint_count", ">", 0, None, -5, "complained"),
    ), default_category="Occasional")
    applied = scoring.apply_rules(features, rules)
    score = scoring.weighted_score(features, scoring.WeightedScore(
        {"monetary": 2, "frequency": 1, "recency_days": 1, "mean_satisfaction": 1},
        lower_is_better=("recency_days",)))
    table = applied.assign(score=(100 * score).round(1)).rename_axis("customer_id")
    table = table.reset_index()
    counts = table["category"].value_counts()
    quality: dict[str, float | str] = {"customers": len(table), "mean_score":
                                       num(table["score"].mean(), 2)}
    quality.update({f"category {k}": int(v) for k, v in counts.items()})
    chart = Chart("bar", [str(i) for i in counts.index], counts.tolist(),
                  "Customers per rule category", "", "Customers")
    return AnalysisOutcome("rules", quality, table, chart,
                           [("rule_score", table, "score", "category")],
                           table.set_index("customer_id")["category"])


def run_campaigns(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import campaigns as camp

    f = load(database, steps, "campaigns", "campaign_members", "orders")
    need(len(f["campaign_members"]), 10, "campaign analysis needs campaign members")
    steps.at(0.5, "Campaign performance")
    perf = camp.campaign_performance(f["campaigns"], f["campaign_members"])
    names = f["campaigns"].set_index("id")["name"]
    table = perf.reset_index()
    if "name" not in table.columns:
        table.insert(1, "name", table["campaign_id"].map(names))
    quality: dict[str, float | str] = {"campaigns": len(table), "members":
                                       int(table["members"].sum())}
    segments = rfm_frame(f["orders"]).set_index("customer_id")["segment"]
    try:
        test = camp.response_independence(f["campaign_members"], segments)
        quality.update({"chi2": num(test.chi2), "p_value": num(test.p_value),
                        "cramers_v": num(test.cramers_v), "dof": test.dof})
    except ValueError as error:
        quality["chi2"] = f"n/a ({error})"
    top = table.dropna(subset=["roi"]).sort_values("roi").tail(12)
    chart = Chart("barh", top["name"].astype(str).tolist(), top["roi"].astype(float).tolist(),
                  "Campaign ROI", "ROI", "")
    return AnalysisOutcome("campaigns", quality, table, chart)


def run_tickets(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import text

    f = load(database, steps, "tickets")
    texts = text.ticket_texts(f["tickets"])
    need(len(texts), 10, "ticket themes need tickets")
    result = text.text_themes(texts, k_range=range(2, 9), progress=steps.sub(0.3, 0.95),
                              cancelled=steps.cancelled)
    names = result.theme_names()
    table = pd.DataFrame({"theme": list(names), "name": list(names.values()),
                          "tickets": [result.sizes.get(k, 0) for k in names]})
    table = table.sort_values("tickets", ascending=False)
    quality = {"themes": result.n_themes, "tickets": len(texts),
               "silhouette": num(result.silhouettes.get(result.n_themes))}
    chart = Chart("barh", table["name"].tolist()[::-1], table["tickets"].tolist()[::-1],
                  "Ticket themes", "Tickets", "")
    return AnalysisOutcome("tickets", quality, table, chart)
