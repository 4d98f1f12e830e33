"""Matplotlib charts inside Qt pages and a small pandas table model.

Imported only when a page that draws charts is first built (it imports matplotlib and pandas
at the top). Figures are ``matplotlib.figure.Figure`` on ``FigureCanvasQTAgg`` (a subclass in
chart_steps.py), never pyplot, coloured from the application palette (light/dark); CJK fonts are
preferred so Chinese names render.

    panel = ChartPanel(parent, object_name="analysisChart")   # canvas + toolbar (PNG/SVG)
    ax = panel.figure.add_subplot()
    draw_chart(ax, chart, panel.colors)                         # a cli.analyses.Chart
    panel.show_figure()                                         # lay out now, paint when idle

Hovering the data shows a tooltip (:mod:`crm_desktop.ui.chart_hover`). When the palette
changes (View > Theme) the panel calls its ``redraw`` callback, or recolours the figure it
shows; the toolbar icons follow the palette too (:mod:`crm_desktop.ui.chart_theme`). A figure
of many axes is laid out and painted a few axes per step (:mod:`crm_desktop.ui.chart_steps`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.layout_engine import TightLayoutEngine
from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from crm_desktop.ui.chart_steps import StepPainter, SteppedCanvas
from crm_desktop.ui.chart_theme import ThemedToolbar, recolor_figure

matplotlib.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "DejaVu Sans"]
matplotlib.rcParams["font.family"] = "sans-serif"
matplotlib.rcParams["axes.unicode_minus"] = False
matplotlib.rcParams["font.size"] = 8

_Index = QModelIndex | QPersistentModelIndex
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
    """A figure canvas with the navigation toolbar (pan, zoom, save as PNG/SVG), tooltips
    over the data, and colours that follow the palette."""

    def __init__(self, parent: QWidget | None = None, object_name: str = "chart",
                 paint_in_steps: bool = False) -> None:
        from crm_desktop.ui.chart_hover import install_hover

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
        # A figure of many axes (the dashboard's nine) is laid out and painted a few axes per
        # step instead (chart_steps.py): in one step it stalled the window for 300 ms.
        self.painter: StepPainter | None = None
        self._steps_due = False
        if paint_in_steps:
            painter = self.painter = StepPainter(self, self.canvas)
            self.canvas.stepped = painter.start
            self.canvas.mpl_connect("resize_event", lambda _event: painter.resized())

    def show_figure(self) -> None:
        """The figure is complete: lay it out, then paint it, each in its own later step of
        the event loop. At 100,000 customers building a chart, laying it out and painting it
        take 15-30 ms each; in one step they stalled the window for 80 ms."""
        QTimer.singleShot(_STEP_MS, self, self._lay_out)

    def _lay_out(self) -> None:
        engine = TightLayoutEngine()
        self.figure.set_layout_engine(engine)
        engine.execute(self.figure)
        self.figure.set_layout_engine("none")
        QTimer.singleShot(_STEP_MS, self, self.canvas.draw_idle)

    def show_figure_in_steps(self) -> None:
        """Like :meth:`show_figure` for a panel built with ``paint_in_steps``: the axes are
        measured, placed in their grid cells and painted a few at a time, in later steps."""
        if self.painter is None:
            self.show_figure()
            return
        painter = self.painter
        self._steps_due = True

        def start() -> None:
            self._steps_due = False
            painter.start(relayout=True)

        QTimer.singleShot(_STEP_MS, self, start)

    def busy(self) -> bool:
        """A stepped layout or paint is due or under way."""
        return self._steps_due or (self.painter is not None and self.painter.running)

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
        if self.painter is not None:
            self.painter.cancel()
            self._steps_due = False
        self.colors = palette_colors()
        self.figure.clear()
        self.figure.set_facecolor(self.colors.face)

    def style(self, ax: Any, title: str = "") -> None:
        style_axes(ax, self.colors, title)

    def message(self, text: str) -> None:
        """Show one centred line instead of a chart."""
        self.clear()
        ax = self.figure.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, text, ha="center", va="center", color=self.colors.text)
        self.show_figure()


def style_axes(ax: Any, colors: Colors, title: str = "") -> None:
    ax.set_facecolor(colors.face)
    for spine in ax.spines.values():
        spine.set_color(colors.grid)
    ax.tick_params(colors=colors.text, labelsize=7)
    ax.xaxis.label.set_color(colors.text)
    ax.yaxis.label.set_color(colors.text)
    if title:
        ax.set_title(title, color=colors.text, fontsize=9)


def draw_chart(ax: Any, chart: Any, colors: Colors, title: str | None = None) -> None:
    """Draw a ``cli.analyses.Chart`` (bar, barh, line, hist, scatter) on ``ax``.

    A barh with negative values (signed coefficients) draws those bars in the second colour.
    A line chart's one extra series is dashed in the second colour (a forecast, a projection);
    several extra series get a colour each (themes over time); NaN values leave gaps. A scatter
    with integer groups gives each a tab10 colour and group -1 (DBSCAN noise) grey.
    """
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
            if kept:
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


def format_value(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:,.4g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


class FrameModel(QAbstractTableModel):
    """A read-only table over a pandas DataFrame (sortable by column).

    Cells are read from one numpy array per column: `frame.iat[row, column]` costs about ten
    times more, and a view asks for thousands of cells when it sizes its columns.
    """

    def __init__(self, frame: pd.DataFrame | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._frame = pd.DataFrame()
        self._columns: list[Any] = []
        self._set(frame if frame is not None else pd.DataFrame())

    def frame(self) -> pd.DataFrame:
        return self._frame

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._set(frame)
        self.endResetModel()

    def _set(self, frame: pd.DataFrame) -> None:
        self._frame = frame.reset_index(drop=True)
        self._columns = [self._frame[name].to_numpy() for name in self._frame.columns]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        if not index.isValid():
            return None
        value = self._columns[index.column()][index.row()]
        if hasattr(value, "item"):
            value = value.item()
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(value)
        if isinstance(value, (int, float)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(self._frame.columns[section]).replace("_", " ")
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not len(self._frame.columns):
            return
        self.layoutAboutToBeChanged.emit()
        name = self._frame.columns[column]
        with contextlib.suppress(TypeError):
            self._set(self._frame.sort_values(
                name, ascending=order == Qt.SortOrder.AscendingOrder, kind="mergesort",
                na_position="last"))
        self.layoutChanged.emit()
