"""Key performance indicators (seed 003 §4) computed from the analytics frames.

Every ratio returns ``None`` when its denominator is empty, so the UI can show "n/a".
Revenue counts paid orders only (:data:`crm_desktop.analytics.features.REVENUE_STATUSES`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.features import (
    DAY,
    TimeLike,
    as_timestamp,
    paid_orders,
)

PERIOD_CODES = {"month": "M", "quarter": "Q", "M": "M", "Q": "Q"}
ACTIVE_DAYS = 180.0  # "active": a paid order in the days before (churn rate)


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else float(numerator) / float(denominator)


def customers_by_status(customers: pd.DataFrame) -> dict[str, int]:
    """Number of customers per ``status`` value (lead, prospect, customer, churned)."""
    # as objects: a categorical column (storage.frames) takes no new value "unknown", and
    # counts its categories absent from these rows as zeros
    counts = customers["status"].astype(object).fillna("unknown").value_counts()
    return {str(k): int(v) for k, v in counts.items()}


def revenue_by_period(
    orders: pd.DataFrame, period: str = "month", as_of: TimeLike | None = None
) -> pd.DataFrame:
    """Revenue per calendar month or quarter with growth.

    Columns: period (pandas Period), revenue = sum(amount of paid orders), orders = count,
    growth = revenue / previous period's revenue - 1 (None-like NaN for the first period or a
    zero previous period). Empty periods between the first and last are included with 0.
    """
    code = PERIOD_CODES[period]
    paid = paid_orders(orders)
    when = pd.to_datetime(paid["ordered_at"])
    if as_of is not None:
        keep = when <= as_timestamp(as_of)
        paid, when = paid[keep], when[keep]
    if paid.empty:
        return pd.DataFrame(columns=["period", "revenue", "orders", "growth"])
    periods = when.dt.to_period(code)
    grouped = paid.groupby(periods)["amount"].agg(["sum", "size"])
    return revenue_table(pd.PeriodIndex(grouped.index), grouped["sum"].to_numpy(),
                         grouped["size"].to_numpy(), code)


def last_complete_growth(by_period: pd.DataFrame, as_of: pd.Timestamp,
                         period: str = "month") -> float | None:
    """The growth of the last complete period of :func:`revenue_by_period`'s table (the one
    before as_of's), None without two complete periods or after an empty one."""
    current = as_of.to_period(PERIOD_CODES[period])
    complete = by_period[by_period["period"] < current] if not by_period.empty else by_period
    if len(complete) >= 2 and not np.isnan(complete["growth"].iloc[-1]):
        return float(complete["growth"].iloc[-1])
    return None


def revenue_table(periods: pd.PeriodIndex, revenue: np.ndarray, orders: np.ndarray,
                  code: str) -> pd.DataFrame:
    """:func:`revenue_by_period`'s table from per-period sums (periods of ``code`` with
    paid orders, in order): the empty periods between filled with 0, growth added."""
    grouped = pd.DataFrame({"sum": revenue, "size": orders}, index=periods)
    full = pd.period_range(periods.min(), periods.max(), freq=code)
    grouped = grouped.reindex(full, fill_value=0)
    total = grouped["sum"].astype(float)
    previous = total.shift(1)
    growth = (total / previous.where(previous != 0)) - 1.0
    return pd.DataFrame(
        {
            "period": full,
            "revenue": total.to_numpy(),
            "orders": grouped["size"].to_numpy().astype(int),
            "growth": growth.to_numpy(),
        }
    )


def _window(
    frame: pd.DataFrame, column: str, start: TimeLike | None, end: TimeLike | None
) -> pd.DataFrame:
    times = pd.to_datetime(frame[column])
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= times > as_timestamp(start)
    if end is not None:
        keep &= times <= as_timestamp(end)
    return frame[keep]


def average_order_value(
    orders: pd.DataFrame, start: TimeLike | None = None, end: TimeLike | None = None
) -> float | None:
    """AOV = sum(amount) / number of paid orders with start < ordered_at <= end."""
    paid = _window(paid_orders(orders), "ordered_at", start, end)
    return _ratio(paid["amount"].sum(), len(paid))


