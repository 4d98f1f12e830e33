"""Tooltips over matplotlib charts: hovering a bar, a scatter point, a line's marker or an image
cell shows what it is ("Champions: 1,234 customers"); nothing when the mouse is not over data.

    hover = install_hover(panel)            # ChartPanel does it for every chart
    bars = ax.bar(...)
    set_tips(bars, ["Q1: 1,200", ...])      # one text per element, or a function index -> text
    set_tips(ax.fill_between(...), None)    # never a tooltip for this artist

Artists without tips get a generic one: the category (tick label) or the bin range and the
value for bars, "x, y" for points and line markers, the value for image cells; areas (filled
polygons) and lines without markers get none. A hover costs a hit test on the artists of the
axes under the mouse and stops at the first hit; the canvas is never redrawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolTip

from crm_desktop.ui.qt_typed import translate

Tips = Sequence[str] | Callable[[int], str | None] | None
_ATTRIBUTE = "_crm_hover_tips"
_NO_TIPS = object()


def set_tips(artist: Any, tips: Tips) -> None:
    """What each element of ``artist`` (a bar container, collection, line or image) says:
    a sequence of texts by index, a function index -> text (None: no tooltip), or None for
    no tooltips at all. For an image the index is ``row * columns + column``."""
    setattr(artist, _ATTRIBUTE, _NO_TIPS if tips is None else tips)


def number(value: float) -> str:
    """A value for a tooltip: 1,234 / 1.2M / 0.0523."""
    size = abs(value)
    if size >= 10_000_000:
        return f"{value / 1_000_000:,.1f}M"
    if size >= 1_000:
        return f"{value:,.0f}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:.3g}"


class Hover:
    """Shows the tooltip of the data under the mouse on a ``FigureCanvasQTAgg``."""

    def __init__(self, canvas: Any, toolbar: Any = None) -> None:
        self.canvas = canvas
        self.toolbar = toolbar
        self.last_text = ""  # what the last motion showed ("" when nothing): tests read it
        self._cid = canvas.mpl_connect("motion_notify_event", self._moved)

    def disconnect(self) -> None:
        self.canvas.mpl_disconnect(self._cid)

    def _moved(self, event: Any) -> None:
        mode = getattr(getattr(self.toolbar, "mode", None), "name", "NONE")
        text = "" if mode != "NONE" else text_at(event)
        if text:
            QToolTip.showText(self._global_position(event), text, self.canvas)
        elif self.last_text:
            QToolTip.hideText()
        self.last_text = text

    def _global_position(self, event: Any) -> QPoint:
        gui = getattr(event, "guiEvent", None)
        if gui is not None and hasattr(gui, "globalPosition"):
            return gui.globalPosition().toPoint()
        ratio = self.canvas.devicePixelRatioF() or 1.0
        local = QPoint(int(event.x / ratio), int(self.canvas.height() - event.y / ratio))
        return self.canvas.mapToGlobal(local)


def install_hover(panel: Any) -> Hover:
    """Tooltips on ``panel.canvas`` (a ChartPanel or anything with ``canvas``/``toolbar``);
    none while the toolbar's pan or zoom mode is on."""
    return Hover(panel.canvas, getattr(panel, "toolbar", None))


# ---------------------------------------------------------------------------------- hit tests
def text_at(event: Any) -> str:
    """The tooltip for a matplotlib mouse event: the first artist of the axes under the mouse
    that contains it (lines first, then bars, collections, images), or ""."""
    ax = event.inaxes
    if ax is None or event.xdata is None:
        return ""
    for line in ax.lines:
        text = _line_text(line, event)
        if text is not None:
            return text
    for container in ax.containers:
        text = _bars_text(ax, container, event)
        if text is not None:
            return text
    for collection in reversed(ax.collections):  # the last drawn is on top
        text = _collection_text(collection, event)
        if text is not None:
            return text
    for image in reversed(ax.images):
        text = _image_text(image, event)
        if text is not None:
            return text
    return ""


def _tips_for(artist: Any) -> Any:
    return getattr(artist, _ATTRIBUTE, None)


