"""`analytics NAME` speaks: a summary on top, names instead of ids, money with the currency,
percentages, reasons in words, Details with what each figure means; and the action flags
(--campaign, --tasks, --tag, --export) act on the chosen group through the services."""

from __future__ import annotations

import csv
import json

import pytest
from sqlalchemy import select

from crm_desktop.cli import main
from crm_desktop.models import Campaign, CampaignMember, Customer, Interaction
from crm_desktop.storage.database import open_database
from crm_desktop.storage.demo.generate import generate


@pytest.fixture(scope="module")
def churn_run(tmp_path_factory, template_db):
    import shutil

    path = tmp_path_factory.mktemp("insights") / "crm.db"
    shutil.copy(template_db, path)
    database = open_database(path)
    generate(database, 400, seed=5)
    database.close()
    return path


def test_churn_text_reads_as_words(capsys, churn_run):
    assert main(["analytics", "churn", "--db", str(churn_run)]) == 0
    out = capsys.readouterr().out
    head = out.splitlines()[:6]
    assert head[0] == "Churn risk"
    assert any("likely to stop buying within 180 days" in line for line in head)
    assert "High risk" in out and "%" in out and "$" in out
    # a reason in words (which ones lead depends on the demo's planted data)
    assert any(words in out for words in ("no order for", "in a survey", "support tickets"))
    assert "Details:" in out and "How well the model ranks" in out
    with open_database(churn_run) as database, database.session() as session:
        some_name = session.scalars(select(Customer.name)).first()
    assert some_name is not None


def test_churn_json_rows_carry_names_and_reasons(capsys, churn_run):
    assert main(["analytics", "churn", "--db", str(churn_run), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"][0].endswith("within 180 days.")
    first = report["rows"][0]
    assert first["customer"] and isinstance(first["customer_id"], int)
    assert isinstance(first["reasons"], list) and first["reasons"]


def test_actions_on_the_high_risk_band(capsys, churn_run, tmp_path):
    out_file = tmp_path / "high.csv"
    assert main(["analytics", "churn", "--db", str(churn_run), "--json", "--risk", "high",
                 "--campaign", "Win back", "--tasks", "Call them", "--owner", "mia",
                 "--tag", "at-risk", "--export", str(out_file)]) == 0
    report = json.loads(capsys.readouterr().out)
    with open_database(churn_run) as database, database.session() as session:
        campaign = session.scalars(select(Campaign).where(Campaign.name == "Win back")).one()
        members = set(session.scalars(select(CampaignMember.customer_id).where(
            CampaignMember.campaign_id == campaign.id)))
        tagged = set(session.scalars(select(Customer.id).where(
            Customer.tags.contains("at-risk"))))
        tasks = set(session.scalars(select(Interaction.customer_id).where(
            Interaction.subject == "Call them", Interaction.owner == "mia")))
    assert members and members == tagged == tasks
    with out_file.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(members)
    assert {r["risk"] for r in rows} == {"High risk"}
    assert report["actions"][0] == f"chose {len(members):,} customers"


def test_an_unknown_group_names_the_groups(capsys, churn_run):
    assert main(["analytics", "churn", "--db", str(churn_run), "--risk", "huge",
                 "--tag", "x"]) == 1
    err = capsys.readouterr().err
    assert "no group 'huge'" in err and "High risk" in err
