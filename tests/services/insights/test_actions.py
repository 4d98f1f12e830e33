"""Acting on a result's customers without Qt: a campaign with them as members, follow-up
tasks, a tag, an export, each undone exactly."""

from __future__ import annotations

import csv
from datetime import datetime

import pytest
from sqlalchemy import select

from crm_desktop.models import Campaign, CampaignMember, Customer, Interaction
from crm_desktop.services.insights import actions
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import StorageError, ValidationError


@pytest.fixture
def people(db) -> list[int]:
    with db.session() as session:
        ids = [create_customer(session, {"name": n, "owner": "mia", "tags": t}).id
               for n, t in (("Anna", "vip"), ("Bernd", None), ("Clara", "at-risk, b2b"))]
        create_customer(session, {"name": "Dora"})
    return ids


def _members(db) -> set[tuple[int, int]]:
    with db.session() as session:
        return {(m.campaign_id, m.customer_id) for m in session.scalars(select(CampaignMember))}


def test_campaign_with_the_customers_and_its_undo(db, people):
    made = actions.campaign_with(db, "Win back", [people[0], people[2], people[0]])
    cid = made.value.campaign_id
    assert _members(db) == {(cid, people[0]), (cid, people[2])}
    assert made.changes.ids("campaigns") == {cid}
    actions.undo_campaign(db, made.value)
    assert _members(db) == set()
    with db.session() as session:
        assert session.get(Campaign, cid).deleted_at is not None
    again = actions.redo_campaign(db, made.value, [people[0], people[2]])
    assert _members(db) == {(cid, people[0]), (cid, people[2])}
    assert len(again.value.member_ids) == 2


def test_campaign_needs_a_name_and_customers(db, people):
    with pytest.raises(ValidationError) as error:
        actions.campaign_with(db, "  ", people)
    assert error.value.field == "name"
    with pytest.raises(ValidationError):
        actions.campaign_with(db, "Empty", [])


def test_tasks_for_each_customer_with_their_owner(db, people):
    due = datetime(2030, 5, 1, 9, 0)
    made = actions.tasks_for(db, people[:2], "Call about renewal", due)
    with db.session() as session:
        tasks = session.scalars(select(Interaction).where(Interaction.id.in_(made.value))).all()
        assert sorted(t.customer_id for t in tasks) == sorted(people[:2])
        assert {(t.kind, t.owner, t.subject, t.due_at) for t in tasks} == {
            ("task", "mia", "Call about renewal", due)}
    other = actions.tasks_for(db, people[2:3], "Visit", due, owner="li")
    with db.session() as session:
        assert session.get(Interaction, other.value[0]).owner == "li"


def test_tag_adds_once_and_untag_restores(db, people):
    change = actions.tag_customers(db, people, "At-Risk")
    assert set(change.value.before) == {people[0], people[1]}  # Clara had it already
    with db.session() as session:
        tags = {c.id: c.tags for c in session.scalars(select(Customer))}
    assert tags[people[0]] == "at-risk, vip"
    assert tags[people[1]] == "at-risk"
    assert tags[people[2]] == "at-risk, b2b"
    actions.untag(db, change.value)
    with db.session() as session:
        tags = {c.id: c.tags for c in session.scalars(select(Customer))}
    assert (tags[people[0]], tags[people[1]]) == ("vip", None)
    with pytest.raises(ValidationError):
        actions.tag_customers(db, people, "a, b")


def test_export_rows_as_shown(tmp_path):
    out = tmp_path / "risk.csv"
    assert actions.export_rows(out, ["customer", "risk"], [["Anna", "82%"], ["Bernd", "61%"]]) == 2
    with out.open(encoding="utf-8-sig") as handle:
        assert list(csv.reader(handle)) == [["customer", "risk"], ["Anna", "82%"],
                                            ["Bernd", "61%"]]
    with pytest.raises(StorageError, match="must end in .csv or .xlsx"):
        actions.export_rows(tmp_path / "x.txt", ["a"], [])
