"""The dashboard's figures (services.dashboard): binned and sampled where they are computed, so
that little travels to the GUI thread. The page that draws them: tests/ui/test_dashboard_page.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from crm_desktop.analytics import charts
from crm_desktop.services import dashboard
from crm_desktop.storage import analytics_store, frames
from crm_desktop.storage.demo.generate import generate


@pytest.fixture
def demo(db):
    generate(db, 300, seed=1)
    return db


@pytest.fixture
def analysed(demo):
    """The demo with stored churn scores, CLV and segment labels (as the Analytics page's
    Apply stores them)."""
    ids = frames.customers(demo)["id"].to_numpy()
    rng = np.random.default_rng(7)
    import pandas as pd

    table = pd.DataFrame({
        "customer_id": ids,
        "churn": rng.uniform(0, 1, len(ids)),
        "clv": rng.gamma(2.0, 500.0, len(ids)),
        "segment": rng.integers(0, 3, len(ids)),
    })
    table["label"] = "Segment " + (table["segment"] + 1).astype(str)
    analytics_store.save_results(demo, "churn", table, "churn")
    analytics_store.save_results(demo, "clv", table, "clv")
    analytics_store.save_results(demo, "segment", table, "segment", "label")
    return demo


def test_data_is_binned_and_sampled_where_it_is_computed(analysed, monkeypatch):
    from crm_desktop.services.segment_names import rename_segment

    monkeypatch.setattr(charts, "SCATTER_POINTS", 50)
    rename_segment(analysed, "Segment 2", "Big ones")
    data = dashboard.dashboard_figures(analysed)
    churn, clv, scatter = data["churn"], data["clv"], data["scatter"]
    assert len(churn["edges"]) == 21 and churn["edges"][0] == 0.0 and churn["edges"][-1] == 1.0
    assert len(churn["counts"]) == 20 and sum(churn["counts"]) == churn["total"] == 300
    assert len(clv["counts"]) == 20 and sum(clv["counts"]) == 300
    assert clv["open_end"]  # the top 1% share the last bin instead of stretching the axis
    assert len(scatter["x"]) == len(scatter["y"]) == len(scatter["group"]) == 50
    assert scatter["total"] > 50 and scatter["source"] == "segments"
    assert scatter["groups"] == ["Segment 1", "Segment 2", "Segment 3"]
    assert scatter["names"] == {"Segment 2": "Big ones"}  # the legend shows the user's name
    assert all(y > 0 for y in scatter["y"])


def test_without_stored_results_the_scatter_uses_rfm_segments(demo):
    from crm_desktop.analytics.rfm import SEGMENTS

    data = dashboard.dashboard_figures(demo)
    assert data["churn"]["counts"] == [] and data["clv"]["counts"] == []
    assert data["scatter"]["source"] == "rfm"
    assert set(data["scatter"]["groups"]) <= set(SEGMENTS)


def test_the_users_churn_window_and_loyalty_rule_reach_the_kpis(demo):
    from crm_desktop.analytics import kpi
    from crm_desktop.analytics.features import as_of_date

    f = {name: getattr(frames, name)(demo) for name in (
        "customers", "orders", "opportunities", "tickets", "survey_responses")}
    when = as_of_date(f["orders"])

    def expected(window: int, least: int, of: int) -> kpi.KpiReport:
        return kpi.compute_kpis(f["customers"], f["orders"], f["opportunities"], f["tickets"],
                                f["survey_responses"], as_of=when, churn_window_days=window,
                                loyal_min_quarters=least, loyal_quarters=of)

    short = dashboard.dashboard_figures(demo, {"churn_window_days": 30, "loyal_min_quarters": 1,
                                               "loyal_quarters": 1})["tiles"]
    long = dashboard.dashboard_figures(demo, {"churn_window_days": 365,
                                              "loyal_min_quarters": 4,
                                              "loyal_quarters": 4})["tiles"]
    assert (short["churn_window_days"], long["churn_window_days"]) == (30, 365)
    assert short["churn_rate"] == pytest.approx(expected(30, 1, 1).churn_rate)
    assert long["churn_rate"] == pytest.approx(expected(365, 4, 4).churn_rate)
    assert short["loyalty_index"] == pytest.approx(expected(30, 1, 1).loyalty_index)
    assert long["loyalty_index"] == pytest.approx(expected(365, 4, 4).loyalty_index)
    assert short["loyalty_index"] != long["loyalty_index"]
    with pytest.raises(Exception, match="loyal_min_quarters"):
        dashboard.dashboard_figures(demo, {"loyal_min_quarters": 5, "loyal_quarters": 4})


def test_money_tiles_keep_currencies_apart(demo):
    """A euro order in the last complete month is its own part of the revenue tile: it is not
    added to the dollars (and so not shown as dollars)."""
    from datetime import datetime
    from decimal import Decimal

    from crm_desktop.storage import sales
    from crm_desktop.storage.sales import LineInput

    first = dashboard.dashboard_figures(demo)
    before = first["tiles"]
    usd = before["revenue"].get("USD")
    assert before["revenue"].currencies == ("USD",) and usd > 0
    year, month = (int(p) for p in before["period"].split("-"))
    with demo.session() as session:
        customer = int(frames.customers(demo)["id"].iloc[0])
        sales.create_order(session, {"customer_id": customer, "currency": "EUR",
                                     "status": "paid", "ordered_at": datetime(year, month, 15)},
                           [LineInput("Widget", Decimal(1), Decimal("5000.25"))])
    after = dashboard.dashboard_figures(demo)
    tiles = after["tiles"]
    assert tiles["period"] == before["period"] and tiles["currency"] == "USD"
    assert tiles["revenue"].get("USD") == usd
    assert tiles["revenue"].get("EUR") == Decimal("5000.25")
    assert tiles["aov"].get("EUR") == Decimal("5000.25")
    assert tiles["growth"] == before["growth"]  # of the dollar revenue only
    assert after["revenue"]["y"] == first["revenue"]["y"]  # the chart is of dollars
    assert ("kpi", "revenue EUR", "5000.25") in dashboard.data_rows(after)


@pytest.fixture
def projected(analysed):
    """Segments stored with their PCA projection (details pc1, pc2), some without one."""
    ids = frames.customers(analysed)["id"].to_numpy()
    rng = np.random.default_rng(3)
    import pandas as pd

    table = pd.DataFrame({"customer_id": ids, "pc1": rng.normal(size=len(ids)),
                          "pc2": rng.normal(size=len(ids)),
                          "label": [f"Segment {i % 3 + 1}" for i in range(len(ids))]})
    table.loc[::7, "pc2"] = np.nan  # no projection stored for these
    analytics_store.save_results(analysed, "segment", table, None, "label",
                                 detail_cols=("pc1", "pc2"))
    return analysed


def test_the_columns_the_dashboard_reads_give_the_figures_of_the_whole_frames(projected,
                                                                              monkeypatch):
    """The dashboard loads only FRAME_COLUMNS (and the texts of the latest tickets): its data
    equals what the whole frames give, with the process's frame cache or without."""
    from crm_desktop.storage.frame_cache import FrameCache

    few = dashboard.dashboard_figures(projected)
    cache = FrameCache(projected)
    try:
        cached = dashboard.dashboard_figures(projected, frames=cache)
    finally:
        cache.close()
    monkeypatch.setattr(dashboard, "FRAME_COLUMNS", {})
    whole = dashboard.dashboard_figures(projected)
    assert few["scatter"]["source"] == "pca" and few["themes"]["x"]
    assert few == whole and cached == whole


