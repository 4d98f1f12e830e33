"""Per-customer behaviour features shared by churn, segmentation and propensity.

Conventions used by every function here:

* ``as_of`` is an instant; only events with a timestamp ``<= as_of`` are counted.
* Revenue comes from orders whose ``status`` is in :data:`REVENUE_STATUSES` (paid orders).
* Durations are float days: ``(as_of - timestamp) / 1 day``.
* Results are DataFrames indexed by customer id (index name ``customer_id``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from crm_desktop.analytics.contributions import Contributions

REVENUE_STATUSES: tuple[str, ...] = ("paid",)
DAY = pd.Timedelta(days=1)

TimeLike: TypeAlias = pd.Timestamp | datetime | date | str | np.datetime64
#: Called by :func:`explained_scores` with each chunk's rows (features), their probabilities
#: and their contributions (None for a model whose scores come without them).
ChunkFn: TypeAlias = Callable[[pd.DataFrame, np.ndarray, "Contributions | None"], None]

NEUTRAL_SATISFACTION = 3.0
NEUTRAL_NPS = 7.0

#: Numeric behaviour columns produced by :func:`customer_features`.
BEHAVIOUR_COLUMNS: tuple[str, ...] = (
    "recency_days",
    "frequency",
    "monetary",
    "avg_order_value",
    "tenure_days",
    "orders_recent",
    "ticket_count",
    "complaint_count",
    "mean_satisfaction",
    "interaction_count",
    "days_since_interaction",
    "nps_score",
)


#: Skewed money/count columns that models see as log1p(x).
LOG_COLUMNS: tuple[str, ...] = (
    "frequency",
    "monetary",
    "avg_order_value",
    "orders_recent",
    "ticket_count",
    "complaint_count",
    "interaction_count",
)


def log_transform(features: pd.DataFrame, columns: Iterable[str] = LOG_COLUMNS) -> pd.DataFrame:
    """Copy of ``features`` with log1p(max(x, 0)) applied to the listed columns present."""
    out = features.astype(float)  # copy-on-write: the columns replaced below are new ones
    for col in columns:
        if col in out:
            out[col] = np.log1p(out[col].clip(lower=0))
    return out


def undo_log_transform(
    features: pd.DataFrame, columns: Iterable[str] = LOG_COLUMNS
) -> pd.DataFrame:
    """Copy of ``features`` with expm1 applied to the listed columns present: the values in
    their own units again (counts, money) after :func:`log_transform`."""
    out = features.copy()
    for col in columns:
        if col in out:
            out[col] = np.expm1(out[col].astype(float))
    return out


def as_timestamp(value: TimeLike) -> pd.Timestamp:
    """Convert a date, datetime, string or numpy datetime to a naive ``pd.Timestamp``."""
    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts


def as_of_date(orders: pd.DataFrame) -> pd.Timestamp:
    """The instant analyses are computed "as of": the last order's time (so a database whose
    data stops in the past is analysed as it stood then), today when there is no order."""
    times = orders["ordered_at"].dropna() if len(orders) else orders.get("ordered_at")
    if times is None or len(times) == 0:
        return pd.Timestamp.now(tz="UTC").tz_localize(None).normalize()
    return pd.Timestamp(times.max())


def revenue_orders(
    orders: pd.DataFrame, statuses: Iterable[str] = REVENUE_STATUSES
) -> pd.DataFrame:
    """Orders that count as revenue: ``status in statuses`` (all rows if there is no status)."""
    if "status" not in orders.columns:
        return orders
    keep = orders["status"].isin(list(statuses)).to_numpy()
    if keep.all():  # a frame of paid orders already: no copy of every column
        return orders.copy(deep=False)
    return orders[keep]


def paid_orders(orders: pd.DataFrame, columns: Iterable[str] = ("customer_id", "ordered_at",
                                                                  "amount"),
                statuses: Iterable[str] = REVENUE_STATUSES) -> pd.DataFrame:
    """The revenue orders' ``columns`` (those present) and no ``status``: what the revenue
    figures read, without copying the columns they do not (at a million customers each copy
    of the whole orders frame was over 100 MB). :func:`revenue_orders` of it is itself."""
    if "status" not in orders.columns:
        return orders[[c for c in columns if c in orders.columns]]
    keep = orders["status"].isin(list(statuses)).to_numpy()
    wanted = [c for c in columns if c in orders.columns and c != "status"]
    return orders.loc[keep, wanted]


def _before(frame: pd.DataFrame, column: str, as_of: pd.Timestamp) -> pd.DataFrame:
    times = pd.to_datetime(frame[column])
    return frame[times.notna() & (times <= as_of)]


def _days_since(times: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    return (as_of - pd.to_datetime(times)) / DAY


def order_features(
    orders: pd.DataFrame, as_of: TimeLike, recent_days: float = 90.0
) -> pd.DataFrame:
    """Order aggregates per customer from revenue orders placed at or before ``as_of``.

    recency_days = as_of - last order; frequency = number of orders; monetary = sum(amount);
    avg_order_value = monetary / frequency; first_order_days = as_of - first order;
    orders_recent = orders in the ``recent_days`` before as_of.
    """
    ts = as_timestamp(as_of)
    # the three columns read, filtered once as arrays (the whole frame copied twice was most
    # of the memory of an RFM or churn run at a million customers; the paid orders taken and
    # then those before as_of were two copies of the three columns), none when every order
    # counts (churn's current features), then grouped a range of customers at a time (all 3
    # million orders grouped at once took 300 MB of temporaries)
    times = pd.to_datetime(orders["ordered_at"])
    keep = (times.notna() & (times <= ts)).to_numpy()
    if "status" in orders.columns:
        keep = keep & orders["status"].isin(list(REVENUE_STATUSES)).to_numpy()
    every = bool(keep.all())
    customers, when, amounts = (
        column if every else column[keep]
        for column in (orders["customer_id"].to_numpy(), times.to_numpy(),
                       orders["amount"].to_numpy()))
    del times, keep
    parts = [_order_part(customers[rows], when[rows], amounts[rows], ts, recent_days)
             for rows in customer_ranges(customers, GROUP_ROWS)]
    out = parts[0] if len(parts) == 1 else pd.concat(parts)
    out["avg_order_value"] = out["monetary"] / out["frequency"]
    out.index.name = "customer_id"
    return out


GROUP_ROWS = 400_000  # orders grouped at a time (order_features)


def _order_part(customers: np.ndarray, when: np.ndarray, amounts: np.ndarray,
                ts: pd.Timestamp, recent_days: float) -> pd.DataFrame:
    """:func:`order_features` of some customers' orders (every order of each)."""
    times = pd.Series(when)
    grouped = pd.DataFrame({"customer_id": customers, "amount": amounts, "_when": times,
                            "_recent": times > ts - recent_days * DAY}).groupby("customer_id")
    return pd.DataFrame(
        {
            "recency_days": _days_since(grouped["_when"].max(), ts),
            "frequency": grouped.size().astype(float),
            "monetary": grouped["amount"].sum().astype(float),
            "first_order_days": _days_since(grouped["_when"].min(), ts),
            "orders_recent": grouped["_recent"].sum().astype(float),
        }
    )


