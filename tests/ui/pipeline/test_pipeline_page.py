"""The pipeline page through its widgets: create, drag to Won with a reason, undo, filter."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from crm_desktop.models import Opportunity, StageChange
from crm_desktop.storage import pipeline
from crm_desktop.ui.pipeline.pipeline_page import PipelinePage
from tests.ui.page_helpers import (
    click_save,
    drop_card,
    make_customer,
    open_dialog,
    pick_customer,
    type_into,
)


@pytest.fixture
def page(qtbot, context):
    widget = PipelinePage(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    with qtbot.waitSignal(widget.boardLoaded, timeout=5000):
        widget.show()
    yield widget
    widget.shutdown()


def stage_ids(db):
    with db.session() as session:
        return {s.name: s.id for s in pipeline.stages(session)}


def reload_board(qtbot, page):
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        page.refresh()


def test_create_drag_to_won_with_reason_and_undo(qtbot, db, context, page):
    make_customer(db, "Acme Trading")
    page.new_record()
    dialog = open_dialog(page, qtbot)
    type_into(qtbot, dialog.field("name"), "Big deal")
    pick_customer(qtbot, dialog.field("customer_id"), "Acme")
    type_into(qtbot, dialog.field("amount"), "12,500.50")
    type_into(qtbot, dialog.field("expected_close"), "2030-01-31")
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        click_save(qtbot, dialog)
    with db.session() as session:
        opp = session.query(Opportunity).one()
        assert (opp.name, opp.amount, opp.status) == ("Big deal", Decimal("12500.50"), "open")
        opp_id, first_stage = opp.id, opp.stage_id
    assert page.board.card_widget(opp_id) is not None

    stages = stage_ids(db)
    drop_card(page.board.column_widget(stages["Won"]), opp_id)
    reason = open_dialog(page, qtbot)
    assert reason.objectName() == "closeReasonDialog"
    click_save(qtbot, reason)  # no reason yet: refused, shown next to the field
    assert reason.isVisible() and reason.error_text("reason")
    type_into(qtbot, reason.field("reason").lineEdit(), "Best price and support")
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        click_save(qtbot, reason)
    with db.session() as session:
        opp = session.get(Opportunity, opp_id)
        assert (opp.stage_id, opp.status) == (stages["Won"], "won")
        assert opp.close_reason == "Best price and support"
        assert session.query(StageChange).filter_by(opportunity_id=opp_id).count() == 2
    won = page.board.column_widget(stages["Won"])
    assert [c.card.id for c in won.cards()] == [opp_id]
    assert "1 deal" in won.figures.text()

    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        context.undo_stack.undo()
    with db.session() as session:
        opp = session.get(Opportunity, opp_id)
        assert (opp.stage_id, opp.status, opp.close_reason) == (first_stage, "open", None)
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        context.undo_stack.redo()
    with db.session() as session:
        assert session.get(Opportunity, opp_id).status == "won"


def test_cancelled_reason_leaves_stage(qtbot, db, page):
    customer = make_customer(db, "Cancel Co")
    with db.session() as session:
        opp_id = pipeline.create_opportunity(
            session, {"name": "Maybe", "customer_id": customer, "amount": "10"}).id
    reload_board(qtbot, page)
    drop_card(page.board.column_widget(stage_ids(db)["Lost"]), opp_id)
    dialog = open_dialog(page, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    with db.session() as session:
        assert session.get(Opportunity, opp_id).status == "open"


def test_keyboard_move_and_validation(qtbot, db, context, page):
    customer = make_customer(db, "Keys Ltd")
    stages = stage_ids(db)
    with db.session() as session:
        opp_id = pipeline.create_opportunity(
            session, {"name": "Keyboard", "customer_id": customer, "amount": "5"}).id
    reload_board(qtbot, page)
    card = page.board.card_widget(opp_id)
    card.setFocus()
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        qtbot.keyClick(card, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    with db.session() as session:
        assert session.get(Opportunity, opp_id).stage_id == stages["Needs analysis"]

    page.new_record()
    dialog = open_dialog(page, qtbot)
    type_into(qtbot, dialog.field("amount"), "twelve")
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text("name") == "is required"
    type_into(qtbot, dialog.field("name"), "No customer")
    click_save(qtbot, dialog)
    assert dialog.error_text("customer_id")
    pick_customer(qtbot, dialog.field("customer_id"), "Keys")
    click_save(qtbot, dialog)
    assert "not an amount" in dialog.error_text("amount")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    with db.session() as session:
        assert session.query(Opportunity).count() == 1


def test_top_n_cards_more_link_filters_and_table(qtbot, db, page):
    ann, bob = make_customer(db, "Ann's client"), make_customer(db, "Bob's client")
    soon = date.today() + timedelta(days=5)
    with db.session() as session:
        for i in range(12):
            pipeline.create_opportunity(session, {
                "name": f"Deal {i}", "customer_id": ann if i % 2 else bob, "amount": 100 + i,
                "owner": "ann" if i % 2 else "bob",
                "expected_close": soon if i < 4 else soon + timedelta(days=400),
            })
    page.cards_per_column = 5
    reload_board(qtbot, page)
    first = page.board.column_widget(stage_ids(db)["Qualification"])
    assert [c.card.name for c in first.cards()] == [f"Deal {i}" for i in (11, 10, 9, 8, 7)]
    assert first.more_button is not None and first.more_button.text() == "7 more…"
    assert "12 deals" in first.figures.text()

    owner = page.filter_bar.combos["owner"]
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        owner.setCurrentIndex(owner.findData("ann"))
    first = page.board.column_widget(stage_ids(db)["Qualification"])
    assert {c.card.owner for c in first.cards()} == {"ann"}
    assert "6 deals" in first.figures.text()
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        page.period.setCurrentIndex(page.period.findData("next30"))
    first = page.board.column_widget(stage_ids(db)["Qualification"])
    assert sorted(c.card.name for c in first.cards()) == ["Deal 1", "Deal 3"]

    qtbot.mouseClick(page.findChild(type(page.view_group.button(1)), "tableViewButton"),
                     Qt.MouseButton.LeftButton)
    model = page.list.model
    qtbot.waitUntil(lambda: model.total() == 2 and not model.isLoading(), timeout=5000)
    assert page.stack.currentWidget() is page.list


def test_delete_card_to_trash_and_undo(qtbot, db, context, page):
    customer = make_customer(db, "Trash Inc")
    with db.session() as session:
        opp_id = pipeline.create_opportunity(
            session, {"name": "Throw away", "customer_id": customer}).id
    reload_board(qtbot, page)
    page.board.card_widget(opp_id).setFocus()
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        qtbot.keyClick(page.board.card_widget(opp_id), Qt.Key.Key_Delete)
    with db.session() as session:
        assert session.get(Opportunity, opp_id).deleted_at is not None
    assert page.board.card_widget(opp_id) is None
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        context.undo_stack.undo()
    assert page.board.card_widget(opp_id) is not None


def test_edit_in_the_dialog_and_undo(qtbot, db, context, page):
    customer = make_customer(db, "Edit Ltd")
    with db.session() as session:
        opp_id = pipeline.create_opportunity(
            session, {"name": "Renewal", "customer_id": customer, "amount": "100"}).id
    reload_board(qtbot, page)
    page.show_record(opp_id)
    page.edit(opp_id)
    dialog = open_dialog(page, qtbot)
    assert dialog.field("currency").value() == "USD"
    type_into(qtbot, dialog.field("amount"), "250")
    type_into(qtbot, dialog.field("currency"), "rmb")
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        click_save(qtbot, dialog)
    with db.session() as session:
        opp = session.get(Opportunity, opp_id)
        assert (opp.amount, opp.currency) == (Decimal("250.00"), "CNY")
    assert "¥250.00" in page.detail.text.toPlainText()  # the detail refreshed from the write
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        context.undo_stack.undo()
    with db.session() as session:
        opp = session.get(Opportunity, opp_id)
        assert (opp.amount, opp.currency) == (Decimal("100.00"), "USD")


def test_win_probability_on_the_card_and_in_the_detail(qtbot, db, page):
    import pandas as pd

    from crm_desktop.storage.analytics_store import save_win_probabilities

    customer = make_customer(db, "Odds Ltd")
    with db.session() as session:
        scored = pipeline.create_opportunity(session, {"name": "Scored", "customer_id": customer,
                                                       "amount": "1000"}).id
        plain = pipeline.create_opportunity(session, {"name": "Plain", "customer_id": customer,
                                                      "amount": "500"}).id
    save_win_probabilities(db, pd.DataFrame({"opportunity_id": [scored],
                                             "win_probability": [0.734]}))
    reload_board(qtbot, page)
    assert "win 73%" in page.board.card_widget(scored).lines[2]
    assert "win" not in page.board.card_widget(plain).lines[2]
    page.show_detail(scored)
    assert "Win probability (model)" in page.detail.text.toPlainText()
    assert "73%" in page.detail.text.toPlainText()
    page.show_detail(plain)
    assert "Win probability (model)" not in page.detail.text.toPlainText()


def test_target_line_beside_the_weighted_pipeline(qtbot, db, page):
    from crm_desktop.services import targets
    from crm_desktop.services.targets import TargetInput
    from tests.ui.reports.test_reports_page import THIS_MONTH, plant

    plant(db)
    with qtbot.waitSignal(page.targetLoaded, timeout=30000):
        page.refresh()
    assert page.target_line.isHidden()  # no target yet
    targets.create_target(db, TargetInput(None, THIS_MONTH.label, 11000, "USD"))
    targets.create_target(db, TargetInput("Alice", THIS_MONTH.label, 4000, "USD"))
    with qtbot.waitSignal(page.targetLoaded, timeout=30000):
        page.refresh()
    assert not page.target_line.isHidden()
    text = page.target_line.text()
    assert "Whole business: $5.5k of $11.0k (50%)" in text and "weighted pipeline" in text
    owner = page.filter_bar.combos["owner"]
    with qtbot.waitSignal(page.targetLoaded, timeout=30000):
        owner.setCurrentIndex(owner.findData("Alice"))
    assert "Alice: $5.0k of $4.0k (125%)" in page.target_line.text()
    with qtbot.waitSignal(page.targetLoaded, timeout=30000):
        owner.setCurrentIndex(owner.findData("Bob"))
    assert page.target_line.isHidden()  # Bob has no target


def test_the_target_is_measured_once_the_board_is_all_shown(qtbot, page):
    """The target's worker starts the background process: started while the board's columns
    were still being made, it held the GIL in the middle of their steps."""
    shown: list[bool] = []
    page.board.allShown.connect(lambda: shown.append(bool(page.board._pending_columns)))
    with qtbot.waitSignal(page.boardLoaded, timeout=5000):
        page.refresh()
    assert page.board._pending_columns  # columns still to make, a step at a time
    assert page.tr("Measuring the sales target") not in page.context.runner.descriptions()
    with qtbot.waitSignal(page.targetLoaded, timeout=30000):
        pass
    assert shown and not any(shown)  # measured after the last column was made


def test_column_and_open_totals_are_shown_per_currency(qtbot, db, page):
    """Euro and dollar deals in one stage: the header shows each currency's part (never a sum
    of both labelled with one currency), and so does the open total under the board."""
    cid = make_customer(db, "Acme Trading")
    with db.session() as session:
        for amount, currency in (("12000", "EUR"), ("400", "EUR"), ("3100", "USD")):
            pipeline.create_opportunity(session, {
                "name": f"{currency} {amount}", "customer_id": cid, "amount": amount,
                "currency": currency, "probability_override": 50})
    reload_board(qtbot, page)
    first = page.board.column_widget(stage_ids(db)["Qualification"])
    assert "€12.4k · $3.1k" in first.figures.text()
    assert "weighted €6.2k · $1.6k" in first.figures.text()
    assert "€12,400.00 · $3,100.00" in first.figures.toolTip()
    assert "€12.4k · $3.1k" in page.status.text()
    assert "€12,400.00 · $3,100.00" in page.status.toolTip()
    assert "$15" not in first.figures.text() + page.status.text()  # no added sum


def test_the_target_line_is_measured_in_the_background_process(qtbot, context, page,
                                                               monkeypatch):
    """The target's progress (pandas over every order) runs in the background process, not in
    a thread of the window's process, where it held the GIL while the board was built and
    painted (200 ms gaps at a million customers)."""
    from crm_desktop.services import targets
    from crm_desktop.ui.child_process import ChildService

    called = []
    call = ChildService.call

    def spy(self, function, *args, **kwargs):
        called.append(function)
        return call(self, function, *args, **kwargs)

    monkeypatch.setattr(ChildService, "call", spy)
    with qtbot.waitSignal(page.targetLoaded, timeout=60000):
        page.refresh()
    assert targets.stage_weighted_progress in called
    assert page.target_line.isHidden()  # (no target: measured, nothing to show)
