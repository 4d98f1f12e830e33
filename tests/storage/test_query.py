"""Paging, sorting and filtering in SQL; the trash; entity helpers."""

from __future__ import annotations

import pytest

from crm_desktop.models import Customer
from crm_desktop.storage import query
from crm_desktop.storage.customers import create_customer, list_customers, update_customer
from crm_desktop.storage.errors import NotFound, ValidationError
from crm_desktop.storage.query import Filter, Page


@pytest.fixture
def people(db):
    with db.session() as session:
        for i in range(25):
            create_customer(session, {
                "name": f"Person {i:02d}", "city": "Paris" if i % 2 else "Berlin",
                "rating": i % 6, "status": "customer" if i < 10 else "lead",
            })
    return db


def test_paging_and_sort(people):
    with people.session() as session:
        first = query.list_rows(session, Customer, page=Page(0, 10, "name"))
        second = query.list_rows(session, Customer, page=Page(10, 10, "name"))
        last = query.list_rows(session, Customer, page=Page(20, 10, "name"))
        names = [c.name for c in first + second + last]
        assert names == sorted(names) and len(names) == 25
        newest = query.list_rows(session, Customer, page=Page(0, 3, "name", descending=True))
        assert [c.name for c in newest] == ["Person 24", "Person 23", "Person 22"]


def test_filters(people):
    with people.session() as session:
        paris = list_customers(session, [("city", "eq", "Paris")], Page(limit=100))
        assert len(paris) == 12 and all(c.city == "Paris" for c in paris)
        rated = query.count_rows(session, Customer, [Filter("rating", "ge", 4)])
        assert rated == 8
        combined = query.count_rows(
            session, Customer, [("status", "eq", "customer"), ("city", "eq", "Berlin")]
        )
        assert combined == 5
        assert query.count_rows(session, Customer, [("name", "contains", "Person 1")]) == 10
        assert query.count_rows(session, Customer, [("id", "in", [1, 2, 3])]) == 3
        with pytest.raises(ValidationError):
            query.count_rows(session, Customer, [("nope", "eq", 1)])


def test_soft_delete_and_restore(people):
    with people.session() as session:
        target = list_customers(session, [("name", "eq", "Person 03")])[0].id
        query.soft_delete(session, Customer, target)
    with people.session() as session:
        assert query.count_rows(session, Customer) == 24
        assert [c.id for c in query.list_rows(session, Customer, trash=True)] == [target]
        with pytest.raises(NotFound):
            query.get(session, Customer, target)
        query.restore(session, Customer, target)
    with people.session() as session:
        assert query.count_rows(session, Customer) == 25
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
