"""Sales targets without Qt: periods, set/create/update/delete (checked, audited, undoable)
and progress against planted won deals and an open pipeline."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop.models import AuditEntry
from crm_desktop.services import records, targets
from crm_desktop.services.outcome import write
from crm_desktop.services.targets import Period, TargetInput
from crm_desktop.storage import pipeline as pipeline_store
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import ValidationError


def test_periods_parse_and_name_themselves():
    q4 = Period.parse("2026-Q4")
    assert (q4.start, q4.end, q4.kind, q4.label) == (date(2026, 10, 1), date(2026, 12, 31),
                                                     "quarter", "2026-Q4")
    assert Period.parse("2026q4") == Period.parse(" 2026 Q4 ") == q4
    feb = Period.parse("2028-2")
    assert (feb.start, feb.end, feb.label) == (date(2028, 2, 1), date(2028, 2, 29), "2028-02")
    assert Period.containing(date(2026, 5, 17), "quarter").label == "2026-Q2"
    for bad in ("2026-13", "2026-Q5", "next month", ""):
        with pytest.raises(ValidationError, match="is not a period"):
            Period.parse(bad)


def test_set_creates_then_changes_the_same_target_and_is_audited(db):
    first = targets.set_target(db, TargetInput("Alice Chen", "2026-Q4", "50,000", "eur", 10))
    assert first.value.created and "sales_targets" in first.changes.entities
    again = targets.set_target(db, TargetInput(" Alice Chen ", "2026-q4", 60000, "EUR", 10))
    assert again.value == targets.SetTarget(first.value.id, False,
                                            {"amount": Decimal("50000.00")})
    (row,) = targets.list_targets(db)
    assert (row.owner, row.period.label, row.amount, row.currency, row.deals) == (
        "Alice Chen", "2026-Q4", Decimal("60000.00"), "EUR", 10)
    with db.session() as session:
        fields = set(session.scalars(select(AuditEntry.field).where(
            AuditEntry.entity == "sales_targets", AuditEntry.action == "update")))
    assert fields == {"amount"}


def test_one_live_target_per_owner_period_and_currency(db):
    targets.create_target(db, TargetInput("Alice", "2026-12", 100, "EUR"))
    with pytest.raises(ValidationError, match="Alice in 2026-12 .EUR. exists already"):
        targets.create_target(db, TargetInput("Alice", "2026-12", 200, "EUR"))
    targets.create_target(db, TargetInput("Alice", "2026-12", 200, "USD"))
    targets.create_target(db, TargetInput(None, "2026-12", 500, "EUR"))
    targets.create_target(db, TargetInput("Alice", "2026-Q4", 300, "EUR"))
    assert len(targets.list_targets(db)) == 4
    assert [t.owner for t in targets.list_targets(db, owner=None)] == [None]


@pytest.mark.parametrize(("target", "field"), [
    (TargetInput("A", "2026-12", "-5"), "amount"),
    (TargetInput("A", "2026-12", "lots"), "amount"),
    (TargetInput("A", "2026-12", 0), "amount"),
    (TargetInput("A", "2026-12", 10, deals="ten"), "deals"),
    (TargetInput("A", "2026-12", 10, deals=-1), "deals"),
    (TargetInput("A", "2026-12", 10, currency="Dollars"), "currency"),
    (TargetInput("A", "soon", 10), "period"),
])
def test_bad_input_names_the_field_and_stores_nothing(db, target, field):
    with pytest.raises(ValidationError) as error:
        targets.set_target(db, target)
    assert error.value.field == field
    assert targets.list_targets(db) == []


def test_a_deals_only_target_and_the_default_currency(db):
    outcome = targets.create_target(db, TargetInput(None, "2026-11", 0, deals=5))
    row = targets.target_row(db, outcome.value)
    assert row is not None and row.amount == 0 and row.deals == 5 and row.currency == "USD"


def test_update_reports_before_and_its_undo_puts_it_back(db):
    target_id = targets.create_target(db, TargetInput("Bob", "2026-11", 100, "EUR")).value
    edit = targets.update_target(db, target_id, TargetInput("Bob", "2026-12", 150, "EUR")).value
    assert edit.before == {"period_start": date(2026, 11, 1), "period_end": date(2026, 11, 30),
                           "amount": Decimal("100.00")}
    records.update_fields(db, "sales_targets", target_id, edit.before)
    row = targets.target_row(db, target_id)
    assert row is not None and row.period.label == "2026-11" and row.amount == 100


def test_delete_moves_to_the_trash_and_restore_brings_it_back(db):
    target_id = targets.create_target(db, TargetInput("Bob", "2026-11", 100, "EUR")).value
    outcome = targets.delete_target(db, target_id)
    assert outcome.changes.entities >= {"sales_targets"}
    assert targets.list_targets(db) == []
    records.restore(db, "sales_targets", [target_id])
    assert [t.id for t in targets.list_targets(db)] == [target_id]


def _deal(session, customer_id, owner, amount, currency, status, closed_at=None,
          expected_close=None, stage="Qualification"):
    stages = {s.name: s.id for s in pipeline_store.stages(session)}
    deal = pipeline_store.create_opportunity(session, {
        "name": f"{owner} {amount}", "customer_id": customer_id, "amount": str(amount),
        "currency": currency, "owner": owner, "stage_id": stages[stage],
        "expected_close": expected_close})
    deal.status = status
    deal.closed_at = closed_at
    return deal.id


@pytest.fixture
def planted(db):
    """Alice wins 3,000 + 2,000 EUR in Q4 2026, 9,999 EUR in September (before the period)
    and 7,777 USD in Q4 (another currency); Bob wins 5,000 EUR in Q4. Alice has an open
    10,000 EUR deal at 50% expected in December and a lost one."""
    def work(session):
        pipeline_store.default_pipeline(session)
        customer = create_customer(session, {"name": "Acme"}).id
        q4 = datetime(2026, 10, 20), datetime(2026, 11, 3)
        _deal(session, customer, "Alice", 3000, "EUR", "won", q4[0])
        _deal(session, customer, "Alice", 2000, "EUR", "won", q4[1])
        _deal(session, customer, "Alice", 9999, "EUR", "won", datetime(2026, 9, 30, 23))
        _deal(session, customer, "Alice", 7777, "USD", "won", q4[1])
        _deal(session, customer, "Bob", 5000, "EUR", "won", q4[1])
        _deal(session, customer, "Alice", 4000, "EUR", "lost", q4[1])
        _deal(session, customer, "Alice", 10000, "EUR", "open", None, date(2026, 12, 10),
              stage="Proposal")
    write(db, work)
    targets.set_target(db, TargetInput("Alice", "2026-Q4", 10000, "EUR", 4))
    targets.set_target(db, TargetInput(None, "2026-Q4", 20000, "EUR"))
    targets.set_target(db, TargetInput("Alice", "2027-01", 1000, "EUR"))
    return db


def test_progress_counts_won_deals_of_the_owner_period_and_currency(planted):
    report = targets.progress(planted, as_of=date(2026, 11, 15), weights="stage")
    assert [(r.owner, r.period.label) for r in report.rows] == [(None, "2026-Q4"),
                                                                ("Alice", "2026-Q4")]
    business, alice = report.rows
    assert (alice.actual_amount, alice.actual_deals) == (Decimal("5000.00"), 2)
    assert alice.share == pytest.approx(0.5) and alice.deals_share == pytest.approx(0.5)
    elapsed = (datetime(2026, 11, 15, 23, 59, 59) - datetime(2026, 10, 1)) / (
        datetime(2027, 1, 1) - datetime(2026, 10, 1))
    assert alice.elapsed_share == pytest.approx(elapsed)
    assert float(alice.projected_amount) == pytest.approx(5000 / elapsed, abs=0.01)
    assert alice.pipeline_weighted == Decimal("5000.00")  # 10,000 at the Proposal stage's 50%
    assert business.actual_amount == Decimal("10000.00") and business.actual_deals == 3
    assert business.deals_share is None and business.share == pytest.approx(0.5)
    assert report.weights == {"weights": "stage probability"}
    data = report.to_dict()
    assert data["targets"][1]["actual_amount"] == "5000.00"


def test_progress_of_a_chosen_period_and_owner(planted):
    report = targets.progress(planted, as_of=date(2026, 11, 15), period="2027-01",
                              owner="Alice", weights="stage")
    (january,) = report.rows
    assert january.actual_amount == 0 and january.elapsed_share == 0
    assert january.projected_amount is None and january.pipeline_weighted == Decimal("0.00")
    assert targets.progress(planted, as_of=date(2030, 1, 1)).rows == ()


def test_progress_with_the_forecast_weighting_says_which_weights(planted):
    report = targets.progress(planted, as_of=date(2026, 11, 15))  # too few deals for a model
    assert report.weights["weights"] == "stage probability"
    assert "closed deals" in str(report.weights["win model"])
    assert report.rows[1].pipeline_weighted == Decimal("5000.00")


def test_known_owners(planted):
    assert targets.known_owners(planted) == ["Alice", "Bob"]
