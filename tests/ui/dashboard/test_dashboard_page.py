"""Dashboard page: nine charts from binned/sampled data, tooltips, CSV export, theme."""

from __future__ import annotations

import numpy as np
import pytest

from crm_desktop.services.graph import network
from crm_desktop.storage import analytics_store, frames
from crm_desktop.storage.demo.generate import generate

NINE = 9


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
    network(demo)  # influence scores: nothing left for the page to fill in the background
    return demo


def _has_data(ax) -> bool:
    return bool(ax.lines or ax.patches or ax.collections or ax.images)


def _title(ax) -> str:
    return ax.get_title()


def open_dashboard(context, qtbot, size=(1200, 800)):
    from crm_desktop.ui.dashboard.dashboard_page import DashboardPage

    page = DashboardPage(context)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=120_000)
    # built in steps, then measured, placed and painted in steps
    qtbot.waitUntil(lambda: not page.is_drawing(), timeout=10_000)
    assert len(page.chart_axes()) == NINE
    return page


def axes_titled(page, start: str):
    return next(ax for ax in page.chart_axes() if _title(ax).startswith(start))


def test_dashboard_draws_charts_after_loading(analysed, context, qtbot, tmp_path):
    page = open_dashboard(context, qtbot)
    axes = page.chart_axes()
    assert len(axes) == NINE
    # every chart but the top influencers (no graph computed) has data
    assert sum(_has_data(ax) for ax in axes) >= 8
    titles = [_title(ax) for ax in axes]
    for title in ("Revenue per month", "Open pipeline by stage", "RFM grid (customers)",
                  "Customer segments", "Churn risk", "Customer lifetime value",
                  "Campaign ROI", "Ticket themes", "Top influencers"):
        assert any(t.startswith(title) for t in titles), title
    assert page.tiles["customers"].value.text() == "300"
    assert page.tiles["aov"].value.text().startswith("$")  # money with its currency
    assert page.export_button.isEnabled()
    out = tmp_path / "dash.csv"
    assert page.export_csv(str(out)) > 10
    assert out.read_text(encoding="utf-8").startswith("chart,label,value")


def test_segment_scatter_is_coloured_by_stored_segments(analysed, context, qtbot):
    page = open_dashboard(context, qtbot)
    ax = axes_titled(page, "Customer segments")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Segment 1", "Segment 2", "Segment 3"]
    assert ax.get_yscale() == "log"
    points = sum(len(line.get_xdata()) for line in ax.lines)
    assert points == page.data["scatter"]["total"] > 100


def test_segments_applied_with_their_projection_are_shown_on_it(analysed, context, qtbot):
    """Segments stored with pc1/pc2 (as the segments analysis' Apply stores them) are drawn
    on their principal components, with the tooltip naming them."""
    import pandas as pd

    stored = analytics_store.load_results(analysed, "segment")
    table = pd.DataFrame({"customer_id": stored["customer_id"], "segment": stored["value"],
                          "label": stored["label"],
                          "pc1": stored["value"] * 2.0 + 0.5, "pc2": -stored["value"]})
    analytics_store.save_results(analysed, "segment", table, "segment", "label",
                                 detail_cols=("pc1", "pc2"))
    page = open_dashboard(context, qtbot)
    scatter = page.data["scatter"]
    assert scatter["source"] == "pca" and scatter["total"] == len(table)
    ax = axes_titled(page, "Customer segments")
    assert ax.get_yscale() == "linear" and ax.get_xlabel() == "First principal component"
    xs = sorted({round(x, 3) for line in ax.lines for x in line.get_xdata()})
    assert xs == [0.5, 2.5, 4.5]  # segment 0, 1, 2 at pc1 = 2 * segment + 0.5
    line = next(line for line in ax.lines if len(line.get_xdata()))
    x, y = ax.transData.transform((line.get_xdata()[0], line.get_ydata()[0]))
    _move(page.chart.canvas, x, y)
    assert "PC1" in page.chart.hover.last_text and "PC2" in page.chart.hover.last_text


def test_empty_charts_fill_themselves(demo, context, qtbot):
    """Nothing stored: the charts say their analysis is running, it runs in the background,
    stores its results and the charts show them; no chart asks to go elsewhere."""
    page = open_dashboard(context, qtbot)
    clv = axes_titled(page, "Customer lifetime value")
    texts = " ".join(t.get_text() for t in clv.texts)
    assert "Working out what customers are worth" in texts and not clv.patches
    assert "Analytics page" not in texts

    def filled() -> bool:
        if page.is_drawing() or page.data is None:
            return False
        axes = [axes_titled(page, t) for t in ("Churn", "Customer lifetime value",
                                                "Top influencers")]
        return all(ax.patches for ax in axes)

    qtbot.waitUntil(filled, timeout=240_000)
    assert len(analytics_store.load_results(demo, "churn")) > 0
    assert len(analytics_store.load_results(demo, "clv")) > 0
    context.runner.wait(page)


