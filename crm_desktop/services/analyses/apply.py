"""Store an analysis' outcome: its per-customer results, for classify and rules the categories
of customers who have none, and for winprob the win probability of each open deal (on the
opportunity). One transaction; returns what it wrote and changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crm_desktop.services.outcome import Outcome
from crm_desktop.storage.changes import Changes

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.services.analyses.outcome import AnalysisOutcome
    from crm_desktop.storage.database import Database

MODEL_VERSION = "analytics-1"


def apply_outcome(database: Database, outcome: AnalysisOutcome) -> Outcome[dict[str, int]]:
    """Store the outcome's per-customer results (each kind's detail columns, when it names
    any, in the rows' details) and fill empty customer categories (classify, rules).

    The value is how many rows each kind wrote ("categories": customers categorised). Results
    are derived data written in bulk (not audited row by row); the categories are one audited
    summary entry. The changes name "analytics_results" and, when categories were filled,
    "customers"."""
    from crm_desktop.storage import analytics_store

    written: dict[str, int] = {}
    with database.engine.begin() as connection:
        for kind, frame, value_col, label_col, *rest in outcome.results:
            detail_cols = tuple(rest[0]) if rest else ()
            # the reasons become lists a chunk of rows at a time (a million customers' lists
            # at once were hundreds of MB)
            written[kind] = analytics_store.save_results(
                connection, kind, frame, value_col, label_col, model_version=MODEL_VERSION,
                detail_cols=detail_cols, convert=_converters(outcome))
        if outcome.categories is not None:
            written["categories"] = analytics_store.apply_categories(
                connection, outcome.categories.dropna().to_dict(), source=outcome.name,
                actor=database.actor)
        deals: list[int] = []
        if outcome.deal_results is not None:
            deals = analytics_store.save_win_probabilities(connection, outcome.deal_results)
            written["win_probability"] = len(deals)
    changes = Changes.of("analytics_results") if outcome.results else Changes()
    if written.get("categories"):
        changes |= Changes.of("customers")
    if deals:
        changes |= Changes.rows("opportunities", deals)
    return Outcome(written, changes)


def _converters(outcome: AnalysisOutcome) -> dict[str, Callable[[pd.Series], list[Any]]]:
    """How detail columns become what analytics_results' details keep: the reasons column
    (book positions) as [[key, *numbers], ...] per row, None without reasons."""
    book = outcome.reasons
    if book is None:
        return {}
    return {"reasons": lambda column: book.stored(column.tolist())}
