"""Quotes, orders, contracts and products: line totals with discount and tax, numbering, and
turning a quote into an order (and taking that back)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.models import Contract, Order, OrderLine, Product, Quote, QuoteLine, utcnow
from crm_desktop.models.sales import LineMixin
from crm_desktop.storage import query
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.validation import parse_money

CENT = Decimal("0.01")


@dataclass(frozen=True)
class LineInput:
    description: str = ""
    quantity: Decimal | str | int = 1
    unit_price: Decimal | str | int | None = None
    discount_pct: Decimal | str | int = 0
    tax_pct: Decimal | str | int | None = None
    product_id: int | None = None


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    discount: Decimal
    tax: Decimal
    total: Decimal


def line_amounts(line: LineMixin) -> Totals:
    """gross = qty x price; discount = gross x d%; tax = (gross - discount) x t%; rounded to cents."""
    gross = Decimal(line.quantity) * Decimal(line.unit_price)
    discount = (gross * Decimal(line.discount_pct) / 100).quantize(CENT, ROUND_HALF_UP)
    net = gross.quantize(CENT, ROUND_HALF_UP) - discount
    tax = (net * Decimal(line.tax_pct) / 100).quantize(CENT, ROUND_HALF_UP)
    return Totals(gross.quantize(CENT, ROUND_HALF_UP), discount, tax, net + tax)


def totals(lines: Sequence[LineMixin]) -> Totals:
    parts = [line_amounts(line) for line in lines]
    return Totals(
        sum((p.subtotal for p in parts), Decimal("0.00")),
        sum((p.discount for p in parts), Decimal("0.00")),
        sum((p.tax for p in parts), Decimal("0.00")),
        sum((p.total for p in parts), Decimal("0.00")),
    )


def _line_values(session: Session, item: LineInput, position: int) -> dict[str, Any]:
    product = session.get(Product, item.product_id) if item.product_id else None
    quantity = Decimal(str(item.quantity))
    if quantity <= 0:
        raise ValidationError("quantity", QT_TRANSLATE_NOOP("errors", "must be more than zero"))
    discount = Decimal(str(item.discount_pct or 0))
    if not 0 <= discount <= 100:
        raise ValidationError("discount", QT_TRANSLATE_NOOP("errors", "must be between 0 and 100 %"))
    unit_price = (
        parse_money(item.unit_price, "unit price") if item.unit_price not in (None, "")
        else (product.unit_price if product else Decimal("0.00"))
    )
    tax = Decimal(str(item.tax_pct)) if item.tax_pct not in (None, "") else (
        product.tax_pct if product else Decimal(0)
    )
    return {
        "position": position, "product_id": item.product_id,
        "description": item.description or (product.name if product else ""),
        "quantity": quantity, "unit_price": unit_price, "discount_pct": discount, "tax_pct": tax,
    }


def _next_number(session: Session, model: type[Quote] | type[Order], prefix: str) -> str:
    last = session.scalar(select(func.max(model.id))) or 0
    return f"{prefix}-{last + 1:06d}"


def create_quote(
    session: Session, values: dict[str, Any], lines: Sequence[LineInput]
) -> Quote:
    if not values.get("customer_id"):
        raise ValidationError("customer", QT_TRANSLATE_NOOP("errors", "is required"))
    quote = Quote(number=values.pop("number", None) or _next_number(session, Quote, "Q"), **values)
    quote.lines = [QuoteLine(**_line_values(session, item, i)) for i, item in enumerate(lines)]
    session.add(quote)
    session.flush()
    return quote


def set_quote_lines(session: Session, quote_id: int, lines: Sequence[LineInput]) -> Quote:
    quote = query.get(session, Quote, quote_id)
    quote.lines = [QuoteLine(**_line_values(session, item, i)) for i, item in enumerate(lines)]
    session.flush()
    return quote


def create_order(
    session: Session, values: dict[str, Any], lines: Sequence[LineInput]
) -> Order:
    if not values.get("customer_id"):
        raise ValidationError("customer", QT_TRANSLATE_NOOP("errors", "is required"))
    order = Order(number=values.pop("number", None) or _next_number(session, Order, "SO"), **values)
    order.lines = [OrderLine(**_line_values(session, item, i)) for i, item in enumerate(lines)]
    order.total = totals(order.lines).total
    session.add(order)
    session.flush()
    return order


def acceptance_problem(session: Session, quote_id: int) -> tuple[str, str] | None:
    """Why the quote cannot become an order, as (field, reason); None when it can.

    Not when it is in the trash, rejected or expired, has no lines, or already has an order
    (also one in the trash: restoring it would make two orders of one quote).
    """
    quote = session.get(Quote, quote_id)
    if quote is None or quote.deleted_at is not None:
        return "quote", "is in the trash" if quote is not None else "no longer exists"
    if quote.status in ("rejected", "expired"):
        return "status", f"a {quote.status} quote cannot become an order"
    existing = session.scalars(
        select(Order).where(Order.quote_id == quote.id).order_by(Order.deleted_at.is_not(None))
    ).first()
    if existing is not None:
        where = " (in the trash)" if existing.deleted_at is not None else ""
        return "quote", f"already became order {existing.number}{where}"
    if not quote.lines:
        return "lines", "a quote without lines cannot become an order"
    return None


@dataclass(frozen=True)
class Acceptance:
    """A quote that became an order: what `undo_accept` needs to take it back."""

    quote_id: int
    order_id: int
    previous_status: str


def accept_quote(session: Session, quote_id: int) -> Order:
    """Mark the quote accepted and create the order with the same lines, in one transaction."""
    return session.get_one(Order, accept(session, quote_id).order_id)


def accept(session: Session, quote_id: int) -> Acceptance:
    """`accept_quote`, returning what its undo needs."""
    problem = acceptance_problem(session, quote_id)
    if problem is not None:
        raise ValidationError(*problem)
    quote = query.get(session, Quote, quote_id)
    previous = quote.status
    quote.status = "accepted"
    order = Order(
        number=_next_number(session, Order, "SO"), customer_id=quote.customer_id,
        quote_id=quote.id, opportunity_id=quote.opportunity_id, currency=quote.currency,
        ordered_at=utcnow(), status="open",
    )
    order.lines = [
        OrderLine(
            position=line.position, product_id=line.product_id, description=line.description,
            quantity=line.quantity, unit_price=line.unit_price,
            discount_pct=line.discount_pct, tax_pct=line.tax_pct,
        )
        for line in quote.lines
    ]
    order.total = totals(order.lines).total
    session.add(order)
    session.flush()
    return Acceptance(quote.id, order.id, previous)


def undo_accept(session: Session, done: Acceptance) -> Quote:
    """Delete the order an acceptance made (each row audited as a purge) and put the quote's
    status back."""
    order = session.get(Order, done.order_id)
    if order is not None:
        if order.quote_id != done.quote_id:
            raise ValidationError("order", QT_TRANSLATE_NOOP("errors", "order {0} is not the quote's order"), order.number)
        session.delete(order)
    quote = query.get(session, Quote, done.quote_id, include_deleted=True)
    quote.status = done.previous_status
    session.flush()
    return quote


def next_contract_number(session: Session) -> str:
    """C-000042: after the highest id, skipping numbers a person already gave a contract."""
    candidate = (session.scalar(select(func.max(Contract.id))) or 0) + 1
    while session.scalar(select(Contract.id).where(
            Contract.number == f"C-{candidate:06d}")) is not None:
        candidate += 1
    return f"C-{candidate:06d}"


def check_unique(session: Session, model: type[Contract] | type[Product], field: str,
                 value: str | None, own_id: int | None, what: str) -> None:
    """Refuse a number or SKU another record (live or in the trash) already has."""
    if not value:
        return
    clash = session.execute(select(model.id, model.deleted_at).where(
        getattr(model, field) == value)).first()
    if clash is not None and clash.id != own_id:
        trashed = clash.deleted_at is not None
        if trashed:
            raise ValidationError(field, QT_TRANSLATE_NOOP(
                "errors", "another {0} has this {1} (in the trash)"), what, field.replace("_", " "))
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "another {0} has this {1}"),
                              what, field.replace("_", " "))
