"""The dashboard's money tiles (services.dashboard_money): revenue and average order kept per
currency, growth, revenue chart and funnel in the orders' usual currency. Frames are built by
hand so the answer is known."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from crm_desktop.services.dashboard_money import money_figures

WHEN = pd.Timestamp("2025-06-10")


def _orders(rows: list[tuple[str, float, str, str]]) -> pd.DataFrame:
    return pd.DataFrame({
        "id": range(1, len(rows) + 1), "customer_id": 1,
        "ordered_at": pd.to_datetime([r[0] for r in rows]), "amount": [r[1] for r in rows],
        "currency": [r[2] for r in rows], "status": [r[3] for r in rows]})


def _opportunities() -> pd.DataFrame:
    return pd.DataFrame({
        "id": [1, 2, 3, 4], "status": ["open", "open", "open", "won"],
        "stage_order": [0, 1, 0, 0], "stage": ["Lead", "Proposal", "Lead", "Lead"],
        "amount": [100.0, 200.0, 7000.0, 50.0], "currency": ["EUR", "EUR", "USD", "EUR"]})


ORDERS = _orders([
    ("2025-04-03", 1000.10, "EUR", "paid"), ("2025-05-02", 1200.20, "EUR", "paid"),
    ("2025-05-20", 0.10, "EUR", "paid"), ("2025-05-09", 3100.00, "USD", "paid"),
    ("2025-05-10", 999.00, "USD", "open"), ("2025-06-01", 10.00, "EUR", "paid"),
])


def test_revenue_and_average_order_are_per_currency():
    tiles = money_figures(ORDERS, _opportunities(), WHEN)["tiles"]
    assert tiles["period"] == "2025-05" and tiles["currency"] == "EUR"
    # not 4,300.30 "EUR": euros and dollars are two parts
    assert tiles["revenue"].parts == (("USD", Decimal("3100.00")), ("EUR", Decimal("1200.30")))
    # EUR: (1000.10 + 1200.20 + 0.10 + 10.00) / 4 = 552.60; USD: the one paid order
    assert tiles["aov"].parts == (("USD", Decimal("3100.00")), ("EUR", Decimal("552.60")))
    # growth of the euro revenue only: 1200.30 / 1000.10 - 1
    assert tiles["growth"] == pytest.approx(1200.30 / 1000.10 - 1)


def test_chart_and_funnel_are_in_the_usual_currency():
    figures = money_figures(ORDERS, _opportunities(), WHEN)
    revenue = figures["revenue"]
    assert revenue["x"] == ["2025-04", "2025-05"] and revenue["currency"] == "EUR"
    assert revenue["y"] == pytest.approx([1000.10, 1200.30])
    assert figures["funnel"] == {"x": ["Lead", "Proposal"], "y": [100.0, 200.0],
                                 "count": [1, 1], "currency": "EUR"}


def test_without_orders_nothing_is_shown_as_money():
    tiles = money_figures(ORDERS.iloc[0:0], _opportunities(), WHEN)["tiles"]
    assert tiles["revenue"] is None and tiles["aov"] is None and tiles["growth"] is None
    assert tiles["currency"] == "USD"
