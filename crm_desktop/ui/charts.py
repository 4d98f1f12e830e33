"""Matplotlib charts inside Qt pages and a small pandas table model.

Imported only when a page that draws charts is first built (it imports matplotlib and pandas
at the top). Figures are ``matplotlib.figure.Figure`` on ``FigureCanvasQTAgg``, never pyplot,
coloured from the application palette (light/dark); CJK fonts are preferred so Chinese names
render.

    panel = ChartPanel(parent, object_name="analysisChart")   # canvas + toolbar (PNG/SVG)
    ax = panel.figure.add_subplot()
    draw_chart(ax, chart, panel.colors)                         # a cli.analyses.Chart
    panel.show_figure()                                         # lay out now, paint when idle
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT
from matplotlib.figure import Figure
from matplotlib.layout_engine import TightLayoutEngine
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

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
    """A figure canvas with the navigation toolbar (pan, zoom, save as PNG/SVG)."""

    def __init__(self, parent: QWidget | None = None, object_name: str = "chart") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.figure = Figure(figsize=(5, 4))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName(object_name + "Canvas")
        self.toolbar = NavigationToolbar2QT(self.canvas, self)
        self.toolbar.setObjectName(object_name + "Toolbar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas, 1)
        self.colors = palette_colors()
        # A layout engine costs a third to a half of a draw, and matplotlib runs it on every
        # draw: pan, zoom, hover. It runs once per new chart (show_figure) and after a resize;
        # other draws keep the layout it made.
        self.canvas.mpl_connect("resize_event", lambda _event: self._thaw_layout())
        self.canvas.mpl_connect("draw_event", lambda _event: self._freeze_layout())
        self.figure.set_layout_engine("tight")

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

    def _thaw_layout(self) -> None:
        self.figure.set_layout_engine("tight")

    def _freeze_layout(self) -> None:
        if isinstance(self.figure.get_layout_engine(), TightLayoutEngine):
            self.figure.set_layout_engine("none")

    def clear(self) -> None:
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
    """Draw a ``cli.analyses.Chart`` (bar, barh, line, hist, scatter) on ``ax``."""
    style_axes(ax, colors, chart.title if title is None else title)
    x, y = list(chart.x), list(chart.y)
    if chart.kind == "bar":
        ax.bar(range(len(x)), y, color=colors.accent)
        ax.set_xticks(range(len(x)), [short(v) for v in x], rotation=30, ha="right")
    elif chart.kind == "barh":
        ax.barh(range(len(x)), y, color=colors.accent)
        ax.set_yticks(range(len(x)), [short(v) for v in x])
    elif chart.kind == "line":
        ax.plot(range(len(x)), y, color=colors.accent, marker=".", label=chart.ylabel or None)
        for i, (name, values) in enumerate(chart.series.items()):
            ax.plot(range(len(values)), values, color=colors.second, linestyle="--",
                    marker=".", label=name)
            if i == 0:
                ax.legend(fontsize=7, labelcolor=colors.text, facecolor=colors.face,
                          edgecolor=colors.grid)
        step = max(1, len(x) // 8)
        ax.set_xticks(range(0, len(x), step), [str(v) for v in x][::step], rotation=30,
                      ha="right")
    elif chart.kind == "hist":  # x: bin edges, y: counts
        widths = [right - left for left, right in zip(x[:-1], x[1:], strict=True)]
        ax.bar(x[:-1], y, width=widths, align="edge", color=colors.accent,
               edgecolor=colors.face)
    elif chart.kind == "scatter":
        ax.scatter(x, y, c=chart.colors or colors.accent, cmap="tab10", s=8, linewidths=0)
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
