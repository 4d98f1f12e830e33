"""The Analytics page's workers: plain functions the window's runner calls in a worker
thread (and, through the background process, ``ChildService.call``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.services.analyses import apply, run

if TYPE_CHECKING:
    from crm_desktop.services.analyses.outcome import AnalysisOutcome
    from crm_desktop.services.outcome import Outcome
    from crm_desktop.storage.database import Database
    from crm_desktop.ui.child_process import ChildService


def run_job(service: ChildService | None, database: Database, name: str,
            params: dict[str, Any], progress: Any = None, cancelled: Any = None) -> Any:
    """Worker: one analysis (plain Python, no Qt), in the background process when the database
    is a file, so the fit never holds the app's GIL (see ui/child_process.py)."""
    import warnings

    if service is not None:
        return service.call(run.run_analysis, name, params, progress=progress,
                            cancelled=cancelled)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run.run_analysis(database, name, params, progress, cancelled)


def warm_job(service: ChildService, progress: Any = None, cancelled: Any = None) -> int:
    """Worker: start the background process and let it load the common frames."""
    return int(service.call(run.warm_up, progress=progress, cancelled=cancelled))


def apply_job(database: Database, outcome: AnalysisOutcome) -> Outcome[dict[str, int]]:
    return apply.apply_outcome(database, outcome)


def categories_job(database: Database) -> list[str]:
    from crm_desktop.storage.analysis_options import product_categories

    return product_categories(database)
