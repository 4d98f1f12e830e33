"""Quotes, orders, contracts and products: create and edit them (an edit returns what it
replaced, so its undo is the same operation with the old values), accept a quote as an order
and take that back; and what the Quotes & Orders page and its dialogs read.

    outcome = sales.accept_quote(database, 7)        # Outcome[Acceptance]: the new order
    sales.undo_accept(database, outcome.value)       # the order is deleted (audited)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crm_desktop.models import Contract, Order, Product, Quote
from crm_desktop.models.sales import CONTRACT_STATUSES, ORDER_STATUSES, QUOTE_STATUSES
from crm_desktop.services.editing import Edit, set_fields
from crm_desktop.services.money import clean_currency, default_currency
from crm_desktop.services.outcome import Outcome, read, write
from crm_desktop.storage import query, sales, sales_details
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from crm_desktop.storage.sales import Acceptance, LineInput
from crm_desktop.storage.sales_details import (
    ContractDetail,
    Detail,
    OrderDetail,
    ProductChoice,
    ProductDetail,
    QuoteDetail,
    SaleLine,
)
from crm_desktop.storage.validation import parse_date, parse_money, parse_percent, require

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

__all__ = ["Acceptance", "ContractDetail", "Detail", "LineInput", "OrderDetail", "ProductChoice",
           "ProductDetail", "QuoteChange", "QuoteDetail", "SaleLine", "accept_quote",
           "acceptance_problem", "create_contract", "create_order", "create_product",
           "create_quote", "detail", "product_choices", "record", "undo_accept",
           "update_contract", "update_order", "update_product", "update_quote"]

QUOTE_FIELDS = ("customer_id", "status", "issued_on", "valid_until", "currency", "notes")
ORDER_EDITABLE = ("status", "notes")  # an order's lines are what was sold: they stay
CONTRACT_FIELDS = ("number", "customer_id", "title", "start_date", "end_date", "renewal_date",
                   "value", "currency", "status", "auto_renew")
PRODUCT_FIELDS = ("sku", "name", "category", "unit_price", "currency", "tax_pct", "active",
                  "description")


@dataclass(frozen=True)
class QuoteChange:
    """Header fields of a quote and, unless None, all its lines."""

    fields: Mapping[str, Any]
    lines: tuple[LineInput, ...] | None = None


# Reads -----------------------------------------------------------------------------------------
def detail(database: Database, kind: str, record_id: int) -> Detail | None:
    """A quote, order, contract or product (`kind` is its table), also from the trash."""
    return read(database, lambda session: sales_details.detail(session, kind, record_id))


def record(database: Database, kind: str, record_id: int) -> Detail:
    """The record an edit dialog opens (NotFound when it is gone)."""
    found = detail(database, kind, record_id)
    if found is None:
        raise NotFound(f"no {kind} row with id {record_id}")
    return found


def product_choices(database: Database) -> list[ProductChoice]:
    """The active products a quote or order line can be made from."""
    return read(database, sales_details.product_choices)


def acceptance_problem(database: Database, quote_id: int) -> str | None:
    """Why the quote cannot become an order now (None: it can)."""
    problem = read(database, lambda session: sales.acceptance_problem(session, quote_id))
    return None if problem is None else f"{problem[0]}: {problem[1]}"


# Cleaning what a dialog or the command line gives ------------------------------------------------
def _clean(database: Database, values: Mapping[str, Any],
           statuses: Sequence[str] = ()) -> dict[str, Any]:
    """The common fields checked: customer, status, currency, dates, money."""
    cleaned = dict(values)
    if "customer_id" in cleaned and not cleaned["customer_id"]:
        raise ValidationError("customer_id", QT_TRANSLATE_NOOP("errors", "is required"))
    if "status" in cleaned and cleaned["status"] not in statuses:
        raise ValidationError("status", QT_TRANSLATE_NOOP("errors", "must be one of {0}"), ', '.join(statuses))
    if "currency" in cleaned:
        cleaned["currency"] = clean_currency(cleaned["currency"], default_currency(database))
    for key in ("issued_on", "valid_until", "start_date", "end_date", "renewal_date"):
        if key in cleaned:
            cleaned[key] = parse_date(cleaned[key], key)
    for key in ("value", "unit_price"):
        if key in cleaned:
            cleaned[key] = parse_money(cleaned[key], key)
    for key in ("title", "name"):
        if key in cleaned:
            cleaned[key] = require(cleaned[key], key)
    return cleaned


def _lines(lines: Sequence[LineInput]) -> tuple[LineInput, ...]:
    if not lines:
        raise ValidationError("lines", QT_TRANSLATE_NOOP("errors", "add at least one line"))
    return tuple(lines)


def _in_order(earlier: Any, later: Any, field: str, message: str) -> None:
    if earlier is not None and later is not None and later < earlier:
        raise ValidationError(field, message)


# Quotes and orders ---------------------------------------------------------------------------------
def _check_quote(quote: Quote) -> None:
    _in_order(quote.issued_on, quote.valid_until, "valid_until", "is before the issue date")


def create_quote(database: Database, values: Mapping[str, Any],
                 lines: Sequence[LineInput]) -> Outcome[int]:
    """A new quote (numbered Q-000001...) with its lines."""
    cleaned = _clean(database, {"currency": None, **values}, QUOTE_STATUSES)
    checked = _lines(lines)
    _in_order(cleaned.get("issued_on"), cleaned.get("valid_until"), "valid_until",
              "is before the issue date")
    return write(database, lambda session: sales.create_quote(session, cleaned, checked).id)


def update_quote(database: Database, quote_id: int,
                 change: QuoteChange) -> Outcome[Edit[QuoteChange]]:
    """Change header fields and (unless `change.lines` is None) replace the lines.

    The Edit's `before` holds the old values of the fields that changed and, when the lines
    changed, the old lines: `update_quote(before)` puts the quote back as it was.
    """
    cleaned = _clean(database, change.fields, QUOTE_STATUSES)
    new_lines = _lines(change.lines) if change.lines is not None else None

    def work(session: Session) -> Edit[QuoteChange]:
        fields = set_fields(session, Quote, quote_id, cleaned, QUOTE_FIELDS, _check_quote)
        old_lines = new = None
        if new_lines is not None:
            found = sales_details.quote_detail(session, quote_id)
            current = tuple(line.as_input() for line in found.lines) if found else ()
            if current != new_lines:
                sales.set_quote_lines(session, quote_id, new_lines)
                old_lines, new = current, new_lines
        return Edit(quote_id, QuoteChange(fields.before, old_lines),
                    QuoteChange(fields.after, new))

    return write(database, work)


def create_order(database: Database, values: Mapping[str, Any],
                 lines: Sequence[LineInput]) -> Outcome[int]:
    """A new order (numbered SO-000001...) with its lines and their total."""
    cleaned = _clean(database, {"currency": None, **values}, ORDER_STATUSES)
    checked = _lines(lines)
    return write(database, lambda session: sales.create_order(session, cleaned, checked).id)


def update_order(database: Database, order_id: int,
                 values: Mapping[str, Any]) -> Outcome[Edit[dict[str, Any]]]:
    """Change an order's status or notes."""
    cleaned = _clean(database, values, ORDER_STATUSES)
    return write(database, lambda session: set_fields(session, Order, order_id, cleaned,
                                                      ORDER_EDITABLE))