def test_the_projection_read_in_sql_equals_the_details_read_in_python(projected):
    """result_projection reads pc1/pc2 with SQLite's JSON functions: the numbers Python's
    float() gives for the stored details, NaN for anything else."""
    import json
    import math

    with projected.engine.begin() as connection:
        from sqlalchemy import text

        odd = [{"pc1": "1.5", "pc2": 2}, {"pc1": True, "pc2": 3.25}, {"pc2": 1}, [1, 2], None]
        ids = [int(i) for i in frames.customers(projected)["id"].iloc[:len(odd)]]
        for customer, details in zip(ids, odd, strict=True):
            connection.execute(text("UPDATE analytics_results SET details = :d WHERE kind = "
                                    "'segment' AND customer_id = :c"),
                               {"d": None if details is None else json.dumps(details),
                                "c": customer})

    def component(details, key):
        value = details.get(key) if isinstance(details, dict) else None
        return float(value) if isinstance(value, int | float) else math.nan

    stored = analytics_store.load_results(projected, "segment")
    read = analytics_store.result_projection(projected, "segment")
    assert read["customer_id"].tolist() == stored["customer_id"].tolist()
    assert read["label"].tolist() == stored["label"].tolist()
    for key in ("pc1", "pc2"):
        expected = [component(d, key) for d in stored["details"]]
        assert np.allclose(read[key].to_numpy(), expected, equal_nan=True)
    assert math.isnan(read["pc1"].iloc[0]) and read["pc1"].iloc[1] == 1.0
    values = analytics_store.result_values(projected, "churn")
    assert values.tolist() == analytics_store.load_results(projected, "churn")["value"].tolist()


