"""The revenue figures read only the paid orders' columns they need (features.paid_orders) and
give exactly what they gave from the whole orders frame (references below: the code as it was,
which copied every column)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import clv, kpi
from crm_desktop.analytics import features as ft

AS_OF = pd.Timestamp("2024-06-30 18:00")


@pytest.fixture
def orders() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 3_000
    start = pd.Timestamp("2022-01-01").value
    return pd.DataFrame({
        "id": np.arange(1, n + 1),
        "customer_id": rng.integers(1, 400, n),
        "ordered_at": pd.to_datetime(rng.integers(start, AS_OF.value, n)),
        "amount": rng.integers(100, 90_000, n) / 100.0,
        "currency": rng.choice(["EUR", "USD"], n, p=[0.9, 0.1]),
        "status": rng.choice(["paid", "refunded", "cancelled"], n, p=[0.8, 0.1, 0.1]),
        "campaign_id": rng.choice([1.0, 2.0, np.nan], n),
    })


def test_paid_orders_are_the_revenue_orders_columns(orders: pd.DataFrame) -> None:
    paid = ft.paid_orders(orders)
    expected = orders[orders["status"] == "paid"][["customer_id", "ordered_at", "amount"]]
    pd.testing.assert_frame_equal(paid, expected)
    # without a status: revenue_orders of it is the same rows
    pd.testing.assert_frame_equal(ft.revenue_orders(paid), paid)
    chosen = ft.paid_orders(orders, ("ordered_at", "amount", "currency", "nothing"))
    assert list(chosen.columns) == ["ordered_at", "amount", "currency"]
    assert len(chosen) == int((orders["status"] == "paid").sum())


def test_revenue_orders_of_paid_orders_is_equal_and_apart(orders: pd.DataFrame) -> None:
    paid = orders[orders["status"] == "paid"]
    again = ft.revenue_orders(paid)
    pd.testing.assert_frame_equal(again, paid)
    again.loc[again.index[0], "amount"] = -1.0
    assert paid["amount"].iloc[0] != -1.0  # changing the result leaves the frame alone


def _order_features_whole(orders: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """order_features as it was: the whole frame filtered twice."""
    paid = ft.revenue_orders(orders)
    paid = paid[paid["ordered_at"].notna() & (paid["ordered_at"] <= as_of)]
    when = paid["ordered_at"]
    grouped = paid.assign(_when=when, _recent=(when > as_of - 90 * ft.DAY)).groupby(
        "customer_id")
    out = pd.DataFrame({
        "recency_days": (as_of - grouped["_when"].max()) / ft.DAY,
        "frequency": grouped.size().astype(float),
        "monetary": grouped["amount"].sum().astype(float),
        "first_order_days": (as_of - grouped["_when"].min()) / ft.DAY,
        "orders_recent": grouped["_recent"].sum().astype(float),
    })
    out["avg_order_value"] = out["monetary"] / out["frequency"]
    out.index.name = "customer_id"
    return out


def test_order_features_as_from_the_whole_frame(orders: pd.DataFrame) -> None:
    for as_of in (AS_OF, pd.Timestamp("2023-03-15")):
        pd.testing.assert_frame_equal(ft.order_features(orders, as_of),
                                      _order_features_whole(orders, as_of))


def test_churn_rate_as_with_sets_of_customers(orders: pd.DataFrame) -> None:
    paid = orders[orders["status"] == "paid"]

    def active(at: pd.Timestamp) -> set[int]:
        when = paid["ordered_at"]
        return set(paid.loc[(when > at - 120 * ft.DAY) & (when <= at), "customer_id"])

    start, end = AS_OF - 90 * ft.DAY, AS_OF
    expected = len(active(start) - active(end)) / len(active(start))
    assert kpi.churn_rate(orders, start, end, active_days=120) == expected
    assert 0 < expected < 1  # the data has customers who left and who stayed


def test_kpis_equal_from_paid_columns_and_whole_frame(orders: pd.DataFrame) -> None:
    whole = kpi.compute_kpis(pd.DataFrame({"status": ["customer"]}), orders, as_of=AS_OF)
    paid = kpi.compute_kpis(pd.DataFrame({"status": ["customer"]}),
                            ft.paid_orders(orders), as_of=AS_OF)
    for name in ("revenue_last_12_months", "revenue_growth", "average_order_value",
                 "customer_value", "loyalty_index", "churn_rate"):
        assert getattr(whole, name) == getattr(paid, name), name
    pd.testing.assert_frame_equal(whole.revenue_by_period, paid.revenue_by_period)
    reference = orders[(orders["status"] == "paid") & (orders["ordered_at"] <= AS_OF)
                       & (orders["ordered_at"] > AS_OF - pd.DateOffset(months=12))]
    assert whole.revenue_last_12_months == float(reference["amount"].sum())


def test_clv_same_from_paid_columns_and_every_column(orders: pd.DataFrame) -> None:
    paid = orders[orders["status"] == "paid"]
    whole = clv.clv_analysis(paid, AS_OF)
    columns = clv.clv_analysis(ft.paid_orders(orders), AS_OF)
    pd.testing.assert_frame_equal(whole.table, columns.table)
    # simple CLV's spend: the observed orders' amounts summed per customer, as before
    kept = paid[paid["ordered_at"] <= AS_OF]
    spend = kept["amount"].groupby(kept["customer_id"]).sum().reindex(whole.table.index)
    x = whole.table["frequency"].to_numpy()
    years = np.maximum(whole.table["T"].to_numpy() * 7, clv.DAYS_PER_MONTH) / 365.25
    expected = clv.simple_clv(spend.to_numpy() / (x + 1), (x + 1) / years, 3.0, 1.0)
    np.testing.assert_array_equal(whole.table["simple_clv"].to_numpy(), expected)


def test_order_features_by_ranges_of_customers_are_the_whole(orders, monkeypatch) -> None:
    """order_features groups the orders a range of customers at a time (GROUP_ROWS): the
    same table as all of them grouped at once."""
    whole = ft.order_features(orders, AS_OF)
    monkeypatch.setattr(ft, "GROUP_ROWS", 300)
    assert len(ft.customer_ranges(orders["customer_id"].to_numpy(), ft.GROUP_ROWS)) > 5
    pd.testing.assert_frame_equal(ft.order_features(orders, AS_OF), whole)
    pd.testing.assert_frame_equal(whole, _order_features_whole(orders, AS_OF))
