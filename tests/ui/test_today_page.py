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


def test_the_list_fills_the_table_a_step_at_a_time(demo, context, qtbot):
    """The first rows at once, the others in later steps of the event loop (a hundred rows'
    sentences and heights in one step held the window); a newer list replaces the rest."""
    from dataclasses import replace

    from crm_desktop.services import today
    from crm_desktop.ui.today.today_page import ROWS_PER_STEP, TodayPage

    found = today.today_list(demo, limit=100)
    assert found.rows
    rows = (found.rows * (3 * ROWS_PER_STEP // len(found.rows) + 1))[:3 * ROWS_PER_STEP + 5]
    long_list = replace(found, rows=rows)
    page = TodayPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page._list is not None, timeout=30_000)
    page._show(long_list)
    assert page.table.rowCount() == len(rows)
    assert page.table.item(ROWS_PER_STEP - 1, 2) is not None
    assert page.table.item(ROWS_PER_STEP, 2) is None
    qtbot.waitUntil(lambda: page.table.item(len(rows) - 1, 2) is not None, timeout=5000)
    assert page.table.item(len(rows) - 1, 0).text().startswith(rows[-1].name)
    page._show(long_list)
    page._show(replace(found, rows=rows[:3]))  # before the first list's next step
    qtbot.wait(50)
    assert page.table.rowCount() == 3 and page.rows() == rows[:3]
    page.shutdown()


def test_the_list_is_made_in_the_background_process(demo, context, qtbot):
    """Its second of pandas and Python held the GIL from the GUI thread when made in a
    thread of the window's process; the background process sends back the hundred rows."""
    from crm_desktop.services import today
    from crm_desktop.ui.today.today_page import LIMIT, TodayPage

    page = TodayPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page._list is not None, timeout=60_000)
    assert context.background is not None and context.background.starts == 1
    assert page.rows() == today.today_list(demo, limit=LIMIT).rows
    page.shutdown()
