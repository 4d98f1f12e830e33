"""The two or three strongest reasons per customer or deal, as encoded sentences a result
table carries in its ``reasons`` column (:func:`render.encode`), and the commonest reasons of
a group (the summary's "strongest signs").

Only the rows a user acts on are explained (customers at medium or high churn risk, likely
buyers, every open deal): the contributions and phrases of 100,000 customers would add
seconds to the analysis for rows nobody reads.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

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

    Built a column at a time: the phrases of one key and number of arguments get their texts
    together, then each row's parts are joined. Phrase by phrase in Python this took 1.3 s of
    a churn run at 80,000 customers (0.3 s now), and a list per row and a set of the (row,
    key) pairs said were several hundred MB at a million customers."""
    import numpy as np
    import pandas as pd

    if not len(phrases):
        return {}
    kept = phrases.loc[~phrases.duplicated(subset=["row", "key"]).to_numpy()]
    rows = kept["row"].to_numpy()
    args = kept["args"].to_numpy(dtype=object)
    arity = np.fromiter(map(len, args), dtype=np.int64, count=len(args))
    codes, keys = pd.factorize(kept["key"].to_numpy(dtype=object))
    width = int(arity.max()) + 1
    group = codes.astype(np.int64) * width + arity
    parts = np.empty(len(kept), dtype=object)
    for value in np.unique(group).tolist():
        at = np.flatnonzero(group == value)
        text = np.full(len(at), f"reason:{keys[value // width]}", dtype=object)
        chosen = args[at].tolist()
        for j in range(value % width):
            text = text + _ARG_SEP + _texts([a[j] for a in chosen])
        parts[at] = text
    order = np.argsort(pd.factorize(rows)[0], kind="stable")  # a row's parts together, by rank
    rows, listed = rows[order], parts[order].tolist()
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    return {row: _REASON_SEP.join(listed[a:b])
            for row, a, b in zip(rows[starts].tolist(), starts.tolist(), ends.tolist(),
                                 strict=True)}


def _texts(values: list[Any]) -> Any:
    """The texts of many arguments, as render._arg_text gives them one by one."""
    import numpy as np

    kinds = set(map(type, values))
    if kinds == {int}:
        return np.array(list(map(str, values)), dtype=object)
    if kinds == {float} and _repr_is_arg_text(np.fromiter(values, float, len(values))):
        return np.array(list(map(repr, values)), dtype=object)
    return np.array([_arg_text(v) for v in values], dtype=object)


def _repr_is_arg_text(numbers: Any) -> bool:
    """Whether repr() writes these floats as _arg_text does: it writes a whole number x as
    "x.0" below 1e16 and in exponent form from there (_arg_text: "x.0" always)."""
    import numpy as np

    finite = numbers[np.isfinite(numbers)]
    return not len(finite) or float(np.abs(finite).max()) < 1e16


def top_keys(phrases: pd.DataFrame, rows: Iterable[Hashable], top: int = 2) -> tuple[str, ...]:
    """The phrase keys given as a reason to most of ``rows`` (each row counted once per key),
    most common first, ties by key (as analytics.summaries.top_reason_keys)."""
    wanted = set(rows)
    chosen = phrases[phrases["row"].isin(wanted)][["row", "key"]].drop_duplicates()
    counts = chosen["key"].value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return tuple(str(key) for key, _ in ranked[:top])
