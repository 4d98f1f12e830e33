"""Profiles of customer segments and a name for each, chosen from its profile.

Input: behaviour features per customer (segmentation.behaviour_features: recency_days,
frequency, monetary, avg_order_value, tenure_days, ...) and a segment label per customer
(KMeans, DBSCAN, RFM or any other). The profile table has one row per segment:

* size, share_customers (of the labelled customers), revenue (sum of monetary), share_revenue;
* median_recency_days, median_frequency, median_order_value (over the segment's buyers),
  median_tenure_days.

Names are keys the UI translates (``frequent_high_spenders`` -> "Frequent high spenders"). A
segment is compared with the whole labelled population through the population's medians
(robust to the skewed money and count columns):

* recent: median recency <= max(90 days, population median): bought within the quarter, or at
  least as recently as the typical customer;
* lapsed: median recency >= max(180 days, 2 x population median): half a year without an
  order and twice as long as is typical; in between: cooling;
* high frequency / spend: segment median >= 1.5 x the population median (frequency also >= 2
  orders); low: <= 2/3 of it;
* new: median tenure <= 91 days (a customer since this quarter).

Rules, first match wins (see :func:`name_key`): DBSCAN noise (-1) -> unusual_customers; median
frequency 0 -> not_yet_buyers; new -> new_this_quarter; median frequency 1 -> one_time_buyers;
lapsed -> lapsed_frequent (high frequency), lapsed_high_value (high spend), lapsed_occasional;
recent -> frequent_high_spenders (high frequency and spend), frequent_buyers,
big_ticket_buyers (high spend), occasional_low_spenders (low frequency and spend),
regular_customers; cooling -> at_risk_high_value (high frequency or spend),
occasional_low_spenders, cooling_customers.

When several segments get the same key, ``name_rank`` numbers them 1, 2, ... by revenue (0 when
the key is unique) and ``name`` appends it (``frequent_high_spenders_2``), so names are unique.
RFM segments keep their standard names (rfm.SEGMENTS): :func:`rfm_profiles` gives their table.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm_desktop.analytics.rfm import SEGMENTS

PROFILE_COLUMNS: tuple[str, ...] = (
    "size",
    "share_customers",
    "revenue",
    "share_revenue",
    "median_recency_days",
    "median_frequency",
    "median_order_value",
    "median_tenure_days",
)
NAME_KEYS: tuple[str, ...] = (
    "unusual_customers",
    "not_yet_buyers",
    "new_this_quarter",
    "one_time_buyers",
    "lapsed_frequent",
    "lapsed_high_value",
    "lapsed_occasional",
    "frequent_high_spenders",
    "frequent_buyers",
    "big_ticket_buyers",
    "occasional_low_spenders",
    "regular_customers",
    "at_risk_high_value",
    "cooling_customers",
)
#: Days of a quarter: a segment whose median tenure is shorter is "new this quarter".
NEW_DAYS = 91.0
#: A segment whose median recency is at most max(RECENT_DAYS, population median) is recent.
RECENT_DAYS = 90.0
#: ...and lapsed from max(LAPSED_DAYS, LAPSED_FACTOR x population median recency).
LAPSED_DAYS = 180.0
LAPSED_FACTOR = 2.0
#: High / low frequency and spend: at least HIGH_FACTOR x / at most LOW_FACTOR x the population
#: median (50% above / a third below the typical customer).
HIGH_FACTOR = 1.5
LOW_FACTOR = 2.0 / 3.0
NOISE_LABEL = -1


def profile_table(features: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """The profile of every segment (columns :data:`PROFILE_COLUMNS`, index the labels sorted).

    Customers are matched on the index; customers without a label (NaN) are left out.
    """
    labelled = labels.dropna()
    frame = features.reindex(labelled.index).assign(_segment=labelled.to_numpy())
    grouped = frame.groupby("_segment", sort=True)
    buyers = frame[frame["frequency"] > 0].groupby("_segment", sort=True)
    total_revenue = float(frame["monetary"].sum())
    table = pd.DataFrame(
        {
            "size": grouped.size(),
            "revenue": grouped["monetary"].sum(),
            "median_recency_days": grouped["recency_days"].median(),
            "median_frequency": grouped["frequency"].median(),
            "median_order_value": buyers["avg_order_value"].median(),
            "median_tenure_days": grouped["tenure_days"].median(),
        }
    )
    table["share_customers"] = table["size"] / max(len(frame), 1)
    table["share_revenue"] = table["revenue"] / total_revenue if total_revenue else 0.0
    table.index.name = "segment"
    return table[list(PROFILE_COLUMNS)]


@dataclass(frozen=True)
class Population:
    """The medians a segment is compared with (over all labelled customers)."""

    recency_days: float
    frequency: float
    monetary: float

    @classmethod
    def of(cls, features: pd.DataFrame) -> Population:
        return cls(
            float(features["recency_days"].median()),
            float(features["frequency"].median()),
            float(features["monetary"].median()),
        )


def _level(value: float, typical: float, floor: float = 0.0) -> int:
    """+1 high (>= HIGH_FACTOR x typical and >= floor), -1 low (<= LOW_FACTOR x typical), 0."""
    if value >= max(HIGH_FACTOR * typical, floor) and value > typical:
        return 1
    if value <= LOW_FACTOR * typical:
        return -1
    return 0


def name_key(label: Hashable, segment: pd.Series, revenue_median: float, people: Population) -> str:
    """The name key of one segment from its profile row (see the module docstring).

    ``revenue_median``: the segment's median monetary (spend per customer).
    """
    if isinstance(label, int | float | np.number) and float(label) == NOISE_LABEL:
        return "unusual_customers"
    frequency = float(segment["median_frequency"])
    recency = float(segment["median_recency_days"])
    if frequency == 0:
        return "not_yet_buyers"
    if float(segment["median_tenure_days"]) <= NEW_DAYS:
        return "new_this_quarter"
    if frequency <= 1:
        return "one_time_buyers"
    often = _level(frequency, people.frequency, floor=2.0)
    spend = _level(revenue_median, people.monetary)
    if recency >= max(LAPSED_DAYS, LAPSED_FACTOR * people.recency_days):
        if often > 0:
            return "lapsed_frequent"
        return "lapsed_high_value" if spend > 0 else "lapsed_occasional"
    if recency <= max(RECENT_DAYS, people.recency_days):
        if often > 0:
            return "frequent_high_spenders" if spend > 0 else "frequent_buyers"
        if spend > 0:
            return "big_ticket_buyers"
        return "occasional_low_spenders" if often < 0 and spend < 0 else "regular_customers"
    if often > 0 or spend > 0:
        return "at_risk_high_value"
    return "occasional_low_spenders" if often < 0 and spend < 0 else "cooling_customers"


def _unique_names(keys: pd.Series, revenue: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(name_rank: 0 for a unique key, else 1.. by revenue descending; name)."""
    order = revenue.rank(method="first", ascending=False)
    rank = keys.groupby(keys).transform("size").gt(1).astype(int)
    shared = rank.eq(1)
    rank[shared] = (
        order[shared].groupby(keys[shared]).rank(method="first").astype(int)
    )
    names = keys.where(rank.eq(0), keys + "_" + rank.astype(str))
    return rank.astype(int), names


