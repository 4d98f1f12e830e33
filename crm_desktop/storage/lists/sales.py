"""The lists of the Quotes & Orders page: quotes, orders, contracts and products.

A quote's total is worked out in SQL with integer arithmetic on the stored minor units,
rounding half up per line exactly as `storage.sales.line_amounts` does.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, case, cast, func, select, type_coerce

from crm_desktop.models import Contract, Customer, Order, Product, Quote, QuoteLine
from crm_desktop.storage.lists.core import ListColumn, ListDefinition, with_customer

RENEWAL_DAYS = 60
# Contracts whose renewal is still to come (a cancelled or expired one does not renew).
RENEWING_STATUSES = ("active", "draft")


def _raw(column: Any) -> Any:
    return type_coerce(column, Integer)


def quote_total_cents() -> Any:
    """Sum of line totals in cents: q (1/1000) x price (cents), discount and tax (1/100 %)."""
    gross_x1000 = _raw(QuoteLine.quantity) * _raw(QuoteLine.unit_price)
    gross = (gross_x1000 + 500) // 1000
    discount = (gross_x1000 * _raw(QuoteLine.discount_pct) + 5_000_000) // 10_000_000
    net = gross - discount
    tax = (net * _raw(QuoteLine.tax_pct) + 5000) // 10000
    return (
        select(func.coalesce(func.sum(net + tax), 0))
        .where(QuoteLine.quote_id == Quote.id).correlate(Quote).scalar_subquery()
    )


def renews_in_days() -> Any:
    return cast(func.julianday(Contract.renewal_date) - func.julianday(func.date("now")),
                Integer)


def quote_list() -> ListDefinition:
    return ListDefinition(
        "quotes", Quote,
        (
            ListColumn("number", Quote.number, searchable=True),
            ListColumn("customer", Customer.name, searchable=True),
            ListColumn("status", Quote.status),
            ListColumn("issued_on", Quote.issued_on),
            ListColumn("valid_until", Quote.valid_until),
            ListColumn("total", quote_total_cents()),
            ListColumn("currency", Quote.currency),
        ),
        default_sort="number", default_descending=True,
        source=with_customer(Quote),
    )


def order_list() -> ListDefinition:
    return ListDefinition(
        "orders", Order,
        (
            ListColumn("number", Order.number, searchable=True),
            ListColumn("customer", Customer.name, searchable=True),
            ListColumn("ordered_at", Order.ordered_at),
            ListColumn("status", Order.status),
            ListColumn("total", Order.total),
            ListColumn("currency", Order.currency),
        ),
        default_sort="ordered_at", default_descending=True,
        source=with_customer(Order),
    )


def contract_list() -> ListDefinition:
    soon = case((renews_in_days().between(0, RENEWAL_DAYS)
                 & Contract.status.in_(RENEWING_STATUSES), 1), else_=0)
    return ListDefinition(
        "contracts", Contract,
        (
            ListColumn("number", Contract.number, searchable=True),
            ListColumn("title", Contract.title, searchable=True),
            ListColumn("customer", Customer.name, searchable=True),
            ListColumn("renewal_date", Contract.renewal_date),
            ListColumn("renews_in", renews_in_days()),
            ListColumn("end_date", Contract.end_date),
            ListColumn("value", Contract.value),
            ListColumn("currency", Contract.currency),
            ListColumn("status", Contract.status),
            ListColumn("renews_soon", soon),
        ),
        default_sort="renewal_date",
        source=with_customer(Contract),
    )


def product_list() -> ListDefinition:
    return ListDefinition(
        "products", Product,
        (
            ListColumn("name", Product.name, searchable=True),
            ListColumn("sku", Product.sku, searchable=True),
            ListColumn("category", Product.category, searchable=True),
            ListColumn("unit_price", Product.unit_price),
            ListColumn("tax_pct", Product.tax_pct),
            ListColumn("currency", Product.currency),
            ListColumn("active", Product.active),
        ),
        default_sort="name",
    )
