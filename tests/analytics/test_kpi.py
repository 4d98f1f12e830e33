"""KPIs hand-checked on tiny frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import kpi


def orders_frame(rows: list[tuple[int, str, float, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["customer_id", "ordered_at", "amount", "status"])
    frame["ordered_at"] = pd.to_datetime(frame["ordered_at"])
    frame["id"] = np.arange(1, len(frame) + 1)
    return frame


def test_churn_rate_excludes_new_customers_and_unpaid_orders() -> None:
    orders = orders_frame(
        [
            (1, "2024-01-10", 10.0, "paid"),  # active at start, active at end: retained
            (1, "2024-06-15", 10.0, "paid"),
            (2, "2023-12-01", 10.0, "paid"),  # active at start, gone at end: churned
            (2, "2024-05-01", 10.0, "refunded"),  # refunds do not keep anyone active
            (3, "2024-04-15", 10.0, "paid"),  # new during the period: excluded
            (4, "2022-03-01", 10.0, "paid"),  # inactive at start: excluded
        ]
    )
    assert kpi.churn_rate(orders, "2024-04-01", "2024-07-01", active_days=180) == 0.5


def test_churn_rate_without_active_customers_is_none() -> None:
    orders = orders_frame([(1, "2020-01-01", 5.0, "paid")])
    assert kpi.churn_rate(orders, "2024-04-01", "2024-07-01") is None


def test_loyalty_index_revenue_share_of_loyal_customers() -> None:
    orders = orders_frame(
        [
            (1, "2024-02-01", 100.0, "paid"),  # quarters 4 and 1 -> loyal
            (1, "2024-11-01", 100.0, "paid"),
            (2, "2024-11-05", 300.0, "paid"),  # one quarter only
            (2, "2024-12-01", 100.0, "paid"),
            (3, "2023-06-01", 1000.0, "paid"),  # outside the last 4 quarters
            (4, "2024-05-01", 50.0, "paid"),  # quarters 3 and 2 -> loyal
            (4, "2024-05-20", 50.0, "paid"),
            (4, "2024-08-01", 100.0, "paid"),
        ]
    )
    loyal = kpi.loyal_customers(orders, "2024-12-31")
    assert sorted(loyal.tolist()) == [1, 4]
    assert kpi.loyalty_index(orders, "2024-12-31") == pytest.approx(400 / 800)
    assert kpi.loyalty_index(orders, "2024-12-31", min_quarters=1) == pytest.approx(1.0)
    assert kpi.loyalty_index(orders, "2024-12-31", loyal=pd.Index([2])) == pytest.approx(0.5)


def test_nps_csat_and_mean_satisfaction() -> None:
    surveys = pd.DataFrame({"score": [10, 9, 9, 8, 7, 6, 3, 10]})
    assert kpi.nps(surveys) == pytest.approx(100 * (4 / 8 - 2 / 8))
    tickets = pd.DataFrame({"satisfaction": [5, 4, 3, np.nan, 1, 4]})
    assert kpi.csat(tickets) == pytest.approx(3 / 5)
    assert kpi.mean_satisfaction(tickets) == pytest.approx(17 / 5)
    assert kpi.nps(pd.DataFrame({"score": [np.nan]})) is None
    assert kpi.csat(pd.DataFrame({"satisfaction": [np.nan]})) is None


def test_revenue_by_month_and_quarter_with_growth() -> None:
    orders = orders_frame(
        [
            (1, "2024-01-05", 100.0, "paid"),
            (2, "2024-01-20", 100.0, "paid"),
            (1, "2024-03-02", 300.0, "paid"),
            (1, "2024-03-03", 999.0, "cancelled"),
            (3, "2024-04-01", 150.0, "paid"),
        ]
    )
    monthly = kpi.revenue_by_period(orders, "month")
    assert monthly["revenue"].tolist() == [200.0, 0.0, 300.0, 150.0]
    assert monthly["orders"].tolist() == [2, 0, 1, 1]
    assert np.isnan(monthly["growth"].iloc[0]) and monthly["growth"].iloc[1] == -1.0
    assert np.isnan(monthly["growth"].iloc[2])  # previous period was zero
    assert monthly["growth"].iloc[3] == pytest.approx(-0.5)
    quarterly = kpi.revenue_by_period(orders, "quarter")
    assert quarterly["revenue"].tolist() == [500.0, 150.0]
    assert quarterly["growth"].iloc[1] == pytest.approx(-0.7)


def test_average_order_value_and_customer_value() -> None:
    orders = orders_frame(
        [
            (1, "2024-01-05", 100.0, "paid"),
            (1, "2024-02-05", 200.0, "paid"),
            (2, "2024-03-05", 300.0, "paid"),
            (2, "2024-03-06", 50.0, "refunded"),
        ]
    )
    assert kpi.average_order_value(orders) == pytest.approx(200.0)
    assert kpi.customer_value(orders) == pytest.approx(300.0)
    assert kpi.average_order_value(orders, start="2024-01-31") == pytest.approx(250.0)
    assert kpi.customers_by_status(
        pd.DataFrame({"status": ["lead", "customer", "customer", None]})
    ) == {"customer": 2, "lead": 1, "unknown": 1}


def test_customers_by_status_of_a_categorical_column():
    """storage.frames reads status as a category: a missing status is still "unknown" and a
    category no row has is not counted."""
    status = pd.Categorical(["lead", None, "customer", "lead"],
                            categories=["churned", "customer", "lead"])
    assert kpi.customers_by_status(pd.DataFrame({"status": status})) == {
        "lead": 2, "customer": 1, "unknown": 1}


def opportunities_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "status": ["won", "won", "won", "lost", "open", "open"],
            "created_at": pd.to_datetime(["2024-01-01"] * 6),
            "closed_at": pd.to_datetime(
                ["2024-01-11", "2024-01-21", "2024-03-01", "2024-02-01", None, None]
            ),
        }
    )


def test_win_rate_and_sales_cycle() -> None:
    opps = opportunities_frame()
    assert kpi.win_rate(opps) == pytest.approx(0.75)
    assert kpi.win_rate(opps, start="2024-01-31") == pytest.approx(0.5)
    mean, median = kpi.sales_cycle_days(opps)
    assert mean == pytest.approx(30.0) and median == pytest.approx(20.0)


def test_sla_attainment_resolution_and_first_response() -> None:
    t = pd.to_datetime
    tickets = pd.DataFrame(
        {
            "sla_due": t(["2024-01-02", "2024-01-02", "2024-01-02", "2024-03-01", None]),
            "resolved_at": t(["2024-01-01", "2024-01-03", None, None, "2024-01-01"]),
            "first_response_at": t(["2024-01-01", "2024-01-01", "2024-01-01", None, None]),
        }
    )
    # met, missed, open and overdue (missed), open with deadline ahead (left out), no SLA
    assert kpi.sla_attainment(tickets, "2024-02-01") == pytest.approx(1 / 3)
    assert kpi.sla_attainment(tickets) == pytest.approx(1 / 2)
    assert kpi.sla_attainment(tickets, "2024-02-01", "first_response") == pytest.approx(1.0)


def test_compute_kpis_gathers_everything() -> None:
    orders = orders_frame(
        [
            (1, "2024-01-10", 100.0, "paid"),
            (1, "2024-06-15", 100.0, "paid"),
            (2, "2024-02-01", 200.0, "paid"),
            (3, "2024-06-20", 50.0, "paid"),
        ]
    )
    customers = pd.DataFrame({"id": [1, 2, 3], "status": ["customer"] * 3})
    tickets = pd.DataFrame(
        {
            "satisfaction": [5, 2],
            "sla_due": pd.to_datetime(["2024-01-02", "2024-01-02"]),
            "resolved_at": pd.to_datetime(["2024-01-01", "2024-01-05"]),
            "first_response_at": pd.to_datetime(["2024-01-01", "2024-01-01"]),
        }
    )
    surveys = pd.DataFrame({"score": [10, 0]})
    report = kpi.compute_kpis(
        customers, orders, opportunities_frame(), tickets, surveys, as_of="2024-06-30"
    )
    assert report.revenue_last_12_months == 450.0
    assert report.average_order_value == pytest.approx(112.5)
    assert report.customer_value == pytest.approx(150.0)
    assert report.csat == 0.5 and report.nps == 0.0 and report.win_rate == 0.75
    assert report.sla_resolution == 0.5 and report.sla_first_response == 1.0
    # growth: May (0) -> nothing defined; the last complete month is May, before it April (0)
    assert report.revenue_growth is None
    # active on 2024-04-01: customers 1 and 2; on 2024-06-30 all three -> no churn
    assert report.churn_rate == 0.0
    assert report.customers_by_status == {"customer": 3}
    assert report.loyalty_index == pytest.approx(200 / 450)


def test_compute_kpis_windows_service_data_and_reports_progress() -> None:
    orders = orders_frame([(1, "2024-06-01", 100.0, "paid")])
    customers = pd.DataFrame({"id": [1], "status": ["customer"]})
    tickets = pd.DataFrame(
        {
            "satisfaction": [5, 1],
            "opened_at": pd.to_datetime(["2024-05-01", "2022-01-01"]),  # second is too old
            "sla_due": pd.to_datetime([None, None]),
            "resolved_at": pd.to_datetime([None, None]),
            "first_response_at": pd.to_datetime([None, None]),
        }
    )
    surveys = pd.DataFrame(
        {"score": [10, 0], "responded_at": pd.to_datetime(["2024-06-01", "2024-07-01"])}
    )
    seen: list[float] = []
    report = kpi.compute_kpis(
        customers,
        orders,
        None,
        tickets,
        surveys,
        as_of="2024-06-30",
        progress=lambda f, m: seen.append(f),
    )
    assert report.csat == 1.0 and report.mean_satisfaction == 5.0 and report.nps == 100.0
    assert report.win_rate is None and report.sla_resolution is None
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
