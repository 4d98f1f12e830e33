"""Analyses as plain functions: load the frames (storage), run the analytics, shape the result.

    outcome = run_analysis(database, "churn", {"horizon_days": 180}, progress, cancelled)
    outcome.quality     # {"AUC (logistic)": 0.81, ...}: headline figures
    outcome.table       # per-customer (or per-campaign/theme/...) result rows
    outcome.detail      # a small second table (confusion matrix, anomalies, lift...) or None
    outcome.chart       # Chart(kind, x, y, ...) to draw, or None
    apply_outcome(database, outcome)   # store the results; classify/rules fill empty categories

Used by `crm-desktop analytics NAME` and by the dashboard and analytics pages (inside workers:
this module imports pandas and the analytics lazily, so importing it is cheap). The parameters
each analysis reads are :data:`PARAMETERS` (defaults :data:`DEFAULT_PARAMS`, checked by
:func:`check_params`); the page shows one control and the CLI one flag per parameter. The
analyses themselves are in :mod:`crm_desktop.cli.analyses_descriptive` (kpis, rfm, campaigns,
tickets), :mod:`crm_desktop.cli.analyses_segments` (segments, classify) and
:mod:`crm_desktop.cli.analyses_models` (churn, propensity, winprob, clv, forecast, quality).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypeAlias

    import pandas as pd

    from crm_desktop.storage.database import Database
    from crm_desktop.storage.frame_cache import FrameCache

    # (kind, frame with customer_id, value column, label column[, detail columns]): one kind of
    # analytics_results; the optional detail columns go into each row's details (a JSON object).
    ResultSpec: TypeAlias = (tuple[str, pd.DataFrame, str | None, str | None]
                             | tuple[str, pd.DataFrame, str | None, str | None, tuple[str, ...]])

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]

NAMES: tuple[str, ...] = ("kpis", "rfm", "segments", "classify", "churn", "propensity",
                          "winprob", "clv", "rules", "campaigns", "tickets", "forecast",
                          "quality")
DEFAULT_PARAMS: dict[str, Any] = {
    "horizon_days": 180, "k_min": 2, "k_max": 6, "clv_months": 12, "propensity_days": 90,
    "method": "kmeans", "min_samples": 0, "model": "random_forest", "target": "any",
    "discount_rate": 12.0, "period": "month", "loyal_min_quarters": 2, "loyal_quarters": 4,
    "churn_window_days": 90, "theme_method": "kmeans", "themes": 0, "text_source": "tickets",
}
# The parameters each analysis reads (the others ignore them): the page's controls, the flags.
PARAMETERS: dict[str, tuple[str, ...]] = {
    "kpis": ("period", "loyal_min_quarters", "loyal_quarters", "churn_window_days"),
    "segments": ("method", "k_min", "k_max", "min_samples"),
    "classify": ("model",),
    "churn": ("horizon_days",),
    "propensity": ("propensity_days", "target"),
    "clv": ("clv_months", "discount_rate"),
    "tickets": ("text_source", "theme_method", "themes"),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "period": ("month", "quarter"), "method": ("kmeans", "dbscan"),
    "model": ("random_forest", "decision_tree", "logistic", "svm"),
    # Text themes: their own method parameter, because k-means/DBSCAN of segments and
    # k-means/NMF of texts are different choices (and the page remembers each separately).
    "theme_method": ("kmeans", "nmf"), "text_source": ("tickets", "needs"),
}
# Accepted range of each numeric parameter (min_samples 0: 2 x the number of features;
# themes 0: chosen by silhouette, and 1 is refused: one theme says nothing).
LIMITS: dict[str, tuple[float, float]] = {
    "horizon_days": (30, 730), "k_min": (2, 12), "k_max": (2, 15), "clv_months": (1, 60),
    "propensity_days": (14, 365), "min_samples": (0, 200), "discount_rate": (0.0, 50.0),
    "loyal_min_quarters": (1, 8), "loyal_quarters": (1, 8), "churn_window_days": (7, 730),
    "themes": (0, 20),
}
MODEL_VERSION = "analytics-1"


class AnalysisError(Exception):
    """The analysis cannot run on this data (one line for the user)."""


def check_params(params: dict[str, Any] | None) -> dict[str, Any]:
    """DEFAULT_PARAMS updated with ``params``, each converted to its default's type and checked
    against CHOICES and LIMITS; AnalysisError (one line) names the first bad one."""
    merged = {**DEFAULT_PARAMS, **(params or {})}
    for name, default in DEFAULT_PARAMS.items():
        value = merged[name]
        try:
            value = type(default)(value)
        except (TypeError, ValueError):
            raise AnalysisError(f"{name}: {value!r} is not a {type(default).__name__}") from None
        if name in CHOICES and value not in CHOICES[name]:
            raise AnalysisError(f"{name}: {value!r}; one of: {', '.join(CHOICES[name])}")
        low, high = LIMITS.get(name, (None, None))
        if low is not None and high is not None and not low <= value <= high:
            raise AnalysisError(f"{name}: {value} is outside {low:g}..{high:g}")
        merged[name] = value.strip() if isinstance(value, str) else value
    if not merged["target"]:
        merged["target"] = "any"
    if merged["loyal_min_quarters"] > merged["loyal_quarters"]:
        raise AnalysisError("loyal_min_quarters must not exceed loyal_quarters")
    if merged["themes"] == 1:
        raise AnalysisError("themes: 1; 0 (automatic) or 2..20")
    return merged


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
    # (kind, frame with customer_id, value column, label column[, detail columns]) for
    # analytics_results (see ResultSpec)
    results: list[ResultSpec] = field(default_factory=list)
    # customer_id -> category for empty customers.category: only classify and rules set it
    # (segment and RFM labels are results, not categories the classifier would learn from)
    categories: pd.Series | None = None
    # A small second table (at most ~100 rows: the page fills it on the GUI thread).
    detail: pd.DataFrame | None = None
    detail_title: str = ""


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
    from crm_desktop.cli.analyses_descriptive import run_campaigns, run_kpis, run_rfm, run_tickets
    from crm_desktop.cli.analyses_rules import run_rules
    from crm_desktop.cli.analyses_segments import run_classify, run_segments

    merged = check_params(params)
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
    compact_outcome(outcome)
    steps.at(1.0, "Done")
    return outcome


def compact_outcome(outcome: AnalysisOutcome) -> None:
    """Text columns with few distinct values (segment names, risk bands, labels) become
    categoricals in the outcome's frames. The app unpickles an outcome in a worker thread of
    the window's process, in one call that holds the GIL: at 80,000 customers an RFM table
    took 16-27 ms with 80,000 strings in it, as codes and a few names much less."""
    memo: dict[int, Any] = {}  # frames that shared a column share its categorical
    outcome.table = compact_frame(outcome.table, memo)
    if outcome.detail is not None:
        outcome.detail = compact_frame(outcome.detail, memo)
    outcome.results = [(kind, compact_frame(frame, memo), *rest)
                       for kind, frame, *rest in outcome.results]


def compact_frame(frame: pd.DataFrame, memo: dict[int, Any] | None = None) -> pd.DataFrame:
    """``frame`` with its text columns of few distinct values (at most one per 20 rows) as
    categoricals (same values; categories sorted, so sorting by them stays alphabetical), and
    its integer columns other than identifiers in the smallest integer type that holds them
    (scores of 1-5 need one byte, not eight: the RFM table went from 11.9 to about 5 MB).
    Frames under 500 rows are left as they are (nothing to gain)."""
    import pandas as pd
    from pandas.api.types import is_integer_dtype, is_object_dtype, is_string_dtype

    memo = {} if memo is None else memo
    changed = {}
    for name in frame.columns:
        column = frame[name]
        if len(column) < 500:
            continue
        key = id(column.array)
        if key not in memo:
            memo[key] = None
            if is_string_dtype(column) or is_object_dtype(column):
                values = column.dropna()
                texts = values.map(type).eq(str).all()
                if texts and values.nunique() <= len(column) // 20:
                    memo[key] = pd.Categorical(column.astype(object))
            elif is_integer_dtype(column) and column.dtype.kind == "i" \
                    and not (str(name) == "id" or str(name).endswith("_id")):
                smaller = pd.to_numeric(column, downcast="integer")
                if smaller.dtype.itemsize < column.dtype.itemsize:
                    memo[key] = smaller.to_numpy()
        if memo[key] is not None:
            changed[name] = memo[key]
    return frame.assign(**changed) if changed else frame


# What most analyses load (KPIs, RFM, segments, churn, CLV, rules, classification).
WARM_FRAMES = ("customers", "orders", "tickets", "interactions", "survey_responses",
               "opportunities")


def warm_up(database: Database, progress: ProgressFn | None = None,
            cancelled: CancelFn | None = None, frames: FrameCache | None = None) -> int:
    """Get a process ready to run analyses: import the models' libraries (scikit-learn and
    scipy take 1-2 s) and, when the process keeps a frame cache, load the frames most
    analyses need (at 100,000 customers and 1,000,000 orders about 4.5 s). The Analytics page
    runs it in its background process when first shown, so the first Run does not wait for
    it. Returns how many frames are cached."""
    from crm_desktop.analytics import churn, clv, report, segmentation  # noqa: F401

    if frames is None:
        return 0
    for i, name in enumerate(WARM_FRAMES):
        report(progress, cancelled, i / len(WARM_FRAMES), f"Loading {name}")
        frames.get(name)
    return len(WARM_FRAMES)


def apply_outcome(database: Database, outcome: AnalysisOutcome) -> dict[str, int]:
    """Store the outcome's per-customer results (each kind's detail columns, when it names
    any, in the rows' details) and fill empty customer categories (classify, rules)."""
    from crm_desktop.storage import analytics_store

    written = {}
    for kind, frame, value_col, label_col, *rest in outcome.results:
        detail_cols = tuple(rest[0]) if rest else ()
        written[kind] = analytics_store.save_results(
            database, kind, frame, value_col, label_col, model_version=MODEL_VERSION,
            detail_cols=detail_cols)
    if outcome.categories is not None:
        written["categories"] = analytics_store.apply_categories(
            database, outcome.categories.dropna().to_dict(), source=outcome.name)
    return written


# ------------------------------------------------------------------------------ descriptive
def rfm_frame(orders: pd.DataFrame, steps: Steps | None = None) -> pd.DataFrame:
    from crm_desktop.analytics import rfm

    table = rfm.rfm_table(orders, as_of(orders),
                          progress=steps.sub(0.3, 0.9) if steps else None,
                          cancelled=steps.cancelled if steps else None)
    table = table.reset_index()
    table["rfm_score"] = table["r_score"] + table["f_score"] + table["m_score"]
    return table

