"""The due-task table shows its first rows at once and the others in steps of the event loop;
a newer list replaces a list still being filled."""

from __future__ import annotations

from datetime import datetime

from crm_desktop.storage.queues import TaskRow
from crm_desktop.ui.activities.activity_views import FIRST_ROWS, ROWS_PER_STEP, DueTaskTable


def _rows(count: int, first_id: int = 1) -> list[TaskRow]:
    return [TaskRow(first_id + i, f"Task {i}", 1, "Ada", datetime(2026, 1, 1), None, None,
                    i % 2 == 0) for i in range(count)]


def _filled(table: DueTaskTable) -> int:
    return sum(1 for r in range(table.rowCount()) if table.item(r, 1) is not None)


def test_rows_come_in_steps_and_a_newer_list_wins(qtbot):
    table = DueTaskTable()
    qtbot.addWidget(table)
    rows = _rows(FIRST_ROWS + 2 * ROWS_PER_STEP + 7)
    table.set_rows(rows)
    assert table.rowCount() == len(rows) and _filled(table) == FIRST_ROWS
    qtbot.waitUntil(lambda: _filled(table) == len(rows), timeout=5000)
    assert table.item(len(rows) - 1, 1).text() == rows[-1].subject
    table.set_rows(_rows(FIRST_ROWS + 5, first_id=1000))
    table.set_rows(_rows(3, first_id=5000))  # before the previous list's next step
    qtbot.wait(50)
    assert table.rowCount() == 3 and [t.id for t in table.rows] == [5000, 5001, 5002]
    assert _filled(table) == 3 and table.item(2, 1).text() == "Task 2"
