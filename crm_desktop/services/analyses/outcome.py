"""What an analysis returns (:class:`AnalysisOutcome`), made cheap to send to the window.

An outcome is computed in the app's background process and pickled back to the window's
process, where a worker thread unpickles it in one call that holds the GIL: its frames are
compacted first (:func:`compact_outcome`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

# How a column is shown: "customer" (a customer id: the row shows the customer's name and
# company and opens them), "name" (the customer's name beside its id), "opportunity" (a deal
# id), "money", "probability" and "share" (0..1 as a percentage), "days", "count", "score" (0-100), "band" (a risk or likelihood band
# key), "segment" (a segment's name key or name), "reasons" (the row's position in the
# outcome's ``reasons`` book, -1 for none), "text", "date", "hidden".
COLUMN_KINDS = ("customer", "name", "opportunity", "money", "probability", "share", "days",
                "count", "score", "band", "segment", "reasons", "text", "date", "hidden")

if TYPE_CHECKING:
    from typing import TypeAlias

    import pandas as pd

    from crm_desktop.analytics.charts import Chart
    from crm_desktop.services.insights.reason_book import ReasonBook
    from crm_desktop.services.insights.render import Sentence
    from crm_desktop.services.insights.summary import QualityNote

    # (kind, frame with customer_id, value column, label column[, detail columns]): one kind of
    # analytics_results; the optional detail columns go into each row's details (a JSON object).
    ResultSpec: TypeAlias = (tuple[str, pd.DataFrame, str | None, str | None]
                             | tuple[str, pd.DataFrame, str | None, str | None, tuple[str, ...]])


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
    # In words (services.insights): the two or three sentences the result opens with, and
    # model quality beside its figures (figure name -> note).
    summary: list[Sentence] = field(default_factory=list)
    notes: dict[str, QualityNote] = field(default_factory=dict)
    # How each column of ``table`` (and ``detail``, and each quality figure of the same name:
    # "money" ones are shown with the currency) is shown (see COLUMN_KINDS); the currency of
    # its money columns.
    columns: dict[str, str] = field(default_factory=dict)
    currency: str = "USD"
    # The column whose values are the groups a user selects at once (risk band, segment).
    groups: str | None = None
    # A second picture the user may switch to (the segments' PCA scatter).
    alt_chart: Chart | None = None
    # The segment names the user gave (name key -> name: storage.segment_names), shown
    # instead of the automatic names wherever the result shows a segment.
    names: dict[str, str] = field(default_factory=dict)
    # opportunity_id, win_probability: stored on the open deals (winprob only)
    deal_results: pd.DataFrame | None = None
    # The reasons the "reasons" columns point into (churn, propensity, winprob).
    reasons: ReasonBook | None = None

    @property
    def storable(self) -> bool:
        """Whether Apply has anything to store."""
        return (bool(self.results) or self.categories is not None
                or self.deal_results is not None)


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
    from pandas.api.types import (
        infer_dtype,
        is_integer_dtype,
        is_object_dtype,
        is_string_dtype,
    )

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
                # a str column holds only texts; an object column is asked in one C pass
                texts = isinstance(column.dtype, pd.StringDtype) or (
                    infer_dtype(column, skipna=True) == "string")
                if texts and column.nunique() <= len(column) // 20:
                    memo[key] = pd.Categorical(column.astype(object))
            elif is_integer_dtype(column) and column.dtype.kind == "i" \
                    and not (str(name) == "id" or str(name).endswith("_id")):
                smaller = pd.to_numeric(column, downcast="integer")
                if smaller.dtype.itemsize < column.dtype.itemsize:
                    memo[key] = smaller.to_numpy()
        if memo[key] is not None:
            changed[name] = memo[key]
    return frame.assign(**changed) if changed else frame
