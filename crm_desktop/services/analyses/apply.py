"""Store an analysis' outcome: its per-customer results, for classify and rules the categories
of customers who have none, and for winprob the win probability of each open deal (on the
opportunity). One transaction; returns what it wrote and changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_desktop.services.outcome import Outcome
from crm_desktop.storage.changes import Changes

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.services.analyses.outcome import AnalysisOutcome
    from crm_desktop.storage.database import Database

MODEL_VERSION = "analytics-1"


def stored_reasons(column: pd.Series) -> list[list[list[object]] | None]:
    """The reasons column (render.encode texts) as the lists analytics_results details keep:
    [[key, *numbers], ...] per row (None for a row without reasons)."""
    from crm_desktop.services.insights.render import decode, to_list

    return [[to_list(s) for s in decode(text)] if isinstance(text, str) and text else None
            for text in column.tolist()]


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
                detail_cols=detail_cols, convert={"reasons": stored_reasons})
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
