"""Campaign operations without Qt: the plan's rules, members added from the target filter and
taken back (audited, exact), steps recorded and undone, saved filters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop.models import AuditEntry, CampaignMember
from crm_desktop.services import campaigns, records
from crm_desktop.storage.campaign_details import campaign_info, customer_segments, saved_filters
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import ValidationError


@pytest.fixture
def berliners(db) -> list[int]:
    with db.session() as session:
        ids = [create_customer(session, {"name": n, "city": "Berlin"}).id
               for n in ("Anna", "Bernd", "Clara")]
        create_customer(session, {"name": "Dora", "city": "Paris"})
    return ids


def _plan(db, **values) -> int:
    segment = campaigns.save_filter(db, "Berliners", "customers",
                                    [("city", "eq", "Berlin")]).value
    return campaigns.create_campaign(db, {"name": "Spring", "target_segment_id": segment,
                                          **values}).value


def _membership(db) -> set[tuple[int, int]]:
    with db.session() as session:
        return {(m.campaign_id, m.customer_id) for m in session.scalars(select(CampaignMember))}


def test_plan_rules_name_the_field(db):
    for values, field in (({"name": ""}, "name"),
                          ({"name": "x", "start_date": date(2026, 4, 1),
                            "end_date": date(2026, 3, 1)}, "end_date"),
                          ({"name": "x", "budget": Decimal("-1")}, "budget"),
                          ({"name": "x", "currency": "Dollars"}, "currency"),
                          ({"name": "x", "members": 3}, "members")):
        with pytest.raises(ValidationError) as raised:
            campaigns.create_campaign(db, values)
        assert raised.value.field == field
    created = campaigns.create_campaign(db, {"name": "Spring", "currency": "rmb",
                                             "budget": Decimal("5000")})
    info = campaign_info(db, created.value)
    assert (info.currency, info.budget) == ("CNY", Decimal("5000.00"))
    assert created.changes.ids("campaigns") == {created.value}


def test_edit_reports_what_changed(db):
    campaign = campaigns.create_campaign(db, {"name": "Spring"}).value
    edit = campaigns.update_campaign(db, campaign, {"name": "Summer", "status": "planned"})
    assert edit.value.before == {"name": "Spring"} and edit.value.after == {"name": "Summer"}
    records.update_fields(db, "campaigns", campaign, dict(edit.value.before))
    assert campaign_info(db, campaign).name == "Spring"


def test_add_members_is_audited_and_undo_restores_the_membership(db, berliners):
    campaign = _plan(db)
    with db.session() as session:  # one member was there before (targeted by hand)
        session.add(CampaignMember(campaign_id=campaign, customer_id=berliners[0]))
    before = _membership(db)
    added = campaigns.add_members(db, campaign)
    assert len(added.value) == 2
    assert added.changes.ids("campaign_members") == set(added.value)
    assert _membership(db) == before | {(campaign, c) for c in berliners[1:]}
    with db.session() as session:
        created = set(session.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.entity == "campaign_members", AuditEntry.action == "create",
            AuditEntry.field == "customer_id")))
    assert set(added.value) <= created

    removed = campaigns.remove_members(db, added.value)
    assert removed.value == 2 and removed.changes.ids("campaign_members") == set(added.value)
    assert _membership(db) == before
    with db.session() as session:
        purged = set(session.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.entity == "campaign_members", AuditEntry.action == "purge")))
    assert purged == set(added.value)
    assert campaigns.add_members(db, campaign).value  # redo adds them again


def test_add_members_without_a_target_says_so(db):
    campaign = campaigns.create_campaign(db, {"name": "No target"}).value
    with pytest.raises(ValidationError, match="no target filter"):
        campaigns.add_members(db, campaign)


def test_record_a_step_and_undo_it(db, berliners):
    campaign = _plan(db)
    members = campaigns.add_members(db, campaign).value
    recorded = campaigns.record_step(db, campaign, members[:2], "responded", " Wants a demo ")
    info = campaign_info(db, campaign)
    assert (info.counts.targeted, info.counts.sent, info.counts.responded) == (3, 2, 2)
    with db.session() as session:
        assert {m.response for m in session.scalars(select(CampaignMember))} == {
            "Wants a demo", None}
    campaigns.restore_steps(db, recorded.value)
    assert campaign_info(db, campaign).counts.responded == 0
    with pytest.raises(ValidationError):
        campaigns.record_step(db, campaign, members, "bought")
    with pytest.raises(ValidationError):
        campaigns.record_step(db, campaign, [], "sent")


def test_saved_filters(db):
    saved = campaigns.save_filter(db, " Leads ", "customers", [("status", "eq", "lead")], "a")
    campaigns.save_filter(db, "Open", "tickets", [("status", "eq", "open")])
    (shown,) = saved_filters(db, "customers")
    assert (shown.id, shown.name, shown.rules) == (
        saved.value, "Leads", {"filters": [["status", "eq", "lead"]], "text": "a"})
    assert customer_segments(db) == [("Leads", saved.value)]
    records.trash(db, "segments", [saved.value])
    assert saved_filters(db, "customers") == [] and customer_segments(db) == []
    with pytest.raises(ValidationError):
        campaigns.save_filter(db, " ", "customers", [])