def test_csv_has_rows_per_bin_and_segment(analysed, context, qtbot, tmp_path):
    import csv

    page = open_dashboard(context, qtbot)
    out = tmp_path / "dash.csv"
    page.export_csv(str(out))
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    churn = [r for r in rows if r[0] == "churn_risk"]
    assert len(churn) == 20 and churn[0][1] == "0.00-0.05"
    assert sum(int(r[2]) for r in churn) == 300
    clv = [r for r in rows if r[0] == "clv"]
    assert len(clv) == 20 and clv[-1][1].endswith("+")
    scatter = {r[1]: r[2] for r in rows if r[0] == "segment_scatter"}
    assert "Segment 1 (sampled customers)" in scatter and "customers" in scatter
    assert not [r for r in rows if r[0] == "churn_probability"]  # no per-customer rows


def _move(canvas, x, y):
    from matplotlib.backend_bases import MouseEvent

    MouseEvent("motion_notify_event", canvas, x, y)._process()


def test_hover_over_a_bar_shows_its_label_and_value(analysed, context, qtbot):
    page = open_dashboard(context, qtbot)
    panel = page.chart
    ax = axes_titled(page, "Churn risk")
    counts, edges = page.data["churn"]["counts"], page.data["churn"]["edges"]
    i = int(np.argmax(counts))
    bar = ax.containers[0].patches[i]
    x, y = ax.transData.transform((bar.get_x() + bar.get_width() / 2, bar.get_height() / 2))
    _move(panel.canvas, x, y)
    assert panel.hover.last_text == f"{edges[i]:.2f}–{edges[i + 1]:.2f}: {counts[i]} customers"
    # above the bar: not over data
    x, y = ax.transData.transform((bar.get_x() + bar.get_width() / 2, max(counts) * 1.02))
    _move(panel.canvas, x, y)
    assert panel.hover.last_text == ""

    funnel = axes_titled(page, "Open pipeline")
    bar = funnel.containers[0].patches[-1]  # the top bar: the first stage
    x, y = funnel.transData.transform((bar.get_width() / 2, bar.get_y() + bar.get_height() / 2))
    _move(panel.canvas, x, y)
    first = page.data["funnel"]
    assert panel.hover.last_text.startswith(f"{first['x'][0]}: ")
    assert panel.hover.last_text.endswith(f"in {first['count'][0]} deals")


def test_hover_over_rfm_cell_and_scatter_point(analysed, context, qtbot):
    page = open_dashboard(context, qtbot)
    panel = page.chart
    rfm = axes_titled(page, "RFM grid")
    x, y = rfm.transData.transform((3, 1))  # frequency+monetary 4, recency 2
    _move(panel.canvas, x, y)
    n = page.data["rfm"][1][3]
    assert panel.hover.last_text == f"Recency 2, frequency + monetary 4: {n:,} customers"

    scatter = axes_titled(page, "Customer segments")
    line = scatter.lines[0]
    x, y = scatter.transData.transform((line.get_xdata()[0], line.get_ydata()[0]))
    _move(panel.canvas, x, y)
    assert panel.hover.last_text.startswith("Segment ")
    assert "days since the last order" in panel.hover.last_text


def test_generic_tooltips_for_analytics_charts(qtbot):
    from crm_desktop.analytics.charts import Chart
    from crm_desktop.ui.charts.charts import ChartPanel, draw_chart

    panel = ChartPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    ax = panel.figure.add_subplot()
    draw_chart(ax, Chart("bar", ["North", "South"], [12.0, 30.0], "Sales"), panel.colors)
    panel.figure.canvas.draw()
    bar = ax.containers[0].patches[1]
    x, y = ax.transData.transform((bar.get_x() + bar.get_width() / 2, 10))
    _move(panel.canvas, x, y)
    assert panel.hover.last_text == "South: 30"
    ax.clear()
    draw_chart(ax, Chart("hist", [0.0, 10.0, 20.0], [5.0, 7.0], "CLV"), panel.colors)
    panel.figure.canvas.draw()
    x, y = ax.transData.transform((15, 3))
    _move(panel.canvas, x, y)
    assert panel.hover.last_text == "10–20: 7"
    ax.clear()
    draw_chart(ax, Chart("scatter", [1.0, 2.0, 3.0], [3.0, 4.5, 1.0], "PCA"), panel.colors)
    panel.figure.canvas.draw()
    x, y = ax.transData.transform((2.0, 4.5))
    _move(panel.canvas, x, y)
    assert panel.hover.last_text == "2, 4.5"
    _move(panel.canvas, *ax.transData.transform((1.0, 1.0)))  # between the points
    assert panel.hover.last_text == ""


def _icon_color(panel):
    image = panel.toolbar._actions["home"].icon().pixmap(24, 24).toImage()
    for px in range(image.width()):
        for py in range(image.height()):
            color = image.pixelColor(px, py)
            if color.alpha() > 200:
                return color
    raise AssertionError("the icon is empty")


