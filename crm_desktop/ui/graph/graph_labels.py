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
    would overlap one already placed, or leave ``area``, is left out.

    Runs for every zoom step over a few hundred candidates, so the geometry is plain floats
    (Qt's rectangle and point objects only for the names placed): 4 of a 17 ms repaint."""
    scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(world)
    m11, m12, m21, m22 = world.m11(), world.m12(), world.m21(), world.m22()
    dx, dy = world.dx(), world.dy()
    a_left, a_top, a_right, a_bottom = area.left(), area.top(), area.right(), area.bottom()
    sizes = {px: (label_font(px)[1].ascent(), label_font(px)[1].height())
             for px in (LABEL_PX, LABEL_PX + 1, LABEL_PX + 2)}
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    placed: list[Label] = []
    for index, item in enumerate(items):
        radius = item.radius * scale
        if index >= always and radius < MIN_LABEL_RADIUS_PX:
            break  # the rest is smaller still
        if not item.label:
            continue
        px = LABEL_PX + (1 if radius >= 8 else 0) + (1 if radius >= 14 else 0)
        ascent, height = sizes[px]
        x, y = item.x, item.y  # as QTransform.map (affine)
        origin_x = m11 * x + m21 * y + dx + radius + 3.0
        origin_y = m12 * x + m22 * y + dy + ascent * 0.35
        left, top = origin_x - 2.0, origin_y - ascent - 1.0
        width, tall = item.label_width(px) + 4.0, height + 2.0
        right, bottom = left + width, top + tall
        if not (a_left <= left and right <= a_right and a_top <= top and bottom <= a_bottom):
            continue  # (as QRectF.contains)
        cells = [(i, j)
                 for i in range(int(left // _CELL), int(right // _CELL) + 1)
                 for j in range(int(top // _CELL), int(bottom // _CELL) + 1)]
        if any(left < o_right and o_left < right and top < o_bottom and o_top < bottom
               for cell in cells for o_left, o_top, o_right, o_bottom in grid.get(cell, ())):
            continue  # (as QRectF.intersects)
        for cell in cells:
            grid.setdefault(cell, []).append((left, top, right, bottom))
        placed.append(Label(QPointF(origin_x, origin_y),
                            QRectF(left, top, width, tall), item.label, px))
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
