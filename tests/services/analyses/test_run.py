"""Every analysis of `services.analyses` on a demo database, and the analytics_results
store."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from crm_desktop.analytics import Cancelled
from crm_desktop.services.analyses.apply import apply_outcome
from crm_desktop.services.analyses.parameters import NAMES, AnalysisError
from crm_desktop.services.analyses.run import run_analysis
from crm_desktop.storage import analytics_store
from crm_desktop.storage.customers import create_customer
from tests.conftest import demo_database_file


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, template_db):
    from crm_desktop.storage.database import open_database

    database = open_database(demo_database_file(tmp_path_factory, template_db, "runs", 400,
                                                1))
    yield database
    database.close()


@pytest.mark.parametrize("name", NAMES)
def test_every_analysis_returns_quality_figures(demo_db, name):
    seen: list[float] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        outcome = run_analysis(demo_db, name, {"k_max": 4},
                               progress=lambda f, _m: seen.append(f))
    assert outcome.name == name
    assert outcome.quality and any(isinstance(v, (int, float)) for v in outcome.quality.values())
    assert isinstance(outcome.table, pd.DataFrame) and len(outcome.table) > 0
    assert outcome.chart is not None and len(outcome.chart.x) > 0
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


def test_model_quality_is_sane(demo_db):
    churn = run_analysis(demo_db, "churn")
    assert 0.5 < max(v for k, v in churn.quality.items() if k.startswith("AUC")) <= 1
    seg = run_analysis(demo_db, "segments", {"k_min": 2, "k_max": 4})
    assert -1 <= seg.quality["silhouette"] <= 1 and 2 <= seg.quality["k"] <= 4


def test_cancelled_analysis_stops(demo_db):
    with pytest.raises(Cancelled):
        run_analysis(demo_db, "churn", cancelled=lambda: True)


def test_unknown_and_too_little_data(db):
    with pytest.raises(AnalysisError, match="unknown"):
        run_analysis(db, "nope")
    with pytest.raises(AnalysisError, match="churn needs"):
        run_analysis(db, "churn")


def test_save_results_upserts_and_loads(db):
    with db.session() as s:
        ids = [create_customer(s, {"name": f"C{i}"}).id for i in range(3)]
    frame = pd.DataFrame({"customer_id": ids + [99_999], "p": [0.1, 0.5, float("nan"), 1.0],
                          "risk": ["low", "medium", None, "x"]})
    assert analytics_store.save_results(db, "churn", frame, "p", "risk") == 3
    frame["p"] = [0.9, 0.8, 0.7, 1.0]
    assert analytics_store.save_results(db, "churn", frame, "p", "risk", "v2") == 3
    loaded = analytics_store.load_results(db, "churn")
    assert loaded["customer_id"].tolist() == ids
    assert loaded["value"].tolist() == [0.9, 0.8, 0.7]
    assert loaded["label"].tolist()[:2] == ["low", "medium"]
    assert pd.isna(loaded["label"].iloc[2])
    assert set(loaded["model_version"]) == {"v2"}


def test_apply_categories_fills_only_empty_and_audits(db):
    from sqlalchemy import select

    from crm_desktop.models import AuditEntry, Customer

    with db.session() as s:
        a = create_customer(s, {"name": "A"}).id
        b = create_customer(s, {"name": "B", "category": "VIP"}).id
    assert analytics_store.apply_categories(db, {a: "Champions", b: "Lost"}) == 1
    with db.session() as s:
        assert s.get(Customer, a).category == "Champions"
        assert s.get(Customer, b).category == "VIP"
        notes = s.scalars(select(AuditEntry.new_value).where(AuditEntry.field == "category",
                                                             AuditEntry.entity_id == 0)).all()
    assert notes == ["1 customers categorised by analytics"]


def test_apply_outcome_writes_results(demo_db):
    outcome = run_analysis(demo_db, "rfm")
    written = apply_outcome(demo_db, outcome).value
    assert written["rfm"] == len(outcome.table)
    stored = analytics_store.load_results(demo_db, "rfm")
    assert set(stored["label"]) <= set(outcome.table["segment"])


def _categories(database) -> dict[int, str | None]:
    from sqlalchemy import select

    from crm_desktop.models import Customer

    with database.session() as session:
        return {i: c for i, c in session.execute(select(Customer.id, Customer.category))}


@pytest.mark.parametrize("name", ["rfm", "segments"])
def test_segments_and_rfm_store_results_but_leave_categories_alone(demo_db, name):
    """Their labels ("Champions", "Segment 2") are results; in customers.category they
    would become classes the classifier learns."""
    before = _categories(demo_db)
    assert any(not category for category in before.values())  # something a fill could fill
    outcome = run_analysis(demo_db, name, {"k_max": 4})
    assert outcome.categories is None
    written = apply_outcome(demo_db, outcome).value
    assert "categories" not in written and written[{"rfm": "rfm", "segments": "segment"}[name]]
    assert _categories(demo_db) == before


def test_applied_segments_carry_their_pca_position(demo_db):
    outcome = run_analysis(demo_db, "segments", {"k_max": 4})
    apply_outcome(demo_db, outcome)
    stored = analytics_store.load_results(demo_db, "segment").set_index("customer_id")
    table = outcome.table.set_index("customer_id")
    assert set(stored.index) == set(table.index)
    details = stored["details"]
    assert all(set(d) == {"pc1", "pc2"} and all(isinstance(v, float) for v in d.values())
               for d in details)
    assert details.map(lambda d: d["pc1"]).to_numpy() == pytest.approx(
        table.loc[stored.index, "pc1"].to_numpy())
    assert details.map(lambda d: d["pc2"]).to_numpy() == pytest.approx(
        table.loc[stored.index, "pc2"].to_numpy())
    assert analytics_store.load_results(demo_db, "value_score")["details"].isna().all()


def test_classify_learns_from_customer_attributes_with_missing_values(demo_db, monkeypatch):
    """kind, industry, lead_source and city reach the pipeline's one-hot encoder, rating and
    the unfilled behaviour features its median imputer."""
    from crm_desktop.analytics import classification as cls

    seen = []
    fit = cls.fit_classifier

    def spy(X, y, *args, **kwargs):
        seen.append((X, fit(X, y, *args, **kwargs)))
        return seen[-1][1]

    monkeypatch.setattr(cls, "fit_classifier", spy)
    outcome = run_analysis(demo_db, "classify")
    (X, report), = seen
    columns = {name: list(cols) for name, _, cols in
               report.pipeline.named_steps["prep"].transformers_}
    assert columns["cat"] == ["kind", "industry", "lead_source", "city"]
    assert "rating" in columns["num"] and "recency_days" in columns["num"]
    assert X["industry"].isna().any() and X["rating"].isna().any()
    assert X["mean_satisfaction"].isna().any() and X["nps_score"].isna().any()  # not 3 / 7
    assert {"industry", "lead_source", "city", "kind"} <= set(report.feature_importances.index)
    assert 0.5 < outcome.quality["accuracy"] <= 1  # five classes: chance is about 0.2


def test_rfm_reads_only_its_columns_and_gives_what_the_whole_frame_gives(demo_db):
    from crm_desktop.analytics.rfm import rfm_frame
    from crm_desktop.services.analyses.descriptive import RFM_ORDER_COLUMNS
    from crm_desktop.storage import frames
    from crm_desktop.storage.frame_cache import FrameCache

    outcome = run_analysis(demo_db, "rfm")
    expected = rfm_frame(frames.orders(demo_db))
    # The result also names its customers (services.analyses.naming).
    assert "customer" in outcome.table.columns
    pd.testing.assert_frame_equal(outcome.table.drop(columns=["customer"]).reset_index(drop=True),
                                  expected.reset_index(drop=True), check_dtype=False)
    cache = FrameCache(demo_db)
    try:  # a process's cache keeps the whole frame and hands the analysis its columns
        cached = run_analysis(demo_db, "rfm", frames=cache)
        assert list(cache.get("orders").columns) != list(RFM_ORDER_COLUMNS)
    finally:
        cache.close()
    pd.testing.assert_frame_equal(cached.table, outcome.table)


def test_an_outcome_only_stored_is_the_named_one_without_names(demo_db):
    """The dashboard's fill stores outcomes without naming their rows (named=False): the same
    table and results, only the customer column is not there."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        named = run_analysis(demo_db, "clv")
        bare = run_analysis(demo_db, "clv", named=False)
    assert "customer" in named.table.columns and "customer" not in bare.table.columns
    pd.testing.assert_frame_equal(named.table.drop(columns="customer"), bare.table)
    for (kind, frame, *rest), (kind2, frame2, *rest2) in zip(named.results, bare.results,
                                                             strict=True):
        assert (kind, rest) == (kind2, rest2)
        pd.testing.assert_frame_equal(frame, frame2)
