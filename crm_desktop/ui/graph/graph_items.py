"""Cheap scene items for the relationship graph: node proxies, node and edge layers, highlight.

Performance choices (2,000 nodes, ~10,000 edges, a repaint must stay under 33 ms), measured
with bench/graph.py:

* Nodes are not painted one by one: a Python ``paint()`` per node cost ~11 us, 22 ms for 2,000.
  Nor are they scene items (2,000 items without contents still cost the scene ~5 ms a paint):
  a ``NodeItem`` is a plain object, the view indexes them in a grid for hit tests and names,
  and one ``NodeLayer`` draws them all: nodes under 1.5 px on screen as squares in one
  ``drawRects`` call per colour, the others with one ``drawEllipse`` each (~3 us). One filled
  path per colour was tried and was slower (2,000 subpaths rasterize worse than 2,000 ellipses).
* Edges are not items each: ``EdgeLayer`` holds many segments in one path drawn with one
  cosmetic pen, one layer per strength bucket and screen tile (a strip of the view's picture,
  graph_picture.py, draws only the tiles that reach it). The layers are not in the scene: the
  canvas paints them into its picture (and the exports onto theirs). Colours are
  opaque (alpha blending long lines cost 7-10x more); antialiasing is switched on only while
  few edges are in view (the view decides, ``EdgeLayer.smooth``).
* Inferred links (same company, same campaign response) have layers of their own: a 1 px dashed
  cosmetic pen in paler, bluish greys, under the recorded edges. A cosmetic pen of at most 1 px
  keeps Qt's fast cosmetic stroker, which dashes as it rasterizes, so dashing costs no path
  stroking; wider dashed pens would go through the general stroker and cost far more.
* Names are placed in screen pixels by ``graph_labels`` (the view's foreground), not by items.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from crm_desktop.ui.graph.graph_labels import label_font

# Qualitative palette (Tableau 10 + 2) for the largest communities; the rest share a grey.
COMMUNITY_COLORS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#8cd17d",
)
OTHER_COMMUNITY = "#a0a7b0"
UNCONNECTED = "#d5d9de"
HIGHLIGHT = QColor("#d62728")
STRENGTH_BUCKETS = 5  # edges are grouped by strength into this many layers
# Opaque greys, light (weak tie) to dark (strong tie).
_BUCKET_COLOR = ("#dde0e5", "#c8cdd4", "#aab2bc", "#87919e", "#5f6b7a")
_BUCKET_WIDTH = (1.0, 1.0, 1.2, 1.5, 2.0)  # cosmetic pixels
# Inferred links (weights 0.2-0.5 by default): paler, slightly blue, always 1 px and dashed.
_INFERRED_COLOR = ("#d3dbe6", "#c6d0de", "#b4c1d3", "#a3b2c8", "#93a4bd")
# The same ramps for the dark theme: dark (weak) to light (strong) on a dark canvas.
_BUCKET_COLOR_DARK = ("#3c4048", "#50565f", "#6c7580", "#8e98a4", "#b5bec9")
_INFERRED_COLOR_DARK = ("#34405a", "#3e4c68", "#4a5a7a", "#58698b", "#67799c")
_INFERRED_DASHES = (3.0, 3.0)  # pixels on, off
_OUTLINE_LOD = 0.45  # circles get a white outline from this zoom on
_CROWDED_WIDTH = 1.001  # see _crowded_pen
_TINY_PX = 1.5  # a node smaller than this radius on screen is drawn as a filled square

EDGE_Z, PATH_Z, NODE_Z, RING_Z, RUBBER_Z = 0.0, 1.0, 2.0, 2.5, 3.0
INFERRED_Z = -0.5  # inferred links under the recorded ones


def community_color(community: int | None) -> QColor:
    if community is None or community < 0:
        return QColor(UNCONNECTED)
    if community < len(COMMUNITY_COLORS):
        return QColor(COMMUNITY_COLORS[community])
    return QColor(OTHER_COMMUNITY)


def node_radius(influence: float) -> float:
    """Scene radius from the influence score in [0, 1]: 3 (least) to 16 (most influential)."""
    value = min(1.0, max(0.0, float(influence)))
    return 3.0 + 13.0 * value**3


def strength_bucket(strength: float) -> int:
    return min(STRENGTH_BUCKETS - 1, max(0, int(float(strength) * STRENGTH_BUCKETS)))


def edge_pen(bucket: int, inferred: bool = False, dark: bool = False) -> QPen:
    """The cosmetic pen of an edge layer (also drawn by the legend): stronger ties stand out
    more from the canvas (darker on the light one, lighter on the dark one)."""
    if inferred:
        pen = QPen(QColor((_INFERRED_COLOR_DARK if dark else _INFERRED_COLOR)[bucket]), 1.0)
        pen.setDashPattern(list(_INFERRED_DASHES))
    else:
        pen = QPen(QColor((_BUCKET_COLOR_DARK if dark else _BUCKET_COLOR)[bucket]),
                   _BUCKET_WIDTH[bucket])
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


class NodeItem:
    """One customer as the view knows it (position, size, colour, name, state); not a scene
    item: ``NodeLayer`` draws them all, and the view finds them with its own grid index."""

    __slots__ = ("node_id", "radius", "color", "label", "highlighted", "x", "y", "_pos",
                 "_visible", "_widths")

    def __init__(self, node_id: int, radius: float, color: QColor, label: str) -> None:
        self.node_id = node_id
        self.radius = radius
        self.color = color
        self.label = label
        self.highlighted = False
        self._pos = QPointF()
        self.x = self.y = 0.0  # the position as plain floats (cheap to compare in Python)
        self._visible = True
        self._widths: dict[int, float] = {}

    def pos(self) -> QPointF:
        return self._pos

    def setPos(self, x: float, y: float) -> None:  # noqa: N802 - reads like Qt's
        self._pos = QPointF(x, y)
        self.x, self.y = float(x), float(y)

    def isVisible(self) -> bool:  # noqa: N802
        return self._visible

    def setVisible(self, on: bool) -> None:  # noqa: N802
        self._visible = on

    def rect(self, margin: float = 0.0) -> QRectF:
        r = self.radius + margin
        return QRectF(self._pos.x() - r, self._pos.y() - r, 2 * r, 2 * r)

    def label_width(self, px: int) -> float:
        width = self._widths.get(px)
        if width is None:
            width = self._widths[px] = label_font(px)[1].horizontalAdvance(self.label)
        return width


class _Layer(QGraphicsItem):
    """One item that draws many things at `z`: bounded by `_rect`, invisible to mouse clicks
    and hit tests (the view finds nodes and edges itself)."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self._rect = QRectF()
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._rect

    def shape(self) -> QPainterPath:
        return QPainterPath()


