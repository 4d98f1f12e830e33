"""The tickets page's 'Unusual weeks': the planted surge of one theme is named with its week
and counts; without a surge it says no week was unusual."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from crm_desktop.ui.tickets.tickets_page import TicketsPage
from crm_desktop.ui.widgets.display import day
from tests.services.test_ticket_weeks import START, SURGE_WEEK, plant
from tests.ui.page_helpers import shown_page


@pytest.fixture
def page(qtbot, context):
    widget = shown_page(qtbot, TicketsPage, context)
    yield widget
    widget.shutdown()


def test_unusual_week_named_on_the_tickets_page(qtbot, db, page):
    plant(db)
    weeks = page.weeks
    assert weeks.isHidden()
    with qtbot.waitSignal(weeks.found, timeout=60000):
        qtbot.mouseClick(weeks.button, Qt.MouseButton.LeftButton)
    text = weeks.text()
    surge = day((START + timedelta(weeks=SURGE_WEEK)).date())
    assert "Unusual weeks (1):" in text and f"week of {surge}" in text
    assert "18 tickets (usually" in text
    assert weeks.isVisible() and weeks.button.isEnabled()


def test_no_unusual_week_says_so(qtbot, db, page):
    plant(db, surge=4)
    with qtbot.waitSignal(page.weeks.found, timeout=60000):
        page.weeks.search()
    assert "No unusual week" in page.weeks.text()