def customer_value(
    orders: pd.DataFrame, start: TimeLike | None = None, end: TimeLike | None = None
) -> float | None:
    """Customer value = paid revenue / number of distinct paying customers in the window."""
    paid = _window(paid_orders(orders), "ordered_at", start, end)
    return _ratio(paid["amount"].sum(), paid["customer_id"].nunique())


def csat(tickets: pd.DataFrame) -> float | None:
    """CSAT = share of rated tickets whose satisfaction is 4 or 5 (ratings 1-5)."""
    rated = pd.to_numeric(tickets["satisfaction"], errors="coerce").dropna()
    return _ratio((rated >= 4).sum(), len(rated))


def mean_satisfaction(tickets: pd.DataFrame) -> float | None:
    """Mean of the non-null ticket satisfaction ratings (1-5)."""
    rated = pd.to_numeric(tickets["satisfaction"], errors="coerce").dropna()
    return None if rated.empty else float(rated.mean())


def nps(surveys: pd.DataFrame) -> float | None:
    """NPS = 100 * (share of scores 9-10 - share of scores 0-6), in -100..100."""
    scores = pd.to_numeric(surveys["score"], errors="coerce").dropna()
    if scores.empty:
        return None
    return float(100.0 * ((scores >= 9).mean() - (scores <= 6).mean()))


def quarter_edges(as_of: pd.Timestamp, quarters: int) -> tuple[pd.Timestamp, list[pd.Timestamp]]:
    """The loyalty window's start (as_of - 3*quarters months) and the ends of its older
    quarters, newest first: as_of - 3k months for k = 1..quarters-1 (an order at or before
    k of them is in quarter k)."""
    start = as_of - pd.DateOffset(months=3 * quarters)
    return start, [as_of - pd.DateOffset(months=3 * k) for k in range(1, quarters)]


def active_window(at: pd.Timestamp, active_days: float) -> tuple[pd.Timestamp, pd.Timestamp]:
    """"Active at ``at``": a paid order in (at - active_days, at]."""
    return at - active_days * DAY, at


def loyal_customers(
    orders: pd.DataFrame, as_of: TimeLike, min_quarters: int = 2, quarters: int = 4
) -> pd.Index:
    """Customers with paid orders in at least ``min_quarters`` of the last ``quarters`` quarters.

    Quarter k (k = 1..quarters) is the rolling window (as_of - 3k months, as_of - 3(k-1) months].
    """
    ts = as_timestamp(as_of)
    start, edges = quarter_edges(ts, quarters)
    paid = _window(paid_orders(orders), "ordered_at", start, ts)
    when = pd.to_datetime(paid["ordered_at"])
    bucket = np.zeros(len(paid), dtype=int)
    for k, edge in enumerate(edges, start=1):
        bucket[(when <= edge).to_numpy()] = k
    active = pd.DataFrame({"c": paid["customer_id"].to_numpy(), "q": bucket})
    per_customer = active.drop_duplicates().groupby("c").size()
    return pd.Index(per_customer[per_customer >= min_quarters].index, name="customer_id")


def loyalty_index(
    orders: pd.DataFrame,
    as_of: TimeLike,
    loyal: pd.Index | None = None,
    min_quarters: int = 2,
    quarters: int = 4,
) -> float | None:
    """Loyalty index = revenue from loyal customers / total revenue, over the last ``quarters``.

    The window is (as_of - 3*quarters months, as_of]; ``loyal`` defaults to
    :func:`loyal_customers` (ordered in >= ``min_quarters`` of those quarters).
    """
    ts = as_timestamp(as_of)
    if loyal is None:
        loyal = loyal_customers(orders, ts, min_quarters, quarters)
    start, _ = quarter_edges(ts, quarters)
    paid = _window(paid_orders(orders), "ordered_at", start, ts)
    loyal_revenue = paid.loc[paid["customer_id"].isin(loyal), "amount"].sum()
    return _ratio(loyal_revenue, paid["amount"].sum())


