"""The chart painter: the figure painted in small items (one artist, one tick) gives the same
pixels as matplotlib's own draw; measuring in items gives the same decorations; build steps run
in order, one per event-loop step, and a cancelled run leaves nothing behind."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("matplotlib")
import crm_desktop.ui.charts.charts  # noqa: E402, F401 - the app's fonts (CJK) for matplotlib


def _figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 4), dpi=100)
    FigureCanvasAgg(figure)
    grid = figure.add_gridspec(2, 2)
    bars = figure.add_subplot(grid[0, 0])
    bars.barh(range(4), [3, 1, 4, 1], color="#2667c8")
    bars.set_yticks(range(4), ["Champions", "Loyal", "新客户", "At risk"])
    bars.set_title("Segments")
    line = figure.add_subplot(grid[0, 1])
    line.plot(range(12), np.arange(12) ** 1.5, marker=".", label="won")
    line.fill_between(range(12), np.arange(12), alpha=0.2)
    line.legend(fontsize=6)
    line.set_yscale("log")
    image = figure.add_subplot(grid[1, 0])
    image.imshow(np.arange(25).reshape(5, 5), origin="lower", cmap="Blues", aspect="auto")
    image.text(2, 2, "12", ha="center", va="center")
    empty = figure.add_subplot(grid[1, 1])
    empty.set_axis_off()
    empty.text(0.5, 0.5, "Nothing to draw", ha="center", transform=empty.transAxes)
    figure.subplots_adjust(left=0.2, wspace=0.4, hspace=0.4)
    return figure


def _run(items) -> list[str]:
    """Run the items and the items they give, depth first; the names of the functions run."""
    queue, ran = list(items), []
    while queue:
        item = queue.pop(0)
        ran.append(getattr(getattr(item, "func", item), "__name__", ""))
        more = item()
        if more:
            queue[:0] = more
    return ran


def _whole_and_pieces(make_figure):
    """Two copies of a figure: one drawn whole by matplotlib (its renderer), the other's
    background drawn on a renderer of the same size, for the test to paint in items."""
    from matplotlib.backends.backend_agg import RendererAgg

    whole, pieces = make_figure(), make_figure()
    width, height = (int(v) for v in whole.bbox.size)
    expected = RendererAgg(width, height, whole.dpi)
    whole.draw(expected)
    renderer = RendererAgg(width, height, pieces.dpi)
    pieces.patch.draw(renderer)
    return expected, pieces, renderer


def test_painting_in_items_gives_matplotlibs_pixels():
    from crm_desktop.ui.charts.chart_layout import paint_items

    expected, pieces, renderer = _whole_and_pieces(_figure)
    for ax in pieces.axes:
        items = paint_items(ax, renderer)
        assert len(items) >= 5  # an artist (and a tick) per item, not the axes at once
        _run(items)
    assert np.array_equal(np.asarray(renderer.buffer_rgba()),
                          np.asarray(expected.buffer_rgba()))


def test_measuring_in_items_gives_the_same_decorations():
    from matplotlib.backends.backend_agg import RendererAgg

    from crm_desktop.ui.charts.chart_layout import decorations, measure_items

    figure = _figure()
    renderer = RendererAgg(600, 400, figure.dpi)
    sizes: dict = {}
    for ax in figure.axes:
        items = measure_items(ax, renderer, sizes)
        _run(items)
    fresh = _figure()
    for ax, again in zip(figure.axes, fresh.axes, strict=True):
        assert sizes[ax] == pytest.approx(decorations(again, RendererAgg(600, 400, 100)))
    assert sizes[figure.axes[0]][0] > 30  # the y tick labels take room on the left


def test_build_steps_run_in_order_then_the_figure_is_painted(qtbot):
    from crm_desktop.ui.charts.charts import ChartPanel

    panel = ChartPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 350)
    panel.show()
    qtbot.waitExposed(panel)
    done: list[str] = []
    axes: list = []

    def add() -> None:
        done.append("add")
        axes.append(panel.figure.add_subplot())

    def plot() -> None:
        assert done == ["add"]
        done.append("plot")
        axes[0].bar(["a", "b"], [1, 2])

    panel.clear()
    before = panel.painter.completed
    panel.draw([add, plot])
    assert panel.busy() and done == []  # nothing runs on the spot
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert done == ["add", "plot"] and panel.painter.completed == before + 1
    pixels = np.asarray(panel.canvas.renderer.buffer_rgba())
    assert (pixels[..., :3] != pixels[0, 0, :3]).any(axis=-1).sum() > 500  # bars drawn


def test_a_cancelled_run_drops_its_build_steps(qtbot):
    from crm_desktop.ui.charts.charts import ChartPanel

    panel = ChartPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 300)
    ran: list[int] = []
    panel.clear()
    panel.draw([lambda: ran.append(1), lambda: ran.append(2)])
    panel.clear()  # a newer chart replaces it before its steps ran
    assert not panel.busy()
    qtbot.wait(100)
    assert ran == [] and panel.figure.axes == []


def test_a_message_is_a_text_of_the_figure_with_the_pixels_of_an_axes_without_axis(qtbot):
    """`ChartPanel.message` adds no axes (adding one took 15-25 ms of the GUI thread), and
    paints what a centred text on an axes without axis painted."""
    from crm_desktop.ui.charts.charts import ChartPanel

    def shown(panel: ChartPanel) -> np.ndarray:
        before = panel.painter.completed
        qtbot.waitUntil(lambda: panel.painter.completed > before and not panel.busy(),
                        timeout=10_000)
        return np.asarray(panel.canvas.renderer.buffer_rgba()).copy()

    pictures = []
    for on_axes in (True, False):
        panel = ChartPanel()
        qtbot.addWidget(panel)
        panel.resize(517, 333)
        panel.show()
        qtbot.wait(50)
        if on_axes:  # how a message was shown before
            panel.clear()
            color = panel.colors.text

            def build(panel: ChartPanel = panel, color: str = color) -> None:
                ax = panel.figure.add_subplot()
                ax.set_axis_off()
                ax.text(0.5, 0.5, "No analysis run yet", ha="center", va="center", color=color)

            panel.draw([build])
        else:
            panel.message("No analysis run yet")
        pictures.append(shown(panel))
        if not on_axes:
            assert panel.figure.axes == []
            assert [t.get_text() for t in panel.figure.texts] == ["No analysis run yet"]
    assert (pictures[0][..., :3] != pictures[0][0, 0, :3]).any(axis=-1).sum() > 100  # a text
    assert np.array_equal(pictures[0], pictures[1])


def _legend_figure():
    """The dashboard's scatter with its legend: eleven entries in two columns and a title."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9, 6), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot(2, 2, 1)
    rng = np.random.default_rng(3)
    names = ["Champions", "Loyal", "潜在忠诚", "New customers", "Promising", "Need attention",
             "About to sleep", "At risk", "Cannot lose", "Hibernating", "Lost"]
    for name in names:
        ax.plot(rng.random(30), rng.random(30), linestyle="none", marker="o", markersize=2.2,
                markeredgewidth=0, alpha=0.75, label=name)
    legend = ax.legend(fontsize=6, loc="upper left", bbox_to_anchor=(1.0, 1.02), ncol=2,
                       columnspacing=0.6, frameon=False, markerscale=1.8, handletextpad=0.1,
                       borderaxespad=0.2, labelspacing=0.25, title="RFM segment",
                       title_fontsize=6.5)
    for handle in legend.legend_handles:
        handle.set_alpha(1)
    ax.legend_ = legend
    framed = figure.add_subplot(2, 2, 4)
    framed.plot(range(5), label="won")
    framed.plot(range(5, 0, -1), label="lost")
    framed.legend(fontsize=7, title="Deals")
    return figure


