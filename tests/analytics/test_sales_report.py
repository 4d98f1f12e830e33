"""Sales reports and target progress, checked against figures worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import Cancelled
from crm_desktop.analytics import sales_report as sr
from crm_desktop.analytics import sales_targets as st

T = pd.Timestamp


def frames() -> dict[str, pd.DataFrame]:
    customers = pd.DataFrame({"id": [1, 2, 3], "owner": ["Ann", "Bob", None],
                              "country": ["CN", "GB", None], "city": ["Beijing", "London", ""]})
    opportunities = pd.DataFrame([
        # id, customer, owner, amount, currency, status, created, closed, expected, probability
        (10, 1, "Ann", 1000.0, "CNY", "won", "2024-01-01", "2024-01-11", None, 1.0),
        (11, 1, "Ann", 500.0, "CNY", "lost", "2024-01-05", "2024-02-04", None, 0.0),
        (12, 2, "Bob", 2000.0, "CNY", "won", "2024-02-01", "2024-03-02", None, 1.0),
        (13, 2, "Bob", 300.0, "USD", "won", "2024-02-01", "2024-02-21", None, 1.0),
        (14, 3, "Ann", 50.0, "CNY", "open", "2024-02-01", None, "2024-05-01", 0.5),
        (15, 2, "Bob", 700.0, "CNY", "won", "2024-12-01", "2025-01-10", None, 1.0),
        (16, 2, "Bob", 1000.0, "CNY", "open", "2024-01-01", None, "2024-03-15", 0.4),
        (17, 2, "Bob", 1000.0, "CNY", "open", "2024-01-01", None, "2024-08-01", 0.4),
    ], columns=["id", "customer_id", "owner", "amount", "currency", "status", "created_at",
                "closed_at", "expected_close", "probability"])
    for column in ("created_at", "closed_at", "expected_close"):
        opportunities[column] = pd.to_datetime(opportunities[column])
    orders = pd.DataFrame([
        (100, 1, "2024-01-12", 1000.0, "CNY", "paid", 10),
        (101, 2, "2024-03-05", 1500.0, "CNY", "paid", 12),
        (102, 2, "2024-03-06", 500.0, "CNY", "paid", None),
        (103, 1, "2024-03-07", 200.0, "CNY", "paid", 12),  # the deal's owner (Bob) wins
        (104, 3, "2024-02-01", 80.0, "CNY", "paid", None),
        (105, 1, "2024-02-10", 999.0, "CNY", "refunded", None),
        (106, 2, "2024-02-22", 300.0, "USD", "paid", 13),
        (107, 1, "2025-02-01", 100.0, "CNY", "paid", None),
    ], columns=["id", "customer_id", "ordered_at", "amount", "currency", "status",
                "opportunity_id"])
    orders["ordered_at"] = pd.to_datetime(orders["ordered_at"])
    orders["opportunity_id"] = orders["opportunity_id"].astype(float)
    lines = pd.DataFrame([
        (100, 1, "Printer", "Hardware", 600.0), (100, 2, "Toner", "Supplies", 400.0),
        (101, 1, "Printer", "Hardware", 1500.0), (102, 2, "Toner", "Supplies", 300.0),
        (102, 2, "Toner", "Supplies", 200.0), (103, 3, "Paper", "Supplies", 200.0),
        (104, 3, "Paper", "Supplies", 80.0), (105, 1, "Printer", "Hardware", 999.0),
        (106, 1, "Printer", "Hardware", 300.0), (107, 2, "Toner", "Supplies", 100.0),
    ], columns=["order_id", "product_id", "product_name", "product_category", "amount"])
    return {"customers": customers, "opportunities": opportunities, "orders": orders,
            "order_lines": lines}


def report(by: str, **kwargs: object) -> pd.DataFrame:
    f = frames()
    out = sr.sales_report(f["orders"], f["opportunities"], f["order_lines"], f["customers"],
                          by=by, start="2024-01-01", end="2024-12-31", **kwargs)
    assert list(out.columns) == [by, "currency", *sr.MEASURE_COLUMNS]
    return out.set_index([by, "currency"])


def test_report_by_owner() -> None:
    out = report("owner")
    assert list(out.index) == [("(none)", "CNY"), ("Ann", "CNY"), ("Bob", "CNY"),
                               ("Bob", "USD")]
    ann = out.loc[("Ann", "CNY")]
    assert (ann["revenue"], ann["orders"], ann["deals_won"], ann["deals_lost"]) == (
        1000, 1, 1, 1)
    assert (ann["win_rate"], ann["won_amount"], ann["avg_deal_size"]) == (0.5, 1000, 1000)
    assert ann["cycle_days_mean"] == 10 and ann["cycle_days_median"] == 10
    bob = out.loc[("Bob", "CNY")]
    assert (bob["revenue"], bob["orders"], bob["deals_won"], bob["win_rate"]) == (2200, 3, 1, 1)
    assert bob["cycle_days_mean"] == 30
    usd = out.loc[("Bob", "USD")]
    assert (usd["revenue"], usd["deals_won"], usd["avg_deal_size"]) == (300, 1, 300)
    nobody = out.loc[("(none)", "CNY")]
    assert (nobody["revenue"], nobody["deals_won"], nobody["deals_lost"]) == (80, 0, 0)
    assert np.isnan(nobody["win_rate"]) and np.isnan(nobody["cycle_days_mean"])


def test_report_by_product_and_category() -> None:
    product = report("product")
    printer = product.loc[("Printer", "CNY")]
    assert (printer["revenue"], printer["orders"], printer["deals_won"]) == (2100, 2, 2)
    assert printer["cycle_days_mean"] == 20 and printer["cycle_days_median"] == 20
    toner = product.loc[("Toner", "CNY")]  # two lines of one order count one order
    assert (toner["revenue"], toner["orders"], toner["deals_won"]) == (900, 2, 1)
    assert product.loc[("Paper", "CNY"), "deals_won"] == 1
    assert product.loc[("Printer", "USD"), "revenue"] == 300
    assert product[["deals_lost", "win_rate", "won_amount", "avg_deal_size"]].isna().all().all()
    category = report("category")
    supplies = category.loc[("Supplies", "CNY")]
    assert (supplies["revenue"], supplies["orders"], supplies["deals_won"]) == (1180, 4, 2)
    assert supplies["cycle_days_mean"] == 20
    assert category.loc[("Hardware", "CNY"), "revenue"] == 2100


def test_report_by_month_and_region() -> None:
    month = report("month")
    assert list(month.index) == [(pd.Period("2024-01", "M"), "CNY"),
                                 (pd.Period("2024-02", "M"), "CNY"),
                                 (pd.Period("2024-02", "M"), "USD"),
                                 (pd.Period("2024-03", "M"), "CNY")]
    feb = month.loc[(pd.Period("2024-02", "M"), "CNY")]
    assert (feb["revenue"], feb["orders"], feb["deals_won"], feb["deals_lost"]) == (80, 1, 0, 1)
    assert month.loc[(pd.Period("2024-03", "M"), "CNY"), "revenue"] == 2200
    country = report("country")
    assert country.loc[("CN", "CNY"), "revenue"] == 1200
    assert (country.loc[("CN", "CNY"), "deals_won"], country.loc[("CN", "CNY"),
                                                                 "deals_lost"]) == (1, 1)
    assert country.loc[("GB", "USD"), "revenue"] == 300
    city = report("city")
    assert city.loc[("(none)", "CNY"), "revenue"] == 80  # a blank city is no city


def test_whole_range_without_deals_and_bad_grouping() -> None:
    f = frames()
    out = sr.sales_report(f["orders"], by="month").set_index(["month", "currency"])
    assert out.loc[(pd.Period("2025-02", "M"), "CNY"), "revenue"] == 100
    assert out["revenue"].sum() == 1000 + 1500 + 500 + 200 + 80 + 300 + 100
    assert out[["deals_won", "win_rate"]].isna().all().all()
    with pytest.raises(ValueError, match="unknown report grouping"):
        sr.sales_report(f["orders"], by="colour")
    with pytest.raises(ValueError, match="order lines"):
        sr.sales_report(f["orders"], by="product")


def test_date_range_includes_the_end_day() -> None:
    assert sr.date_range("2024-01-01", "2024-03-31") == (T("2024-01-01"), T("2024-04-01"))
    assert sr.date_range(None, "2024-03-31 12:00") == (None, T("2024-03-31 12:00"))


def targets() -> pd.DataFrame:
    return pd.DataFrame({
        "owner": [None, "Bob"], "period_start": ["2024-01-01", "2024-01-01"],
        "period_end": ["2024-03-31", "2024-06-30"], "amount": [5000.0, 4000.0],
        "deals": [4, np.nan], "currency": ["CNY", None],
    })


def test_target_progress_on_deals_with_pace_and_pipeline() -> None:
    f = frames()
    out = st.target_progress(targets(), f["opportunities"], as_of="2024-03-31")
    assert list(out.columns) == list(st.PROGRESS_COLUMNS)
    business, bob = out.iloc[0], out.iloc[1]
    assert business["owner"] is None and business["currency"] == "CNY"
    assert business["period_end"] == T("2024-03-31")
    assert (business["actual_amount"], business["actual_deals"]) == (3000, 2)  # 10 and 12
    assert business["share"] == 0.6 and business["deals_share"] == 0.5
    assert business["elapsed_share"] == pytest.approx(90 / 91)
    assert business["projected_amount"] == pytest.approx(3000 * 91 / 90)
    # open deals expected to close by the end: 16 (overdue: closing now, 1000 x 0.4)
    assert business["pipeline_weighted"] == pytest.approx(400)
    assert (bob["actual_amount"], bob["actual_deals"]) == (2300, 2)  # every currency
    assert np.isnan(bob["target_deals"]) and np.isnan(bob["deals_share"])
    assert bob["elapsed_share"] == pytest.approx(90 / 182)
    assert bob["projected_share"] == pytest.approx(2300 * 182 / 90 / 4000)
    assert bob["pipeline_weighted"] == pytest.approx(400)  # 16 again; 14 is Ann's


def test_target_progress_on_orders_and_period_edges() -> None:
    f = frames()
    out = st.target_progress(targets(), f["opportunities"], f["orders"], f["customers"],
                             as_of="2024-07-15", basis="orders")
    business, bob = out.iloc[0], out.iloc[1]
    assert business["actual_amount"] == 1000 + 1500 + 500 + 200 + 80  # CNY, paid, in Q1
    assert bob["actual_amount"] == 1500 + 500 + 200 + 300
    assert business["elapsed_share"] == 1.0
    assert business["projected_amount"] == business["actual_amount"]  # the period is over
    assert business["pipeline_weighted"] == 0
    before = st.target_progress(targets(), f["opportunities"], as_of="2023-12-01")
    assert (before["elapsed_share"] == 0).all() and before["projected_amount"].isna().all()
    with pytest.raises(ValueError):
        st.target_progress(targets(), f["opportunities"], as_of="2024-01-01", basis="mood")


def test_reports_and_targets_report_progress_and_stop_when_cancelled() -> None:
    f = frames()
    seen: list[float] = []
    sr.sales_report(f["orders"], by="owner", progress=lambda x, _: seen.append(x))
    assert seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Cancelled):
        sr.sales_report(f["orders"], cancelled=lambda: True)
    with pytest.raises(Cancelled):
        st.target_progress(targets(), f["opportunities"], as_of="2024-03-31",
                           cancelled=lambda: True)
