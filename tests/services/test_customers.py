"""Customer operations without Qt: create and edit with contacts, company find-or-create, the
stay-in-touch cadence and its undo, relationships, merge and unmerge."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from crm_desktop.models import AuditEntry, Customer, Interaction, Relationship, utcnow
from crm_desktop.services import customers, records
from crm_desktop.services.customers import CustomerForm, LinkValues
from crm_desktop.storage.companies import find_company, find_or_create_company
from crm_desktop.storage.customer_details import customer_form
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import ValidationError


def _form(name: str = "Ada", **values) -> CustomerForm:
    emails = values.pop("emails", ())
    phones = values.pop("phones", ())
    company = values.pop("company", None)
    return CustomerForm({"name": name, **values}, emails, phones, company, "US")


def _companies(db) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Customer.name).where(Customer.kind == "company")))


def test_create_with_contacts_and_a_new_company(db):
    outcome = customers.save_customer(db, None, _form(
        "Ada", emails=["ada@example.com", "ada@home.org"], phones=["(415) 555-2671"],
        company="Analytical Engines"))
    saved = outcome.value
    assert saved.created and saved.before is None
    assert saved.after.emails() == ["ada@example.com", "ada@home.org"]
    assert saved.after.phones() == ["+14155552671"]
    assert saved.after.company == "Analytical Engines"
    assert outcome.changes.ids("customers") == {saved.id, saved.after.values["company_id"]}
    assert "contact_points" in outcome.changes


def test_company_is_found_by_name_whatever_the_case(db):
    first = customers.save_customer(db, None, _form("Ann", company="Acme Ltd")).value
    second = customers.save_customer(db, None, _form("Bob", company="ACME LTD")).value
    assert first.after.values["company_id"] == second.after.values["company_id"]
    assert _companies(db) == ["Acme Ltd"]


def test_find_or_create_company_rules(db):
    with db.session() as session:
        acme = find_or_create_company(session, "  Acme  ")
        assert find_company(session, "acme") == acme
        assert find_or_create_company(session, "Acme") == acme
        # a customer is never made its own company
        assert find_or_create_company(session, "Acme", own_id=acme) != acme
        with pytest.raises(ValidationError) as raised:
            find_or_create_company(session, "  ")
        assert raised.value.field == "company"


def test_a_company_customer_gets_no_company(db):
    saved = customers.save_customer(db, None, _form("Acme", kind="company",
                                                    company="Other")).value
    assert saved.after.values["company_id"] is None and _companies(db) == ["Acme"]


def test_bad_values_name_the_field(db):
    for form, field in ((_form(country="USA"), "country"), (_form(emails=["nope"]), "email"),
                        (_form(phones=["12"]), "phone"), (_form(""), "name"),
                        (CustomerForm({"name": "x", "uuid": "y"}), "uuid")):
        with pytest.raises(ValidationError) as raised:
            customers.save_customer(db, None, form)
        assert raised.value.field == field
    with db.session() as session:
        assert session.scalar(select(Customer.id)) is None


def test_edit_reports_before_and_after_and_undo_restores_them(db):
    created = customers.save_customer(db, None, _form(
        "Ada", city="London", emails=["ada@example.com"])).value
    edited = customers.save_customer(db, created.id, _form(
        "Ada King", city="London", emails=["ada@example.com", "ada@home.org"],
        company="Engines")).value
    assert not edited.created
    assert edited.before.values["name"] == "Ada" and edited.before.emails() == [
        "ada@example.com"]
    assert edited.after.values["name"] == "Ada King" and edited.after.company == "Engines"
    undone = customers.restore_customer(db, edited.before)
    assert undone.changes.ids("customers") == {created.id}
    state = customer_form(db, created.id)
    assert state.values == edited.before.values and state.emails() == ["ada@example.com"]
    customers.restore_customer(db, edited.after)
    assert customer_form(db, created.id).values["name"] == "Ada King"


def test_editing_a_churned_customer_keeps_when_it_churned(db):
    churned_at = datetime(2026, 1, 7, 9, 30)
    with db.session() as session:
        customer_id = create_customer(session, {"name": "Gone", "status": "churned",
                                                "churned_at": churned_at}).id
    state = customer_form(db, customer_id)
    values = {key: state.values[key] for key in ("kind", "name", "status", "city")}
    customers.save_customer(db, customer_id, _form(**{**values, "city": "Oslo"}))
    after = customer_form(db, customer_id)
    assert after.values["city"] == "Oslo" and after.values["churned_at"] == churned_at


def test_undo_of_a_status_change_restores_churned_at(db):
    churned_at = datetime(2025, 3, 1)
    with db.session() as session:
        customer_id = create_customer(session, {"name": "Back", "status": "churned",
                                                "churned_at": churned_at}).id
    edited = customers.save_customer(db, customer_id, _form("Back", status="customer")).value
    assert edited.after.values["churned_at"] is None
    customers.restore_customer(db, edited.before)
    restored = customer_form(db, customer_id).values
    assert restored["status"] == "churned" and restored["churned_at"] == churned_at


def test_contact_labels_survive_an_undo(db):
    from crm_desktop.storage.customers import ContactInput

    with db.session() as session:
        customer_id = create_customer(session, {"name": "Lab"}, phones=[
            ContactInput("phone", "+14155552671", "mobile", True)]).id
    edited = customers.save_customer(db, customer_id, _form("Lab", phones=["+14155550100"]))
    customers.restore_customer(db, edited.value.before)
    (phone,) = customer_form(db, customer_id).contacts
    assert (phone.value, phone.label, phone.is_primary) == ("+14155552671", "mobile", True)


def _open_tasks(db, customer_id: int) -> list[tuple[int, datetime]]:
    with db.session() as session:
        return [(t.id, t.due_at) for t in session.scalars(select(Interaction).where(
            Interaction.customer_id == customer_id, Interaction.kind == "task",
            Interaction.done.is_(False)))]


def test_cadence_schedules_a_follow_up_and_its_undo_removes_it(db):
    customer_id = customers.save_customer(db, None, _form("Tess")).value.id
    change = customers.set_cadence(db, customer_id, 30)
    (task,) = _open_tasks(db, customer_id)
    assert change.value.previous_days is None and change.value.created_task == task[0]
    assert abs(task[1] - (utcnow() + timedelta(days=30))) < timedelta(minutes=5)
    assert change.changes.ids("interactions") == {task[0]}
    customers.revert_cadence(db, change.value)
    assert _open_tasks(db, customer_id) == []
    assert customer_form(db, customer_id).values["touch_every_days"] is None


def test_changing_a_cadence_moves_the_follow_up_and_undo_moves_it_back(db):
    customer_id = customers.save_customer(db, None, _form("Tom")).value.id
    customers.set_cadence(db, customer_id, 30)
    before = _open_tasks(db, customer_id)
    change = customers.set_cadence(db, customer_id, 7).value
    (moved,) = _open_tasks(db, customer_id)
    assert moved[0] == before[0][0] and moved[1] < before[0][1]
    assert change.previous_days == 30 and change.moved_task == before[0]
    customers.revert_cadence(db, change)
    assert _open_tasks(db, customer_id) == before
    assert customer_form(db, customer_id).values["touch_every_days"] == 30
    with pytest.raises(ValidationError):
        customers.set_cadence(db, customer_id, -1)


def test_link_edit_and_undo_a_relationship(db):
    ann = customers.save_customer(db, None, _form("Ann")).value.id
    bob = customers.save_customer(db, None, _form("Bob")).value.id
    linked = customers.link_customers(db, ann, bob, LinkValues("friend", 0.8))
    assert linked.changes.ids("relationships") == {linked.value}
    with pytest.raises(ValidationError) as raised:
        customers.link_customers(db, bob, ann, LinkValues("friend"))
    assert raised.value.field == "target"
    edit = customers.update_relationship(db, linked.value, {"strength": 0.3, "kind": "friend"})
    assert edit.value.before == {"strength": 0.8} and edit.value.after == {"strength": 0.3}
    records.update_fields(db, "relationships", linked.value, dict(edit.value.before))
    records.trash(db, "relationships", [linked.value])
    with db.session() as session:
        rel = session.get(Relationship, linked.value)
        assert rel.strength == 0.8 and rel.deleted_at is not None


def test_merge_and_unmerge(db):
    one = customers.save_customer(db, None, _form("John Smith", city="Paris",
                                                  emails=["john@example.com"])).value.id
    two = customers.save_customer(db, None, _form("Jon Smith", job_title="CTO",
                                                  emails=["jon@example.com"])).value.id
    merged = customers.merge_customers(db, one, two, {"city": "survivor"})
    assert {one, two} <= merged.changes.ids("customers")
    assert customer_form(db, one).values["job_title"] == "CTO"
    assert set(customer_form(db, one).emails()) == {"john@example.com", "jon@example.com"}
    with db.session() as session:
        assert session.get(AuditEntry, merged.value).action == "merge"
    unmerged = customers.unmerge(db, merged.value)
    assert unmerged.value == (one, two) and two in unmerged.changes.ids("customers")
    assert customer_form(db, two).values["name"] == "Jon Smith"
    assert customer_form(db, one).values["job_title"] is None


def test_a_failed_save_changes_nothing(db):
    with pytest.raises(ValidationError):
        customers.save_customer(db, None, _form("Ann", company="Acme", phones=["12"]))
    assert _companies(db) == []
