"""Analytics and dashboard pages: run from the UI with progress, cancel, chart, apply."""

from __future__ import annotations

import pytest

from crm_desktop.storage import analytics_store
from crm_desktop.storage.demo.generate import generate


@pytest.fixture
def demo(db):
    generate(db, 300, seed=1)
    return db


def _has_data(ax) -> bool:
    return bool(ax.lines or ax.patches or ax.collections or ax.images)


def open_analytics(context, qtbot):
    from crm_desktop.ui.analytics.analytics_page import AnalyticsPage

    page = AnalyticsPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def choose(page, name):
    page.combo.setCurrentIndex(page.combo.findData(name))


def test_run_shows_progress_quality_table_and_chart_then_cancel(demo, context, qtbot):
    from PySide6.QtCore import Qt

    page = open_analytics(context, qtbot)
    choose(page, "segments")
    page.k_max.setValue(4)
    values: list[int] = []
    page.progress.valueChanged.connect(values.append)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert not page.run_button.isEnabled() and page.cancel_button.isEnabled()
    # Generous: the first run imports scikit-learn, seconds on a busy machine.
    qtbot.waitUntil(lambda: page.outcome() is not None or page.run_button.isEnabled(),
                    timeout=90_000)
    assert page.outcome() is not None, page.status.text()
    assert values and values[-1] == 1000
    assert values == sorted(values)
    assert page.quality.rowCount() > 0
    figures = [page.quality.item(r, 0).text() for r in range(page.quality.rowCount())]
    assert "silhouette" in figures
    # The tables are filled in a later step of the event loop.
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5_000)
    assert page.model.columnCount() > 0
    # The chart is built, laid out and painted in later steps of the event loop.
    qtbot.waitUntil(lambda: bool(page.chart.figure.axes) and _has_data(page.chart.figure.axes[0]),
                    timeout=5_000)
    assert page.apply_button.isEnabled()

    first = page.outcome()
    choose(page, "churn")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text() == "Cancelled", timeout=60_000)
    assert page.outcome() is first and page.run_button.isEnabled()
    assert not page.cancel_button.isEnabled()
    assert page.apply_button.isEnabled()  # the result still shown can still be applied
    context.runner.wait(page)


def test_apply_writes_results_back(demo, context, qtbot):
    from PySide6.QtCore import Qt

    page = open_analytics(context, qtbot)
    choose(page, "rfm")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.apply_button.isEnabled(), timeout=60_000)
    with qtbot.waitSignal(context.changesApplied, timeout=60_000) as applied:
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert page.status.text().startswith("Stored")
    stored = analytics_store.load_results(demo, "rfm")
    assert len(stored) == page.model.rowCount()
    # the views refresh from what Apply changed: results only (RFM fills no category)
    assert applied.args[0].entities == {"analytics_results"}



def test_choosing_an_analysis_shows_only_its_controls(db, context, qtbot):
    from crm_desktop.services.analyses.parameters import NAMES, PARAMETERS

    page = open_analytics(context, qtbot)
    for name in NAMES:
        choose(page, name)
        expected = list(PARAMETERS.get(name, ()))
        assert page.panel.visible_params() == expected, name
        shown = [p for p, field in page.panel.fields.items() if field.isVisible()]
        assert shown == expected, name
        assert page.panel.no_settings.isVisible() == (not expected)
        assert set(page.params()) == set(expected)
        for param in expected:
            assert page.panel.editors[param].toolTip(), param
    choose(page, "segments")
    method = page.panel.editors["method"]
    method.setCurrentIndex(method.findData("dbscan"))
    assert not page.panel.fields["k_max"].isEnabled()
    assert page.panel.fields["min_samples"].isEnabled()
    context.runner.wait(page)


def test_run_passes_the_values_and_they_are_remembered(db, context, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    page = open_analytics(context, qtbot)
    context.runner.wait(page)
    calls = []
    monkeypatch.setattr(context.runner, "run",
                        lambda fn, *args, **kwargs: calls.append((args, kwargs)))
    choose(page, "segments")
    editors = page.panel.editors
    editors["method"].setCurrentIndex(editors["method"].findData("dbscan"))
    editors["min_samples"].setValue(12)
    editors["k_min"].setValue(3)
    editors["k_max"].setValue(5)
    expected = {"method": "dbscan", "k_min": 3, "k_max": 5, "min_samples": 12}
    assert page.params() == expected
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    args, kwargs = calls[-1]
    assert kwargs["key"] == "analysis" and args[2:] == ("segments", expected)

    choose(page, "clv")
    editors["discount_rate"].setValue(7.5)
    editors["clv_months"].setValue(24)
    page.run_analysis()  # the button waits for a result the fake runner never gives
    assert calls[-1][0][2:] == ("clv", {"clv_months": 24, "discount_rate": 7.5})
    choose(page, "classify")
    editors["model"].setCurrentIndex(editors["model"].findData("svm"))
    editors["tune"].setChecked(True)
    page.run_analysis()
    assert calls[-1][0][2:] == ("classify", {"model": "svm", "tune": True})
    editors["model"].setCurrentIndex(editors["model"].findData("logistic"))  # not run: not kept
    monkeypatch.undo()

    again = open_analytics(context, qtbot)
    assert again.combo.currentData() == "classify"  # the last analysis chosen
    assert again.params() == {"model": "svm", "tune": True}  # QSettings kept it as "true"
    choose(again, "segments")
    assert again.params() == expected
    choose(again, "clv")
    assert again.params() == {"clv_months": 24, "discount_rate": 7.5}
    choose(again, "churn")
    assert again.params() == {"horizon_days": 180}  # never run: the default
    context.runner.wait(page)
    context.runner.wait(again)


def test_target_offers_the_product_categories(demo, context, qtbot):
    from crm_desktop.storage.analysis_options import product_categories

    page = open_analytics(context, qtbot)
    combo = page.panel.editors["target"]
    qtbot.waitUntil(lambda: combo.count() > 1, timeout=10_000)
    assert [combo.itemData(i) for i in range(combo.count())] == ["any",
                                                                 *product_categories(demo)]
    choose(page, "propensity")
    combo.setCurrentIndex(2)
    assert page.params()["target"] == combo.itemData(2) != "any"
    context.runner.wait(page)


def test_detail_table_shows_and_hides(demo, context, qtbot):
    from PySide6.QtCore import Qt

    page = open_analytics(context, qtbot)
    choose(page, "campaigns")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.outcome() is not None, timeout=60_000)
    qtbot.waitUntil(lambda: page.detail_box.isVisible(), timeout=5_000)
    assert page.detail_model.rowCount() > 0
    assert page.detail_title.text().startswith("Response lift")
    figures = [page.quality.item(r, 0).text() for r in range(page.quality.rowCount())]
    assert "yates correction" in figures and "cramers v" in figures
    first = page.outcome()
    choose(page, "kpis")  # no detail table (RFM now has one: its segments' profiles)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.outcome() is not first, timeout=60_000)
    qtbot.waitUntil(lambda: not page.detail_box.isVisible(), timeout=5_000)
    context.runner.wait(page)


