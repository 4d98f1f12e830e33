"""What a printed quote or order shows of itself and its customer, as plain frozen data.

The lines and totals are those of :mod:`crm_desktop.storage.sales_details` (the stored
rounding: line total = quantity x price less discount, plus tax). The customer block is the
customer's name, the company they belong to, the postal address and the primary email and
phone. Records in the trash can be printed too (a reprint of an old order).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from crm_desktop.storage.errors import NotFound
from crm_desktop.storage.sales import Totals
from crm_desktop.storage.sales_details import SaleLine, order_detail, quote_detail

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

KINDS = ("quote", "order")


@dataclass(frozen=True)
class PrintableCustomer:
    name: str
    company: str | None
    street: str | None
    postal_code: str | None
    city: str | None
    region: str | None
    country: str | None
    email: str | None
    phone: str | None

    def address_lines(self, largest_first: bool = False) -> list[str]:
        """The filled lines of the postal address: street, postal code and city, region,
        country; ``largest_first`` (Chinese): region and city, street, postal code, country."""
        if largest_first:
            place = "".join(x for x in (self.region, self.city) if x)
            return [x for x in (place, self.street, self.postal_code, self.country) if x]
        place = " ".join(x for x in (self.postal_code, self.city) if x)
        return [x for x in (self.street, place, self.region, self.country) if x]


@dataclass(frozen=True)
class Printable:
    """A quote or an order ready to print. ``issued_on``: the quote's date or the day the
    order was placed; ``valid_until`` only for quotes."""

    kind: str  # "quote" or "order"
    id: int
    number: str
    status: str
    issued_on: date | None
    valid_until: date | None
    currency: str
    notes: str | None
    customer: PrintableCustomer
    lines: tuple[SaleLine, ...]
    totals: Totals


def _customer(session: Session, customer_id: int) -> PrintableCustomer:
    from crm_desktop.models import Customer

    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"no customer with id {customer_id}")
    company = customer.company.name if customer.company is not None else None
    return PrintableCustomer(customer.name, company, customer.street, customer.postal_code,
                             customer.city, customer.region, customer.country,
                             customer.primary_email, customer.primary_phone)


def printable(database: Database, kind: str, record_id: int) -> Printable:
    """The quote or order ``record_id`` (``kind`` 'quote' or 'order'); NotFound names it."""
    if kind not in KINDS:
        raise ValueError(f"cannot print a {kind!r}; only {' or '.join(KINDS)}")
    with database.session() as session:
        if kind == "quote":
            quote = quote_detail(session, record_id)
            if quote is None:
                raise NotFound(f"no quote with id {record_id}")
            return Printable("quote", quote.id, quote.number, quote.status, quote.issued_on,
                             quote.valid_until, quote.currency, quote.notes,
                             _customer(session, quote.customer_id), quote.lines, quote.totals)
        order = order_detail(session, record_id)
        if order is None:
            raise NotFound(f"no order with id {record_id}")
        return Printable("order", order.id, order.number, order.status,
                         order.ordered_at.date() if order.ordered_at else None, None,
                         order.currency, order.notes, _customer(session, order.customer_id),
                         order.lines, order.totals)
