"""What the Quotes & Orders page and its dialogs show of one quote, order, contract or product,
and the products a line can be made from.

Plain frozen dataclasses (never ORM objects) with the customer's name joined and the line and
document totals worked out here (`storage.sales.line_amounts`, the stored orders' rounding);
the UI only formats them. Rows in the trash are returned too (the trash view shows them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.models import Contract, Customer, Order, Product, Quote
from crm_desktop.models.sales import LineMixin
from crm_desktop.storage.sales import LineInput, Totals, line_amounts, totals

PRODUCT_LIMIT = 2000


@dataclass(frozen=True)
class SaleLine:
    """A line of a quote or an order, with its total (after discount, with tax)."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal
    tax_pct: Decimal
    product_id: int | None
    total: Decimal

    def as_input(self) -> LineInput:
        """The line as a quote edit writes it (what the undo of an edit puts back)."""
        return LineInput(self.description, self.quantity, self.unit_price, self.discount_pct,
                         self.tax_pct, self.product_id)


@dataclass(frozen=True)
class QuoteDetail:
    id: int
    number: str
    customer_id: int
    customer_name: str
    status: str
    issued_on: date | None
    valid_until: date | None
    currency: str
    notes: str | None
    order_number: str | None  # the order it became
    lines: tuple[SaleLine, ...]
    totals: Totals


@dataclass(frozen=True)
class OrderDetail:
    id: int
    number: str
    customer_id: int
    customer_name: str
    status: str
    ordered_at: datetime
    currency: str
    notes: str | None
    lines: tuple[SaleLine, ...]
    totals: Totals


@dataclass(frozen=True)
class ContractDetail:
    id: int
    number: str
    customer_id: int
    customer_name: str
    title: str
    start_date: date
    end_date: date | None
    renewal_date: date | None
    value: Decimal
    currency: str
    status: str
    auto_renew: bool


@dataclass(frozen=True)
class ProductDetail:
    id: int
    name: str
    sku: str | None
    category: str | None
    unit_price: Decimal
    currency: str
    tax_pct: Decimal
    active: bool
    description: str | None


@dataclass(frozen=True)
class ProductChoice:
    """A product a quote or order line can be made from."""

    id: int
    name: str
    unit_price: Decimal
    tax_pct: Decimal


Detail = QuoteDetail | OrderDetail | ContractDetail | ProductDetail


def _lines(lines: list[LineMixin]) -> tuple[tuple[SaleLine, ...], Totals]:
    rows = tuple(SaleLine(ln.description, ln.quantity, ln.unit_price, ln.discount_pct,
                          ln.tax_pct, ln.product_id, line_amounts(ln).total) for ln in lines)
    return rows, totals(lines)


def _customer_name(session: Session, customer_id: int) -> str:
    customer = session.get(Customer, customer_id)
    return customer.name if customer is not None else ""


def quote_detail(session: Session, quote_id: int) -> QuoteDetail | None:
    quote = session.get(Quote, quote_id)
    if quote is None:
        return None
    order = session.scalars(select(Order.number).where(Order.quote_id == quote.id)
                            .order_by(Order.deleted_at.is_not(None))).first()
    lines, sums = _lines(list(quote.lines))
    return QuoteDetail(quote.id, quote.number, quote.customer_id,
                       _customer_name(session, quote.customer_id), quote.status,
                       quote.issued_on, quote.valid_until, quote.currency, quote.notes, order,
                       lines, sums)


def order_detail(session: Session, order_id: int) -> OrderDetail | None:
    order = session.get(Order, order_id)
    if order is None:
        return None
    lines, sums = _lines(list(order.lines))
    return OrderDetail(order.id, order.number, order.customer_id,
                       _customer_name(session, order.customer_id), order.status,
                       order.ordered_at, order.currency, order.notes, lines, sums)


def contract_detail(session: Session, contract_id: int) -> ContractDetail | None:
    c = session.get(Contract, contract_id)
    if c is None:
        return None
    return ContractDetail(c.id, c.number, c.customer_id, _customer_name(session, c.customer_id),
                          c.title, c.start_date, c.end_date, c.renewal_date, c.value,
                          c.currency, c.status, bool(c.auto_renew))


def product_detail(session: Session, product_id: int) -> ProductDetail | None:
    p = session.get(Product, product_id)
    if p is None:
        return None
    return ProductDetail(p.id, p.name, p.sku, p.category, p.unit_price, p.currency, p.tax_pct,
                         bool(p.active), p.description)


READERS = {"quotes": quote_detail, "orders": order_detail, "contracts": contract_detail,
           "products": product_detail}


def detail(session: Session, kind: str, record_id: int) -> Detail | None:
    """The detail of a quote, order, contract or product (`kind` is its table)."""
    try:
        reader = READERS[kind]
    except KeyError:
        raise ValueError(f"unknown kind of sales record {kind!r}") from None
    return reader(session, record_id)


def product_choices(session: Session, limit: int = PRODUCT_LIMIT) -> list[ProductChoice]:
    """Live, active products by name (the first `limit`)."""
    rows = session.scalars(
        select(Product).where(Product.deleted_at.is_(None), Product.active.is_(True))
        .order_by(Product.name).limit(limit)
    )
    return [ProductChoice(p.id, p.name, p.unit_price, p.tax_pct) for p in rows]
