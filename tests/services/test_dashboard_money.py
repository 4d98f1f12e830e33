"""The dashboard's money tiles (services.dashboard_money): revenue and average order kept per
currency, growth, revenue chart and funnel in the orders' usual currency. The orders are made by
hand so the answer is known; their sums come from SQL (storage/order_sums.py) as the dashboard
reads them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pandas as pd
import pytest

from crm_desktop.services.dashboard_money import money_figures, paid_sums
from crm_desktop.storage import order_sums
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.sales import LineInput, create_order

WHEN = pd.Timestamp("2025-06-10")


def _figures(db, rows: list[tuple[str, str, str, str]]) -> dict:
    """money_figures of orders (ordered_at, amount, currency, status) of one customer."""
    with db.session() as session:
        customer = create_customer(session, {"name": "Ada"}).id
        for when, amount, currency, status in rows:
            create_order(session, {"customer_id": customer, "currency": currency,
                                   "status": status, "ordered_at": datetime.fromisoformat(when)},
                         [LineInput("Widget", Decimal(1), Decimal(amount))])
    counts = order_sums.orders_overview(db).currencies
    return money_figures(paid_sums(db, WHEN, counts), _opportunities(), WHEN)


def _opportunities() -> pd.DataFrame:
    return pd.DataFrame({
        "id": [1, 2, 3, 4], "status": ["open", "open", "open", "won"],
        "stage_order": [0, 1, 0, 0], "stage": ["Lead", "Proposal", "Lead", "Lead"],
        "amount": [100.0, 200.0, 7000.0, 50.0], "currency": ["EUR", "EUR", "USD", "EUR"]})


ORDERS = [
    ("2025-04-03", "1000.10", "EUR", "paid"), ("2025-05-02", "1200.20", "EUR", "paid"),
    ("2025-05-20", "0.10", "EUR", "paid"), ("2025-05-09", "3100.00", "USD", "paid"),
    ("2025-05-10", "999.00", "USD", "open"), ("2025-06-01", "10.00", "EUR", "paid"),
    # after the as-of time: left out of every figure
    ("2025-06-11", "70.00", "USD", "paid"),
]


def test_revenue_and_average_order_are_per_currency(db):
    tiles = _figures(db, ORDERS)["tiles"]
    assert tiles["period"] == "2025-05" and tiles["currency"] == "EUR"
    # not 4,300.30 "EUR": euros and dollars are two parts
    assert tiles["revenue"].parts == (("USD", Decimal("3100.00")), ("EUR", Decimal("1200.30")))
    # EUR: (1000.10 + 1200.20 + 0.10 + 10.00) / 4 = 552.60; USD: the one paid order
    assert tiles["aov"].parts == (("USD", Decimal("3100.00")), ("EUR", Decimal("552.60")))
    # growth of the euro revenue only: 1200.30 / 1000.10 - 1
    assert tiles["growth"] == pytest.approx(1200.30 / 1000.10 - 1)


def test_chart_and_funnel_are_in_the_usual_currency(db):
    figures = _figures(db, ORDERS)
    revenue = figures["revenue"]
    assert revenue["x"] == ["2025-04", "2025-05"] and revenue["currency"] == "EUR"
    assert revenue["y"] == pytest.approx([1000.10, 1200.30])
    assert figures["funnel"] == {"x": ["Lead", "Proposal"], "y": [100.0, 200.0],
                                 "count": [1, 1], "currency": "EUR"}


def test_a_month_without_orders_is_in_the_chart_with_no_growth_after_it(db):
    figures = _figures(db, [("2025-02-03", "10.00", "EUR", "paid"),
                            ("2025-04-30", "20.00", "EUR", "paid"),
                            ("2025-05-01", "30.00", "EUR", "paid")])
    assert figures["revenue"]["x"] == ["2025-02", "2025-03", "2025-04", "2025-05"]
    assert figures["revenue"]["y"] == pytest.approx([10.0, 0.0, 20.0, 30.0])
    assert figures["tiles"]["growth"] == pytest.approx(0.5)


def test_without_orders_nothing_is_shown_as_money(db):
    tiles = _figures(db, [])["tiles"]
    assert tiles["revenue"] is None and tiles["aov"] is None and tiles["growth"] is None
    assert tiles["currency"] == "USD"
