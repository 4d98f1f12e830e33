"""The two or three strongest reasons per customer or deal, as encoded sentences a result
table carries in its ``reasons`` column (:func:`render.encode`), and the commonest reasons of
a group (the summary's "strongest signs").

Only the rows a user acts on are explained (customers at medium or high churn risk, likely
buyers, every open deal): the contributions and phrases of 100,000 customers would add
seconds to the analysis for rows nobody reads.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING

from crm_desktop.services.insights.render import _ARG_SEP, _REASON_SEP, _arg_text

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.analytics.reasons import Explanation

TOP = 3


def phrased(explanation: Explanation, recent_days: float = 90.0) -> pd.DataFrame:
    """The explanation's reasons as phrases: row, rank, key, args (analytics.phrases)."""
    from crm_desktop.analytics.phrases import phrase_table

    return phrase_table(explanation.table, recent_days=recent_days)


def encoded(phrases: pd.DataFrame) -> dict[Hashable, str]:
    """One text per explained row: its reasons, strongest first (render.decode reads it); a
    key given twice for a row ("never ordered" by several columns) is said once.

    Built straight into each row's text: a list of parts per row and a set of the (row, key)
    pairs said were several hundred MB at a million customers."""
    if not len(phrases):
        return {}
    kept = phrases.loc[~phrases.duplicated(subset=["row", "key"]).to_numpy()]
    texts: dict[Hashable, str] = {}
    for row, key, args in zip(kept["row"].tolist(), kept["key"].tolist(),
                              kept["args"].tolist(), strict=True):
        part = _ARG_SEP.join([f"reason:{key}", *(_arg_text(a) for a in args)])
        texts[row] = f"{texts[row]}{_REASON_SEP}{part}" if row in texts else part
    return texts


def top_keys(phrases: pd.DataFrame, rows: Iterable[Hashable], top: int = 2) -> tuple[str, ...]:
    """The phrase keys given as a reason to most of ``rows`` (each row counted once per key),
    most common first, ties by key (as analytics.summaries.top_reason_keys)."""
    wanted = set(rows)
    chosen = phrases[phrases["row"].isin(wanted)][["row", "key"]].drop_duplicates()
    counts = chosen["key"].value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return tuple(str(key) for key, _ in ranked[:top])
