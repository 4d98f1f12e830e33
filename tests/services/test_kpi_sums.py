"""The order KPIs from sums in SQL (services/kpi_sums.py, storage/order_sums.py) equal
analytics.kpi.compute_kpis' figures from the frames: on the demo data and on orders made by hand
at the windows' boundaries, with refunds and cancelled orders, one-order customers, several
currencies, orders in the trash and no orders at all."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pandas as pd
import pytest
from sqlalchemy import text

from crm_desktop.analytics import kpi, rfm
from crm_desktop.analytics.features import REVENUE_STATUSES, as_of_date
from crm_desktop.services import kpi_sums
from crm_desktop.storage import frames, order_sums
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.demo.generate import generate
from crm_desktop.storage.sales import LineInput, create_order

AS_OF = datetime(2025, 6, 10, 12, 0, 0)


def _compare(db, *, window: float = 90.0, min_quarters: int = 2, quarters: int = 4,
             currency: str | None = None) -> None:
    orders, customers = frames.orders(db), frames.customers(db)
    overview = order_sums.orders_overview(db)
    if currency is not None:  # the key figures' one currency, as currencies.one_currency
        orders = orders[orders["currency"] == currency].reset_index(drop=True)
        assert overview.last_by_currency[currency] == as_of_date(orders)
    when = as_of_date(orders)
    if currency is None and len(orders):
        assert overview.last_ordered_at == when
    elif currency is None:
        assert overview.last_ordered_at is None
    report = kpi.compute_kpis(customers, orders, as_of=when, churn_window_days=window,
                              loyal_min_quarters=min_quarters, loyal_quarters=quarters)
    sums = kpi_sums.order_kpis(db, when, churn_window_days=window,
                               loyal_min_quarters=min_quarters, loyal_quarters=quarters,
                               currency=currency)
    from_frame = kpi_sums.frame_kpis(orders, when, churn_window_days=window,
                                     loyal_min_quarters=min_quarters, loyal_quarters=quarters)
    assert from_frame.loyal_customers == sums.loyal_customers
    for name in ("revenue_12m", "average_order_value", "customer_value", "loyalty_index",
                 "churn_rate"):
        expected = getattr(sums, name)
        if expected is None:
            assert getattr(from_frame, name) is None, name
        else:
            assert getattr(from_frame, name) == pytest.approx(expected, rel=1e-12), name
    assert sums.revenue_12m == pytest.approx(report.revenue_last_12_months, rel=1e-12)
    for name in ("average_order_value", "customer_value", "loyalty_index", "churn_rate"):
        expected = getattr(report, name)
        got = getattr(sums, name)
        assert (got is None) == (expected is None), name
        if expected is not None:
            assert got == pytest.approx(expected, rel=1e-12), name
    loyal = kpi.loyal_customers(orders, when, min_quarters, quarters)
    assert sums.loyal_customers == len(loyal)
    assert order_sums.customer_statuses(db) == report.customers_by_status
    # revenue per month: the pandas periods and sums, every currency added as compute_kpis does
    months = order_sums.paid_by_month(db, when, REVENUE_STATUSES)
    if currency is not None:
        months = months[months["currency"] == currency]
    by_month = months.groupby("month")[["cents", "orders"]].sum()
    expected_months = report.revenue_by_period
    expected_months = expected_months[expected_months["orders"] > 0]
    assert list(by_month.index) == [str(p) for p in expected_months["period"]]
    assert (by_month["cents"] / 100).tolist() == pytest.approx(
        expected_months["revenue"].tolist(), rel=1e-12)
    assert by_month["orders"].tolist() == expected_months["orders"].tolist()
    for period in ("month", "quarter"):
        expected_table = kpi.revenue_by_period(orders, period, when)
        table = kpi_sums.revenue_by_period(db, when, period, currency)
        assert [str(p) for p in table["period"]] == [str(p) for p in expected_table["period"]]
        assert table["orders"].tolist() == expected_table["orders"].tolist()
        for column in ("revenue", "growth"):
            assert table[column].tolist() == pytest.approx(expected_table[column].tolist(),
                                                           rel=1e-12, nan_ok=True)
    # the dashboard's RFM table from per-customer sums equals the one from the orders
    if len(orders) and currency is None:
        table = rfm.rfm_frame(orders)
        from_sums = rfm.rfm_frame_of_sums(
            order_sums.customer_sums(db, when, REVENUE_STATUSES), when)
        pd.testing.assert_frame_equal(
            table.reset_index(drop=True), from_sums.reset_index(drop=True),
            check_dtype=False, check_exact=False, rtol=1e-12)


def test_the_sums_give_the_kpis_of_the_demo(db):
    generate(db, 300, seed=3)
    _compare(db)
    _compare(db, window=30.0, min_quarters=3, quarters=6)


def _orders(db, rows: list[tuple[int, datetime, str, str, str]]) -> None:
    """Orders (customer number, time, amount, currency, status); customers 0..9 made first."""
    with db.session() as session:
        ids = [create_customer(session, {"name": f"C{i}", "status": "customer"}).id
               for i in range(10)]
        for who, when, amount, currency, status in rows:
            create_order(session, {"customer_id": ids[who], "currency": currency,
                                   "status": status, "ordered_at": when},
                         [LineInput("Widget", Decimal(1), Decimal(amount))])


def test_the_sums_give_the_kpis_at_the_windows_boundaries(db):
    year_ago = pd.Timestamp(AS_OF) - pd.DateOffset(months=12)
    quarter = pd.Timestamp(AS_OF) - pd.DateOffset(months=3)
    churn_start = AS_OF - timedelta(days=90)
    rows = [
        (0, AS_OF, "10.00", "USD", "paid"),  # the last order: the as-of time
        (0, year_ago.to_pydatetime(), "1000.00", "USD", "paid"),  # exactly 12 months: out
        (1, year_ago.to_pydatetime() + timedelta(microseconds=1), "7.01", "EUR", "paid"),
        (1, quarter.to_pydatetime(), "3.30", "EUR", "paid"),  # on a quarter's edge
        (2, quarter.to_pydatetime() + timedelta(seconds=1), "4.40", "USD", "paid"),
        (2, churn_start - timedelta(days=180), "2.00", "USD", "paid"),  # the active edge
        (3, churn_start, "5.55", "USD", "paid"),  # one order, active at the start only
        (4, churn_start - timedelta(days=10), "8.00", "USD", "refunded"),
        (4, churn_start - timedelta(days=11), "9.00", "USD", "cancelled"),
        (5, AS_OF - timedelta(days=1), "0.01", "GBP", "paid"),
        (5, churn_start - timedelta(days=5), "120.00", "GBP", "paid"),
        (6, AS_OF - timedelta(days=400), "50.00", "USD", "paid"),
        (7, AS_OF - timedelta(days=20), "70.00", "USD", "open"),
        (7, quarter.to_pydatetime(), "6.60", "USD", "paid"),  # loyal by the edge's order
        (7, AS_OF - timedelta(days=5), "1.00", "USD", "paid"),
        (8, churn_start - timedelta(days=1), "33.33", "USD", "paid"),
        (8, AS_OF - timedelta(days=2), "44.44", "USD", "paid"),
        (9, AS_OF - timedelta(days=3), "99.99", "USD", "paid"),  # its customer is trashed
    ]
    _orders(db, rows)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE customers SET deleted_at = '2025-06-01 00:00:00.000000' "
                                "WHERE name = 'C9'"))
        connection.execute(text("UPDATE orders SET deleted_at = '2025-06-01 00:00:00.000000' "
                                "WHERE total = 555"))  # customer 3's order in the trash
    _compare(db)
    _compare(db, window=1.0, min_quarters=1, quarters=1)
    _compare(db, window=365.0, min_quarters=3, quarters=5)
    for currency in ("USD", "EUR", "GBP"):  # the key figures of one currency's orders
        _compare(db, currency=currency)
        _compare(db, window=200.0, min_quarters=1, quarters=2, currency=currency)
    assert order_sums.other_currencies(db, "USD") == (4, 2)  # customers 1 and 5: no USD


def test_the_sums_of_customers_with_one_order_each(db):
    _orders(db, [(i, AS_OF - timedelta(days=30 * i), f"{i}.50", "USD", "paid")
                 for i in range(10)])
    _compare(db)


def test_without_orders_the_ratios_are_none(db):
    with db.session() as session:
        create_customer(session, {"name": "Lead", "status": "lead"})
    _compare(db)
    sums = kpi_sums.order_kpis(db, pd.Timestamp(AS_OF))
    assert sums.revenue_12m == 0 and sums.loyal_customers == 0
    assert sums.average_order_value is None and sums.churn_rate is None
    assert sums.loyalty_index is None and sums.customer_value is None


def test_only_refunds_and_cancelled_orders_count_no_revenue(db):
    _orders(db, [(0, AS_OF, "10.00", "USD", "refunded"),
                 (1, AS_OF - timedelta(days=3), "5.00", "USD", "cancelled")])
    _compare(db)


def test_the_key_figures_from_held_orders_equal_those_summed_in_sql(db, monkeypatch):
    """The key figures read a cached orders frame when the process holds a small one, and sum
    in SQL otherwise (no frame, or more than FRAME_KPI_ORDERS orders): the same figures, of the
    usual currency, with the orders of the others left out."""
    from crm_desktop.services.analyses import descriptive
    from crm_desktop.services.analyses.run import run_analysis, warm_up
    from crm_desktop.storage.frame_cache import FrameCache

    generate(db, 300, seed=5)
    with db.session() as session:
        customer = create_customer(session, {"name": "Euro", "status": "customer"}).id
        for days in (3, 40, 200):
            create_order(session, {"customer_id": customer, "currency": "EUR", "status": "paid",
                                   "ordered_at": AS_OF - timedelta(days=days)},
                         [LineInput("Widget", Decimal(1), Decimal("99.90"))])
    cache = FrameCache(db)
    try:
        warm_up(db, frames=cache)
        assert cache.cached_rows("orders", descriptive.KPI_ORDER_COLUMNS)
        held = run_analysis(db, "kpis", {}, frames=cache)
        monkeypatch.setattr(descriptive, "FRAME_KPI_ORDERS", 0)
        summed = run_analysis(db, "kpis", {}, frames=cache)
    finally:
        cache.close()
    alone = run_analysis(db, "kpis", {})
    assert held.quality["orders in other currencies (left out)"] == 3
    for other in (summed, alone):
        assert held.quality.keys() == other.quality.keys()
        for key, value in held.quality.items():
            if isinstance(value, float):
                assert other.quality[key] == pytest.approx(value, rel=1e-9), key
            else:
                assert other.quality[key] == value, key
        pd.testing.assert_frame_equal(held.table, other.table, check_dtype=False)
