"""Names on the relationship graph, placed in screen pixels so they are readable at any zoom.

``place_labels`` runs once per view transform (the view caches the result): most important
customers first, only nodes drawn big enough, never two names overlapping (a coarse grid keeps
the test cheap), at most ``MAX_LABELS``. ``draw_labels`` paints them on a pale box, so a name
stays legible over edges. Zoomed out only the leaders are named; zoomed in, everyone who fits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

if TYPE_CHECKING:
    from crm_desktop.ui.graph.graph_items import NodeItem

LABEL_PX = 11  # names are 11, 12 or 13 px high by the node's size on screen
MIN_LABEL_RADIUS_PX = 4.0  # a node gets its name once it is drawn at least this big
MAX_LABELS = 300
_CELL = 48.0  # grid cell (pixels) for the overlap test
_FONTS: dict[int, tuple[QFont, QFontMetricsF]] = {}


def label_font(px: int) -> tuple[QFont, QFontMetricsF]:
    found = _FONTS.get(px)
    if found is None:
        font = QFont()
        font.setPixelSize(px)
        found = _FONTS[px] = (font, QFontMetricsF(font))
    return found


@dataclass(frozen=True)
class Label:
    origin: QPointF  # baseline start, device pixels
    box: QRectF
    text: str
    px: int


def place_labels(world: QTransform, items: Iterable[NodeItem], area: QRectF,
                 always: int = 0, limit: int = MAX_LABELS) -> list[Label]:
    """Names in device pixels for ``items`` in priority order: the first ``always`` ones are
    named whenever they fit, the others only when drawn at least ``MIN_LABEL_RADIUS_PX`` big
    (they come largest first, so the first one drawn smaller ends the search); a name that
    would overlap one already placed, or leave ``area``, is left out."""
    scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(world)
    grid: dict[tuple[int, int], list[QRectF]] = {}
    placed: list[Label] = []
    for index, item in enumerate(items):
        radius = item.radius * scale
        if index >= always and radius < MIN_LABEL_RADIUS_PX:
            break  # the rest is smaller still
        if not item.label:
            continue
        px = LABEL_PX + (1 if radius >= 8 else 0) + (1 if radius >= 14 else 0)
        metrics = label_font(px)[1]
        at = world.map(item.pos())
        origin = QPointF(at.x() + radius + 3.0, at.y() + metrics.ascent() * 0.35)
        box = QRectF(origin.x() - 2.0, origin.y() - metrics.ascent() - 1.0,
                     item.label_width(px) + 4.0, metrics.height() + 2.0)
        if not area.contains(box):
            continue
        cells = [(i, j)
                 for i in range(int(box.left() // _CELL), int(box.right() // _CELL) + 1)
                 for j in range(int(box.top() // _CELL), int(box.bottom() // _CELL) + 1)]
        if any(box.intersects(other) for cell in cells for other in grid.get(cell, ())):
            continue
        for cell in cells:
            grid.setdefault(cell, []).append(box)
        placed.append(Label(origin, box, item.label, px))
        if len(placed) >= limit:
            break
    return placed


def draw_labels(painter: QPainter, labels: list[Label], text: QColor | None = None,
                canvas: QColor | None = None) -> None:
    """Draw placed names in device coordinates: `text` colour on a pale box of the `canvas`
    colour (default: dark names on the light canvas)."""
    painter.save()
    painter.resetTransform()
    painter.setPen(text if text is not None else QColor("#1f2933"))
    background = QColor(canvas if canvas is not None else QColor(251, 251, 252))
    background.setAlpha(210)
    for label in labels:
        painter.fillRect(label.box, background)
        painter.setFont(label_font(label.px)[0])
        painter.drawText(label.origin, label.text)
    painter.restore()
