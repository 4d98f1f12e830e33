"""Matplotlib charts inside Qt pages (the result tables' model is ui/analytics/frame_model.py).

Imported only when a page that draws charts is first built (it imports matplotlib at the top).
Figures are ``matplotlib.figure.Figure`` on ``FigureCanvasQTAgg`` (a subclass in
chart_painter.py), never pyplot, coloured from the application palette (light/dark); CJK fonts
are preferred so Chinese names render.

    panel = ChartPanel(parent, object_name="analysisChart")   # canvas + toolbar (reset, save, copy)
    panel.clear()
    holder = {}
    panel.draw([lambda: holder.update(ax=panel.figure.add_subplot()),   # each step in a later
                lambda: draw_chart(holder["ax"], chart, panel.colors)])  # event-loop step
    # (then the figure is laid out and painted a few artists per step)

Hovering the data shows a tooltip (:mod:`crm_desktop.ui.charts.chart_hover`). When the palette
changes (View > Theme) the panel calls its ``redraw`` callback, or recolours the figure it
shows; the toolbar icons follow the palette too (:mod:`crm_desktop.ui.charts.chart_theme`). Figures
are built, laid out and painted a few small items per event-loop step
(:mod:`crm_desktop.ui.charts.chart_painter`), so no step stalls the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.layout_engine import TightLayoutEngine
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from crm_desktop.ui.charts.chart_layout import Item
from crm_desktop.ui.charts.chart_painter import StepPainter, SteppedCanvas
from crm_desktop.ui.charts.chart_theme import ThemedToolbar, recolor_figure

matplotlib.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "DejaVu Sans"]
matplotlib.rcParams["font.family"] = "sans-serif"
matplotlib.rcParams["axes.unicode_minus"] = False
matplotlib.rcParams["font.size"] = 8

# Between the steps of showing a chart: long enough for input and timers due to run in between.
_STEP_MS = 10


@dataclass(frozen=True)
class Colors:
    face: str
    text: str
    grid: str
    accent: str
    second: str
    dark: bool


def palette_colors() -> Colors:
    """Figure colours that follow the application palette (light or dark theme)."""
    palette = QApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    dark = window.lightness() < 128
    return Colors(
        face=window.name(), text=palette.color(QPalette.ColorRole.WindowText).name(),
        grid="#55555c" if dark else "#d8d8de",
        accent="#5aa0ff" if dark else "#2667c8", second="#ffb35a" if dark else "#e07b15",
        dark=dark,
    )


class ChartPanel(QWidget):
    """A figure canvas with a small toolbar (reset view, save, copy; the wheel zooms), tooltips
    over the data, and colours that follow the palette."""

    def __init__(self, parent: QWidget | None = None, object_name: str = "chart",
                 paint_in_steps: bool = True) -> None:
        from crm_desktop.ui.charts.chart_hover import install_hover

        super().__init__(parent)
        self.setObjectName(object_name)
        self.figure = Figure(figsize=(5, 4))
        self.canvas = SteppedCanvas(self.figure)
        self.canvas.setObjectName(object_name + "Canvas")
        self.toolbar = ThemedToolbar(self.canvas, self)
        self.toolbar.setObjectName(object_name + "Toolbar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas, 1)
        self.colors = palette_colors()
        self.hover = install_hover(self)
        # Called (instead of recolouring the figure) when the palette changes: a page that can
        # draw its chart again from its data sets it.
        self.redraw: Callable[[], None] | None = None
        self._palette_due = False
        # A layout engine costs a third to a half of a draw, and matplotlib runs it on every
        # draw: pan, zoom, hover. It runs once per new chart (show_figure) and after a resize;
        # other draws keep the layout it made.
        self.canvas.mpl_connect("resize_event", lambda _event: self._thaw_layout())
        self.canvas.mpl_connect("draw_event", lambda _event: self._freeze_layout())
        self.figure.set_layout_engine("tight")
        # Figures are built, laid out and painted a few artists per event-loop step
        # (chart_painter.py): at once, one axes stalled the window for 50-100 ms, the
        # dashboard for 300.
        self.painter: StepPainter | None = None
        if paint_in_steps:
            painter = self.painter = StepPainter(self, self.canvas)
            self.canvas.stepped = painter.start
            self.canvas.mpl_connect("resize_event", lambda _event: painter.resized())

    def draw(self, steps: list[Item]) -> None:
        """Run ``steps`` (plain functions that add axes and plot on ``self.figure``), each in
        a later event-loop step, then lay out and paint the figure in steps (a panel made with
        ``paint_in_steps=False`` runs them at once and lays out and paints in two steps)."""
        if self.painter is None:
            for step in steps:
                step()
            self.show_figure()
            return
        self.painter.start(relayout=True, build=list(steps))

    def replace(self, steps: list[Item]) -> None:
        """A new chart: the figure is cleared (10-15 ms) and ``steps`` run, each in a later
        event-loop step of its own, then it is laid out and painted in steps. The chart shown
        stays on screen until the new one is painted."""
        if self.painter is None:
            self.clear()
            self.draw(steps)
            return
        self.painter.cancel()
        self.painter.start(relayout=True, build=[self._clear_figure, *steps])

    def hold(self) -> None:
        """Stop painting for now (a new chart is coming): frees the event loop's steps."""
        if self.painter is not None:
            self.painter.cancel()

    def show_figure(self) -> None:
        """The figure is complete: lay it out and paint it, in later steps of the event loop
        (without a painter, the tight layout and the paint take one step each)."""
        if self.painter is None:
            QTimer.singleShot(_STEP_MS, self, self._lay_out)
            return
        self.painter.start(relayout=True)

    def _lay_out(self) -> None:
        engine = TightLayoutEngine()
        self.figure.set_layout_engine(engine)
        engine.execute(self.figure)
        self.figure.set_layout_engine("none")
        QTimer.singleShot(_STEP_MS, self, self.canvas.draw_idle)

    def busy(self) -> bool:
        """A build, layout or paint is due or under way."""
        return self.painter is not None and self.painter.running

    def _thaw_layout(self) -> None:
        self.figure.set_layout_engine("tight")

    def _freeze_layout(self) -> None:
        if isinstance(self.figure.get_layout_engine(), TightLayoutEngine):
            self.figure.set_layout_engine("none")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._palette_due:
            # Several palette events arrive for one theme switch: follow once, afterwards.
            self._palette_due = True
            QTimer.singleShot(0, self, self.follow_palette)

    def follow_palette(self) -> None:
        """Redraw (``redraw``) or recolour the figure when the palette's colours changed."""
        self._palette_due = False
        new = palette_colors()
        if new == self.colors:
            return
        if self.redraw is not None:
            self.redraw()
            return
        recolor_figure(self.figure, self.colors, new)
        self.colors = new
        self.canvas.draw_idle()

    def clear(self) -> None:
        """An empty figure in the palette's colours (drops a paint under way)."""
        if self.painter is not None:
            self.painter.cancel()
        self._clear_figure()

    def _clear_figure(self) -> None:
        self.colors = palette_colors()
        self.figure.clear()
        self.figure.set_facecolor(self.colors.face)

    def style_axes(self, ax: Any, title: str = "") -> None:
        style_axes(ax, self.colors, title)

    def message(self, text: str) -> None:
        """Show one centred line instead of a chart: a text of the figure (the same pixels
        as on an axes without axis, which took 15-25 ms of the GUI thread to add)."""
        self.clear()
        color = self.colors.text

        def build() -> None:
            self.figure.text(0.5, 0.5, text, ha="center", va="center", color=color)

        self.draw([build])