def test_filling_the_charts_reports_each_analysis_steps_in_order(demo):
    """The fill's bar moves through each analysis' own steps (named after the kind), not
    only once per kind: at a million customers a churn fit is minutes."""
    from crm_desktop.services.dashboard_fill import fill_missing

    seen: list[tuple[float, str]] = []
    filled, failed, _changes = fill_missing(demo, ["churn", "clv"],
                                            progress=lambda f, m="": seen.append((f, m)))
    assert filled == ["churn", "clv"] and failed == []
    fractions = [f for f, _m in seen]
    assert fractions == sorted(fractions) and fractions[0] >= 0.0 and fractions[-1] <= 1.0
    assert any(m.startswith("churn: Loading") for _f, m in seen)
    assert any(m.startswith("clv: ") and f >= 0.5 for f, m in seen)


def test_the_fill_keeps_only_the_frames_its_analyses_read(demo):
    """The dashboard's deals and campaigns leave the cache when the fill starts (its analyses
    do not read them). The dashboard itself loads no orders nor customers (their figures are
    sums in SQL): the fill's lifetime value loads the orders itself, not into the cache
    (dashboard_fill.OWN_FRAMES: it lets go of them once it took the paid orders)."""
    from crm_desktop.services.dashboard import dashboard_figures
    from crm_desktop.services.dashboard_fill import fill_missing
    from crm_desktop.storage.frame_cache import FrameCache

    cache = FrameCache(demo)
    try:
        dashboard_figures(demo, frames=cache)
        assert {"opportunities", "campaign_members"} <= set(cache._frames)
        assert not {"orders", "customers"} & set(cache._frames)
        loads = cache.loads
        seen: list[set[str]] = []
        fill_missing(demo, ["clv"], frames=cache,
                     progress=lambda f, m="": seen.append(set(cache._frames)))
        assert not {"opportunities", "campaign_members", "campaigns"} & seen[0]
        assert cache.loads == loads and "orders" not in set().union(*seen)
    finally:
        cache.close()


def test_the_fill_holds_no_frame_once_a_result_is_stored_nor_while_the_network_runs(demo):
    """Storing churn or lifetime values changes the database, so the cached frames would be
    loaded again at their next use: they go at once, and the influence network (which reads
    no frame) runs without them."""
    from crm_desktop.services.dashboard_fill import fill_missing
    from crm_desktop.storage.frame_cache import FrameCache

    cache = FrameCache(demo)
    try:
        seen: dict[str, set[str]] = {}

        def progress(fraction: float, message: str = "") -> None:
            seen.setdefault(message, set(cache._frames))

        fill_missing(demo, ["churn", "clv", "influencers"], frames=cache, progress=progress)
        # churn and lifetime value load their own frames (OWN_FRAMES), not into the cache
        assert seen["churn: Loaded"] == set() and seen["clv: Loaded"] == set()
        assert seen["clv"] == set()  # churn's went once its scores were stored
        assert seen["influencers"] == set()
        assert cache._frames == {}
    finally:
        cache.close()


@pytest.mark.parametrize(("analysis", "stages"), [
    # churn reads only the paid orders' customer, time and amount: at a million customers
    # 130 MB through the evaluation of its models and the scoring of every customer
    ("churn", ("churn: Evaluating models", "churn: Scoring current customers")),
    # lifetime value reads the same three columns: 73 MB through its summary and fits
    ("clv", ("clv: Summarising transactions", "clv: Fitting BG/NBD")),
])
def test_the_fill_lets_go_of_the_orders_frame_before_its_fits(demo, monkeypatch, analysis,
                                                              stages):
    """In the dashboard's fill the orders frame an analysis loaded is gone (no frame cache
    keeps it) while it summarises and fits: it reads its own frames (OWN_FRAMES)."""
    import gc
    import weakref

    from crm_desktop.services import dashboard_fill
    from crm_desktop.services.dashboard_fill import fill_missing
    from crm_desktop.storage.frame_cache import FrameCache

    assert analysis in dashboard_fill.OWN_FRAMES
    loaded: list[weakref.ref[object]] = []
    load_orders = frames.orders

    def orders(database, columns=None):
        frame = load_orders(database, columns)
        loaded.append(weakref.ref(frame))
        return frame

    monkeypatch.setattr(frames, "orders", orders)
    alive: dict[str, bool] = {}

    def progress(fraction: float, message: str = "") -> None:
        if message in stages:
            gc.collect()
            alive[message] = any(ref() is not None for ref in loaded)

    cache = FrameCache(demo)
    try:
        filled, _failed, _changes = fill_missing(demo, [analysis], frames=cache,
                                                 progress=progress)
    finally:
        cache.close()
    assert filled == [analysis] and loaded
    assert alive == dict.fromkeys(stages, False)