def customer_ranges(customers: np.ndarray, rows: int) -> list[Any]:
    """Row selections of ``customers`` by ranges of numeric customer ids, in increasing id
    order, each about ``rows`` rows: every customer's rows in one of them, so per-customer
    figures of the parts put together are those of the whole, with the temporaries of one
    part at a time. Anything else (fewer rows, ids that are not numbers): one selection of
    every row."""
    parts = -(-len(customers) // rows)
    if parts <= 1 or not np.issubdtype(customers.dtype, np.number):
        return [slice(None)]
    known = customers[~np.isnan(customers)] if customers.dtype.kind == "f" else customers
    if not len(known):
        return [slice(None)]
    edges = np.linspace(known.min(), known.max(), parts + 1)
    ranges = []
    for i in range(parts):
        upper = customers <= edges[i + 1] if i == parts - 1 else customers < edges[i + 1]
        selected = np.flatnonzero((customers >= edges[i]) & upper)
        if len(selected):
            ranges.append(selected)
    return ranges or [slice(None)]


def ticket_features(tickets: pd.DataFrame, as_of: TimeLike) -> pd.DataFrame:
    """Ticket aggregates per customer for tickets opened at or before ``as_of``.

    ticket_count; complaint_count = tickets of type 'complaint'; mean_satisfaction = mean of the
    non-null 1-5 ratings (NaN when none); open_tickets = status in ('open', 'pending').
    """
    ts = as_timestamp(as_of)
    part = _before(tickets, "opened_at", ts)
    grouped = part.assign(
        _complaint=part["type"].eq("complaint"),
        _open=part["status"].isin(["open", "pending"]),
        _sat=pd.to_numeric(part["satisfaction"], errors="coerce"),
    ).groupby("customer_id")
    out = pd.DataFrame(
        {
            "ticket_count": grouped.size().astype(float),
            "complaint_count": grouped["_complaint"].sum().astype(float),
            "mean_satisfaction": grouped["_sat"].mean(),
            "open_tickets": grouped["_open"].sum().astype(float),
        }
    )
    out.index.name = "customer_id"
    return out


def interaction_features(interactions: pd.DataFrame, as_of: TimeLike) -> pd.DataFrame:
    """interaction_count and days_since_interaction (as_of - last occurred_at) per customer."""
    ts = as_timestamp(as_of)
    part = _before(interactions, "occurred_at", ts)
    grouped = part.assign(_when=pd.to_datetime(part["occurred_at"])).groupby("customer_id")
    out = pd.DataFrame(
        {
            "interaction_count": grouped.size().astype(float),
            "days_since_interaction": _days_since(grouped["_when"].max(), ts),
        }
    )
    out.index.name = "customer_id"
    return out


def survey_features(surveys: pd.DataFrame, as_of: TimeLike) -> pd.DataFrame:
    """nps_score = the customer's latest 0-10 survey score at or before ``as_of``."""
    ts = as_timestamp(as_of)
    part = _before(surveys, "responded_at", ts).sort_values("responded_at")
    latest = part.groupby("customer_id")["score"].last().astype(float)
    out = pd.DataFrame({"nps_score": latest})
    out.index.name = "customer_id"
    return out


def _customer_index(
    customers: pd.DataFrame | None, orders: pd.DataFrame, ts: pd.Timestamp
) -> tuple[pd.Index, pd.Series]:
    """Customer ids existing at ``ts`` and their creation time (NaT when unknown)."""
    if customers is None:
        ids = pd.Index(pd.unique(orders["customer_id"]), name="customer_id")
        return ids, pd.Series(pd.NaT, index=ids, dtype="datetime64[ns]")
    created = pd.to_datetime(customers["created_at"]) if "created_at" in customers else None
    keep = np.ones(len(customers), dtype=bool)
    if created is not None:
        keep = (created.isna() | (created <= ts)).to_numpy()
    ids = pd.Index(customers["id"].to_numpy()[keep], name="customer_id")
    if created is None:
        return ids, pd.Series(pd.NaT, index=ids, dtype="datetime64[ns]")
    return ids, pd.Series(created.to_numpy()[keep], index=ids)


def _left_join(feats: pd.DataFrame, part: pd.DataFrame) -> pd.DataFrame:
    """``feats.join(part)`` (per customer, ``part``'s index unique), a column at a time: a
    join made every column of both anew beside them, and the features of a million customers
    were joined four times (twice the features at once: churn's peak while it built them)."""
    for name in part.columns:
        feats[name] = part[name].reindex(feats.index)
    return feats


def customer_features(
    customers: pd.DataFrame | None,
    orders: pd.DataFrame,
    tickets: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    surveys: pd.DataFrame | None = None,
    *,
    as_of: TimeLike,
    fill: bool = True,
    recent_days: float = 90.0,
) -> pd.DataFrame:
    """One row per customer existing at ``as_of`` with the :data:`BEHAVIOUR_COLUMNS`.

    tenure_days = as_of - min(created_at, first order). Customers without orders get
    frequency = monetary = avg_order_value = 0 and, when ``fill``, recency_days = tenure_days.
    Missing frames give zero counts. With ``fill`` every column is free of NaN: counts -> 0,
    days_since_interaction -> tenure_days, mean_satisfaction -> 3 (middle of 1-5) and
    nps_score -> 7 (a passive), i.e. "no opinion" rather than the raters' median. Without ``fill`` unknown values stay NaN (for imputers).
    """
    ts = as_timestamp(as_of)
    ids, created = _customer_index(customers, orders, ts)
    feats = _left_join(pd.DataFrame(index=ids), order_features(orders, ts, recent_days))
    for frame, builder in (
        (tickets, ticket_features),
        (interactions, interaction_features),
        (surveys, survey_features),
    ):
        if frame is not None:
            feats = _left_join(feats, builder(frame, ts))
    since_created = _days_since(created, ts)
    tenure = pd.concat([since_created, feats["first_order_days"]], axis=1).max(axis=1)
    feats["tenure_days"] = tenure.fillna(0.0)
    for col in ("frequency", "monetary", "avg_order_value", "orders_recent"):
        feats[col] = feats[col].fillna(0.0)
    for col in ("ticket_count", "complaint_count", "interaction_count"):
        feats[col] = feats[col].fillna(0.0) if col in feats else 0.0
    for col in ("mean_satisfaction", "days_since_interaction", "nps_score"):
        if col not in feats:
            feats[col] = np.nan
    if fill:
        feats["recency_days"] = feats["recency_days"].fillna(feats["tenure_days"])
        feats["days_since_interaction"] = feats["days_since_interaction"].fillna(
            feats["tenure_days"]
        )
        feats["mean_satisfaction"] = feats["mean_satisfaction"].fillna(NEUTRAL_SATISFACTION)
        feats["nps_score"] = feats["nps_score"].fillna(NEUTRAL_NPS)
    return feats[list(BEHAVIOUR_COLUMNS)].astype(float)


SCORE_CHUNK = 100_000  # rows scored at a time (ranked_scores)


def ranked_scores(model: Any, now: pd.DataFrame, columns: pd.Index, name: str) -> pd.DataFrame:
    """A fitted classifier's probability of the positive class for each customer of ``now``
    (indexed by customer id), highest first: columns ``customer_id`` and ``name``."""
    proba = np.empty(len(now))
    # A chunk at a time: a pipeline's imputer and scaler copy what they are given, and a
    # forest's trees each make an array of their own per row (a million customers at once
    # were hundreds of MB of temporaries). The rows' probabilities are the same.
    for start in range(0, len(now), SCORE_CHUNK):
        part = now.iloc[start:start + SCORE_CHUNK][columns]
        proba[start:start + len(part)] = model.predict_proba(part)[:, 1]
    return _ranked(now, proba, name)


def explained_scores(
    model: Any, now: pd.DataFrame, columns: pd.Index, name: str,
    each_chunk: ChunkFn | None = None,
) -> tuple[pd.DataFrame, Contributions | None]:
    """:func:`ranked_scores`, and for a tree model every row's contributions, made in the same
    pass (contributions.scored_contributions): the reasons of the rows worth acting on are then
    read from them instead of walking the rows down the trees again. None for other models.

    With ``each_chunk`` every chunk of rows is handed to it with its probabilities and
    contributions (None for other models) as they are made, and the contributions of all the
    rows are not kept (None): at a million customers they were 12 float64 columns of a million
    rows (96 MB, and as much again for a moment while they became a frame) held until the
    reasons were read from them."""
    from crm_desktop.analytics import contributions as parts  # imports scikit-learn

    with_parts = parts.scores_come_with_contributions(model)
    if not with_parts and each_chunk is None:
        return ranked_scores(model, now, columns, name), None
    proba = np.empty(len(now))
    # filled a chunk at a time: no copies to join
    values = np.empty((len(now), len(columns))) if with_parts and each_chunk is None else None
    found: Contributions | None = None
    for start in range(0, len(now), SCORE_CHUNK):
        part = now.iloc[start:start + SCORE_CHUNK][columns]
        if with_parts:
            chunk, found = parts.scored_contributions(model, part)
            if found is None:
                raise TypeError(f"{type(model).__name__} gave no contributions")
        else:
            chunk = np.asarray(model.predict_proba(part))[:, 1]
        proba[start:start + len(part)] = chunk
        if each_chunk is not None:
            each_chunk(part, chunk, found)
        if values is not None and found is not None:
            values[start:start + len(part)] = found.values.to_numpy()
    if values is None:
        return _ranked(now, proba, name), None
    # the frame takes the array as it is (pandas copies an array it is given by default)
    frame = pd.DataFrame(values, index=now.index, columns=list(columns), copy=False)
    base, unit = (found.base, found.unit) if found is not None else (0.0, parts.PROBABILITY)
    return _ranked(now, proba, name), parts.Contributions(frame, base, unit)


def _ranked(now: pd.DataFrame, proba: np.ndarray, name: str) -> pd.DataFrame:
    scores = pd.DataFrame({"customer_id": now.index.to_numpy(), name: proba})
    return scores.sort_values(name, ascending=False, ignore_index=True)