@pytest.fixture
def themes(qapp):
    """Switch themes as View > Theme does (style, palette, style sheet); put back after."""
    from crm_desktop.ui.theme import apply_theme

    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    apply_theme(qapp, "light")
    yield lambda name: apply_theme(qapp, name)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def test_dark_palette_gives_light_toolbar_icons(qtbot, themes):
    from crm_desktop.ui.charts.charts import ChartPanel

    panel = ChartPanel()
    qtbot.addWidget(panel)
    panel.show()
    assert _icon_color(panel).lightness() < 100
    themes("dark")  # a theme switch after the panel was built
    qtbot.waitUntil(lambda: _icon_color(panel).lightness() > 180, timeout=2_000)
    fresh = ChartPanel()
    qtbot.addWidget(fresh)
    assert _icon_color(fresh).lightness() > 180


def test_charts_follow_a_theme_switch(analysed, context, qtbot, themes):
    from matplotlib.colors import to_hex

    from crm_desktop.analytics.charts import Chart
    from crm_desktop.ui.charts.charts import ChartPanel, draw_chart

    page = open_dashboard(context, qtbot)
    other = ChartPanel()  # an Analytics page chart: recoloured, not redrawn
    qtbot.addWidget(other)
    ax = other.figure.add_subplot()
    draw_chart(ax, Chart("bar", ["a", "b"], [1.0, 2.0], "Sales"), other.colors)
    light_text = other.colors.text
    assert not page.chart.colors.dark
    themes("dark")
    qtbot.waitUntil(lambda: page.chart.colors.dark and other.colors.dark, timeout=5_000)
    qtbot.waitUntil(lambda: not page.is_drawing(), timeout=10_000)
    assert len(page.chart_axes()) == NINE
    face = page.chart.colors.face
    assert to_hex(page.chart.figure.get_facecolor()) == face
    assert all(to_hex(a.get_facecolor()) == face for a in page.chart_axes())
    assert to_hex(ax.title.get_color()) == other.colors.text != light_text
    assert to_hex(ax.patches[0].get_facecolor()) == other.colors.accent


def test_axes_do_not_overlap(analysed, context, qtbot):
    page = open_dashboard(context, qtbot)
    renderer = page.chart.canvas.get_renderer()
    boxes = [ax.get_tightbbox(renderer) for ax in page.chart_axes()]
    figure = page.chart.figure.bbox
    for i, box in enumerate(boxes):
        assert figure.x0 - 1 <= box.x0 and box.x1 <= figure.x1 + 1
        assert figure.y0 - 1 <= box.y0 and box.y1 <= figure.y1 + 1
        for other in boxes[i + 1:]:
            assert not box.overlaps(other)


def test_money_tiles_show_each_currency_and_fit(demo, context, qtbot):
    """A euro order beside the demo's dollars: the revenue tile shows both parts (not one sum
    in dollars) and the page still fits 1024 pixels."""
    from datetime import datetime
    from decimal import Decimal

    import pandas as pd

    from crm_desktop.storage import frames, sales
    from crm_desktop.storage.sales import LineInput

    last = pd.Timestamp(frames.orders(demo)["ordered_at"].max()).to_period("M") - 1
    with demo.session() as session:
        customer = int(frames.customers(demo)["id"].iloc[0])
        sales.create_order(session, {"customer_id": customer, "currency": "EUR",
                                     "status": "paid",
                                     "ordered_at": datetime(last.year, last.month, 15)},
                           [LineInput("Widget", Decimal(1), Decimal("5000.40"))])
    page = open_dashboard(context, qtbot)
    page.resize(1024, 640)
    revenue = page.tiles["revenue"].value.text()
    assert "$" in revenue and "€5,000" in revenue and " · " in revenue
    assert "€5,000" in page.tiles["aov"].value.text()
    assert page.minimumSizeHint().width() <= 1024


def test_many_segments_keep_their_legend_in_its_row(demo, context, qtbot):
    """Eleven segments (as RFM makes) at 1024x640: the legend once ran into the chart below."""
    ids = frames.customers(demo)["id"].to_numpy()
    import pandas as pd

    table = pd.DataFrame({"customer_id": ids, "segment": np.arange(len(ids)) % 11})
    table["label"] = "Segment " + (table["segment"] + 1).astype(str)
    analytics_store.save_results(demo, "segment", table, "segment", "label")
    page = open_dashboard(context, qtbot, (1024, 640))
    renderer = page.chart.canvas.get_renderer()
    legend = axes_titled(page, "Customer segments").get_legend()
    assert len(legend.get_texts()) == 11
    below = axes_titled(page, "Campaign ROI").get_tightbbox(renderer)
    assert not legend.get_window_extent(renderer).overlaps(below)


def test_influencer_axis_spans_the_leaders_scores():
    from crm_desktop.ui.dashboard.dashboard_charts import zoomed_limits

    low, high = zoomed_limits([0.91, 0.95, 0.97])
    assert 0.85 < low < 0.91 and 0.97 < high < 0.98
    assert zoomed_limits([0.2, 0.9])[0] == 0.0  # never below zero
    assert zoomed_limits([5.0, 5.0]) == (4.75, 5.05)