def test_a_legend_is_painted_an_entry_at_a_time_with_matplotlibs_pixels():
    from crm_desktop.ui.charts.chart_layout import paint_items

    expected, pieces, renderer = _whole_and_pieces(_legend_figure)
    ran: list[str] = []
    for ax in pieces.axes:
        ran += _run(paint_items(ax, renderer))
    assert np.array_equal(np.asarray(renderer.buffer_rgba()),
                          np.asarray(expected.buffer_rgba()))
    assert "draw" in ran and ran.count("_box_items") > 22  # each entry, not the legend whole


def test_a_legends_texts_are_measured_before_the_legend():
    from matplotlib.backends.backend_agg import RendererAgg

    from crm_desktop.ui.charts.chart_layout import decorations, measure_items

    figure = _legend_figure()
    renderer = RendererAgg(900, 600, figure.dpi)
    sizes: dict = {}
    ran: list[str] = []
    for ax in figure.axes:
        ran += _run(measure_items(ax, renderer, sizes))
    fresh = _legend_figure()
    for ax, again in zip(figure.axes, fresh.axes, strict=True):
        assert sizes[ax] == pytest.approx(decorations(again, RendererAgg(900, 600, 100)))
    assert sizes[figure.axes[0]][1] > 50  # the legend takes room on the right
    assert ran.count("_text_extent") == 12 + 3  # each legend's title and texts, one per item