def test_draw_chart_series_signed_bars_and_noise(qtbot):
    from matplotlib.colors import to_hex

    from crm_desktop.analytics.charts import Chart
    from crm_desktop.ui.charts.charts import ChartPanel, draw_chart

    panel = ChartPanel(None, "testChart")
    qtbot.addWidget(panel)
    ax = panel.figure.add_subplot()
    series = {"a": [1.0, 2.0], "b": [0.0, 1.0], "c": [1.0, float("nan")]}
    draw_chart(ax, Chart("line", ["m1", "m2"], [2.0, 3.0], "t", "", "all", series=series),
               panel.colors)
    assert len(ax.lines) == 4 and len({to_hex(line.get_color()) for line in ax.lines}) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["all", "a", "b", "c"]
    ax.clear()
    draw_chart(ax, Chart("barh", ["up", "down"], [0.5, -0.3]), panel.colors)
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [to_hex(panel.colors.accent), to_hex(panel.colors.second)]
    ax.clear()
    draw_chart(ax, Chart("scatter", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0], colors=[0, 1, -1]),
               panel.colors)
    assert [len(c.get_offsets()) for c in ax.collections] == [2, 1]


def test_rules_are_edited_from_the_page_and_run(demo, context, qtbot, monkeypatch):
    """"Edit rules…" shows for the rule-based scoring only; what the dialog saves is what Run
    evaluates (the dialog itself is tested in test_rules_dialog.py)."""
    from PySide6.QtCore import Qt

    from crm_desktop.services import scoring
    from crm_desktop.ui.analytics import rules_dialog

    page = open_analytics(context, qtbot)
    choose(page, "churn")
    assert not page.rules_button.isVisible()
    choose(page, "rules")
    assert page.rules_button.isVisible()

    def save_one_rule(ctx, parent=None) -> bool:
        scoring.save_scoring(ctx.database, {"rules": [
            {"field": "frequency", "operator": ">=", "value": 1, "category": "Buyer"}],
            "default_category": "Not yet"})
        return True

    monkeypatch.setattr(rules_dialog, "edit_rules", save_one_rule)
    qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    assert page.status.text().startswith("Rules saved")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.outcome() is not None, timeout=60_000)
    outcome = page.outcome()
    assert outcome.quality["rule set"] == "stored"
    assert set(outcome.table["category"].astype(str)) <= {"Buyer", "Not yet"}
    context.runner.wait(page)


def test_scoring_rules_in_the_edit_menu(qtbot, db, settings, monkeypatch):
    from crm_desktop.ui import main_actions
    from crm_desktop.ui.analytics import rules_dialog
    from crm_desktop.ui.main_window import MainWindow

    window = MainWindow(db, settings, start_page="customers")
    qtbot.addWidget(window)
    opened = []
    monkeypatch.setattr(rules_dialog, "edit_rules",
                        lambda ctx, parent=None: opened.append(parent) or False)
    window.actions_by_name["scoring_rules"].trigger()
    assert opened == [window]
    assert main_actions.open_scoring_rules(window) is False
    window.close()


@pytest.mark.parametrize("expected", [False, True])
def test_a_fault_opens_the_error_dialog_a_data_problem_only_says_so(context, qtbot, monkeypatch,
                                                                     expected):
    from PySide6.QtCore import Qt

    from crm_desktop.services.analyses.parameters import AnalysisError
    from crm_desktop.ui import errors
    from crm_desktop.ui.analytics import analytics_page

    def failing(*_args, **_kwargs):
        raise (AnalysisError("rfm needs orders") if expected else RuntimeError("disk on fire"))

    monkeypatch.setattr(analytics_page, "run_job", failing)
    page = open_analytics(context, qtbot)
    before = len(errors.open_error_boxes())
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.run_button.isEnabled(), timeout=10_000)
    assert page.status.text().startswith("Could not run: ")
    boxes = errors.open_error_boxes()[before:]
    if expected:
        assert boxes == []
    else:
        assert len(boxes) == 1 and "disk on fire" in boxes[0].text()
        boxes[0].close()
    context.runner.wait(page)
