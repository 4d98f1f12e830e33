"""Run one analysis by name (:func:`run_analysis`), or get a process ready to (:func:`warm_up`).

Both are top-level functions the app's background process calls by reference
(``ChildService.call(run_analysis, name, params)``): the process passes its frame cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crm_desktop.analytics import CancelFn, ProgressFn
from crm_desktop.services.analyses.descriptive import FRAME_KPI_ORDERS
from crm_desktop.services.analyses.naming import name_outcome
from crm_desktop.services.analyses.outcome import compact_outcome
from crm_desktop.services.analyses.parameters import NAMES, AnalysisError, check_params
from crm_desktop.services.analyses.steps import Steps

if TYPE_CHECKING:
    from crm_desktop.services.analyses.outcome import AnalysisOutcome
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.frame_cache import FrameCache

Runner = Callable[["Database", dict[str, Any], Steps], "AnalysisOutcome"]

# What most analyses load (KPIs, RFM, segments, churn, CLV, rules, classification).
WARM_FRAMES = ("customers", "orders", "tickets", "interactions", "survey_responses",
               "opportunities")
# Above this many live orders the warm-up loads no frame: at a million customers (3.2 million
# orders) the frames it would hold were the background process's peak (about 790 MB), whatever
# the user then runs. Each analysis loads what it reads when it runs (and the cache keeps it).
# The key figures' own limit: above it they sum in SQL, so a warm orders frame would not serve
# them either.
WARM_MAX_ORDERS = FRAME_KPI_ORDERS


def _runners() -> dict[str, Runner]:
    """Each analysis' function (their modules import pandas: imported when one runs)."""
    from crm_desktop.services.analyses import (
        behaviour,
        data_quality,
        descriptive,
        forecast,
        models,
        rules,
        satisfaction,
        segments,
        themes,
        value,
    )

    return {
        "kpis": descriptive.run_kpis, "rfm": descriptive.run_rfm,
        "segments": segments.run_segments, "classify": segments.run_classify,
        "rules": rules.run_rules, "campaigns": descriptive.run_campaigns,
        "tickets": themes.run_tickets, "forecast": forecast.run_forecast,
        "quality": data_quality.run_quality, "churn": models.run_churn,
        "propensity": models.run_propensity, "winprob": models.run_winprob,
        "clv": value.run_clv, "basket": behaviour.run_basket,
        "anomalies": behaviour.run_anomalies, "satisfaction": satisfaction.run_satisfaction,
    }


def run_analysis(
    database: Database,
    name: str,
    params: dict[str, Any] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    frames: FrameCache | None = None,
    named: bool = True,
) -> AnalysisOutcome:
    """Run analysis ``name`` (one of :data:`NAMES`) with ``params`` over DEFAULT_PARAMS; the
    frames come from ``frames`` when given (a process that runs several analyses keeps one).
    ``named=False`` leaves the rows without their customers' names: for an outcome that is
    only stored (a million customers' names are some 100 MB read and made into texts)."""
    merged = check_params(params)
    if name not in NAMES:
        raise AnalysisError(f"unknown analysis {name!r}; one of: {', '.join(NAMES)}")
    steps = Steps(progress, cancelled, frames)
    outcome = _runners()[name](database, merged, steps)
    if named:
        name_outcome(database, outcome, steps)
    compact_outcome(outcome)
    steps.at(1.0, "Done")
    return outcome


def warm_up(database: Database, progress: ProgressFn | None = None,
            cancelled: CancelFn | None = None, frames: FrameCache | None = None) -> int:
    """Get a process ready to run analyses: import the models' libraries (scikit-learn and
    scipy take 1-2 s) and, when the process keeps a frame cache, load the frames most
    analyses need (their columns: :func:`warm_columns`), unless the database has more than
    `WARM_MAX_ORDERS` orders. The Analytics page runs it in its background process when first
    shown, so the first Run does not wait for it. Returns how many frames are cached."""
    from crm_desktop.analytics import churn, clv, report, segmentation  # noqa: F401
    from crm_desktop.storage.maintenance import live_counts

    if frames is None or live_counts(database, ["orders"])["orders"] > WARM_MAX_ORDERS:
        return 0
    wanted = warm_columns()
    for i, name in enumerate(WARM_FRAMES):
        report(progress, cancelled, i / len(WARM_FRAMES), f"Loading {name}")
        frames.get(name, wanted[name] or None)
    return len(WARM_FRAMES)


def warm_columns() -> dict[str, list[str]]:
    """Per warm frame, the columns the KPIs, churn, CLV and the customers' names read: whole
    frames of a million customers (names, addresses, texts) are gigabytes, and an analysis that
    needs more columns adds them to the cache when it runs."""
    from crm_desktop.services.analyses.descriptive import KPI_COLUMNS
    from crm_desktop.services.analyses.models import CHURN_COLUMNS
    from crm_desktop.services.analyses.naming import NAME_COLUMNS
    from crm_desktop.services.analyses.value import CLV_COLUMNS

    wanted: dict[str, list[str]] = {name: [] for name in WARM_FRAMES}
    for columns in (KPI_COLUMNS, CHURN_COLUMNS, CLV_COLUMNS, {"customers": NAME_COLUMNS}):
        for name, names in columns.items():
            if name in wanted:
                wanted[name] += [c for c in names if c not in wanted[name]]
    return wanted
