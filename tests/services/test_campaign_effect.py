"""Campaigns with a control group: a random holdout share kept out of the sending, the lift of
the targeted members over it with an interval that contains a planted lift (and zero when
there is none), and the demo's campaigns that carry a real one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from crm_desktop.models import CampaignMember
from crm_desktop.services import campaigns
from crm_desktop.services.campaign_effect import campaign_effect, evaluate
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import NotFound, ValidationError
from tests.conftest import demo_database_file


@pytest.fixture
def campaign(db):
    """A campaign whose saved filter matches 40 customers in Berlin."""
    with db.session() as session:
        for i in range(40):
            create_customer(session, {"name": f"Berliner {i}", "city": "Berlin"})
    segment = campaigns.save_filter(db, "Berlin", "customers", [("city", "eq", "Berlin")]).value
    return campaigns.create_campaign(db, {"name": "Spring", "target_segment_id": segment}).value


def _holdout(db, campaign_id):
    with db.session() as session:
        return {m.id: m.holdout for m in session.scalars(select(CampaignMember).where(
            CampaignMember.campaign_id == campaign_id))}


def test_a_share_is_held_out_at_random_and_repeatably(db, campaign):
    added = campaigns.add_members(db, campaign, holdout_share=0.25, seed=7).value
    held = _holdout(db, campaign)
    assert len(added) == 40 and sum(held.values()) == 10
    campaigns.remove_members(db, added)
    again = campaigns.add_members(db, campaign, holdout_share=0.25, seed=7).value
    with db.session() as session:
        customers_held = set(session.scalars(select(CampaignMember.customer_id).where(
            CampaignMember.holdout.is_(True))))
    assert len(again) == 40 and len(customers_held) == 10
    with pytest.raises(ValidationError, match="below 1"):
        campaigns.add_members(db, campaign, holdout_share=1.0)


def test_without_a_share_nobody_is_held_out(db, campaign):
    campaigns.add_members(db, campaign)
    assert not any(_holdout(db, campaign).values())


def test_sending_to_a_holdout_member_is_refused(db, campaign):
    campaigns.add_members(db, campaign, holdout_share=0.1, seed=1)
    held = [m for m, h in _holdout(db, campaign).items() if h]
    others = [m for m, h in _holdout(db, campaign).items() if not h]
    with pytest.raises(ValidationError, match="holdout .control group. and is not sent to"):
        campaigns.record_step(db, campaign, [others[0], held[0]], "sent")
    with db.session() as session:  # nothing recorded, not even for the other member
        assert session.scalar(select(CampaignMember.sent_at).where(
            CampaignMember.id == others[0])) is None
    campaigns.record_step(db, campaign, held[:1], "converted")  # bought without the campaign
    with db.session() as session:  # a purchase, not a response to a campaign never received
        member = session.get(CampaignMember, held[0])
        assert member.converted_at and member.responded_at is None and member.sent_at is None
    campaigns.record_step(db, campaign, held[1:2], "responded")  # e.g. called on their own
    with db.session() as session:
        member = session.get(CampaignMember, held[1])
        assert member.responded_at and member.sent_at is None


def members_frame(targeted_rate: float, holdout_rate: float, n: int = 4000,
                  seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    holdout = rng.random(n) < 0.2
    responded = rng.random(n) < np.where(holdout, holdout_rate, targeted_rate)
    return pd.DataFrame({"campaign_id": 1, "customer_id": np.arange(n), "holdout": holdout,
                         "responded": responded, "converted": responded & (rng.random(n) < .5)})


def test_a_planted_lift_lies_in_the_interval_and_no_lift_gives_an_interval_around_zero():
    segments = pd.Series(["A", "B"] * 2000, index=np.arange(4000))
    found = evaluate(members_frame(0.20, 0.12), segments, 1, "Spring")
    responded = found.effects[0]
    assert responded.outcome == "responded" and responded.significant
    assert responded.ci_low < 0.08 < responded.ci_high
    nothing = evaluate(members_frame(0.15, 0.15, seed=1), segments, 1, "Spring").effects[0]
    assert nothing.ci_low < 0 < nothing.ci_high and not nothing.significant
    assert found.segment_test is not None and found.segment_test.p_value is not None


def test_a_campaign_without_holdout_says_how_to_measure_it(db, campaign):
    campaigns.add_members(db, campaign)
    found = campaign_effect(db, campaign)
    assert found.effects == () and found.note.startswith("no holdout")
    assert found.members == 40 and found.holdout == 0
    with pytest.raises(NotFound, match="no campaign with id 999"):
        campaign_effect(db, 999)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, template_db):
    from crm_desktop.storage.database import open_database

    database = open_database(demo_database_file(tmp_path_factory, template_db, "holdout",
                                                2000, 0))
    yield database
    database.close()


def test_demo_campaigns_with_a_holdout_show_a_real_lift(demo):
    """The demo plants a response lift (holdout members answer at a fifth of the rate) and no
    conversion lift; at 2,000 customers each campaign is small, so the lift shows pooled over
    the measured campaigns, and per campaign as a positive estimate."""
    from crm_desktop.analytics.campaign_effect import newcombe_interval
    from crm_desktop.services.analyses.run import run_analysis
    from crm_desktop.storage import frames

    table = run_analysis(demo, "campaigns").table
    measured = table[table["holdout"] > 0]
    assert len(measured) >= 3
    assert (measured.loc[measured["members"] >= 20, "response_lift"] > 0).all()
    assert table.loc[table["holdout"] == 0, "response_lift"].isna().all()
    members = frames.campaign_members(demo)
    members = members[members["campaign_id"].isin(measured["campaign_id"])]
    held = members[members["holdout"]]
    sent = members[~members["holdout"]]
    low, high = newcombe_interval(int(sent["responded"].sum()), len(sent),
                                  int(held["responded"].sum()), len(held))
    assert 0 < low < high
    low, high = newcombe_interval(int(sent["converted"].sum()), len(sent),
                                  int(held["converted"].sum()), len(held))
    assert low < 0 < high  # no planted conversion lift
    assert held["sent_at"].isna().all()


def test_cli_campaigns_effect(capsys, db, campaign):
    import json

    from crm_desktop.cli import main

    campaigns.add_members(db, campaign, holdout_share=0.25, seed=3)
    members = _holdout(db, campaign)
    targeted = [m for m, h in members.items() if not h]
    campaigns.record_step(db, campaign, targeted, "sent")
    campaigns.record_step(db, campaign, targeted[:12], "responded")
    path = str(db.path)
    assert main(["campaigns", "effect", str(campaign), "--db", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    responded = data["effects"][0]
    assert (responded["targeted"], responded["targeted_positives"]) == (30, 12)
    assert (responded["holdout"], responded["holdout_positives"]) == (10, 0)
    assert responded["difference"] == pytest.approx(0.4)
    assert main(["campaigns", "effect", str(campaign), "--db", path]) == 0
    out = capsys.readouterr().out
    assert "responded: targeted 12/30 (40.0%) vs holdout 0/10 (0.0%): lift +40.0 points" in out
    assert main(["campaigns", "effect", "77", "--db", path]) == 1
    assert "no campaign with id 77" in capsys.readouterr().err
