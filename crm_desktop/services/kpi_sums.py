"""The key figures of the orders computed from sums in SQL (storage/order_sums.py) rather than
from the orders frame: the same definitions as analytics/kpi.py's (its window boundaries are
used as they are), the same figures (tests/services/test_kpi_sums.py compares the two), with a
few rows in memory instead of 3 million orders and their temporaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from crm_desktop.analytics.kpi import ACTIVE_DAYS

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database


@dataclass(frozen=True)
class OrderKpis:
    """Ratios as analytics/kpi.py's KpiReport has them (None with an empty denominator);
    revenue_12m adds every currency's amounts as compute_kpis does."""

    revenue_12m: float
    average_order_value: float | None
    customer_value: float | None
    loyalty_index: float | None
    loyal_customers: int
    churn_rate: float | None


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else float(numerator) / float(denominator)


def order_kpis(database: Database, as_of: pd.Timestamp, *, churn_window_days: float = 90.0,
               active_days: float = ACTIVE_DAYS, loyal_min_quarters: int = 2,
               loyal_quarters: int = 4, currency: str | None = None) -> OrderKpis:
    """The order figures of analytics.kpi.compute_kpis with the same parameters (of one
    currency's orders, or of all of them added as compute_kpis does), from one pass over the
    paid orders."""
    import pandas as pd

    from crm_desktop.analytics.features import DAY, REVENUE_STATUSES
    from crm_desktop.analytics.kpi import active_window, quarter_edges
    from crm_desktop.storage import order_sums

    start, edges = quarter_edges(as_of, loyal_quarters)
    churn_start = as_of - churn_window_days * DAY
    sums = order_sums.kpi_sums(database, as_of, as_of - pd.DateOffset(months=12), start, edges,
                               loyal_min_quarters, active_window(churn_start, active_days),
                               active_window(as_of, active_days), REVENUE_STATUSES, currency)
    revenue = sums.year_cents / 100
    return OrderKpis(
        revenue_12m=revenue, average_order_value=_ratio(revenue, sums.year_orders),
        customer_value=_ratio(revenue, sums.year_customers),
        loyalty_index=_ratio(sums.loyal_cents, sums.loyalty_cents),
        loyal_customers=sums.loyal_customers, churn_rate=_ratio(sums.gone, sums.active_at_start))


def frame_kpis(orders: pd.DataFrame, as_of: pd.Timestamp, *, churn_window_days: float = 90.0,
               active_days: float = ACTIVE_DAYS, loyal_min_quarters: int = 2,
               loyal_quarters: int = 4) -> OrderKpis:
    """:func:`order_kpis` from an orders frame the process holds (analytics.kpi's functions,
    as compute_kpis runs them)."""
    import pandas as pd

    from crm_desktop.analytics import kpi
    from crm_desktop.analytics.features import DAY, paid_orders

    paid = paid_orders(orders)
    year_ago = as_of - pd.DateOffset(months=12)
    recent = paid[(paid["ordered_at"] > year_ago) & (paid["ordered_at"] <= as_of)]
    loyal = kpi.loyal_customers(paid, as_of, loyal_min_quarters, loyal_quarters)
    return OrderKpis(
        revenue_12m=float(recent["amount"].sum()),
        average_order_value=kpi.average_order_value(paid, year_ago, as_of),
        customer_value=kpi.customer_value(paid, year_ago, as_of),
        loyalty_index=kpi.loyalty_index(paid, as_of, loyal, loyal_min_quarters, loyal_quarters),
        loyal_customers=len(loyal),
        churn_rate=kpi.churn_rate(paid, as_of - churn_window_days * DAY, as_of, active_days))


def revenue_by_period(database: Database, as_of: pd.Timestamp, period: str = "month",
                      currency: str | None = None) -> pd.DataFrame:
    """analytics.kpi.revenue_by_period from the paid orders' sums per month (of one currency,
    or every currency added as the KPI does)."""
    import pandas as pd

    from crm_desktop.analytics.features import REVENUE_STATUSES
    from crm_desktop.analytics.kpi import PERIOD_CODES, revenue_table
    from crm_desktop.storage import order_sums

    months = order_sums.paid_by_month(database, as_of, REVENUE_STATUSES)
    if currency is not None:
        months = months[months["currency"].str.upper() == currency.upper()]
    if not len(months):
        return pd.DataFrame(columns=["period", "revenue", "orders", "growth"])
    code = PERIOD_CODES[period]
    periods = pd.PeriodIndex(months["month"], freq="M").asfreq(code)
    sums = months[["cents", "orders"]].groupby(periods.to_numpy()).sum()
    return revenue_table(pd.PeriodIndex(sums.index, freq=code),
                         sums["cents"].to_numpy() / 100, sums["orders"].to_numpy(), code)