def _active_at(
    paid: pd.DataFrame, when: pd.Series, at: pd.Timestamp, active_days: float
) -> np.ndarray:
    """The distinct customer ids with a paid order in (at - active_days, at] (a numpy array:
    a set of a million Python ints was over 100 MB)."""
    after, until = active_window(at, active_days)
    keep = ((when > after) & (when <= until)).to_numpy()
    return np.asarray(pd.unique(paid["customer_id"].to_numpy()[keep]))


def churn_rate(
    orders: pd.DataFrame, start: TimeLike, end: TimeLike, active_days: float = ACTIVE_DAYS
) -> float | None:
    """Churn rate = |active at start and not active at end| / |active at start|.

    "Active at d" = at least one paid order in (d - active_days, d]. Customers who became
    active during the period (not active at start) are excluded from both terms.
    """
    paid = paid_orders(orders)
    when = pd.to_datetime(paid["ordered_at"])
    at_start = _active_at(paid, when, as_timestamp(start), active_days)
    at_end = _active_at(paid, when, as_timestamp(end), active_days)
    gone = at_start[~pd.Index(at_start).isin(at_end)]
    return _ratio(len(gone), len(at_start))


def win_rate(
    opportunities: pd.DataFrame, start: TimeLike | None = None, end: TimeLike | None = None
) -> float | None:
    """Win rate = won / (won + lost) among opportunities closed in (start, end]."""
    closed = opportunities[opportunities["status"].isin(["won", "lost"])]
    if start is not None or end is not None:
        closed = _window(closed, "closed_at", start, end)
    return _ratio((closed["status"] == "won").sum(), len(closed))


def sales_cycle_days(opportunities: pd.DataFrame) -> tuple[float | None, float | None]:
    """(mean, median) of closed_at - created_at in days over won opportunities."""
    won = opportunities[opportunities["status"] == "won"]
    days = ((pd.to_datetime(won["closed_at"]) - pd.to_datetime(won["created_at"])) / DAY).dropna()
    if days.empty:
        return None, None
    return float(days.mean()), float(days.median())


def sla_attainment(
    tickets: pd.DataFrame, as_of: TimeLike | None = None, measure: str = "resolution"
) -> float | None:
    """Share of tickets with an ``sla_due`` that met it.

    measure='resolution' uses resolved_at, 'first_response' uses first_response_at.
    Met = event time <= sla_due. A ticket without the event counts as missed once
    sla_due <= as_of and is left out while its deadline is still ahead (or when no as_of).
    """
    column = {"resolution": "resolved_at", "first_response": "first_response_at"}[measure]
    due = pd.to_datetime(tickets["sla_due"])
    done = pd.to_datetime(tickets[column])
    has_due = due.notna()
    met = has_due & done.notna() & (done <= due)
    missed = has_due & done.notna() & (done > due)
    if as_of is not None:
        missed |= has_due & done.isna() & (due <= as_timestamp(as_of))
    return _ratio(met.sum(), met.sum() + missed.sum())


@dataclass(frozen=True, eq=False)
class KpiReport:
    """All KPIs at one date; ratios are fractions in 0..1 (NPS in -100..100) or None."""

    as_of: pd.Timestamp
    customers_by_status: dict[str, int]
    revenue_by_period: pd.DataFrame
    revenue_last_12_months: float
    revenue_growth: float | None
    average_order_value: float | None
    customer_value: float | None
    csat: float | None
    mean_satisfaction: float | None
    nps: float | None
    loyalty_index: float | None
    churn_rate: float | None
    win_rate: float | None
    sales_cycle_mean_days: float | None
    sales_cycle_median_days: float | None
    sla_resolution: float | None
    sla_first_response: float | None