def _lookup(tips: Any, index: int) -> str | None:
    if callable(tips):
        return tips(index)
    if 0 <= index < len(tips):
        return str(tips[index]) or None
    return None


def _line_text(line: Any, event: Any) -> str | None:
    tips = _tips_for(line)
    if tips is _NO_TIPS or not line.get_visible():
        return None
    if tips is None and line.get_marker() in (None, "None", "none", "", " "):
        return None  # a reference line (axvline, grid): no data points to name
    hit, details = line.contains(event)
    indices: Any = details.get("ind", []) if hit else []
    if not len(indices):
        return None
    xs, ys = line.get_xdata(orig=False), line.get_ydata(orig=False)
    screen = line.get_transform().transform([(xs[i], ys[i]) for i in indices])
    nearest = min(range(len(indices)), key=lambda k: (screen[k][0] - event.x) ** 2
                  + (screen[k][1] - event.y) ** 2)
    index = int(indices[nearest])
    if tips is not None:
        return _lookup(tips, index)
    label = _tick_label(line.axes.xaxis, float(xs[index]))
    return f"{label or number(float(xs[index]))}: {number(float(ys[index]))}"


def _bars_text(ax: Any, container: Any, event: Any) -> str | None:
    patches = getattr(container, "patches", None)
    tips = _tips_for(container)
    if patches is None or tips is _NO_TIPS:
        return None
    for index, patch in enumerate(patches):
        if not patch.contains(event)[0]:
            continue
        if tips is not None:
            return _lookup(tips, index)
        horizontal = getattr(container, "orientation", "vertical") == "horizontal"
        axis = ax.yaxis if horizontal else ax.xaxis
        start = patch.get_y() if horizontal else patch.get_x()
        size = patch.get_height() if horizontal else patch.get_width()
        value = patch.get_width() if horizontal else patch.get_height()
        label = _tick_label(axis, start + size / 2)
        if not label:
            label = f"{number(start)}–{number(start + size)}"
        return f"{label}: {number(float(value))}"
    return None


def _collection_text(collection: Any, event: Any) -> str | None:
    tips = _tips_for(collection)
    if tips is _NO_TIPS or not collection.get_visible():
        return None
    offsets = collection.get_offsets()
    if tips is None and (not len(offsets) or type(collection).__name__ != "PathCollection"):
        return None  # areas (fill_between, polygons): nothing to name
    hit, details = collection.contains(event)
    indices: Any = details.get("ind", []) if hit else []
    if not len(indices):
        return None
    index = int(indices[-1])
    if tips is not None:
        return _lookup(tips, index)
    x, y = offsets[index % len(offsets)]
    return f"{number(float(x))}, {number(float(y))}"


def _image_text(image: Any, event: Any) -> str | None:
    tips = _tips_for(image)
    if tips is _NO_TIPS or not image.contains(event)[0]:
        return None
    array = image.get_array()
    if array is None or array.ndim < 2:
        return None
    rows, columns = int(array.shape[0]), int(array.shape[1])
    left, right, bottom, top = image.get_extent()
    column = int((event.xdata - left) / (right - left) * columns)
    if image.origin == "upper":
        row = int((event.ydata - top) / (bottom - top) * rows)
    else:
        row = int((event.ydata - bottom) / (top - bottom) * rows)
    if not (0 <= row < rows and 0 <= column < columns):
        return None
    if tips is not None:
        return _lookup(tips, row * columns + column)
    return translate("chart_hover", "row %1, column %2: %3").replace("%1", str(row + 1)).replace(
        "%2", str(column + 1)).replace("%3", number(float(array[row, column])))


def _tick_label(axis: Any, position: float) -> str:
    """The label of a tick set at ``position`` with ``set_xticks(positions, labels)``
    (categorical bars and lines), or ""."""
    from matplotlib.ticker import FixedLocator

    locator = axis.get_major_locator()
    if not isinstance(locator, FixedLocator):
        return ""
    for index, loc in enumerate(getattr(locator, "locs", ())):
        if abs(loc - position) < 1e-6:
            return str(axis.get_major_formatter()(loc, index))
    return ""
