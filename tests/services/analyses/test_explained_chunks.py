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


@pytest.mark.parametrize("model", ["random_forest", "logistic"])
def test_reasons_read_as_the_customers_are_scored_are_those_of_the_whole_report(model,
                                                                                  monkeypatch):
    """Churn's reasons read a scoring chunk at a time (ExplainedAsScored: the report keeps no
    features or contributions) are those explain() reads from the whole report's features and
    contributions: the same rows, reasons, values and book positions."""
    from crm_desktop.analytics import churn, features
    from tests.analytics.test_churn import CUTOFF, HORIZON, planted

    frames, _churned, _ = planted(n=1500, seed=5)
    args = (frames["customers"], frames["orders"], frames["tickets"])
    monkeypatch.setattr(churn, "CHURN_MODELS", (model,))
    whole = churn.fit_churn(*args, cutoff=CUTOFF, horizon_days=HORIZON)
    at_risk = whole.scores.loc[
        explained.bands(whole.scores["churn_probability"], explained.RISK_NAMES) != "low",
        "customer_id"]
    assert 0 < len(at_risk) < len(whole.scores)  # some rows are left out
    expected = explained.explain("churn", whole.pipeline, whole.features, at_risk,
                                 known=whole.contributions)

    monkeypatch.setattr(features, "SCORE_CHUNK", 97)  # several scoring chunks
    monkeypatch.setattr(explained, "EXPLAIN_CHUNK", 13)  # several reasons' chunks in each
    streamed = explained.ExplainedAsScored("churn", explained.RISK_NAMES)
    report = churn.fit_churn(*args, cutoff=CUTOFF, horizon_days=HORIZON, each_chunk=streamed)
    assert report.features is None and report.contributions is None
    assert report.chosen_model == model
    found = streamed.result()
    assert found.positions is not None and expected.positions is not None
    assert found.positions.equals(expected.positions)
    ids = report.scores["customer_id"]
    assert (found.column(ids) == expected.column(ids)).all()
    assert found.book is not None and expected.book is not None
    assert (found.book.stored(found.column(ids).tolist())
            == expected.book.stored(expected.column(ids).tolist()))
    assert found.top_keys(at_risk) == expected.top_keys(at_risk)
    import pandas as pd

    pd.testing.assert_frame_equal(report.scores, whole.scores)
