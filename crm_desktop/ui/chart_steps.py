"""Laying out and painting a figure of many axes a few axes per event-loop step.

One Agg draw of the dashboard's nine axes takes 150 ms at 100,000 customers (76 ms for nine
empty axes), and the tight layout as much again: either alone stalls the window three times
over the 50 ms budget. A ``ChartPanel(..., paint_in_steps=True)`` hands every draw of its
canvas (``draw_idle``: a new chart, a resize, pan and zoom) to a :class:`StepPainter`:

1. measure: the decorations (tick labels, titles, legends) of each axes, ``get_tightbbox``;
2. place: each gridspec cell gets its axes sized to its own decorations; the axes of a grid
   row share their top and bottom, so titles and x axes line up (no figure-wide tight layout,
   which makes every gap as wide as the widest labels anywhere);
3. paint: the axes into a new Agg buffer, then the buffer replaces the shown one at once (a
   half-painted figure is never on screen).

Each step runs items until ``BUDGET_MS`` have passed, so a step lasts that plus at most one
axes' work. Measuring happens only after a new chart or a resize; pan and zoom only repaint.
An explicit ``canvas.draw()`` (and saving as PNG/SVG) still draws the whole figure at once.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from matplotlib.backend_bases import DrawEvent
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QObject, QTimer

BUDGET_MS = 10.0  # one axes' measuring or painting takes 5-35 ms
STEP_MS = 10  # between steps: input and timers due run in between


class SteppedCanvas(FigureCanvasQTAgg):
    """``draw_idle()`` calls ``stepped`` instead of queueing one whole draw, when it is set."""

    def __init__(self, figure: Any) -> None:
        super().__init__(figure)
        self.stepped: Callable[[], None] | None = None

    def draw_idle(self) -> None:
        if self.stepped is not None:
            self.stepped()
        else:
            super().draw_idle()


class StepPainter:
    """Measures, places and paints the axes of ``canvas.figure`` over several steps."""

    def __init__(self, owner: QObject, canvas: SteppedCanvas) -> None:
        self.owner = owner  # timers stop with it
        self.canvas = canvas
        self.figure = canvas.figure
        self.step_times: list[float] = []  # ms per step of the last run (the bench reads it)
        self.completed = 0  # finished paints (tests wait for it)
        self._relayout_due = False
        self._running = False
        self._again = False
        self._generation = 0
        self._queue: list[Callable[[], None]] = []

    @property
    def running(self) -> bool:
        return self._running

    # ---------------------------------------------------------------------------- control
    def start(self, relayout: bool = False) -> None:
        """Paint the figure (after measuring and placing its axes when ``relayout`` or after
        a resize); while a run is under way, another follows it."""
        self._relayout_due = self._relayout_due or relayout
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        self._generation += 1
        self.step_times = []
        self._queue = self._plan()
        generation = self._generation
        QTimer.singleShot(0, self.owner, lambda: self._step(generation))

    def resized(self) -> None:
        """The canvas changed size: the next run measures and places the axes again."""
        self.figure.set_layout_engine("none")
        self._relayout_due = True

    def cancel(self) -> None:
        """Drop the run under way (the figure is being replaced)."""
        self._generation += 1
        self._running = False
        self._again = False
        self._queue = []

    # ------------------------------------------------------------------------------- steps
    def _step(self, generation: int) -> None:
        if generation != self._generation:
            return
        started = time.perf_counter()
        while self._queue:
            self._queue.pop(0)()
            if generation != self._generation:
                return  # the item restarted or cancelled the run
            if (time.perf_counter() - started) * 1000 >= BUDGET_MS:
                break
        self.step_times.append((time.perf_counter() - started) * 1000)
        if self._queue:
            QTimer.singleShot(STEP_MS, self.owner, lambda: self._step(generation))
            return
        self._running = False
        if self._again:
            self.start()

    def _plan(self) -> list[Callable[[], None]]:
        axes = list(self.figure.axes)
        plan: list[Callable[[], None]] = []
        if self._relayout_due:
            sizes: dict[Any, tuple[float, float, float, float]] = {}

            def measure(ax: Any) -> None:
                sizes[ax] = decorations(ax, self.canvas)

            plan += [functools.partial(measure, ax) for ax in axes]
            plan.append(functools.partial(self._place, sizes))
        paint = _Paint(self.canvas)
        plan.append(paint.begin)
        plan += [functools.partial(paint.axes, ax) for ax in axes]
        plan.append(functools.partial(self._finish, paint))
        return plan

    def _place(self, sizes: dict[Any, tuple[float, float, float, float]]) -> None:
        place_in_cells(self.figure, sizes)
        self.figure.set_layout_engine("none")
        self._relayout_due = False

    def _finish(self, paint: _Paint) -> None:
        if not paint.finish():
            self._again = True  # resized while painting: paint at the new size
            return
        self.completed += 1
        self.canvas.callbacks.process("draw_event",
                                      DrawEvent("draw_event", self.canvas, paint.renderer))
        self.canvas.update()


class _Paint:
    """One paint of the figure into a new Agg buffer, shown when complete."""

    def __init__(self, canvas: SteppedCanvas) -> None:
        self.canvas = canvas
        self.figure = canvas.figure
        self.renderer: Any = None
        self.key: tuple[int, int, float] | None = None

    def _key(self) -> tuple[int, int, float]:
        width, height = self.canvas.get_width_height(physical=True)
        return width, height, self.figure.dpi

    def begin(self) -> None:
        self.key = self._key()
        width, height, dpi = self.key
        self.canvas.get_renderer()  # the canvas' buffer matches the size from here on
        self.renderer = RendererAgg(max(width, 1), max(height, 1), dpi)
        self.figure.patch.draw(self.renderer)

    def axes(self, ax: Any) -> None:
        if self.renderer is not None and ax.figure is self.figure:
            ax.draw(self.renderer)

    def finish(self) -> bool:
        if self.renderer is None or self._key() != self.key:
            return False
        others = [a for a in self.figure.get_children()
                  if a is not self.figure.patch and a not in self.figure.axes
                  and not a.get_animated()]
        for artist in sorted(others, key=lambda a: a.get_zorder()):
            artist.draw(self.renderer)
        self.figure.stale = False
        self.canvas.renderer = self.renderer
        return True


def decorations(ax: Any, canvas: Any) -> tuple[float, float, float, float]:
    """Pixels that ``ax``'s labels, title and legend take left, right, below and above it."""
    if not ax.get_visible():
        return (0.0, 0.0, 0.0, 0.0)
    tight = ax.get_tightbbox(canvas.get_renderer(), for_layout_only=True)
    box = ax.bbox
    if tight is None:
        return (0.0, 0.0, 0.0, 0.0)
    return (max(box.x0 - tight.x0, 0.0), max(tight.x1 - box.x1, 0.0),
            max(box.y0 - tight.y0, 0.0), max(tight.y1 - box.y1, 0.0))


