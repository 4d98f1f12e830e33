"""The one rule for currencies: the default a new record starts with and the clean-up of a code."""

from __future__ import annotations

import pytest

from crm_desktop.models import Order, Setting
from crm_desktop.services.money import (
    DEFAULT_CURRENCY,
    clean_currency,
    default_currency,
    set_default_currency,
)
from crm_desktop.services.outcome import write
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import ValidationError


@pytest.mark.parametrize(("typed", "code"), [
    ("usd", "USD"), (" eur ", "EUR"), ("CNY", "CNY"), ("rmb", "CNY"), ("元", "CNY"),
    ("人民币", "CNY"), ("€", "EUR"), ("£", "GBP"),
])
def test_clean_currency_normalises_codes_and_aliases(typed, code):
    assert clean_currency(typed) == code


@pytest.mark.parametrize("empty", ["", "   ", None])
def test_clean_currency_of_nothing_is_the_default(empty):
    assert clean_currency(empty) == DEFAULT_CURRENCY == "USD"
    assert clean_currency(empty, default="CNY") == "CNY"


@pytest.mark.parametrize("bad", ["Dollars", "US", "U5D", "$", "¥", "EURO"])
def test_clean_currency_refuses_what_is_not_a_code(bad):
    with pytest.raises(ValidationError) as raised:
        clean_currency(bad)
    assert raised.value.field == "currency" and repr(bad) in raised.value.message


def test_default_currency_of_a_new_database_is_usd(db):
    assert default_currency(db) == "USD"


def _order(db, currency: str, number: str) -> None:
    def work(session):
        customer = create_customer(session, {"name": f"Buyer {number}"})
        session.add(Order(number=number, customer_id=customer.id, currency=currency))
    write(db, work)


def test_default_currency_follows_the_latest_order(db):
    _order(db, "EUR", "A-1")
    _order(db, "CNY", "A-2")
    assert default_currency(db) == "CNY"


def test_a_stored_setting_wins_and_a_bad_one_is_ignored(db):
    _order(db, "CNY", "A-1")
    write(db, lambda s: s.add(Setting(key="default_currency", value="gbp")))
    assert default_currency(db) == "GBP"
    write(db, lambda s: setattr(s.query(Setting).filter_by(key="default_currency").one(),
                                "value", "pounds"))
    assert default_currency(db) == "CNY"


def test_the_chosen_default_currency_is_stored_in_the_database(db):
    _order(db, "CNY", "A-1")
    outcome = set_default_currency(db, " eur ")
    assert outcome.value == "EUR" and "settings" in outcome.changes
    assert default_currency(db) == "EUR"
    assert not set_default_currency(db, "EUR").changes  # the same again: nothing written
    with pytest.raises(ValidationError) as raised:
        set_default_currency(db, "Euros")
    assert raised.value.field == "currency" and default_currency(db) == "EUR"
    set_default_currency(db, None)  # no setting: the latest order's currency again
    assert default_currency(db) == "CNY"
