"""Filtering in SQL (`query.filtered`); the trash; entity helpers."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from crm_desktop.models import Customer
from crm_desktop.storage import query
from crm_desktop.storage.customers import create_customer, update_customer
from crm_desktop.storage.errors import NotFound, ValidationError
from crm_desktop.storage.query import Filter


@pytest.fixture
def people(db):
    with db.session() as session:
        for i in range(25):
            create_customer(session, {
                "name": f"Person {i:02d}", "city": "Paris" if i % 2 else "Berlin",
                "rating": i % 6, "status": "customer" if i < 10 else "lead",
            })
    return db


def _count(session, filters=(), trash=False) -> int:
    return session.scalar(select(func.count()).select_from(
        query.filtered(Customer, filters, trash=trash).subquery()))


def _rows(session, filters=(), trash=False) -> list[Customer]:
    return list(session.scalars(query.filtered(Customer, filters, trash=trash)))


def test_filters(people):
    with people.session() as session:
        paris = _rows(session, [("city", "eq", "Paris")])
        assert len(paris) == 12 and all(c.city == "Paris" for c in paris)
        rated = _count(session, [Filter("rating", "ge", 4)])
        assert rated == 8
        combined = _count(
            session, [("status", "eq", "customer"), ("city", "eq", "Berlin")]
        )
        assert combined == 5
        assert _count(session, [("name", "contains", "Person 1")]) == 10
        assert _count(session, [("id", "in", [1, 2, 3])]) == 3
        with pytest.raises(ValidationError):
            _count(session, [("nope", "eq", 1)])


def test_soft_delete_and_restore(people):
    with people.session() as session:
        target = _rows(session, [("name", "eq", "Person 03")])[0].id
        query.soft_delete(session, Customer, target)
    with people.session() as session:
        assert _count(session) == 24
        assert [c.id for c in _rows(session, trash=True)] == [target]
        with pytest.raises(NotFound):
            query.get(session, Customer, target)
        query.restore(session, Customer, target)
    with people.session() as session:
        assert _count(session) == 25
        query.soft_delete(session, Customer, target)
        assert query.empty_trash(session, Customer) == 1
    with people.session() as session, pytest.raises(NotFound):
        query.get(session, Customer, target, include_deleted=True)


def test_contacts_are_validated_and_normalised(db):
    with db.session() as session:
        customer = create_customer(
            session, {"name": "Ann"}, emails=["Ann@Example.COM", "ann2@example.com"],
            phones=["(415) 555-0100"],
        )
        assert customer.primary_email == "Ann@example.com"
        assert customer.primary_phone == "+14155550100"
        assert [c.is_primary for c in customer.contacts] == [True, False, True]
        with pytest.raises(ValidationError) as error:
            create_customer(session, {"name": "Bad"}, emails=["not-an-email"])
        assert error.value.field == "email"
        with pytest.raises(ValidationError):
            create_customer(session, {"name": "  "})
        updated = update_customer(session, customer.id, {"tags": "VIP; wholesale,vip"},
                                  phones=["+44 20 7946 0958"])
        assert updated.tags == "vip, wholesale"
        assert updated.primary_phone == "+442079460958"
        assert updated.primary_email == "Ann@example.com"
