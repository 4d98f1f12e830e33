"""Each parameter of services.analyses changes the outcome as it should, and every figure the issue
names is in the outcome (KPIs, DBSCAN, classifier models, propensity target, CLV discount,
campaign chi-square, ticket anomalies, forecast, data-quality lists)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from crm_desktop.services.analyses.descriptive import KPI_KEYS, chi_square_quality
from crm_desktop.services.analyses.parameters import (
    DEFAULT_PARAMS,
    PARAMETERS,
    AnalysisError,
    check_params,
)
from crm_desktop.services.analyses.run import run_analysis
from crm_desktop.storage.analysis_options import product_categories
from crm_desktop.storage.demo.generate import generate
from tests.conftest import demo_database_file


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, template_db):
    from crm_desktop.storage.database import open_database

    database = open_database(demo_database_file(tmp_path_factory, template_db, "params", 500,
                                                3))
    yield database
    database.close()


def run(database, name, **params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_analysis(database, name, params)


def test_every_parameter_has_a_default_and_belongs_to_an_analysis():
    used = {p for names in PARAMETERS.values() for p in names}
    assert used <= set(DEFAULT_PARAMS)
    assert {"method", "model", "target", "discount_rate", "loyal_min_quarters",
            "loyal_quarters", "churn_window_days", "period"} <= used


def test_check_params_converts_and_rejects():
    assert check_params({"k_min": "3", "discount_rate": "7.5"})["k_min"] == 3
    assert check_params({"discount_rate": "7.5"})["discount_rate"] == 7.5
    assert check_params({"target": "  "})["target"] == "any"
    for bad in ({"method": "ward"}, {"model": "knn"}, {"period": "week"},
                {"loyal_min_quarters": 5, "loyal_quarters": 4}, {"discount_rate": -1},
                {"horizon_days": "soon"}):
        with pytest.raises(AnalysisError):
            check_params(bad)


def test_kpis_have_every_figure_and_follow_the_loyalty_setting(demo_db):
    default = run(demo_db, "kpis")
    assert set(KPI_KEYS) <= set(default.quality)
    statuses = {k for k in default.quality if k.startswith("customers: ")}
    assert sum(default.quality[k] for k in statuses) == default.quality["customers"]
    for key in ("csat", "mean_satisfaction", "customer_value", "sales_cycle_mean_days",
                "win_rate", "sla_resolution", "loyalty_index", "churn_rate"):
        assert isinstance(default.quality[key], float), key
    assert default.quality["loyal_definition"] == "orders in >= 2 of the last 4 quarters"
    strict = run(demo_db, "kpis", loyal_min_quarters=4)
    assert strict.quality["loyal_customers"] < default.quality["loyal_customers"]
    assert strict.quality["loyalty_index"] < default.quality["loyalty_index"]
    quarterly = run(demo_db, "kpis", period="quarter")
    assert quarterly.table["period"].str.contains("Q").all()
    assert len(quarterly.table) < len(default.table)
    assert quarterly.table["revenue"].sum() == pytest.approx(default.table["revenue"].sum())
    longer = run(demo_db, "kpis", churn_window_days=365)
    assert longer.quality["churn_period_days"] == 365
    assert longer.quality["churn_rate"] != default.quality["churn_rate"]


def test_segments_dbscan_reports_clusters_noise_and_eps(demo_db):
    kmeans = run(demo_db, "segments", k_max=4)
    assert kmeans.quality["method"] == "kmeans" and "k" in kmeans.quality
    dbscan = run(demo_db, "segments", method="dbscan", min_samples=5)
    q = dbscan.quality
    assert q["method"] == "dbscan" and "k" not in q
    assert q["clusters"] >= 1 and 0 <= q["noise_share"] < 1 and q["eps (k-distance knee)"] > 0
    assert q["min_samples"] == 5
    noise = dbscan.table["segment"] == -1
    assert q["noise_customers"] == int(noise.sum())
    assert (dbscan.table.loc[noise, "label"] == "unusual_customers").all()
    assert dbscan.categories is None  # segments are results, never customer categories
    assert run(demo_db, "segments", method="dbscan").quality["min_samples"] == 24  # 2 x 12


@pytest.mark.parametrize("model", ["decision_tree", "logistic", "svm"])
def test_classify_uses_the_chosen_model_and_shows_the_confusion_matrix(demo_db, model):
    outcome = run(demo_db, "classify", model=model)
    assert outcome.quality["model"] == model
    matrix = outcome.detail
    classes = list(matrix.columns[1:])
    assert matrix.iloc[:, 0].tolist() == classes  # rows: true class; columns: predicted
    assert int(matrix[classes].to_numpy().sum()) == outcome.quality["trained_on"]
    assert outcome.chart.kind == "barh" and len(outcome.chart.x) > 0
    assert outcome.quality["roc_auc"].startswith("n/a")  # five categories


def test_classify_models_differ_and_binary_has_roc_auc(db):
    generate(db, 300, seed=4)
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE customers SET category = CASE WHEN id % 3 = 0 THEN 'A' ELSE 'B' END "
            "WHERE category IS NOT NULL")
    tree = run(db, "classify", model="decision_tree")
    forest = run(db, "classify")
    assert isinstance(tree.quality["roc_auc"], float) and 0 <= tree.quality["roc_auc"] <= 1
    assert tree.chart.title != forest.chart.title
    assert tree.detail.shape == (2, 3)


def test_churn_shows_both_aucs_drivers_and_risk_bands(demo_db):
    outcome = run(demo_db, "churn")
    assert {"AUC (logistic)", "AUC (random_forest)"} <= set(outcome.quality)
    assert outcome.chart.kind == "barh" and outcome.chart.title.startswith("Churn drivers")
    assert outcome.detail["customers"].sum() == len(outcome.table)
    assert outcome.results[0][0] == "churn"
    shorter = run(demo_db, "churn", horizon_days=90)
    assert shorter.quality["horizon_days"] == 90
    assert shorter.quality["base_rate"] != outcome.quality["base_rate"]


def test_propensity_target_category_restricts_the_label(demo_db):
    categories = product_categories(demo_db)
    assert categories == sorted(categories) and len(categories) >= 3
    any_purchase = run(demo_db, "propensity")
    assert any_purchase.quality["target"] == "any purchase"
    target = categories[0]
    one = run(demo_db, "propensity", target=target)
    assert one.quality["target"] == f"category {target}"
    assert set(one.table["target"]) == {target}
    # Buying from one category is a subset of buying anything.
    assert one.quality["base_rate"] < any_purchase.quality["base_rate"]
    assert {"cat_lines", "cat_amount"} <= set(one.detail["feature"])
    with pytest.raises(AnalysisError, match="no order lines"):
        run(demo_db, "propensity", target="No such category")


def test_clv_discount_rate_lowers_clv_and_shows_both_models(demo_db):
    low = run(demo_db, "clv", discount_rate=0.0)
    high = run(demo_db, "clv", discount_rate=40.0)
    assert high.quality["mean_clv"] < low.quality["mean_clv"]
    assert high.quality["mean_simple_clv"] == low.quality["mean_simple_clv"]
    for key in ("BG/NBD r", "BG/NBD alpha", "BG/NBD a", "BG/NBD b", "Gamma-Gamma p",
                "Gamma-Gamma q", "Gamma-Gamma v"):
        assert high.quality[key] > 0, key
    assert {"clv", "simple_clv", "p_alive"} <= set(high.table.columns)
    longer = run(demo_db, "clv", clv_months=24)
    assert longer.quality["mean_clv"] > run(demo_db, "clv").quality["mean_clv"]


def test_campaigns_rates_chi_square_yates_and_lift(demo_db):
    outcome = run(demo_db, "campaigns")
    q = outcome.quality
    for key in ("response_rate", "conversion_rate", "cost_per_response", "roi", "p_value",
                "cramers_v"):
        assert isinstance(q[key], float), key
    assert q["yates_correction"].startswith("no (")  # many segments x 2: no correction
    lift = outcome.detail
    overall = lift["responses"].sum() / lift["members"].sum()
    assert lift["lift"].to_numpy() == pytest.approx((lift["response_rate"] / overall).to_numpy())


def test_chi_square_quality_says_when_yates_was_used():
    from crm_desktop.analytics.campaigns import chi_square_test

    two = chi_square_test(pd.DataFrame({"no": [30, 10], "yes": [10, 30]}, index=["a", "b"]))
    three = chi_square_test(pd.DataFrame({"no": [30, 10, 5], "yes": [10, 30, 5]}))
    assert chi_square_quality(two)["yates_correction"] == "yes (2x2 table)"
    assert chi_square_quality(two)["chi2"] == pytest.approx(two.chi2_corrected, abs=1e-4)
    assert chi_square_quality(three)["yates_correction"] == "no (table larger than 2x2)"


def test_tickets_show_themes_over_time_and_volume_anomalies(demo_db):
    outcome = run(demo_db, "tickets")
    chart = outcome.chart
    assert chart.kind == "line" and chart.series
    totals = np.sum([values for values in chart.series.values()], axis=0)
    if len(chart.series) == outcome.quality["themes"]:  # every theme is drawn
        assert totals.tolist() == chart.y
    assert outcome.quality["anomalous_weeks"] == len(outcome.detail)
    assert list(outcome.detail.columns) == ["week", "tickets", "expected", "upper", "direction"]
    assert outcome.table["top_terms"].str.len().gt(0).any()


def test_forecast_chart_has_trend_and_weighted_pipeline(demo_db):
    outcome = run(demo_db, "forecast")
    series = outcome.chart.series
    assert set(series) == {"trend (projected)", "weighted pipeline"}
    assert np.nansum(series["weighted pipeline"]) == pytest.approx(outcome.quality["weighted"],
                                                                    rel=1e-6)
    assert len(outcome.detail) == 3
    # Weighted by the win-probability model: the same total as the winprob analysis.
    assert outcome.quality["weights"] == "win probability model"
    assert outcome.quality["weighted"] == run(demo_db, "winprob").quality["weighted_forecast"]
    assert outcome.quality["weighted"] != outcome.quality["weighted (stage probability)"]
    assert isinstance(outcome.quality["win model back-test WAPE"], float)


def test_quality_lists_duplicates_and_invalid_contacts():
    from crm_desktop.analytics import quality as dq
    from crm_desktop.analytics.quality import issue_list
    from tests.analytics.test_quality import contacts, customers

    report = dq.quality_report(customers(), contacts())
    issues = issue_list(report)
    counts = issues["issue"].value_counts()
    assert counts["invalid e-mail"] == report.invalid_email_count == 2
    assert counts["invalid phone"] == report.invalid_phone_count
    duplicates = issues[issues["issue"].str.startswith("duplicate")]
    assert len(duplicates) == report.duplicate_groups
    assert "1, 2" in duplicates["customer_ids"].tolist()


def test_quality_outcome_has_lists_and_missing_fields(demo_db):
    outcome = run(demo_db, "quality")
    assert len(outcome.table) >= outcome.quality["duplicate_groups"]
    assert outcome.detail["missing"].sum() == outcome.quality["missing_values"]


def test_the_page_shows_the_ticket_theme_controls_and_remembers_them(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from crm_desktop.ui.analytics.analysis_params import ParamsPanel

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    panel = ParamsPanel(settings)
    qtbot.addWidget(panel)
    panel.set_analysis("tickets")
    assert panel.visible_params() == ["text_source", "theme_method", "themes"]
    assert panel.values() == {"text_source": "tickets", "theme_method": "kmeans", "themes": 0}
    editors = panel.editors
    assert [editors["theme_method"].itemData(i) for i in range(2)] == ["kmeans", "nmf"]
    assert [editors["text_source"].itemText(i) for i in range(2)] == ["Tickets",
                                                                     "Customer needs"]
    assert editors["themes"].text() == "auto"  # 0: chosen by silhouette
    assert all(editors[p].toolTip() for p in PARAMETERS["tickets"])
    segments = [editors["method"].itemData(i) for i in range(editors["method"].count())]
    assert segments == ["kmeans", "dbscan"]  # segments' method is another parameter
    editors["theme_method"].setCurrentIndex(1)
    editors["text_source"].setCurrentIndex(1)
    editors["themes"].setValue(5)
    chosen = {"text_source": "needs", "theme_method": "nmf", "themes": 5}
    assert panel.values() == chosen and check_params(chosen)["theme_method"] == "nmf"
    panel.save("tickets")
    again = ParamsPanel(settings)
    qtbot.addWidget(again)
    assert again.values("tickets") == chosen and again.value("method") == "kmeans"
