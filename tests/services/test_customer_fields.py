"""Every customer field through the customer form's service: address, web address, industry,
lead source, department, needs, birthday and custom fields (offered again for every customer);
the suggestions the dialog shows while typing. Without Qt."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from crm_desktop.models import AuditEntry, Customer
from crm_desktop.services import customers, pipeline, records
from crm_desktop.services.customer_fields import (
    clean_custom_fields,
    clean_form_values,
    clean_website,
)
from crm_desktop.services.customers import CustomerForm
from crm_desktop.storage import suggestions
from crm_desktop.storage.customer_details import EDITABLE_FIELDS, customer_form
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import ValidationError

EVERYTHING = {
    "kind": "person", "name": "Grace Hopper", "company_role": "Decision maker",
    "job_title": "Rear admiral", "department": "Research", "status": "customer",
    "category": "Navy", "tags": "cobol, vip", "rating": 5, "birthday": date(1906, 12, 9),
    "website": "https://hopper.example.org", "street": "1 Navy Way", "city": "Arlington",
    "region": "Virginia", "postal_code": "22202", "country": "US", "industry": "Defence",
    "lead_source": "Referral", "owner": "Ana", "touch_every_days": 30,
    "needs": "A compiler that reads English", "notes": "Met at the conference",
    "custom_fields": {"Shoe size": "38", "Languages": "COBOL, FLOW-MATIC"},
}


def _form(values: dict, **contacts) -> CustomerForm:
    return CustomerForm(values, contacts.get("emails", ()), contacts.get("phones", ()),
                        contacts.get("company"), "US")


def test_the_form_edits_every_column_but_ids_and_bookkeeping():
    columns = {c.name for c in Customer.__table__.columns}
    not_typed = {"id", "uuid", "created_at", "updated_at", "deleted_at", "company_id",
                 "external_id", "churned_at"}
    assert set(EDITABLE_FIELDS) == columns - not_typed


def test_every_field_is_saved_and_read_back(db):
    saved = customers.save_customer(db, None, _form(EVERYTHING, company="Navy")).value
    state = customer_form(db, saved.id)
    for key, value in EVERYTHING.items():
        assert state.values[key] == value, key
    assert state.company == "Navy"


def test_values_are_normalised():
    cleaned = clean_form_values({"country": " uk ", "website": "Example.com/about",
                                 "street": "  2 Main St ", "postal_code": " ", "needs": "  ",
                                 "custom_fields": {" Shoe  size ": " 38 ", "Vegan": ""}})
    assert cleaned == {"country": "GB", "website": "https://Example.com/about",
                       "street": "2 Main St", "postal_code": None, "needs": None,
                       "custom_fields": {"Shoe size": "38"}}
    assert clean_website("http://shop.example.cn:8080/x") == "http://shop.example.cn:8080/x"
    assert clean_website("") is None
    # what an import brought in is kept as it was: numbers and yes/no values
    assert clean_custom_fields({"size": 38, "vegan": True, "none": None}) == {
        "size": 38, "vegan": True}
    assert clean_custom_fields({"a": " "}) is None


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"website": "not a site"}, "website", "not a web address"),
    ({"website": "localhost"}, "website", "not a web address"),
    ({"country": "USA"}, "country", "two-letter"),
    ({"postal_code": "1" * 21}, "postal_code", "at most 20"),
    ({"lead_source": "x" * 51}, "lead_source", "at most 50"),
    ({"birthday": date.today() + timedelta(days=1)}, "birthday", "future"),
    ({"birthday": "31/31/2020"}, "birthday", ""),
    ({"custom_fields": {"Size": "1", "size ": "2"}}, "custom_fields", "appears twice"),
    ({"custom_fields": {"": "orphan"}}, "custom_fields", "no field name"),
    ({"custom_fields": {"k" * 61: "v"}}, "custom_fields", "too long"),
    ({"custom_fields": ["not", "pairs"]}, "custom_fields", "pairs"),
])
def test_bad_values_name_their_field_and_nothing_is_saved(db, values, field, words):
    with pytest.raises(ValidationError) as raised:
        customers.save_customer(db, None, _form({"name": "Bad", **values}))
    assert raised.value.field == field and words in raised.value.message
    with db.session() as session:
        assert session.scalar(select(Customer.id)) is None


def test_custom_fields_edit_remove_and_undo(db):
    saved = customers.save_customer(db, None, _form(
        {"name": "Ann", "custom_fields": {"Size": "38", "Colour": "red"}})).value
    edited = customers.save_customer(db, saved.id, _form(
        {"name": "Ann", "custom_fields": {"Size": "39"}})).value
    assert customer_form(db, saved.id).values["custom_fields"] == {"Size": "39"}
    assert edited.before.values["custom_fields"] == {"Size": "38", "Colour": "red"}
    customers.restore_customer(db, edited.before)
    assert customer_form(db, saved.id).values["custom_fields"] == {"Size": "38",
                                                                   "Colour": "red"}
    customers.save_customer(db, saved.id, _form({"name": "Ann", "custom_fields": {}}))
    assert customer_form(db, saved.id).values["custom_fields"] is None


def test_a_custom_field_defined_once_is_offered_for_every_customer(db):
    assert suggestions.custom_field_keys(db) == ()
    first = customers.save_customer(db, None, _form(
        {"name": "Ann", "custom_fields": {"Shoe size": "38"}}))
    assert "settings" in first.changes  # the known fields are a setting of the database
    customers.save_customer(db, None, _form(
        {"name": "Bob", "custom_fields": {"shoe size": "44", "Allergies": "nuts"}}))
    assert suggestions.custom_field_keys(db) == ("Shoe size", "Allergies")
    # still offered when no customer has a value for it any more
    customers.save_customer(db, first.value.id, _form({"name": "Ann", "custom_fields": None}))
    records.trash(db, "customers", [c for c in _ids(db) if c != first.value.id])
    assert suggestions.custom_field_keys(db) == ("Shoe size", "Allergies")
    with db.session() as session:  # an import's fields are offered too
        create_customer(session, {"name": "Imported", "custom_fields": {"Fax": "123"}})
    assert suggestions.custom_field_keys(db) == ("Shoe size", "Allergies", "Fax")
    with db.session() as session:
        audited = session.scalars(select(AuditEntry).where(
            AuditEntry.entity == "settings")).all()
    assert audited


def _ids(db) -> list[int]:
    with db.session() as session:
        return list(session.scalars(select(Customer.id)))


def test_suggestions_are_the_distinct_values_in_use(db):
    with db.session() as session:
        for name, owner, industry, source in (("A", "ana", "Retail", "Web"),
                                              ("B", "Bo", "retail ", "Web"),
                                              ("C", None, "Energy", None),
                                              ("D", "Zed", "Mining", "Fair")):
            create_customer(session, {"name": name, "owner": owner, "industry": industry,
                                      "lead_source": source})
    pipeline.create_opportunity(db, {"name": "Deal", "customer_id": 1, "owner": "Cy"})
    records.trash(db, "customers", [4])  # Zed's only customer is in the trash
    found = suggestions.customer_suggestions(db)
    assert found.owners == ("ana", "Bo", "Cy") == suggestions.owners(db)
    assert found.industries == ("Energy", "Retail", "retail")
    assert found.lead_sources == ("Web",)