def accept_quote(database: Database, quote_id: int) -> Outcome[Acceptance]:
    """The quote is accepted and becomes an order with the same lines (one transaction).

    Refused (ValidationError) when `acceptance_problem` names a reason.
    """
    return write(database, lambda session: sales.accept(session, quote_id))


def undo_accept(database: Database, done: Acceptance) -> Outcome[int]:
    """Delete the order `done` made (audited) and put the quote's status back."""
    return write(database, lambda session: sales.undo_accept(session, done).id)


# Contracts -------------------------------------------------------------------------------------------
def _contract_number(session: Session, values: dict[str, Any], contract_id: int | None) -> None:
    """An empty number gets the next free one; a number given must be unique."""
    if "number" not in values:
        return
    number = (values["number"] or "").strip()
    values["number"] = number or sales.next_contract_number(session)
    sales.check_unique(session, Contract, "number", values["number"], contract_id, "contract")


def _check_contract(start: Any, end: Any) -> None:
    _in_order(start, end, "end_date", "ends before it starts")


def create_contract(database: Database, values: Mapping[str, Any]) -> Outcome[int]:
    """A new contract; numbered C-000001... when no number is given."""
    cleaned = _clean(database, {"currency": None, "number": None, **values}, CONTRACT_STATUSES)
    if cleaned.get("start_date") is None:
        raise ValidationError("start_date", QT_TRANSLATE_NOOP("errors", "is required"))
    if not cleaned.get("customer_id"):
        raise ValidationError("customer_id", QT_TRANSLATE_NOOP("errors", "is required"))

    _check_contract(cleaned["start_date"], cleaned.get("end_date"))

    def work(session: Session) -> int:
        _contract_number(session, cleaned, None)
        return query.create(session, Contract, **cleaned).id

    return write(database, work)


def update_contract(database: Database, contract_id: int,
                    values: Mapping[str, Any]) -> Outcome[Edit[dict[str, Any]]]:
    cleaned = _clean(database, values, CONTRACT_STATUSES)
    if "start_date" in cleaned and cleaned["start_date"] is None:
        raise ValidationError("start_date", QT_TRANSLATE_NOOP("errors", "is required"))

    def work(session: Session) -> Edit[dict[str, Any]]:
        _contract_number(session, cleaned, contract_id)
        return set_fields(session, Contract, contract_id, cleaned, CONTRACT_FIELDS,
                          lambda row: _check_contract(row.start_date, row.end_date))

    return write(database, work)


# Products ----------------------------------------------------------------------------------------------
def _clean_product(database: Database, values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _clean(database, values)
    if "tax_pct" in cleaned:
        cleaned["tax_pct"] = parse_percent(cleaned["tax_pct"], "tax_pct")
    if "sku" in cleaned:
        cleaned["sku"] = (cleaned["sku"] or "").strip() or None
    return cleaned


def create_product(database: Database, values: Mapping[str, Any]) -> Outcome[int]:
    cleaned = _clean_product(database, {"currency": None, **values})

    def work(session: Session) -> int:
        sales.check_unique(session, Product, "sku", cleaned.get("sku"), None, "product")
        return query.create(session, Product, **cleaned).id

    return write(database, work)


def update_product(database: Database, product_id: int,
                   values: Mapping[str, Any]) -> Outcome[Edit[dict[str, Any]]]:
    cleaned = _clean_product(database, values)

    def work(session: Session) -> Edit[dict[str, Any]]:
        sales.check_unique(session, Product, "sku", cleaned.get("sku"), product_id, "product")
        return set_fields(session, Product, product_id, cleaned, PRODUCT_FIELDS)

    return write(database, work)
