"""What the app's background process does before and after an analysis: warm_up loads the
shared frames into its cache; outcomes carry repeated texts as categoricals (cheap to unpickle
in the window's process) with the same values."""

from __future__ import annotations

import pickle

import pandas as pd

from crm_desktop.services.analyses.outcome import compact_frame, compact_outcome
from crm_desktop.services.analyses.run import WARM_FRAMES, run_analysis, warm_up
from crm_desktop.storage.demo.generate import generate
from crm_desktop.storage.frame_cache import FrameCache


def test_repeated_texts_become_categoricals_with_the_same_values():
    frame = pd.DataFrame({
        "customer_id": range(2000),
        "segment": ["Champions", "At risk", "Lost", None] * 500,
        "name": [f"Customer {i}" for i in range(2000)],  # one per row: stays text
    })
    compact = compact_frame(frame)
    assert isinstance(compact["segment"].dtype, pd.CategoricalDtype)
    assert list(compact["segment"].cat.categories) == ["At risk", "Champions", "Lost"]
    assert not isinstance(compact["name"].dtype, pd.CategoricalDtype)
    pd.testing.assert_series_equal(compact["segment"].astype(frame["segment"].dtype),
                                   frame["segment"])
    small = pd.DataFrame({"label": ["a", "b"] * 100})
    assert compact_frame(small) is small  # small frames are left alone


def test_an_outcome_survives_compacting_and_pickling(db):
    generate(db, 1200, seed=3)
    outcome = run_analysis(db, "rfm", {})  # run_analysis compacts
    assert isinstance(outcome.table["segment"].dtype, pd.CategoricalDtype)
    again = pickle.loads(pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
    assert again.table.equals(outcome.table)
    before = outcome.table.copy()
    compact_outcome(again)  # compacting twice changes nothing
    assert again.table.equals(before)


def test_warm_up_loads_the_shared_frames_once(db):
    generate(db, 200, seed=4)
    cache = FrameCache(db)
    try:
        assert warm_up(db, frames=cache) == len(WARM_FRAMES)
        assert cache.loads == len(WARM_FRAMES)
        run_analysis(db, "kpis", {}, frames=cache)
        assert cache.loads == len(WARM_FRAMES)  # the analysis found them loaded
    finally:
        cache.close()
    assert warm_up(db) == 0  # no cache: only the imports


def test_warm_up_loads_no_frame_above_its_orders_limit(db, monkeypatch):
    """At a million customers the warm frames were the process's peak: an analysis loads its
    own when it runs."""
    from crm_desktop.services.analyses import run
    from crm_desktop.storage.maintenance import live_counts

    generate(db, 200, seed=4)
    monkeypatch.setattr(run, "WARM_MAX_ORDERS", live_counts(db, ["orders"])["orders"] - 1)
    cache = FrameCache(db)
    try:
        assert warm_up(db, frames=cache) == 0
        assert cache.loads == 0
        outcome = run_analysis(db, "rfm", {}, frames=cache)
        assert len(outcome.table) > 0 and cache.loads > 0  # loaded when the analysis ran
    finally:
        cache.close()


def test_small_integers_shrink_but_identifiers_keep_their_type():
    frame = pd.DataFrame({"customer_id": range(1000), "r_score": [1, 2, 3, 4, 5] * 200,
                          "orders": [70_000] * 1000})
    compact = compact_frame(frame)
    assert compact["customer_id"].dtype == frame["customer_id"].dtype
    assert compact["r_score"].dtype == "int8" and compact["orders"].dtype == "int32"
    assert (compact["r_score"] == frame["r_score"]).all()
