"""Unusual ticket weeks per theme: a planted surge of one complaint theme in one week is found,
and only there; without the surge no week is flagged; too few tickets say so."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from crm_desktop.models import Ticket
from crm_desktop.services.outcome import write
from crm_desktop.services.ticket_weeks import unusual_ticket_weeks
from crm_desktop.storage.customers import create_customer

THEMES = (
    ("Parcel arrived late", "the parcel delivery was late, courier tracking shows delay"),
    ("Cannot log in", "password reset link fails, login to the account impossible"),
    ("Invoice address wrong", "the invoice shows a wrong billing address and VAT number"),
)
START = datetime(2026, 1, 5, 10)  # a Monday
SURGE_WEEK = 24


def plant(db, weeks=30, surge=18, seed=3):
    """Each theme 3-5 tickets a week; in SURGE_WEEK the late-parcel theme has ``surge``."""
    rng = np.random.default_rng(seed)

    def work(session):
        customer = create_customer(session, {"name": "Shop"}).id
        number = 0
        for week in range(weeks):
            for theme, (subject, body) in enumerate(THEMES):
                count = surge if (theme == 0 and week == SURGE_WEEK) else int(rng.integers(3, 6))
                for i in range(count):
                    number += 1
                    session.add(Ticket(number=f"T-{number:05d}", customer_id=customer,
                                       subject=subject, body=body,
                                       opened_at=START + timedelta(weeks=week, hours=7 * i)))
    write(db, work)


def test_a_planted_surge_of_one_theme_is_its_only_unusual_week(db):
    plant(db)
    found = unusual_ticket_weeks(db, themes=3)
    assert found.themes == 3 and found.weeks_tested == 30 and found.note is None
    assert len(found.weeks) == 1
    (week,) = found.weeks
    assert week.week == (START + timedelta(weeks=SURGE_WEEK)).date()
    assert (week.tickets, week.direction) == (18, "high")
    assert 3 <= week.expected <= 5
    assert "late" in week.name or "parcel" in week.name


def test_no_surge_no_week_and_few_tickets_say_so(db):
    plant(db, surge=4)
    assert unusual_ticket_weeks(db, themes=3).weeks == ()


def test_too_few_tickets(db):
    plant(db, weeks=2)
    found = unusual_ticket_weeks(db)
    assert found.weeks == () and "themes need at least 30" in found.note
