"""Analyses that load only the columns they read give the outcome of the whole frames (the
dashboard fills its churn and lifetime-value charts with these two at any size of database)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from crm_desktop.services.analyses import descriptive, models, value
from crm_desktop.services.analyses.run import WARM_FRAMES, run_analysis, warm_up
from crm_desktop.storage.frame_cache import FrameCache
from tests.conftest import demo_database_file


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, template_db):
    from crm_desktop.storage.database import open_database

    database = open_database(demo_database_file(tmp_path_factory, template_db, "columns", 400,
                                                2))
    yield database
    database.close()


def _run(database, name: str, cache: bool) -> object:
    frames = FrameCache(database) if cache else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return run_analysis(database, name, frames=frames)
    finally:
        if frames is not None:
            frames.close()


def _same(a, b) -> None:
    assert a.quality == b.quality
    pd.testing.assert_frame_equal(a.table, b.table)
    if a.detail is not None:
        pd.testing.assert_frame_equal(a.detail, b.detail)
    assert a.summary == b.summary
    assert (a.chart.x, a.chart.y) == (b.chart.x, b.chart.y)


@pytest.mark.parametrize(("name", "module", "constant"), [
    ("kpis", descriptive, "KPI_COLUMNS"), ("churn", models, "CHURN_COLUMNS"),
    ("clv", value, "CLV_COLUMNS")])
def test_named_columns_give_the_outcome_of_the_whole_frames(demo_db, monkeypatch, name, module,
                                                            constant):
    assert getattr(module, constant)  # the analysis names its columns
    few = _run(demo_db, name, cache=False)
    cached = _run(demo_db, name, cache=True)
    monkeypatch.setattr(module, constant, {})
    whole = _run(demo_db, name, cache=False)
    _same(few, whole)
    _same(cached, whole)


def test_the_warm_up_loads_the_columns_of_kpis_churn_and_clv_and_no_whole_frame(demo_db):
    frames = FrameCache(demo_db)
    try:
        assert warm_up(demo_db, frames=frames) == len(WARM_FRAMES)
        loaded = frames.loads
        assert "uuid" not in frames.get("customers", ["id"]).columns
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for name in ("kpis", "churn", "clv"):
                run_analysis(demo_db, name, frames=frames)
        assert frames.loads == loaded  # nothing loaded again: the warm columns were enough
    finally:
        frames.close()
