"""Money summed per currency (storage.amounts): parts are exact and never added across
currencies."""

from __future__ import annotations

from decimal import Decimal

from crm_desktop.storage.amounts import Amounts, total


def test_cents_are_summed_per_currency_biggest_first():
    amounts = Amounts.from_cents([("eur", 1_240_000), ("USD", 310_000), ("EUR", 50), ("USD", 1)])
    assert amounts.parts == (("EUR", Decimal("12400.50")), ("USD", Decimal("3100.01")))
    assert amounts.currencies == ("EUR", "USD")


def test_scale_divides_once_more_and_rounds_to_the_cent():
    # 10.01 x 50 % = 5.005: cents x percent, divided by 100 once more
    assert Amounts.from_cents([("USD", 1001 * 50)], scale=100).parts == (
        ("USD", Decimal("5.00")),)


def test_totals_of_totals_stay_per_currency():
    a = Amounts.from_cents([("EUR", 100)])
    b = Amounts.from_cents([("USD", 250), ("EUR", 1)])
    assert total([a, b]).parts == (("USD", Decimal("2.50")), ("EUR", Decimal("1.01")))
    assert not total([]) and bool(a)
    assert Amounts.from_cents([("EUR", 0)]).parts == (("EUR", Decimal("0.00")),)
