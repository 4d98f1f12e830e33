"""RFM analysis: recency, frequency, monetary per customer, quintile scores and named segments.

Scores are quintiles 1-5 over the customers who bought at or before ``as_of``. Values are ranked
with ``rank(method="first")`` (ties broken by order of appearance) before cutting into five equal
groups, so each score holds 20% of customers (+-1 when the count is not a multiple of 5).
Recency is scored in reverse: the most recent buyers get 5.

Segment map on (R, FM) where FM = round-half-up((F + M) / 2):

====================  ==========================
R \\ FM               segment
====================  ==========================
R=1, FM=1             Lost
R 1-2, FM 1-2 (else)  Hibernating
R 1-2, FM 3-4         At risk
R 1-2, FM 5           Can't lose them
R 3, FM 1-2           About to sleep
R 3, FM 3             Need attention
R 3-4, FM 4-5         Loyal
R 4, FM 1             Promising
R 5, FM 1             New
R 4-5, FM 2-3         Potential loyalist
R 5, FM 4-5           Champions
====================  ==========================
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.features import (
    DAY,
    TimeLike,
    as_of_date,
    as_timestamp,
    order_features,
)

SEGMENTS: tuple[str, ...] = (
    "Champions",
    "Loyal",
    "Potential loyalist",
    "New",
    "Promising",
    "Need attention",
    "About to sleep",
    "At risk",
    "Can't lose them",
    "Hibernating",
    "Lost",
)


def _segment_grid() -> np.ndarray:
    """6x6 object array: grid[r][fm] = segment name for r, fm in 1..5 (index 0 unused)."""
    grid = np.empty((6, 6), dtype=object)
    for r in range(1, 6):
        for fm in range(1, 6):
            if r <= 2:
                name = "Hibernating" if fm <= 2 else "At risk" if fm <= 4 else "Can't lose them"
                if r == 1 and fm == 1:
                    name = "Lost"
            elif r == 3:
                name = "About to sleep" if fm <= 2 else "Need attention" if fm == 3 else "Loyal"
            elif fm >= 4:
                name = "Loyal" if r == 4 else "Champions"
            elif fm == 1:
                name = "Promising" if r == 4 else "New"
            else:
                name = "Potential loyalist"
            grid[r, fm] = name
    return grid


SEGMENT_GRID = _segment_grid()


def quintile_scores(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """Scores 1-5: ``ceil(5 * rank_first / n)`` where rank_first = rank(method="first").

    With ``higher_is_better=False`` the ranking is done on ``-values`` (smaller -> score 5).
    Each score holds n/5 rows (+-1).
    """
    if values.empty:
        return pd.Series(dtype="int64", index=values.index)
    ranked = (values if higher_is_better else -values).rank(method="first")
    scores = np.ceil(5.0 * ranked.to_numpy() / len(values)).astype(np.int64)
    return pd.Series(np.clip(scores, 1, 5), index=values.index, name=values.name)


# "111".."555": the 125 codes made once (a text object per customer was some 60 MB of a
# million customers' RFM table; these are shared by every row with the code)
_CODES = np.array([f"{r}{f}{m}" for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)],
                  dtype=object)


def rfm_codes(r_score: pd.Series, f_score: pd.Series, m_score: pd.Series) -> pd.Series:
    """The "RFM" digits of aligned scores 1-5 (pandas' ``str`` dtype, as the scores' texts
    added together)."""
    at = ((r_score.to_numpy(dtype=np.int64) - 1) * 25 + (f_score.to_numpy(dtype=np.int64) - 1)
          * 5 + m_score.to_numpy(dtype=np.int64) - 1)
    return pd.Series(_CODES[at], index=r_score.index, dtype="str")


def segment_for(r_score: pd.Series, fm_score: pd.Series) -> pd.Series:
    """Segment names looked up in :data:`SEGMENT_GRID` for aligned R and FM score Series."""
    names = SEGMENT_GRID[r_score.to_numpy(dtype=int), fm_score.to_numpy(dtype=int)]
    return pd.Series(names, index=r_score.index, name="segment", dtype=object)


def rfm_table(
    orders: pd.DataFrame,
    as_of: TimeLike,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> pd.DataFrame:
    """RFM per customer with at least one paid order at or before ``as_of``.

    recency = days since last order; frequency = number of paid orders; monetary = sum(amount).
    r_score / f_score / m_score: :func:`quintile_scores` (recency reversed);
    fm_score = floor((f + m + 1) / 2); rfm_code = "RFM" digits; segment from the module map.
    Index: customer_id.
    """
    report(progress, cancelled, 0.0, "Aggregating orders")
    feats = order_features(orders, as_timestamp(as_of))
    report(progress, cancelled, 0.6, "Scoring quintiles")
    out = rfm_scores(feats["recency_days"], feats["frequency"], feats["monetary"])
    report(progress, cancelled, 1.0, "RFM done")
    return out


def rfm_scores(recency: pd.Series, frequency: pd.Series, monetary: pd.Series) -> pd.DataFrame:
    """The RFM table of aligned per-customer figures (index: customer_id, in increasing id
    order as the ranks' ties are broken): recency in days, frequency (orders), monetary."""
    out = pd.DataFrame(
        {
            "recency": recency,
            "frequency": frequency.astype(np.int64),
            "monetary": monetary,
        }
    )
    out["r_score"] = quintile_scores(out["recency"], higher_is_better=False)
    out["f_score"] = quintile_scores(out["frequency"].astype(float))
    out["m_score"] = quintile_scores(out["monetary"])
    out["fm_score"] = (out["f_score"] + out["m_score"] + 1) // 2
    out["rfm_code"] = rfm_codes(out["r_score"], out["f_score"], out["m_score"])
    out["segment"] = segment_for(out["r_score"], out["fm_score"])
    return out


def rfm_frame(orders: pd.DataFrame, *, progress: ProgressFn | None = None,
              cancelled: CancelFn | None = None) -> pd.DataFrame:
    """:func:`rfm_table` as of the last order, with ``customer_id`` as a column and the
    rfm_score r + f + m (3-15): what the RFM analysis shows and stores."""
    table = rfm_table(orders, as_of_date(orders), progress=progress, cancelled=cancelled)
    table = table.reset_index()
    table["rfm_score"] = table["r_score"] + table["f_score"] + table["m_score"]
    return table


def rfm_frame_of_sums(sums: pd.DataFrame, as_of: TimeLike) -> pd.DataFrame:
    """:func:`rfm_frame` from per-customer sums of the paid orders at or before ``as_of``
    (customer_id, last_ordered_at, orders, amount; by increasing customer id) rather than the
    orders themselves: the same table."""
    ts = as_timestamp(as_of)
    index = pd.Index(sums["customer_id"].to_numpy(), name="customer_id")
    recency = pd.Series(((ts - pd.to_datetime(sums["last_ordered_at"])) / DAY).to_numpy(),
                        index=index)
    table = rfm_scores(recency, pd.Series(sums["orders"].to_numpy(), index=index),
                       pd.Series(sums["amount"].to_numpy(dtype=float), index=index))
    table = table.reset_index()
    table["rfm_score"] = table["r_score"] + table["f_score"] + table["m_score"]
    return table


def segment_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per segment: customers, share, mean recency/frequency/monetary, total monetary.

    Rows follow :data:`SEGMENTS` order; segments without customers are omitted.
    """
    grouped = table.groupby("segment")
    summary = pd.DataFrame(
        {
            "customers": grouped.size(),
            "recency": grouped["recency"].mean(),
            "frequency": grouped["frequency"].mean(),
            "monetary": grouped["monetary"].mean(),
            "total_monetary": grouped["monetary"].sum(),
        }
    )
    summary["share"] = summary["customers"] / max(len(table), 1)
    order = [s for s in SEGMENTS if s in summary.index]
    return summary.loc[order]