def segment_profiles(features: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """:func:`profile_table` plus name_key, name_rank and name (unique) per segment."""
    table = profile_table(features, labels)
    labelled = labels.dropna()
    people = Population.of(features.reindex(labelled.index))
    spend = features.reindex(labelled.index)["monetary"].groupby(labelled.to_numpy()).median()
    keys = pd.Series(
        [name_key(label, row, float(spend[label]), people) for label, row in table.iterrows()],
        index=table.index,
        dtype=object,
    )
    rank, names = _unique_names(keys, table["revenue"])
    return table.assign(name_key=keys, name_rank=rank, name=names)


def rfm_profiles(rfm: pd.DataFrame, features: pd.DataFrame | None = None) -> pd.DataFrame:
    """Profile table of RFM segments (rfm.rfm_table), rows in :data:`rfm.SEGMENTS` order.

    Recency, frequency and money come from the RFM table; tenure from ``features`` (behaviour
    features, optional: NaN without them). The segments keep their standard names.
    """
    frame = pd.DataFrame(
        {
            "recency_days": rfm["recency"].astype(float),
            "frequency": rfm["frequency"].astype(float),
            "monetary": rfm["monetary"].astype(float),
            "avg_order_value": rfm["monetary"] / rfm["frequency"].where(rfm["frequency"] > 0),
            "tenure_days": np.nan
            if features is None
            else features["tenure_days"].reindex(rfm.index).to_numpy(),
        },
        index=rfm.index,
    )
    table = profile_table(frame, rfm["segment"])
    return table.loc[[s for s in SEGMENTS if s in table.index]]
