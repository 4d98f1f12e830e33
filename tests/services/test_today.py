"""Today without Qt: who to contact and why, ranked by what is at stake; snooze and undo;
the CLI's JSON rows."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

import pandas as pd
import pytest

from crm_desktop.cli import main
from crm_desktop.models import Interaction, Order, Ticket
from crm_desktop.services import today
from crm_desktop.storage import analytics_store
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.pipeline import create_opportunity

DAY = date(2030, 6, 15)


@pytest.fixture
def plan(db):
    """Ann: task 5 days overdue, worth 10,000. Bob: high churn risk 0.9, worth 2,000. Cy: a
    deal of 8,000 overdue to close (win 0.5). Dee: nothing due. Eve: an open ticket."""
    at = datetime(2030, 3, 1)
    with db.session() as s:
        ids = {n: create_customer(s, {"name": n, "owner": o}).id
               for n, o in (("Ann", "mia"), ("Bob", "li"), ("Cy", "mia"), ("Dee", "mia"),
                            ("Eve", "li"))}
        for name, total in (("Ann", 10_000), ("Bob", 2_000), ("Dee", 50_000)):
            s.add(Order(customer_id=ids[name], number=f"SO-{name}", ordered_at=at,
                        total=Decimal(total), status="paid"))
        s.add(Interaction(customer_id=ids["Ann"], kind="task", subject="Send the quote",
                          due_at=datetime(2030, 6, 10, 9), owner="mia"))
        s.add(Interaction(customer_id=ids["Dee"], kind="task", subject="Later",
                          due_at=datetime(2030, 7, 1, 9), owner="mia"))
        create_opportunity(s, {"customer_id": ids["Cy"], "name": "Big order",
                               "amount": "8000", "expected_close": date(2030, 6, 12),
                               "win_probability": 0.5})
        s.add(Ticket(number="T-1", customer_id=ids["Eve"], subject="Broken screen", status="open",
                     type="complaint", opened_at=datetime(2030, 6, 5)))
    analytics_store.save_results(db, "churn", pd.DataFrame({
        "customer_id": [ids["Bob"], ids["Dee"]], "p": [0.9, 0.2], "risk": ["high", "low"],
        "reasons": [[["reason:no_order_days", 140]], None]}), "p", "risk",
        detail_cols=("reasons",))
    return ids


def test_rows_ranked_by_what_is_at_stake(db, plan):
    found = today.today_list(db, today=DAY)
    names = [r.name for r in found.rows]
    # Ann 10,000 x (0.3 + 5 x 0.05) = 5,500; Cy 0.5 x 8,000 = 4,000; Bob 0.9 x 2,000 = 1,800;
    # Eve (no value: 100) x 0.3 = 30. Dee's task is not due and her churn risk is low.
    assert names == ["Ann", "Cy", "Bob", "Eve"]
    assert [r.score for r in found.rows] == [5500.0, 4000.0, 1800.0, 30.0]
    ann, cy, bob, eve = found.rows
    assert ann.reasons[0].key == "today:task_overdue" and ann.reasons[0].args == (
        5, "Send the quote")
    assert ann.task_ids
    assert cy.reasons[0].key == "today:deal_overdue" and cy.deal_ids
    assert [s.key for s in bob.reasons] == ["today:churn_risk", "reason:no_order_days"]
    assert eve.reasons[0].key == "today:complaint_open" and eve.ticket_ids
    only_li = today.today_list(db, owner="li", today=DAY)
    assert [r.name for r in only_li.rows] == ["Bob", "Eve"]


def test_snooze_hides_until_the_day_and_undo_brings_back(db, plan):
    change = today.snooze(db, [plan["Ann"]], DAY + timedelta(days=2))
    assert "Ann" not in [r.name for r in today.today_list(db, today=DAY).rows]
    later = today.today_list(db, today=DAY + timedelta(days=2))
    assert "Ann" in [r.name for r in later.rows]
    today.unsnooze(db, change.value)
    assert "Ann" in [r.name for r in today.today_list(db, today=DAY).rows]


def test_cli_json_rows(capsys, db, db_path, plan):
    db.close()
    assert main(["today", "--db", str(db_path), "--date", DAY.isoformat(), "--json",
                 "--limit", "2"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["Ann", "Cy"]
    assert rows[0]["customer_id"] == plan["Ann"] and rows[0]["score"] == 5500.0
    assert rows[0]["reasons"][0]["text"] == "follow-up overdue by 5 days: Send the quote"
