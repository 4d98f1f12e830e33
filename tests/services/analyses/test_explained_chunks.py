"""The reasons of churn, propensity and win probability are explained a
chunk of rows at a time (a million customers' tables at once took most of a GB): every row's
reasons and the summary's strongest signs are those of all rows at once."""

from __future__ import annotations

import warnings

import pytest

from crm_desktop.services.analyses import explained
from crm_desktop.services.analyses.run import run_analysis
from tests.conftest import demo_database_file


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, template_db):
    from crm_desktop.storage.database import open_database

    database = open_database(demo_database_file(tmp_path_factory, template_db, "explained",
                                                400, 3))
    yield database
    database.close()


@pytest.mark.parametrize("name", ["churn", "propensity", "winprob"])
def test_reasons_explained_in_chunks_are_those_of_all_rows_at_once(demo_db, name,
                                                                   monkeypatch):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = run_analysis(demo_db, name)
        monkeypatch.setattr(explained, "EXPLAIN_CHUNK", 7)
        chunked = run_analysis(demo_db, name)
    explained_rows = (whole.table["reasons"] >= 0).sum()
    assert explained_rows > 7  # several chunks
    assert chunked.reasons is not None and whole.reasons is not None
    assert (chunked.reasons.stored(chunked.table["reasons"].tolist())
            == whole.reasons.stored(whole.table["reasons"].tolist()))
    assert chunked.summary == whole.summary
