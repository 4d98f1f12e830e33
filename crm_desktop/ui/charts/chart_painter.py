"""Building, laying out and painting a chart's figure a few small items per event-loop step.

With matplotlib 3.11 on a 2-core laptop one axes of eleven labelled bars takes 70-100 ms to lay
out and 50-90 ms to paint, and the dashboard's nine axes several times that: in one step either
stalls the window well past the 50 ms budget. A ``ChartPanel`` (charts.py) hands every draw of
its canvas (``draw_idle``: a new chart, a resize, pan and zoom) to its :class:`StepPainter`,
which runs, a few items per step:

1. build: the steps the page handed over (``panel.draw(steps)``: add an axes, plot on it);
2. measure the decorations (tick labels, titles, legends) of each axes, one axis at a time, and
   place each gridspec axes in its cell sized to its own decorations; the axes of a grid row
   share their top and bottom, so titles and x axes line up (no figure-wide tight layout, which
   makes every gap as wide as the widest labels anywhere). Only after new build steps or a
   resize; pan and zoom only repaint;
3. paint the figure into a new Agg buffer, one artist (a tick, a title, a bar container, ...)
   per item (chart_layout.py), then the buffer replaces the shown one at once (a half-painted
   figure is never on screen).

Each step runs items until ``BUDGET_MS`` have passed, so a step lasts that plus at most one
item. An explicit ``canvas.draw()`` (and saving as PNG/SVG) still draws the whole figure at once.

Why not a thread: painting in a worker thread left the GUI thread waiting for the GIL at every
call into Python (each cell a table view asks its model for, each event handler), and the
window's heartbeat missed the budget by more than on the GUI thread.
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

from crm_desktop.ui.charts.chart_layout import Item, measure_items, paint_items, place_in_cells

BUDGET_MS = 5.0  # a step runs items until this much time has passed (an item takes 1-15 ms)
# Between steps: a timer, not a posted call, so that other timers due (and input and paint
# events) run in between rather than after a chain of posted calls.
STEP_MS = 1


_ALONE: list[Item] = []  # what a build step returns: it takes a step of its own


def _alone(step: Item) -> list[Item]:
    """Run a page's build step; build steps take 10-25 ms each, so one per event-loop step."""
    step()
    return _ALONE


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
    """Builds, measures, places and paints the axes of ``canvas.figure`` over many steps."""

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
        self._build: list[Item] = []  # build steps waiting for the next run
        self._queue: list[Item] = []

    @property
    def running(self) -> bool:
        """A run is under way or due."""
        return self._running or bool(self._build)

    # ---------------------------------------------------------------------------- control
    def start(self, relayout: bool = False, build: list[Item] | None = None) -> None:
        """Paint the figure, after running ``build`` and after measuring and placing its axes
        (when ``relayout``, after a resize or after build steps); while a run is under way,
        another follows it."""
        self._relayout_due = self._relayout_due or relayout or bool(build)
        if build:
            self._build.extend(build)
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        self._generation += 1
        self.step_times = []
        build, self._build = self._build, []
        self._queue = [*(functools.partial(_alone, step) for step in build), self._plan]
        generation = self._generation
        QTimer.singleShot(STEP_MS, self.owner, lambda: self._step(generation))

    def resized(self) -> None:
        """The canvas changed size: the next run measures and places the axes again."""
        self.figure.set_layout_engine("none")
        self._relayout_due = True

    def cancel(self) -> None:
        """Drop the run under way and the build steps not run yet (the figure is being
        replaced)."""
        self._generation += 1
        self._running = False
        self._again = False
        self._queue = []
        self._build = []

    # ------------------------------------------------------------------------------- steps
    def _step(self, generation: int) -> None:
        if generation != self._generation:
            return
        started = time.perf_counter()
        while self._queue:
            more = self._queue.pop(0)()
            if generation != self._generation:
                return  # the item restarted or cancelled the run
            if more and more is not _ALONE:
                self._queue[:0] = more
            if (time.perf_counter() - started) * 1000 >= BUDGET_MS or more is _ALONE:
                break
        self.step_times.append((time.perf_counter() - started) * 1000)
        if self._queue:
            QTimer.singleShot(STEP_MS, self.owner, lambda: self._step(generation))
            return
        self._running = False
        if self._again or self._build:
            self.start()

    def _plan(self) -> list[Item]:
        """The layout and paint items, made once the build steps have run."""
        paint = _Paint(self.canvas)
        plan: list[Item] = [paint.begin]
        if self._relayout_due:
            self._relayout_due = False
            sizes: dict[Any, tuple[float, float, float, float]] = {}
            plan += [functools.partial(self._measure, paint, ax, sizes)
                     for ax in self.figure.axes]
            plan.append(functools.partial(self._place, sizes))
        plan.append(paint.background)
        plan += [functools.partial(paint.axes, ax) for ax in self.figure.axes]
        plan.append(functools.partial(self._finish, paint))
        return plan

    def _measure(self, paint: _Paint, ax: Any,
                 sizes: dict[Any, tuple[float, float, float, float]]) -> list[Item]:
        return measure_items(ax, paint.renderer, sizes)

    def _place(self, sizes: dict[Any, tuple[float, float, float, float]]) -> None:
        place_in_cells(self.figure, sizes)
        self.figure.set_layout_engine("none")

    def _finish(self, paint: _Paint) -> None:
        if not paint.finish():
            self._again = True  # resized while painting: paint at the new size
            self._relayout_due = True
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

    def background(self) -> None:
        self.figure.patch.draw(self.renderer)

    def axes(self, ax: Any) -> list[Item] | None:
        if ax.figure is not self.figure:
            return None
        return paint_items(ax, self.renderer)

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
