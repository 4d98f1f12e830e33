"""Analytics and dashboard pages: run from the UI with progress, cancel, chart, apply."""

from __future__ import annotations

import pytest

from crm_desktop.storage import analytics_store
from crm_desktop.storage.demo import generate


@pytest.fixture
def demo(db):
    generate(db, 300, seed=1)
    return db


def _has_data(ax) -> bool:
    return bool(ax.lines or ax.patches or ax.collections or ax.images)


def open_analytics(context, qtbot):
    from crm_desktop.ui.pages.analytics_page import AnalyticsPage

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
    qtbot.waitUntil(lambda: page.outcome() is not None, timeout=20_000)
    assert values and values[-1] == 1000
    assert values == sorted(values)
    assert page.quality.rowCount() > 0
    figures = [page.quality.item(r, 0).text() for r in range(page.quality.rowCount())]
    assert "silhouette" in figures
    assert page.model.rowCount() > 0 and page.model.columnCount() > 0
    # The chart is built, laid out and painted in later steps of the event loop.
    qtbot.waitUntil(lambda: bool(page.chart.figure.axes) and _has_data(page.chart.figure.axes[0]),
                    timeout=5_000)
    assert page.apply_button.isEnabled()

    first = page.outcome()
    choose(page, "churn")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text() == "Cancelled", timeout=20_000)
    assert page.outcome() is first and page.run_button.isEnabled()
    assert not page.cancel_button.isEnabled()
    context.runner.wait(page)


def test_apply_writes_results_back(demo, context, qtbot):
    from PySide6.QtCore import Qt

    page = open_analytics(context, qtbot)
    choose(page, "rfm")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.apply_button.isEnabled(), timeout=20_000)
    with qtbot.waitSignal(context.changed, timeout=20_000):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert page.status.text().startswith("Stored")
    stored = analytics_store.load_results(demo, "rfm")
    assert len(stored) == page.model.rowCount()


def test_dashboard_draws_charts_after_loading(demo, context, qtbot, tmp_path):
    from crm_desktop.ui.pages.dashboard_page import DashboardPage

    page = DashboardPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=30_000)
    axes = page.chart_axes()
    assert len(axes) == 7
    assert sum(_has_data(ax) for ax in axes) >= 5  # churn and influencers may be empty
    assert page.tiles["customers"].value.text() == "300"
    assert page.export_button.isEnabled()
    out = tmp_path / "dash.csv"
    assert page.export_csv(str(out)) > 10
    assert out.read_text(encoding="utf-8").startswith("chart,label,value")
