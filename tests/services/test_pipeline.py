"""Pipeline operations without Qt: create and edit opportunities (undo by the Edit's `before`),
moves with their stage history, win and lose with a reason, and the undo of a move."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from crm_desktop.models import AuditEntry, Opportunity, StageChange
from crm_desktop.services import pipeline
from crm_desktop.services.outcome import write
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import ValidationError


@pytest.fixture
def customer_id(db):
    return write(db, lambda s: create_customer(s, {"name": "Acme"}).id).value


def stage_ids(db):
    return {stage.name: stage.id for stage in pipeline.stages(db)}


def history(db, opportunity_id):
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(StageChange).where(
            StageChange.opportunity_id == opportunity_id))


def new_opportunity(db, customer_id, **values):
    return pipeline.create_opportunity(
        db, {"name": "Deal", "customer_id": customer_id, "amount": "1,200.50", **values}).value


def test_create_cleans_values_and_reports_its_rows(db, customer_id):
    outcome = pipeline.create_opportunity(
        db, {"name": " Big deal ", "customer_id": customer_id, "amount": "$12,500.50",
             "currency": "rmb", "expected_close": "2030-01-31"})
    found = pipeline.detail(db, outcome.value)
    assert (found.name, found.amount, found.currency, found.status) == (
        "Big deal", Decimal("12500.50"), "CNY", "open")
    assert found.customer_name == "Acme" and found.stage_name == "Qualification"
    assert outcome.changes.ids("opportunities") == {outcome.value}
    assert "stage_changes" in outcome.changes
    assert [step.stage_name for step in found.history] == ["Qualification"]


def test_create_without_currency_takes_the_default(db, customer_id):
    assert pipeline.detail(db, new_opportunity(db, customer_id)).currency == "USD"


@pytest.mark.parametrize(("values", "field"), [
    ({"name": ""}, "name"), ({"customer_id": None}, "customer_id"),
    ({"amount": "twelve"}, "amount"), ({"currency": "dollars"}, "currency"),
    ({"probability_override": 120}, "probability_override"),
])
def test_create_refuses_bad_values_naming_the_field(db, customer_id, values, field):
    with pytest.raises(ValidationError) as caught:
        pipeline.create_opportunity(db, {"name": "Deal", "customer_id": customer_id, **values})
    assert caught.value.field == field
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Opportunity)) == 0


def test_edit_returns_what_it_replaced_and_undo_writes_it_back(db, customer_id):
    opp_id = new_opportunity(db, customer_id, owner="ann")
    outcome = pipeline.update_opportunity(
        db, opp_id, {"name": "Deal", "amount": "2000", "owner": "bob"})
    edit = outcome.value
    assert edit.before == {"amount": Decimal("1200.50"), "owner": "ann"}
    assert edit.after == {"amount": Decimal("2000.00"), "owner": "bob"}
    assert outcome.changes.ids("opportunities") == {opp_id}
    pipeline.update_opportunity(db, opp_id, edit.before)
    found = pipeline.detail(db, opp_id)
    assert (found.amount, found.owner) == (Decimal("1200.50"), "ann")


def test_edit_refuses_the_stage(db, customer_id):
    opp_id = new_opportunity(db, customer_id)
    with pytest.raises(ValidationError) as caught:
        pipeline.update_opportunity(db, opp_id, {"stage_id": stage_ids(db)["Won"]})
    assert caught.value.field == "stage_id"


def test_move_records_history_and_undo_removes_it(db, customer_id):
    opp_id = new_opportunity(db, customer_id)
    stages = stage_ids(db)
    outcome = pipeline.move(db, opp_id, stages["Proposal"])
    assert outcome.value.before.stage_id == stages["Qualification"]
    assert outcome.changes.ids("opportunities") == {opp_id}
    assert history(db, opp_id) == 2
    undone = pipeline.undo_move(db, outcome.value)
    assert undone.changes.ids("stage_changes") == {outcome.value.history_id}
    assert pipeline.detail(db, opp_id).stage_id == stages["Qualification"]
    assert history(db, opp_id) == 1
    with db.session() as session:  # the undo is audited
        purged = session.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.entity == "stage_changes", AuditEntry.action == "purge")).all()
    assert outcome.value.history_id in purged


def test_win_needs_a_reason_closes_and_undo_reopens(db, customer_id):
    opp_id = new_opportunity(db, customer_id)
    with pytest.raises(ValidationError) as caught:
        pipeline.win(db, opp_id, " ")
    assert caught.value.field == "reason"
    won = pipeline.win(db, opp_id, "Best price")
    found = pipeline.detail(db, opp_id)
    assert (found.status, found.stage_name, found.close_reason) == ("won", "Won", "Best price")
    pipeline.undo_move(db, won.value)
    found = pipeline.detail(db, opp_id)
    assert (found.status, found.stage_name, found.close_reason) == (
        "open", "Qualification", None)
    with db.session() as session:
        assert session.get(Opportunity, opp_id).closed_at is None


def test_undo_of_a_move_from_won_puts_back_the_close(db, customer_id):
    opp_id = new_opportunity(db, customer_id)
    pipeline.lose(db, opp_id, "Too expensive")
    with db.session() as session:
        closed_at = session.get(Opportunity, opp_id).closed_at
    reopened = pipeline.move(db, opp_id, stage_ids(db)["Negotiation"])
    assert pipeline.detail(db, opp_id).status == "open"
    pipeline.undo_move(db, reopened.value)
    found = pipeline.detail(db, opp_id)
    assert (found.status, found.close_reason) == ("lost", "Too expensive")
    with db.session() as session:
        assert session.get(Opportunity, opp_id).closed_at == closed_at


def test_undo_refuses_when_the_opportunity_moved_since(db, customer_id):
    opp_id = new_opportunity(db, customer_id)
    stages = stage_ids(db)
    first = pipeline.move(db, opp_id, stages["Proposal"])
    pipeline.move(db, opp_id, stages["Negotiation"])
    with pytest.raises(ValidationError, match="moved"):
        pipeline.undo_move(db, first.value)


def test_moving_to_the_same_stage_changes_nothing(db, customer_id):
    opp_id = new_opportunity(db, customer_id)
    outcome = pipeline.move(db, opp_id, stage_ids(db)["Qualification"])
    assert outcome.value.history_id is None and not outcome.changes
    assert history(db, opp_id) == 1


def test_board_reads_figures_and_owners(db, customer_id):
    from crm_desktop.storage.board import BoardFilter

    new_opportunity(db, customer_id, owner="ann", amount="100")
    new_opportunity(db, customer_id, owner="bob", amount="300")
    data, owners = pipeline.load_board(db, BoardFilter(), 10, "amount")
    first = data.columns[0]
    assert (first.count, first.total.parts) == (2, (("USD", Decimal("400.00")),))
    assert owners == ["ann", "bob"]
    data, _ = pipeline.load_board(db, BoardFilter(owner="bob"), 10, "amount")
    assert data.columns[0].count == 1