def place_in_cells(figure: Any, sizes: dict[Any, tuple[float, float, float, float]]) -> None:
    """Size each gridspec axes to its cell less its own decorations (``sizes``, pixels);
    axes that start (end) on the same grid row share the largest top (bottom) decoration."""
    width, height = figure.bbox.width, figure.bbox.height
    if width <= 1 or height <= 1:
        return
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties

    points = FontProperties(size=rcParams["font.size"]).get_size_in_points()
    pad = 1.08 * points * figure.dpi / 72
    cells = {}
    for ax in sizes:
        spec = ax.get_subplotspec()
        if spec is not None:
            cells[ax] = spec.get_topmost_subplotspec()
    tops: dict[tuple[int, int], float] = {}
    bottoms: dict[tuple[int, int], float] = {}
    for ax, spec in cells.items():
        grid = id(spec.get_gridspec())
        top_key, bottom_key = (grid, spec.rowspan.start), (grid, spec.rowspan.stop)
        tops[top_key] = max(tops.get(top_key, 0.0), sizes[ax][3])
        bottoms[bottom_key] = max(bottoms.get(bottom_key, 0.0), sizes[ax][2])
    for ax, spec in cells.items():
        grid = spec.get_gridspec()
        columns = _edges(grid.get_width_ratios() or [1] * grid.ncols, width)
        rows = _edges(grid.get_height_ratios() or [1] * grid.nrows, height)
        left = columns[spec.colspan.start] + pad * (1.0 if spec.colspan.start == 0 else 0.5)
        right = columns[spec.colspan.stop] - pad * (1.0 if spec.colspan.stop == grid.ncols
                                                     else 0.5)
        top = height - rows[spec.rowspan.start] - pad * (1.0 if spec.rowspan.start == 0
                                                         else 0.5)
        bottom = height - rows[spec.rowspan.stop] + pad * (1.0 if spec.rowspan.stop ==
                                                           grid.nrows else 0.5)
        l_, r_, _b, _t = sizes[ax]
        x0, x1 = left + l_, right - r_
        y0 = bottom + bottoms[(id(grid), spec.rowspan.stop)]
        y1 = top - tops[(id(grid), spec.rowspan.start)]
        if x1 - x0 < 20 or y1 - y0 < 20:  # no room for the labels: keep the plot visible
            x0, x1, y0, y1 = left, right, bottom, top
        ax.set_position([x0 / width, y0 / height, (x1 - x0) / width, (y1 - y0) / height])


def _edges(ratios: list[float], total: float) -> list[float]:
    """Cumulative positions (from 0 to ``total``) of cells sized by ``ratios``."""
    whole = float(sum(ratios)) or 1.0
    edges, at = [0.0], 0.0
    for ratio in ratios:
        at += total * ratio / whole
        edges.append(at)
    return edges
