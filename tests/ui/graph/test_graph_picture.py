"""The graph view's picture (ui/graph/graph_picture.py): a pan paints only the strips it
uncovers, and what is on screen afterwards looks as a paint from scratch; a zoom or a change of
what is shown paints it whole.

"Looks as": not pixel for pixel. Qt clips a line at the edge of what it paints, and where it cuts
moves the line's staircase by a pixel here and there, so a line painted at the previous scroll
position (the moved pixels) or in a strip differs in a few pixels' shading from the same line
painted at once (as Qt's own scrolling of a view's pixels does). A shift in the wrong direction,
a strip left unpainted or a stale picture would change whole areas by far more.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from PySide6.QtGui import QImage

from crm_desktop.ui.graph.graph_specs import EdgeSpec, NodeSpec
from crm_desktop.ui.graph.graph_view import GraphView


def _graph(count: int = 400, links: int = 1500, seed: int = 3) -> tuple[list[NodeSpec],
                                                                        list[EdgeSpec]]:
    rng = random.Random(seed)
    nodes = [NodeSpec(i, rng.uniform(-600, 600), rng.uniform(-600, 600),
                      3 + 13 * rng.random() ** 3, rng.randrange(-1, 14), f"Customer {i}")
             for i in range(count)]
    edges = {}
    while len(edges) < links:
        a, b = rng.sample(range(count), 2)
        # a third inferred (dashed, their own layers), strengths over every bucket
        edge = EdgeSpec(a, b, rng.random(), ("colleague",), inferred=rng.random() < 0.3)
        edges[edge.key] = edge
    return nodes, list(edges.values())


@pytest.fixture
def view(qtbot):
    view = GraphView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.set_graph(*_graph())
    view.fit()
    return view


def _shown(view: GraphView) -> QImage:
    return view.viewport().grab().toImage()


def _fresh(view: GraphView) -> QImage:
    view._picture.invalidate()
    return _shown(view)


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, :image.width(), :3].astype(int)


def _looks_the_same(a: QImage, b: QImage) -> bool:
    """At most 1% of the pixels visibly different (by more than 48 of 255), 2 on average."""
    off = np.abs(_pixels(a) - _pixels(b)).max(axis=2)
    return bool((off > 48).mean() < 0.01 and off.mean() < 2.0)


@pytest.mark.parametrize("zoom", [1.0, 4.0])
def test_a_pan_paints_strips_and_shows_what_a_fresh_paint_shows(view, zoom):
    view.scale(zoom, zoom)  # zoomed in: antialiased edges and names; fitted: neither
    _shown(view)
    bars = view.horizontalScrollBar(), view.verticalScrollBar()
    for dx, dy in ((37, -23), (-5, 0), (0, 61), (-120, -90)):
        full, strips = view._picture.full_paints, view._picture.strip_paints
        bars[0].setValue(bars[0].value() + dx)
        bars[1].setValue(bars[1].value() + dy)
        panned = _shown(view)
        assert (view._picture.full_paints, view._picture.strip_paints) == (full, strips + 1)
        assert _looks_the_same(panned, _fresh(view)), f"pan by {dx}, {dy}"


def test_zoom_and_changes_paint_the_picture_whole(view):
    _shown(view)
    full = view._picture.full_paints
    view.scale(1.1, 1.1)
    _shown(view)
    assert view._picture.full_paints == full + 1
    before = _shown(view)
    view.set_filter(min_strength=0.6)  # fewer edges: the picture must not keep the old ones
    after = _shown(view)
    assert view._picture.full_paints == full + 2
    assert not _looks_the_same(after, before) and after == _fresh(view)
    view.highlight_path([0, 1, 2])
    assert _shown(view) != after
