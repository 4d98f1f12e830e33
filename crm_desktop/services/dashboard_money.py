"""The dashboard's money figures, kept per currency (there is no exchange-rate table, so amounts
in different currencies are never added together).

The revenue and average-order tiles are :class:`~crm_desktop.storage.amounts.Amounts` (one exact
part per currency, "€12,400 · $3,100"). The revenue chart, its growth figure and the open
pipeline funnel are drawn in one currency, the orders' usual one, and name it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.amounts import Amounts

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_CURRENCY = "USD"
CHART_MONTHS = 24


def usual_currency(orders: pd.DataFrame) -> str:
    """The currency most orders are in (USD without orders)."""
    if "currency" not in orders or not len(orders):
        return DEFAULT_CURRENCY
    counts = orders["currency"].dropna().value_counts()
    return str(counts.index[0]) if len(counts) else DEFAULT_CURRENCY


def _cents(amounts: pd.Series) -> pd.Series:
    """The frame's amounts (units, as floats) back to the stored integer cents."""
    return (amounts.astype(float) * 100).round().astype("int64")


def _per_currency(paid: pd.DataFrame) -> Amounts:
    return Amounts.from_cents(
        (str(currency), int(cents))
        for currency, cents in _cents(paid["amount"]).groupby(paid["currency"]).sum().items())


def _average(paid: pd.DataFrame) -> Amounts:
    """Average paid order per currency, exact to the cent."""
    if not len(paid):
        return Amounts()
    cents = _cents(paid["amount"]).groupby(paid["currency"]).agg(["sum", "size"])
    return Amounts.of({str(currency): Decimal(int(row["sum"])) / int(row["size"]) / 100
                       for currency, row in cents.iterrows()})


def money_figures(orders: pd.DataFrame, opportunities: pd.DataFrame,
                  when: pd.Timestamp) -> dict[str, Any]:
    """Tiles and chart data: `tiles` (period, revenue, growth, aov, currency), `revenue` (the
    usual currency's last complete months) and `funnel` (its open deals by stage)."""
    import pandas as pd

    from crm_desktop.analytics import kpi
    from crm_desktop.analytics.features import paid_orders

    currency = usual_currency(orders)
    paid = paid_orders(orders, ("ordered_at", "amount", "currency"))  # not every column
    if "currency" not in paid:
        paid = paid.assign(currency=DEFAULT_CURRENCY)
    times = pd.to_datetime(paid["ordered_at"])
    paid, times = paid[times <= when], times[times <= when]
    months = times.dt.to_period("M")
    current = when.to_period("M")
    series = kpi.revenue_by_period(paid[paid["currency"] == currency], as_of=when)
    if len(series) and series["period"].iloc[-1] == current:
        series = series.iloc[:-1]  # the as_of month is not complete yet
    series = series.tail(CHART_MONTHS)
    last = current - 1 if len(paid) and months.min() <= current - 1 else None
    growth = None
    if last is not None and len(series) and series["period"].iloc[-1] == last:
        value = series["growth"].iloc[-1]
        growth = None if pd.isna(value) else float(value)
    year_ago = when - pd.DateOffset(months=12)
    tiles = {
        "period": str(last) if last is not None else "",
        "revenue": _per_currency(paid[months == last]) if last is not None else None,
        "growth": growth,  # of the usual currency's revenue
        "aov": _average(paid[times > year_ago]) or None,
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
