"""The dashboard's money figures, kept per currency (there is no exchange-rate table, so amounts
in different currencies are never added together).

The revenue and average-order tiles are :class:`~crm_desktop.storage.amounts.Amounts` (one exact
part per currency, "€12,400 · $3,100"). The revenue chart, its growth figure and the open
pipeline funnel are drawn in one currency, the orders' usual one, and name it.

They come from sums of the paid orders computed in SQL (storage/order_sums.py: per currency
and month, per currency over the last 12 months), not from the orders frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.amounts import Amounts

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database

DEFAULT_CURRENCY = "USD"
CHART_MONTHS = 24


@dataclass(frozen=True)
class PaidSums:
    """What the money figures read of the orders: the usual currency (the one most orders
    are in, whatever their status; USD without orders), the paid orders at or before the
    as-of time per currency and month (currency, month "YYYY-MM", cents, orders) and per
    currency over the 12 months before it (currency, cents, orders)."""

    currency: str
    months: pd.DataFrame
    year: pd.DataFrame


def usual_currency(counts: dict[str, int]) -> str:
    """The currency most orders are in (USD without orders; the first by name on a tie)."""
    if not counts:
        return DEFAULT_CURRENCY
    return max(sorted(counts), key=lambda currency: counts[currency])


def paid_sums(database: Database, when: pd.Timestamp, counts: dict[str, int]) -> PaidSums:
    import pandas as pd

    from crm_desktop.analytics.features import REVENUE_STATUSES
    from crm_desktop.storage import order_sums

    year = order_sums.paid_in_window(database, when - pd.DateOffset(months=12), when,
                                     REVENUE_STATUSES)
    return PaidSums(usual_currency(counts),
                    order_sums.paid_by_month(database, when, REVENUE_STATUSES),
                    year.per_currency)


def _monthly(months: pd.DataFrame) -> pd.DataFrame:
    """One currency's months (month, cents) as every month from its first to its last:
    period, revenue (units), growth over the month before (NaN after an empty month)."""
    import pandas as pd

    periods = pd.PeriodIndex(months["month"], freq="M")
    revenue = pd.Series(months["cents"].to_numpy(), index=periods)
    full = pd.period_range(periods.min(), periods.max(), freq="M")
    revenue = revenue.reindex(full, fill_value=0).astype(float) / 100
    previous = revenue.shift(1)
    growth = revenue / previous.where(previous != 0) - 1.0
    return pd.DataFrame({"period": full, "revenue": revenue.to_numpy(),
                         "growth": growth.to_numpy()})


def money_figures(sums: PaidSums, opportunities: pd.DataFrame,
                  when: pd.Timestamp) -> dict[str, Any]:
    """Tiles and chart data: `tiles` (period, revenue, growth, aov, currency), `revenue` (the
    usual currency's last complete months) and `funnel` (its open deals by stage)."""
    import pandas as pd

    currency = sums.currency
    months = sums.months
    current = when.to_period("M")
    mine = months[months["currency"] == currency]
    series = _monthly(mine) if len(mine) else pd.DataFrame(
        {"period": [], "revenue": [], "growth": []})
    if len(series) and series["period"].iloc[-1] == current:
        series = series.iloc[:-1]  # the as_of month is not complete yet
    series = series.tail(CHART_MONTHS)
    first = pd.Period(months["month"].min(), freq="M") if len(months) else None
    last = current - 1 if first is not None and first <= current - 1 else None
    growth = None
    if last is not None and len(series) and series["period"].iloc[-1] == last:
        value = series["growth"].iloc[-1]
        growth = None if pd.isna(value) else float(value)
    in_last = months[months["month"] == str(last)] if last is not None else months.iloc[0:0]
    tiles = {
        "period": str(last) if last is not None else "",
        "revenue": Amounts.from_cents((str(row.currency), int(row.cents))
                                      for row in in_last.itertuples())
        if last is not None else None,
        "growth": growth,  # of the usual currency's revenue
        "aov": Amounts.of({str(row.currency): Decimal(int(row.cents)) / int(row.orders) / 100
                           for row in sums.year.itertuples() if int(row.orders)}) or None,
        # the currency of the revenue chart, its growth and the funnel
        "currency": currency,
    }
    opps = opportunities[opportunities["status"] == "open"]
    if "currency" in opps:
        opps = opps[opps["currency"] == currency]
    funnel = opps.groupby(["stage_order", "stage"]).agg(
        count=("id", "size"), amount=("amount", "sum")).reset_index().sort_values("stage_order")
    return {
        "tiles": tiles,
        "revenue": {"x": [str(p) for p in series["period"]],
                    "y": series["revenue"].astype(float).tolist(), "currency": currency},
        "funnel": {"x": funnel["stage"].astype(str).tolist(),
                   "y": funnel["amount"].astype(float).tolist(),
                   "count": funnel["count"].astype(int).tolist(), "currency": currency},
    }
