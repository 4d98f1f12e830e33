"""Applying the win-probability analysis stores each open deal's probability on the deal,
where the pipeline board's cards and the deal's detail read it."""

from __future__ import annotations

import warnings

import pytest
from sqlalchemy import select

from crm_desktop.models import Opportunity
from crm_desktop.services.analyses.apply import apply_outcome
from crm_desktop.services.analyses.run import run_analysis
from crm_desktop.storage.board import load_board
from crm_desktop.storage.pipeline_details import opportunity_detail
from tests.conftest import demo_database_file


@pytest.fixture(scope="module")
def demo(tmp_path_factory, template_db):
    from crm_desktop.storage.database import open_database

    database = open_database(demo_database_file(tmp_path_factory, template_db, "winprob",
                                                600, 4))
    yield database
    database.close()


def test_apply_writes_the_probability_of_open_deals(demo):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        outcome = run_analysis(demo, "winprob")
    assert outcome.storable
    done = apply_outcome(demo, outcome)
    scores = outcome.table.set_index("opportunity_id")["win_probability"]
    assert done.value["win_probability"] == len(scores) > 0
    assert done.changes.ids("opportunities") == set(scores.index)
    with demo.session() as session:
        stored = dict(session.execute(select(Opportunity.id, Opportunity.win_probability)
                                      .where(Opportunity.win_probability.is_not(None))).all())
        closed = session.scalar(select(Opportunity.id).where(Opportunity.status == "won"))
        assert session.get(Opportunity, closed).win_probability is None
    assert set(stored) == set(scores.index)
    assert all(stored[i] == pytest.approx(float(scores[i])) for i in stored)
    deal = next(iter(stored))
    with demo.session() as session:
        detail = opportunity_detail(session, deal)
        cards = [c for column in load_board(session).cards.values() for c in column]
    assert detail is not None and detail.win_probability == pytest.approx(stored[deal])
    assert detail.win_probability_at is not None
    shown = [c for c in cards if c.id in stored]
    assert shown and all(c.win_probability == pytest.approx(stored[c.id]) for c in shown)
