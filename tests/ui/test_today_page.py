"""The Today page: the ranked list with reasons in words; log a call from it (undoable),
snooze, done."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crm_desktop.models import Interaction
from crm_desktop.storage.demo.generate import generate


@pytest.fixture
def demo(db):
    generate(db, 300, seed=1)
    return db


def test_today_lists_reasons_and_logs_a_call(demo, context, qtbot):
    from crm_desktop.ui.today.today_page import TodayPage

    page = TodayPage(context)
    qtbot.addWidget(page)
    page.resize(1024, 640)
    page.show()
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=30_000)
    assert "to contact today" in page.heading.text()
    why = page.table.item(0, 2).text()
    assert why and ":" not in why.split("\n")[0][:2]
    assert page.table.item(0, 1).text().startswith("$")
    assert not page.call_button.isEnabled()
    page.table.selectRow(0)
    assert page.call_button.isEnabled()
    first = page.selected()
    call_id = page.log_call("Called about the renewal")
    with demo.session() as session:
        call = session.get(Interaction, call_id)
        assert (call.customer_id, call.kind, call.subject) == (
            first.customer_id, "call", "Called about the renewal")
    context.undo_stack.undo()
    with demo.session() as session:
        assert session.get(Interaction, call_id).deleted_at is not None

    page.snooze()
    qtbot.waitUntil(lambda: first.customer_id not in {r.customer_id for r in page.rows()},
                    timeout=30_000)
    context.undo_stack.undo()
    qtbot.waitUntil(lambda: first.customer_id in {r.customer_id for r in page.rows()},
                    timeout=30_000)
    # Done: its due follow-ups done, off the list until tomorrow.
    index = [r.customer_id for r in page.rows()].index(first.customer_id)
    page.table.selectRow(index)
    page.mark_done()
    with demo.session() as session:
        open_tasks = session.scalars(select(Interaction.id).where(
            Interaction.id.in_(first.task_ids), Interaction.done.is_(False))).all()
    assert not open_tasks
    qtbot.waitUntil(lambda: first.customer_id not in {r.customer_id for r in page.rows()},
                    timeout=30_000)
    context.runner.wait(page)
