"""Sales operations without Qt: the rules that used to live in the dialogs and the page -
contract numbering and uniqueness, whether a quote may become an order, the acceptance and its
audited undo, a quote edit with lines and its undo, products' SKU and tax."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from crm_desktop.models import AuditEntry, Order, OrderLine, Quote
from crm_desktop.services import records, sales
from crm_desktop.services.outcome import write
from crm_desktop.services.sales import LineInput, QuoteChange
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import ValidationError

TODAY = date(2026, 3, 1)


@pytest.fixture
def customer_id(db):
    return write(db, lambda s: create_customer(s, {"name": "Globex"}).id).value


def new_quote(db, customer_id, lines=None, **values):
    lines = lines or [LineInput("Consulting", 2, "100"), LineInput("Travel", 1, "50", tax_pct=10)]
    return sales.create_quote(db, {"customer_id": customer_id, **values}, lines).value


def count(db, model):
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


# Contracts: numbering and uniqueness ---------------------------------------------------------
def contract(db, customer_id, **values):
    return sales.create_contract(db, {"title": "Support", "customer_id": customer_id,
                                      "start_date": TODAY, **values})


def test_contracts_are_numbered_in_turn(db, customer_id):
    first, second = contract(db, customer_id).value, contract(db, customer_id).value
    assert sales.detail(db, "contracts", first).number == "C-000001"
    assert sales.detail(db, "contracts", second).number == "C-000002"


def test_numbering_skips_a_number_given_by_hand(db, customer_id):
    contract(db, customer_id, number="C-000002")
    auto = contract(db, customer_id, number="").value
    assert sales.detail(db, "contracts", auto).number == "C-000003"


def test_a_number_is_unique_also_against_the_trash(db, customer_id):
    taken = contract(db, customer_id, number="ACME-1").value
    with pytest.raises(ValidationError) as caught:
        contract(db, customer_id, number="ACME-1")
    assert caught.value.field == "number" and "another contract" in caught.value.message
    records.trash(db, "contracts", [taken])
    with pytest.raises(ValidationError, match="in the trash"):
        contract(db, customer_id, number="ACME-1")
    other = contract(db, customer_id).value
    with pytest.raises(ValidationError):
        sales.update_contract(db, other, {"number": "ACME-1"})
    records.restore(db, "contracts", [taken])
    assert sales.update_contract(db, taken, {"number": "ACME-1"}).value.changed is False


def test_contract_dates_and_undo_of_an_edit(db, customer_id):
    with pytest.raises(ValidationError) as caught:
        contract(db, customer_id, end_date=TODAY - timedelta(days=1))
    assert caught.value.field == "end_date"
    contract_id = contract(db, customer_id, value="12,000", currency="eur").value
    found = sales.detail(db, "contracts", contract_id)
    assert (found.value, found.currency) == (Decimal("12000.00"), "EUR")
    with pytest.raises(ValidationError):  # checked against the stored start date
        sales.update_contract(db, contract_id, {"end_date": TODAY - timedelta(days=1)})
    edit = sales.update_contract(db, contract_id, {"title": "Premium", "value": "15000"}).value
    assert edit.before == {"title": "Support", "value": Decimal("12000.00")}
    sales.update_contract(db, contract_id, edit.before)
    assert sales.detail(db, "contracts", contract_id).title == "Support"


# Quotes: acceptance -------------------------------------------------------------------------
def test_acceptance_rules(db, customer_id):
    quote_id = new_quote(db, customer_id)
    assert sales.acceptance_problem(db, quote_id) is None
    for status in ("rejected", "expired"):
        sales.update_quote(db, quote_id, QuoteChange({"status": status}))
        assert status in sales.acceptance_problem(db, quote_id)
    sales.update_quote(db, quote_id, QuoteChange({"status": "sent"}))
    records.trash(db, "quotes", [quote_id])
    assert "trash" in sales.acceptance_problem(db, quote_id)
    records.restore(db, "quotes", [quote_id])
    accepted = sales.accept_quote(db, quote_id)
    assert "already became order" in sales.acceptance_problem(db, quote_id)
    records.trash(db, "orders", [accepted.value.order_id])
    assert "in the trash" in sales.acceptance_problem(db, quote_id)
    with pytest.raises(ValidationError):
        sales.accept_quote(db, quote_id)


def test_accept_makes_the_order_and_undo_removes_it_audited(db, customer_id):
    quote_id = new_quote(db, customer_id, status="sent")
    outcome = sales.accept_quote(db, quote_id)
    done = outcome.value
    order = sales.detail(db, "orders", done.order_id)
    assert order.totals.total == Decimal("255.00")  # 200 + 50 + 10 % tax
    assert [line.description for line in order.lines] == ["Consulting", "Travel"]
    assert sales.detail(db, "quotes", quote_id).status == "accepted"
    assert sales.detail(db, "quotes", quote_id).order_number == order.number
    assert outcome.changes.ids("orders") == {done.order_id}
    assert outcome.changes.ids("quotes") == {quote_id} and "order_lines" in outcome.changes

    undone = sales.undo_accept(db, done)
    assert undone.changes.ids("orders") == {done.order_id}
    assert count(db, Order) == 0 and count(db, OrderLine) == 0
    assert sales.detail(db, "quotes", quote_id).status == "sent"
    with db.session() as session:
        purged = session.scalars(select(AuditEntry.entity).where(
            AuditEntry.action == "purge")).all()
    assert "orders" in purged and "order_lines" in purged
    again = sales.accept_quote(db, quote_id).value  # redo
    assert sales.detail(db, "orders", again.order_id).number == order.number


def test_a_quote_without_lines_is_refused(db, customer_id):
    with pytest.raises(ValidationError) as caught:
        sales.create_quote(db, {"customer_id": customer_id}, [])
    assert caught.value.field == "lines"
    assert count(db, Quote) == 0


# Quotes: edit with lines ----------------------------------------------------------------------
def test_quote_edit_with_lines_and_its_undo(db, customer_id):
    quote_id = new_quote(db, customer_id, currency="usd", issued_on=TODAY)
    lines = (LineInput("Consulting", 5, "100"),)
    outcome = sales.update_quote(db, quote_id, QuoteChange(
        {"status": "sent", "currency": "USD", "issued_on": TODAY}, lines))
    edit = outcome.value
    assert edit.before.fields == {"status": "draft"} and edit.after.fields == {"status": "sent"}
    assert [ln.quantity for ln in edit.before.lines] == [Decimal(2), Decimal(1)]
    assert "quote_lines" in outcome.changes and outcome.changes.ids("quotes") == {quote_id}
    found = sales.detail(db, "quotes", quote_id)
    assert (found.status, found.totals.total) == ("sent", Decimal("500.00"))

    sales.update_quote(db, quote_id, edit.before)  # undo: header and lines back
    found = sales.detail(db, "quotes", quote_id)
    assert found.status == "draft"
    assert [(ln.description, ln.quantity, ln.tax_pct) for ln in found.lines] == [
        ("Consulting", Decimal(2), Decimal(0)), ("Travel", Decimal(1), Decimal(10))]
    assert found.totals.total == Decimal("255.00")


def test_quote_edit_without_a_change_changes_nothing(db, customer_id):
    quote_id = new_quote(db, customer_id)
    current = tuple(ln.as_input() for ln in sales.detail(db, "quotes", quote_id).lines)
    edit = sales.update_quote(db, quote_id, QuoteChange({"status": "draft"}, current)).value
    assert not edit.changed


def test_quote_dates_and_currency_are_checked(db, customer_id):
    with pytest.raises(ValidationError) as caught:
        new_quote(db, customer_id, issued_on=TODAY, valid_until=TODAY - timedelta(days=1))
    assert caught.value.field == "valid_until"
    with pytest.raises(ValidationError) as caught:
        new_quote(db, customer_id, currency="dollars")
    assert caught.value.field == "currency"
    assert sales.detail(db, "quotes", new_quote(db, customer_id, currency="rmb")).currency == "CNY"


# Orders and products ------------------------------------------------------------------------------
def test_order_create_and_edit_of_status(db, customer_id):
    order_id = sales.create_order(db, {"customer_id": customer_id, "status": "open"},
                                  [LineInput("Toner", 3, "59.90", tax_pct=8)]).value
    assert sales.detail(db, "orders", order_id).totals.total == Decimal("194.08")
    edit = sales.update_order(db, order_id, {"status": "paid", "notes": None}).value
    assert edit.before == {"status": "open"}
    with pytest.raises(ValidationError):
        sales.update_order(db, order_id, {"status": "shipped"})
    with pytest.raises(ValidationError):
        sales.update_order(db, order_id, {"currency": "EUR"})


def test_products_sku_and_tax(db):
    first = sales.create_product(db, {"name": "Laptop", "sku": "LP-14", "unit_price": "$1,299",
                                      "tax_pct": "8.5 %"}).value
    found = sales.detail(db, "products", first)
    assert (found.unit_price, found.tax_pct, found.currency) == (
        Decimal("1299.00"), Decimal("8.5"), "USD")
    with pytest.raises(ValidationError) as caught:
        sales.create_product(db, {"name": "Other", "sku": "LP-14"})
    assert caught.value.field == "sku"
    with pytest.raises(ValidationError) as caught:
        sales.create_product(db, {"name": "Taxing", "tax_pct": "120"})
    assert caught.value.field == "tax_pct"
    sales.create_product(db, {"name": "Old", "active": False})
    assert [p.name for p in sales.product_choices(db)] == ["Laptop"]
    edit = sales.update_product(db, first, {"name": "Laptop", "sku": ""}).value
    assert edit.before == {"sku": "LP-14"} and edit.after == {"sku": None}
