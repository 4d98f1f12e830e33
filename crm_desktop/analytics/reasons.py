"""The strongest reasons behind each customer's or deal's score, from the fitted model.

Contributions come from :mod:`crm_desktop.analytics.contributions` (per-feature log-odds for
linear models, path attribution for trees). For every explained row the ``top`` features that
push the score most in the asked ``direction`` (:data:`UP`: towards the target class, e.g. churn
or a win) are its reasons, strongest first; a feature whose contribution is not strictly in that
direction is never a reason, so a row may have fewer (or none).

``Reason.value`` is the row's value of the feature in the units its name states: the churn and
propensity wrappers undo the log1p their models see (``frequency`` is a number of orders), while
win probability's ``amount_log`` stays the logarithm its name says. :mod:`phrases` turns a
Reason into a key and numbers the UI can translate.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crm_desktop.analytics.contributions import Contributions, contributions
from crm_desktop.analytics.features import LOG_COLUMNS, undo_log_transform
from crm_desktop.analytics.propensity import logged_columns

UP = 1
DOWN = -1
REASON_COLUMNS: tuple[str, ...] = ("row", "rank", "feature", "value", "contribution", "direction")
EXPLAIN_CHUNK = 50_000  # rows explained at a time (explain)


@dataclass(frozen=True, slots=True)
class Reason:
    """One feature's push on one row's score.

    feature: the model's input column; value: the row's value of it (float, or text for a
    category; NaN when unknown); contribution: its signed share of the score above the reference
    (log-odds for linear models, probability for trees: see ``Explanation.unit``); direction:
    +1 when it raises the score, -1 when it lowers it.
    """

    feature: str
    value: float | str
    contribution: float
    direction: int


@dataclass(frozen=True, eq=False)
class Explanation:
    """``table``: the reasons as rows (columns :data:`REASON_COLUMNS`; row = the explained row's
    index label, rank 1 = strongest); ``contributions``: every feature's contribution per row;
    ``unit``: "log_odds" or "probability"."""

    table: pd.DataFrame
    contributions: Contributions

    @property
    def unit(self) -> str:
        return self.contributions.unit

    def by_row(self) -> dict[Hashable, list[Reason]]:
        """Reasons per explained row (every row is a key; [] when none), strongest first."""
        out: dict[Hashable, list[Reason]] = {row: [] for row in self.contributions.values.index}
        t = self.table
        # plain lists: iterating Series boxes every cell (4x slower at 300,000 reasons)
        columns = [t[c].tolist() for c in ("row", "feature", "value", "contribution", "direction")]
        for row, feature, value, part, sign in zip(*columns, strict=True):
            out[row].append(Reason(feature, _plain(value), part, sign))
        return out


def _plain(value: Any) -> float | str:
    if isinstance(value, str | float):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def top_reasons(
    parts: Contributions,
    values: pd.DataFrame,
    top: int = 3,
    direction: int = UP,
) -> pd.DataFrame:
    """The ``top`` strongest contributions in ``direction`` per row as a long table (see
    :class:`Explanation`); ``values`` holds the values reported (same index and columns)."""
    if direction not in (UP, DOWN):
        raise ValueError("direction is +1 (raises the score) or -1 (lowers it)")
    frame = parts.values
    strength = frame.to_numpy(dtype=float) * direction
    k = min(top, strength.shape[1])
    order = np.argsort(-strength, axis=1, kind="stable")[:, :k]
    best = np.take_along_axis(strength, order, axis=1)
    row_pos, rank_pos = np.nonzero(best > 0.0)
    col_pos = order[row_pos, rank_pos]
    shown = values.reindex(index=frame.index, columns=frame.columns)
    # Numbers stay numbers: a whole frame of Python objects (a million at 80,000 customers)
    # was made to pick three values per row.
    numeric = all(dtype.kind == "f" for dtype in shown.dtypes)
    picked = shown.to_numpy(dtype=float if numeric else object)[row_pos, col_pos]
    return pd.DataFrame(
        {
            "row": frame.index.to_numpy()[row_pos],
            "rank": rank_pos + 1,
            "feature": frame.columns.to_numpy()[col_pos],
            "value": picked,
            "contribution": best[row_pos, rank_pos] * direction,
            "direction": np.full(len(row_pos), direction),
        },
        columns=list(REASON_COLUMNS),
    )


def explain(
    model: Any,
    features: pd.DataFrame,
    rows: Sequence[Hashable] | pd.Index | None = None,
    *,
    values: pd.DataFrame | None = None,
    top: int = 3,
    direction: int = UP,
    target: Hashable | None = None,
    known: Contributions | None = None,
) -> Explanation:
    """Reasons for ``rows`` (index labels of ``features``; all rows when None).

    ``model``: a fitted Pipeline or CalibratedClassifierCV (see contributions); ``features``:
    the frame the model scores (its index identifies customers or deals; its mean is the
    reference where the model does not know its training mean); ``values``: the values to
    report, default ``features``; ``target``: the class whose score is explained (default the
    last class: churned, bought, won). ``known``: the contributions of ``features``' rows to
    the model's score of ``target``, when they came with the scores (features.explained_scores).
    """
    chosen = features.index if rows is None else pd.Index(rows)
    shown = features if values is None else values

    def contributions_of(wanted: pd.Index) -> Contributions:
        if known is not None:
            return Contributions(known.values.loc[wanted], known.base, known.unit)
        return contributions(model, features.loc[wanted], background=features, target=target)

    if len(chosen) <= EXPLAIN_CHUNK:
        parts = contributions_of(chosen)
        return Explanation(top_reasons(parts, shown, top, direction), parts)
    # A chunk of rows at a time: a forest's leaves of every row (rows x trees) and each tree's
    # contributions of every row (rows x features) were hundreds of MB at a million customers.
    # Each row's contributions and reasons are the same as computed all at once.
    tables, pieces = [], []
    for start in range(0, len(chosen), EXPLAIN_CHUNK):
        part = contributions_of(chosen[start:start + EXPLAIN_CHUNK])
        tables.append(top_reasons(part, shown, top, direction))
        pieces.append(part.values)
    whole = Contributions(pd.concat(pieces), part.base, part.unit)
    return Explanation(pd.concat(tables, ignore_index=True), whole)


def churn_reasons(
    pipeline: Any,
    features: pd.DataFrame,
    rows: Sequence[Hashable] | pd.Index | None = None,
    top: int = 3,
) -> Explanation:
    """Why customers are likely to churn: ``pipeline`` = ChurnReport.pipeline, ``features`` =
    churn.churn_features(..., as_of=report.cutoff). Values are in their own units."""
    return explain(pipeline, features, rows, values=undo_log_transform(features, LOG_COLUMNS),
                   top=top)


def propensity_reasons(
    pipeline: Any,
    features: pd.DataFrame,
    rows: Sequence[Hashable] | pd.Index | None = None,
    top: int = 3,
) -> Explanation:
    """Why customers are likely to buy: ``pipeline`` = PropensityReport.pipeline, ``features``
    = propensity.propensity_features(..., as_of=report.as_of). Values in their own units."""
    model_columns = [c for c in features.columns if c not in ("cat_recency_days",)]
    shown = undo_log_transform(features, logged_columns(model_columns))
    return explain(pipeline, features, rows, values=shown, top=top)


def win_reasons(
    model: Any,
    features: pd.DataFrame,
    rows: Sequence[Hashable] | pd.Index | None = None,
    top: int = 3,
) -> Explanation:
    """Why deals are likely to be won: ``model`` = WinProbReport.model (calibrated), ``features``
    = classification.as_model_frame(winprob.opportunity_features(...)) of the open deals."""
    return explain(model, features, rows, top=top)
