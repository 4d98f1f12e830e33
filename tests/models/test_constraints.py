"""The schema refuses impossible data and keeps money exact."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from crm_desktop.models import Customer, Order, OrderLine, Ticket


def test_ticket_needs_a_customer(db):
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Ticket(number="T-1", subject="Broken"))
        session.flush()


def test_ticket_customer_must_exist(db):
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Ticket(number="T-1", subject="Broken", customer_id=999))
        session.flush()


def test_rating_and_status_are_checked(db):
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Customer(name="A", rating=9))
        session.flush()
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Customer(name="A", status="unknown"))
        session.flush()


def test_money_stays_exact(db):
    with db.session() as session:
        customer = Customer(name="Exact")
        session.add(customer)
        session.flush()
        order = Order(number="SO-1", customer_id=customer.id, total=Decimal("0.10"))
        order.lines = [
            OrderLine(description="x", quantity=Decimal("3"), unit_price=Decimal("0.10"))
            for _ in range(3)
        ]
        session.add(order)
    with db.session() as session:
        order = session.scalars(select(Order)).one()
        assert order.total == Decimal("0.10")
        assert isinstance(order.total, Decimal)
        assert sum(line.unit_price * line.quantity for line in order.lines) == Decimal("0.90")
    with db.engine.connect() as connection:
        stored = connection.execute(text("SELECT total, typeof(total) FROM orders")).one()
    assert tuple(stored) == (10, "integer")


def test_float_input_is_not_rounded_badly(db):
    with db.session() as session:
        customer = Customer(name="Float")
        session.add(customer)
        session.flush()
        session.add(Order(number="SO-2", customer_id=customer.id, total=0.1 + 0.2))
    with db.session() as session:
        assert session.scalars(select(Order.total)).one() == Decimal("0.30")


def test_every_row_gets_a_uuid(db):
    with db.session() as session:
        a, b = Customer(name="A"), Customer(name="B")
        session.add_all([a, b])
        session.flush()
        assert len(a.uuid) == 36 and a.uuid != b.uuid
