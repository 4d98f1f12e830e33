"""A customer's history as it stood at given instants (one row per event, no look-ahead).

:func:`history_at` answers, for each (customer, instant) row, "what had this customer done
before then": orders, revenue, tickets, complaints, satisfaction given. Events at exactly the
instant are not counted (a ticket's own row never counts itself). ``merge_asof`` per customer
keeps it vectorised.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crm_desktop.analytics.features import DAY, revenue_orders

HISTORY_COLUMNS: tuple[str, ...] = (
    "prev_orders", "prev_revenue", "days_since_order", "prev_tickets", "prev_complaints",
    "prev_satisfaction", "days_since_ticket",
)


def _as_of_join(points: pd.DataFrame, events: pd.DataFrame, time: str) -> pd.DataFrame:
    """For each point (customer_id, at, _row), the last event row strictly before ``at``."""
    events = events.dropna(subset=[time]).sort_values(time, kind="stable")
    joined = pd.merge_asof(
        points.sort_values("at", kind="stable"), events, left_on="at", right_on=time,
        by="customer_id", allow_exact_matches=False, direction="backward",
    )
    return joined.set_index("_row").sort_index()


def _cumulative(frame: pd.DataFrame, time: str, values: dict[str, pd.Series]) -> pd.DataFrame:
    """Per customer, running totals of ``values`` in time order, with the event time."""
    ordered = frame.assign(**values).sort_values(["customer_id", time], kind="stable")
    totals = ordered.groupby("customer_id")[list(values)].cumsum()
    out = pd.concat([ordered[["customer_id", time]], totals], axis=1)
    out[time] = pd.to_datetime(out[time]).astype("datetime64[ns]")
    return out


def history_at(
    customer_ids: pd.Series,
    instants: pd.Series,
    orders: pd.DataFrame | None = None,
    tickets: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:data:`HISTORY_COLUMNS` for each (customer, instant), indexed like ``customer_ids``.

    prev_orders / prev_revenue: paid orders before the instant and their amount;
    days_since_order: since the last of them (NaN without one); prev_tickets /
    prev_complaints (type 'complaint'); prev_satisfaction: mean 1-5 rating of those tickets
    (NaN without one); days_since_ticket. Missing frames give zero counts and NaN times.
    """
    at = pd.to_datetime(instants).astype("datetime64[ns]")
    points = pd.DataFrame({"customer_id": customer_ids.to_numpy(), "at": at.to_numpy(),
                           "_row": np.arange(len(customer_ids))})
    valid = points["at"].notna()
    out = pd.DataFrame(index=points.index, columns=list(HISTORY_COLUMNS), dtype=float)
    out[["prev_orders", "prev_revenue", "prev_tickets", "prev_complaints"]] = 0.0
    good = points[valid]
    if orders is not None and len(orders) and len(good):
        paid = revenue_orders(orders)
        cum = _cumulative(paid, "ordered_at", {
            "_n": pd.Series(1.0, index=paid.index),
            "_amount": pd.to_numeric(paid["amount"], errors="coerce").fillna(0.0)})
        joined = _as_of_join(good, cum, "ordered_at")
        out.loc[joined.index, "prev_orders"] = joined["_n"].fillna(0.0).to_numpy()
        out.loc[joined.index, "prev_revenue"] = joined["_amount"].fillna(0.0).to_numpy()
        out.loc[joined.index, "days_since_order"] = (
            (joined["at"] - joined["ordered_at"]) / DAY).to_numpy()
    if tickets is not None and len(tickets) and len(good):
        rating = pd.to_numeric(tickets["satisfaction"], errors="coerce")
        cum = _cumulative(tickets, "opened_at", {
            "_n": pd.Series(1.0, index=tickets.index),
            "_complaints": tickets["type"].eq("complaint").astype(float),
            "_rating_sum": rating.fillna(0.0), "_rated": rating.notna().astype(float)})
        joined = _as_of_join(good, cum, "opened_at")
        out.loc[joined.index, "prev_tickets"] = joined["_n"].fillna(0.0).to_numpy()
        out.loc[joined.index, "prev_complaints"] = joined["_complaints"].fillna(0.0).to_numpy()
        rated = joined["_rated"].where(joined["_rated"] > 0)
        out.loc[joined.index, "prev_satisfaction"] = (joined["_rating_sum"] / rated).to_numpy()
        out.loc[joined.index, "days_since_ticket"] = (
            (joined["at"] - joined["opened_at"]) / DAY).to_numpy()
    out.index = customer_ids.index
    return out.astype(float)