def _recent(
    frame: pd.DataFrame | None, column: str, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame | None:
    """Rows of ``frame`` with start < column <= end (all rows when the column is absent)."""
    if frame is None or column not in frame.columns:
        return frame
    return _window(frame, column, start, end)


def activity_kpis(
    opportunities: pd.DataFrame | None, tickets: pd.DataFrame | None,
    surveys: pd.DataFrame | None, as_of: TimeLike,
) -> dict[str, float | None]:
    """The KPIs of deals, tickets and surveys as :func:`compute_kpis` has them (the 12 months
    before as_of; None without the frame), named as :class:`KpiReport`'s fields: what the
    dashboard and the key figures compute from frames (their order figures can be sums in
    SQL)."""
    ts = as_timestamp(as_of)
    year_ago = ts - pd.DateOffset(months=12)
    recent_tickets = _recent(tickets, "opened_at", year_ago, ts)
    recent_surveys = _recent(surveys, "responded_at", year_ago, ts)
    closed = _recent(opportunities, "closed_at", year_ago, ts)
    cycle_mean, cycle_median = sales_cycle_days(closed) if closed is not None else (None, None)
    has_tickets = recent_tickets is not None
    return {
        "csat": csat(recent_tickets) if has_tickets else None,
        "mean_satisfaction": mean_satisfaction(recent_tickets) if has_tickets else None,
        "nps": nps(recent_surveys) if recent_surveys is not None else None,
        "win_rate": win_rate(closed) if closed is not None else None,
        "sales_cycle_mean_days": cycle_mean,
        "sales_cycle_median_days": cycle_median,
        "sla_resolution": sla_attainment(recent_tickets, ts) if has_tickets else None,
        "sla_first_response": (
            sla_attainment(recent_tickets, ts, "first_response") if has_tickets else None
        ),
    }


def compute_kpis(
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    opportunities: pd.DataFrame | None = None,
    tickets: pd.DataFrame | None = None,
    surveys: pd.DataFrame | None = None,
    *,
    as_of: TimeLike,
    period: str = "month",
    churn_window_days: float = 90.0,
    active_days: float = ACTIVE_DAYS,
    loyal_min_quarters: int = 2,
    loyal_quarters: int = 4,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> KpiReport:
    """Compute every KPI as of ``as_of``.

    Windowed figures use the 12 months before as_of: revenue, AOV, customer value, CSAT and
    satisfaction (tickets by opened_at), NPS (surveys by responded_at), SLA (tickets by
    opened_at), win rate and sales cycle (opportunities by closed_at). Growth is the last
    complete period versus the one before; churn rate is measured over
    (as_of - churn_window_days, as_of]; loyalty over the last ``loyal_quarters`` quarters.
    Tickets/surveys/opportunities may be None (their KPIs are then None).
    """
    ts = as_timestamp(as_of)
    year_ago = ts - pd.DateOffset(months=12)
    # The paid orders' three columns once: each figure below filtered the whole frame again
    # (a copy of every column each time: most of the memory of the KPIs at a million customers)
    orders = paid_orders(orders)
    report(progress, cancelled, 0.0, "Revenue")
    by_period = revenue_by_period(orders, period, ts)
    growth = last_complete_growth(by_period, ts, period)
    paid = _window(paid_orders(orders), "ordered_at", year_ago, ts)
    report(progress, cancelled, 0.3, "Loyalty and churn")
    loyalty = loyalty_index(orders, ts, None, loyal_min_quarters, loyal_quarters)
    churn = churn_rate(orders, ts - churn_window_days * DAY, ts, active_days)
    report(progress, cancelled, 0.7, "Service and sales")
    result = KpiReport(
        as_of=ts,
        customers_by_status=customers_by_status(customers),
        revenue_by_period=by_period,
        revenue_last_12_months=float(paid["amount"].sum()),
        revenue_growth=growth,
        average_order_value=average_order_value(orders, year_ago, ts),
        customer_value=customer_value(orders, year_ago, ts),
        loyalty_index=loyalty,
        churn_rate=churn,
        **activity_kpis(opportunities, tickets, surveys, ts),
    )
    report(progress, cancelled, 1.0, "KPIs done")
    return result