class NodeLayer(_Layer):
    """Every visible customer's circle, grouped by colour; a ring around highlighted ones.

    Circles are kept smallest first (so big ones are drawn on top) and a paint splits them with
    one bisect: those under ``_TINY_PX`` on screen are filled squares, one ``drawRects`` call
    per colour; the others are ellipses (skipped when outside the exposed area).
    """

    def __init__(self) -> None:
        super().__init__(NODE_Z)
        self._groups: list[tuple[QBrush, list[float], list[QRectF]]] = []
        self._radii: list[float] = []
        self._circles: list[tuple[QRectF, QBrush]] = []
        self._extents = np.empty((0, 4))
        self._rings: list[QRectF] = []
        self._outline = QPen(QColor(255, 255, 255, 220), 0)
        self._ring = QPen(HIGHLIGHT, 2.5)
        self._ring.setCosmetic(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_nodes(self, items: list[NodeItem]) -> None:
        self.prepareGeometryChange()
        groups: dict[int, tuple[QColor, list[tuple[float, float, float]]]] = {}
        rings = []
        left = top = float("inf")
        right = bottom = float("-inf")
        for item in items:
            if not item.isVisible():
                continue
            at, r = item.pos(), item.radius
            x, y = at.x(), at.y()
            groups.setdefault(item.color.rgba(), (item.color, []))[1].append((r, x, y))
            if item.highlighted:
                rings.append(QRectF(x - r - 2.0, y - r - 2.0, 2 * r + 4.0, 2 * r + 4.0))
            left, top = min(left, x - r - 3), min(top, y - r - 3)
            right, bottom = max(right, x + r + 3), max(bottom, y + r + 3)
        self._groups = []
        everyone: list[tuple[float, int, QRectF, QBrush]] = []
        for color, circles in groups.values():
            circles.sort()
            brush = QBrush(color)
            rects = [QRectF(x - r, y - r, 2 * r, 2 * r) for r, x, y in circles]
            self._groups.append((brush, [c[0] for c in circles], rects))
            everyone.extend((c[0], len(everyone), rect, brush)
                            for c, rect in zip(circles, rects, strict=True))
        everyone.sort(key=lambda c: (c[0], c[1]))
        self._radii = [c[0] for c in everyone]
        self._circles = [(c[2], c[3]) for c in everyone]
        # left, top, right, bottom of each circle: which meet a part is one array test (a
        # Python test per circle took 1.5 ms of a 17 ms repaint at 2,000 customers)
        self._extents = np.array([(c[2].left(), c[2].top(), c[2].right(), c[2].bottom())
                                  for c in everyone], dtype=float).reshape(-1, 4)
        self._rings = rings
        self._rect = QRectF(left, top, right - left, bottom - top) if rings or groups \
            else QRectF()
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        tiny = _TINY_PX / max(lod, 1e-9)
        exposed = option.exposedRect
        outline = self._outline if lod >= _OUTLINE_LOD else Qt.PenStyle.NoPen
        painter.setPen(Qt.PenStyle.NoPen)
        for brush, radii, rects in self._groups:
            split = bisect_left(radii, tiny)
            if split:
                painter.setBrush(brush)
                painter.drawRects(rects[:split])
        painter.setPen(outline)
        current = None
        first = bisect_left(self._radii, tiny)
        circles = self._circles[first:]
        if not exposed.contains(self._rect):  # a part: skip the circles out of it
            e = self._extents[first:]  # (as QRectF.intersects: overlapping, not touching)
            meets = np.flatnonzero((e[:, 0] < exposed.right()) & (e[:, 2] > exposed.left())
                                   & (e[:, 1] < exposed.bottom()) & (e[:, 3] > exposed.top()))
            circles = [circles[i] for i in meets.tolist()]
        for rect, brush in circles:
            if brush is not current:
                painter.setBrush(brush)
                current = brush
            painter.drawEllipse(rect)
        if self._rings:
            painter.setPen(self._ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in self._rings:
                painter.drawEllipse(rect)


def _crowded_pen(pen: QPen) -> QPen:
    """The pen of a layer drawn without antialiasing (many edges in view). A solid 1 px cosmetic
    pen goes through Qt's cosmetic stroker, pixel by pixel: 19 ms for 8,700 long edges at "fit
    to view"; 1.001 px goes through the path stroker and the span filler instead: 7 ms, and looks
    the same (3% more pixels). Dashed pens keep 1 px: the cosmetic stroker dashes as it draws,
    the path stroker would have to cut every dash (3.5x slower)."""
    if pen.widthF() > 1.0 or pen.style() != Qt.PenStyle.SolidLine:
        return pen
    fast = QPen(pen)
    fast.setWidthF(_CROWDED_WIDTH)
    return fast


class EdgeLayer(_Layer):
    """Many straight segments drawn as one path with one pen; invisible to hit tests."""

    smooth = True  # antialiasing for the (non-highlight) edge layers; set by the view

    def __init__(self, pen: QPen, z: float = EDGE_Z, always_smooth: bool = False) -> None:
        super().__init__(z)
        self._pen = pen
        self._crowded = _crowded_pen(pen)
        self._always_smooth = always_smooth
        self._path = QPainterPath()
        self.count = 0

    @classmethod
    def for_bucket(cls, bucket: int, inferred: bool = False, dark: bool = False) -> EdgeLayer:
        return cls(edge_pen(bucket, inferred, dark), INFERRED_Z if inferred else EDGE_Z)

    @property
    def pen(self) -> QPen:
        return QPen(self._pen)

    def set_pen(self, pen: QPen) -> None:
        """A new pen (a theme switch)."""
        self._pen = pen
        self._crowded = _crowded_pen(pen)
        self.update()

    @classmethod
    def highlight(cls) -> EdgeLayer:
        pen = QPen(HIGHLIGHT, 4.0)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return cls(pen, PATH_Z, always_smooth=True)

    def set_segments(self, segments: list[tuple[QPointF, QPointF]]) -> None:
        self.prepareGeometryChange()
        path = QPainterPath()
        for start, end in segments:
            path.moveTo(start)
            path.lineTo(end)
        self._path = path
        self.count = len(segments)
        margin = self._pen.widthF() + 1.0
        self._rect = path.controlPointRect().adjusted(-margin, -margin, margin, margin)
        self.update()

    def set_polyline(self, points: list[QPointF]) -> None:
        self.set_segments(list(zip(points, points[1:], strict=False)))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if not self.count:
            return
        smooth = EdgeLayer.smooth or self._always_smooth
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        painter.setPen(self._pen if smooth else self._crowded)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
