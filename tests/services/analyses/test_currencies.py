"""Analyses never add money of different currencies: on a database with planted EUR orders,
deals and a campaign beside the USD ones, each money analysis gives exactly the result of the
same database with those EUR rows deleted, says in its summary what it left out, and names its
currency (services.analyses.currencies)."""

from __future__ import annotations

import shutil
import warnings

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text

from crm_desktop.services.analyses.currencies import one_currency
from crm_desktop.services.analyses.run import run_analysis
from crm_desktop.services.insights.render import Sentence, english
from crm_desktop.storage.database import open_database
from tests.conftest import demo_database_file

EUR_FACTOR = 1000  # the planted EUR amounts are huge: adding them in would show at once


def _plant(database) -> dict[str, int]:
    """Every order of one customer in 12 (and one further order in 30) becomes EUR and a
    thousand times larger; every fifth deal and the first campaign too."""
    with database.engine.begin() as c:
        c.execute(text(f"UPDATE orders SET currency = 'EUR', total = total * {EUR_FACTOR} "
                       "WHERE customer_id % 12 = 0 OR id % 30 = 0"))
        c.execute(text(f"UPDATE opportunities SET currency = 'EUR', amount = amount * "
                       f"{EUR_FACTOR} WHERE id % 5 = 0"))
        c.execute(text("UPDATE campaigns SET currency = 'EUR' WHERE id = "
                       "(SELECT MIN(id) FROM campaigns)"))
        orders = c.execute(text("SELECT COUNT(*) FROM orders WHERE currency = 'EUR' "
                                "AND deleted_at IS NULL")).scalar_one()
        only = c.execute(text(
            "SELECT COUNT(DISTINCT customer_id) FROM orders o WHERE deleted_at IS NULL AND "
            "NOT EXISTS (SELECT 1 FROM orders u WHERE u.customer_id = o.customer_id "
            "AND u.currency = 'USD' AND u.deleted_at IS NULL)")).scalar_one()
    return {"orders": int(orders), "customers": int(only)}


def _drop_eur(database) -> None:
    """The known answer: the same data without the EUR orders and deals."""
    with database.engine.begin() as c:
        c.execute(text("UPDATE orders SET deleted_at = CURRENT_TIMESTAMP "
                       "WHERE currency = 'EUR'"))
        c.execute(text("UPDATE opportunities SET deleted_at = CURRENT_TIMESTAMP "
                       "WHERE currency = 'EUR'"))


@pytest.fixture(scope="module")
def pair(tmp_path_factory, template_db):
    """(mixed database, the planted counts, the same without EUR orders and deals)."""
    source = demo_database_file(tmp_path_factory, template_db, "currencies", 300, 3)
    clean_path = source.with_name("clean.db")
    mixed = open_database(source)
    planted = _plant(mixed)
    mixed.close()
    shutil.copyfile(source, clean_path)
    mixed, clean = open_database(source), open_database(clean_path)
    _drop_eur(clean)
    yield mixed, planted, clean
    mixed.close()
    clean.close()


def _run(database, name, params=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_analysis(database, name, params or {})


@pytest.mark.parametrize("name", ["rfm", "clv", "kpis", "forecast", "churn", "segments"])
def test_money_analyses_leave_other_currencies_out(pair, name):
    mixed, planted, clean = pair
    params = {"k_min": 2, "k_max": 4} if name == "segments" else {}
    got, expected = _run(mixed, name, params), _run(clean, name, params)
    assert got.currency == expected.currency == "USD"
    shared = [c for c in expected.table.columns if c in got.table.columns]
    pd.testing.assert_frame_equal(got.table[shared].reset_index(drop=True),
                                  expected.table[shared].reset_index(drop=True),
                                  check_categorical=False, atol=1e-6)
    if name != "forecast":  # the forecast reads orders only through its deals
        said = Sentence("summary:other_currency_orders", (planted["orders"], "USD"))
        assert said in got.summary
        assert english(said, "USD") == (f"Amounts are in USD: {planted['orders']} orders in "
                                        "other currencies were left out.")
        assert got.quality["orders in other currencies (left out)"] == planted["orders"]
        assert got.quality["currency of the amounts"] == "USD"
    if name in ("rfm", "clv", "kpis", "segments"):
        assert Sentence("summary:other_currency_customers", (planted["customers"],)) \
            in got.summary
    assert not [s for s in expected.summary if s.key.startswith("summary:other_currency")]


def test_forecast_leaves_deals_of_other_currencies_out(pair):
    mixed, _planted, clean = pair
    got = _run(mixed, "forecast")
    with mixed.engine.connect() as c:
        eur = c.execute(text("SELECT COUNT(*) FROM opportunities WHERE currency = 'EUR' "
                             "AND deleted_at IS NULL")).scalar_one()
    assert Sentence("summary:other_currency_deals", (eur, "USD")) in got.summary
    assert got.quality["open_amount"] == _run(clean, "forecast").quality["open_amount"]
    assert got.columns["weighted"] == "money"


def test_campaign_roi_only_in_one_currency(pair):
    mixed, _planted, clean = pair
    got, expected = _run(mixed, "campaigns"), _run(clean, "campaigns")
    with mixed.engine.connect() as c:
        eur_id = c.execute(text("SELECT MIN(id) FROM campaigns")).scalar_one()
    table = got.table.set_index("campaign_id")
    assert np.isnan(table.loc[eur_id, ["cost", "revenue", "roi"]].astype(float)).all()
    assert table.loc[eur_id, "members"] > 0  # its responses still count
    others = expected.table.set_index("campaign_id").drop(index=eur_id)
    pd.testing.assert_series_equal(table.drop(index=eur_id)["revenue"], others["revenue"],
                                   check_exact=False)
    assert Sentence("summary:other_currency_campaigns", (1, "USD")) in got.summary
    assert got.columns["revenue"] == "money" and got.currency == "USD"


def test_the_currency_most_orders_are_in_wins():
    orders = pd.DataFrame({"id": [1, 2, 3, 4], "customer_id": [1, 1, 2, 3],
                           "amount": [10.0, 20.0, 30.0, 40.0],
                           "currency": ["CNY", "usd", "CNY", "CNY"]})
    kept, left = one_currency({"orders": orders}, None)
    assert left.currency == "CNY"
    assert kept["orders"]["id"].tolist() == [1, 3, 4]
    assert (left.orders, left.customers) == (1, 0)
    same, nothing = one_currency({"orders": orders[orders["currency"] == "CNY"]}, None)
    assert same["orders"]["id"].tolist() == [1, 3, 4]
    assert nothing.sentences() == [] and nothing.quality() == {}


@pytest.mark.parametrize(("name", "figure"), [("clv", "total_clv"), ("kpis", "revenue_12m"),
                                              ("forecast", "open_amount")])
def test_money_figures_of_details_carry_the_currency(pair, name, figure):
    from crm_desktop.cli.analytics_text import detail_lines

    _mixed, _planted, clean = pair
    outcome = _run(clean, name)
    assert outcome.columns[figure] == "money"
    line = next(line for line in detail_lines(outcome) if line.startswith(figure))
    assert "$" in line, line
