"""Merging customers: related records move, choices apply, it is audited and undo is exact."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from crm_desktop.models import (
    AuditEntry,
    Campaign,
    CampaignMember,
    ContactPoint,
    Contract,
    Customer,
    Interaction,
    Opportunity,
    Order,
    Quote,
    Relationship,
    SurveyResponse,
    Ticket,
)
from crm_desktop.storage.activities import log_interaction
from crm_desktop.storage.customers import ContactInput, create_customer
from crm_desktop.storage.errors import StorageError, ValidationError
from crm_desktop.storage.merge import (
    field_choices,
    is_undone,
    merge_customers,
    references,
    undo_merge,
)
from crm_desktop.storage.pipeline import create_opportunity
from crm_desktop.storage.sales import LineInput, create_order, create_quote
from crm_desktop.storage.service import open_ticket

RELATED = (Order, Quote, Opportunity, Contract, Ticket, Interaction, SurveyResponse)


def _setup(db) -> tuple[int, int, int, int]:
    with db.session() as s:
        company = create_customer(s, {"name": "Acme", "kind": "company"})
        survivor = create_customer(
            s, {"name": "John Smith", "city": "Paris", "tags": "vip", "notes": "first"},
            emails=["john@example.com"], phones=["+14155550100"])
        loser = create_customer(
            s, {"name": "Jon Smith", "job_title": "CTO", "city": "Lyon", "tags": "wholesale",
                "notes": "second", "birthday": date(1980, 1, 2)},
            emails=[ContactInput("email", "jon@work.example", "work", True),
                    ContactInput("email", "john@example.com", "home")],
            phones=["+14155550199"])
        other = create_customer(s, {"name": "Mary", "company_id": loser.id})
        for owner in (survivor, loser):
            create_order(s, {"customer_id": owner.id}, [LineInput("x", 1, "10")])
        create_quote(s, {"customer_id": loser.id}, [LineInput("q", 1, "5")])
        create_opportunity(s, {"customer_id": loser.id, "name": "Deal"})
        s.add(Contract(customer_id=loser.id, number="C-1", title="Support",
                       start_date=date(2024, 1, 1)))
        open_ticket(s, {"customer_id": loser.id, "subject": "Help"})
        log_interaction(s, {"customer_id": loser.id, "kind": "call", "subject": "Hi"})
        s.add(SurveyResponse(customer_id=loser.id, score=9))
        s.add_all([Relationship(source_id=loser.id, target_id=other.id, kind="colleague"),
                   Relationship(source_id=survivor.id, target_id=loser.id, kind="friend"),
                   Relationship(source_id=other.id, target_id=loser.id, kind="referral")])
        both = Campaign(name="Spring")
        only_loser = Campaign(name="Autumn")
        s.add_all([both, only_loser])
        s.flush()
        s.add_all([
            CampaignMember(campaign_id=both.id, customer_id=survivor.id,
                           sent_at=datetime(2024, 3, 2)),
            CampaignMember(campaign_id=both.id, customer_id=loser.id,
                           targeted_at=datetime(2024, 3, 1), sent_at=datetime(2024, 3, 3),
                           converted_at=datetime(2024, 3, 9), response="bought"),
            CampaignMember(campaign_id=only_loser.id, customer_id=loser.id),
        ])
        return survivor.id, loser.id, other.id, company.id


def _state(db) -> dict[str, object]:
    """Everything a merge touches, as plain values."""
    with db.session() as s:
        state: dict[str, object] = {}
        for customer in s.scalars(select(Customer).order_by(Customer.id)):
            state[f"customer {customer.id}"] = {
                c.name: getattr(customer, c.key) for c in Customer.__table__.columns}
        state["contacts"] = sorted(
            tuple(getattr(c, col.key) for col in ContactPoint.__table__.columns)
            for c in s.scalars(select(ContactPoint)))
        for model in RELATED:
            state[model.__tablename__] = sorted(s.execute(select(model.id, model.customer_id)))
        state["relationships"] = sorted(s.execute(select(
            Relationship.id, Relationship.source_id, Relationship.target_id,
            Relationship.deleted_at)))
        state["members"] = sorted(tuple(getattr(m, col.key) for col in
                                        CampaignMember.__table__.columns)
                                  for m in s.scalars(select(CampaignMember)))
    return state


def test_merge_moves_everything_and_undo_restores_exactly(db):
    survivor, loser, other, _company = _setup(db)
    before = _state(db)
    with db.session() as s:
        merge_id = merge_customers(s, survivor, loser, {"job_title": "loser", "city": "survivor",
                                                        "email": "loser"})
    with db.session() as s:
        kept = s.get(Customer, survivor)
        gone = s.get(Customer, loser)
        assert gone.deleted_at is not None and kept.deleted_at is None
        assert (kept.job_title, kept.city, kept.birthday) == ("CTO", "Paris", date(1980, 1, 2))
        assert kept.tags == "vip, wholesale" and kept.notes == "first\n\nsecond"
        assert kept.primary_email == "jon@work.example"
        assert {c.value for c in kept.contacts} == {
            "john@example.com", "jon@work.example", "+14155550100", "+14155550199"}
        for model in RELATED:
            owners = set(s.scalars(select(model.customer_id)))
            assert loser not in owners, model.__tablename__
        assert s.get(Customer, other).company_id == survivor
        links = {(r.source_id, r.target_id, r.deleted_at is None)
                 for r in s.scalars(select(Relationship))}
        assert links == {(survivor, other, True), (survivor, loser, False), (other, survivor, True)}
        members = list(s.scalars(select(CampaignMember)))
        assert len(members) == 2 and {m.customer_id for m in members} == {survivor}
        spring = next(m for m in members if m.sent_at is not None)
        assert (spring.targeted_at, spring.sent_at, spring.response) == (
            datetime(2024, 3, 1), datetime(2024, 3, 2), "bought")
        entry = s.get(AuditEntry, merge_id)
        assert entry.action == "merge" and entry.entity_id == survivor
        assert s.scalars(select(AuditEntry).where(AuditEntry.entity == "orders",
                                                  AuditEntry.field == "customer_id")).first()
    with db.session() as s:
        assert undo_merge(s, merge_id) == (survivor, loser)
    assert _state(db) == before
    with db.session() as s:
        assert is_undone(s, merge_id)
        with pytest.raises(StorageError, match="already been undone"):
            undo_merge(s, merge_id)


def test_default_choices_fill_blanks_from_the_loser(db):
    survivor, loser, _other, _company = _setup(db)
    with db.session() as s:
        choices = {c.field: c for c in field_choices(s, survivor, loser)}
        assert choices["job_title"].default == "loser" and choices["city"].default == "survivor"
        assert choices["tags"].default == "both"
        merge_customers(s, survivor, loser)
        assert s.get(Customer, survivor).job_title == "CTO"
        assert s.get(Customer, survivor).city == "Paris"


def test_refuses_bad_merges(db):
    survivor, loser, _other, _company = _setup(db)
    with db.session() as s:
        with pytest.raises(ValidationError):
            merge_customers(s, survivor, survivor)
        with pytest.raises(ValidationError):
            merge_customers(s, survivor, loser, {"city": "both-ish"})
    with db.session() as s:
        merge_customers(s, survivor, loser)
    with db.session() as s, pytest.raises(StorageError):
        merge_customers(s, survivor, loser)  # the loser is in the trash now


def test_every_customer_reference_is_covered():
    tables = {model.__tablename__ for model, _column in references()}
    assert {"orders", "quotes", "opportunities", "contracts", "tickets", "interactions",
            "survey_responses", "relationships", "customers"} <= tables