def style_axes(ax: Any, colors: Colors, title: str = "") -> None:
    ax.set_facecolor(colors.face)
    for spine in ax.spines.values():
        spine.set_color(colors.grid)
    ax.tick_params(colors=colors.text, labelsize=7)
    ax.xaxis.label.set_color(colors.text)
    ax.yaxis.label.set_color(colors.text)
    if title:
        ax.set_title(title, color=colors.text, fontsize=9)


def draw_chart(ax: Any, chart: Any, colors: Colors, title: str | None = None,
               styled: bool = False) -> None:
    """Draw an ``analytics.charts.Chart`` (bar, barh, line, hist, scatter) on ``ax``.

    A barh with negative values (signed coefficients) draws those bars in the second colour.
    A line chart's one extra series is dashed in the second colour (a forecast, a projection);
    several extra series get a colour each (themes over time); NaN values leave gaps. A scatter
    with integer groups gives each a tab10 colour and group -1 (DBSCAN noise) grey.
    ``styled``: ``style_axes`` was called already (a separate step, it takes 5-10 ms).
    """
    if not styled:
        style_axes(ax, colors, chart.title if title is None else title)
    x, y = list(chart.x), list(chart.y)
    legend = {"fontsize": 7, "labelcolor": colors.text, "facecolor": colors.face,
              "edgecolor": colors.grid}
    if chart.kind == "bar":
        ax.bar(range(len(x)), y, color=colors.accent)
        ax.set_xticks(range(len(x)), [short(v) for v in x], rotation=30, ha="right")
    elif chart.kind == "barh":
        signed = any(v < 0 for v in y)
        ax.barh(range(len(x)), y, color=[colors.second if signed and v < 0 else colors.accent
                                          for v in y])
        ax.set_yticks(range(len(x)), [short(v) for v in x])
        if signed:
            ax.axvline(0, color=colors.grid, linewidth=0.8)
    elif chart.kind == "line":
        many = len(chart.series) > 1
        ax.plot(range(len(y)), y, color=colors.accent, marker=".", label=chart.ylabel or None,
                linewidth=2 if many else 1.5)
        # After the second colour, tab10 without its blue (close to the accent).
        palette = (colors.second, "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                   "#7f7f7f", "#bcbd22", "#17becf")
        for i, (name, values) in enumerate(chart.series.items()):
            ax.plot(range(len(values)), values, color=palette[i % len(palette)],
                    linestyle="-" if many else "--", marker="" if many else ".",
                    linewidth=1.2, label=short(name, 28))
        if chart.series:
            ax.legend(ncol=2 if len(chart.series) > 4 else 1, **legend)
        step = max(1, len(x) // 8)
        ax.set_xticks(range(0, len(x), step), [str(v) for v in x][::step], rotation=30,
                      ha="right")
    elif chart.kind == "hist":  # x: bin edges, y: counts
        widths = [right - left for left, right in zip(x[:-1], x[1:], strict=True)]
        ax.bar(x[:-1], y, width=widths, align="edge", color=colors.accent,
               edgecolor=colors.face)
    elif chart.kind == "scatter":
        groups = list(chart.colors)
        if groups and all(isinstance(g, int) for g in groups):
            kept = [i for i, g in enumerate(groups) if g >= 0]
            noise = [i for i, g in enumerate(groups) if g < 0]
            if kept and chart.legend:  # one set of points per group, named in a legend
                import matplotlib

                tab10 = matplotlib.colormaps["tab10"]
                for group in sorted({groups[i] for i in kept}):
                    members = [i for i in kept if groups[i] == group]
                    ax.scatter([x[i] for i in members], [y[i] for i in members],
                               color=tab10(group % 10), s=8, linewidths=0,
                               label=str(chart.legend.get(group, group)))
                ax.legend(**legend)
            elif kept:
                ax.scatter([x[i] for i in kept], [y[i] for i in kept],
                           c=[groups[i] % 10 for i in kept], cmap="tab10", vmin=-0.5,
                           vmax=9.5, s=8, linewidths=0)
            if noise:
                ax.scatter([x[i] for i in noise], [y[i] for i in noise], c=colors.grid, s=8,
                           linewidths=0, label="noise")
                ax.legend(**legend)
        else:
            # colours given as names (or none): no colour map to apply
            ax.scatter(x, y, c=groups or colors.accent, s=8, linewidths=0)
    if chart.xlabel:
        ax.set_xlabel(chart.xlabel)
    if chart.ylabel and chart.kind != "line":
        ax.set_ylabel(chart.ylabel)


def compact_axis(axis: Any) -> None:
    """Tick labels like 250k / 1.2M instead of an offset (1e6) on a money axis."""
    from matplotlib.ticker import FuncFormatter

    def label(value: float, _position: Any) -> str:
        size = abs(value)
        if size >= 1_000_000:
            return f"{value / 1_000_000:.1f}M"
        if size >= 1_000:
            return f"{value / 1_000:.0f}k"
        return f"{value:g}"

    axis.set_major_formatter(FuncFormatter(label))


def short(value: Any, width: int = 22) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
