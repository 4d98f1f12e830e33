"""The graph's edges and circles kept as a picture of the viewport, so a pan paints only strips.

A repaint of the whole graph (2,000 customers, 8,700 edges) costs 20-40 ms of the GUI thread,
nearly all of it in edges and circles; the names on top cost 5. A pan moves the view by whole
pixels at the same zoom, so the picture already painted is still right, only shifted: the
picture is scrolled (``QPixmap.scroll``) and only the strips it exposes are painted, each with
its own clip and only the layers that reach it. Anything else (a zoom, a resize, a change of
what is shown, of the palette or of the antialiasing) paints the picture again whole.

Why not ``QGraphicsView.CacheBackground``: it paints the exposed strips of a diagonal pan as one
call for their bounding rectangle (the whole viewport), so every edge and circle was still
drawn, only clipped.

The shifted pixels are the ones a fresh paint makes: the view's transform is a scale plus
whole-pixel scroll offsets, so a point lands on the same pixel either way (a test compares a
panned picture with a fresh one, pixel by pixel).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QBrush, QPainter, QPixmap, QRegion, QTransform

# paint(painter, scene_rect): draw the content that meets scene_rect (the painter is clipped)
PaintContent = Callable[[QPainter, QRectF], None]
_REACH = 4.0  # pixels: how far beyond its position a drawn thing can reach (widest pen 4)


class ViewPicture:
    """A pixmap of the viewport's content for one transform; scrolled on pans."""

    def __init__(self) -> None:
        self._pixmap: QPixmap | None = None
        self._key: Hashable = None
        self._dx = 0.0  # the viewport transform's offsets the picture was painted at
        self._dy = 0.0
        self.full_paints = 0  # counters for tests and the bench
        self.strip_paints = 0

    def invalidate(self) -> None:
        self._key = None

    def pixmap(self, world: QTransform, size: QRect, dpr: float, key: Hashable,
               brush: QBrush, hints: QPainter.RenderHint, paint: PaintContent) -> QPixmap:
        """The picture for the viewport transform ``world`` (scene -> viewport pixels),
        painted again, scrolled or as it is. ``key`` names everything else it depends on."""
        full_key = (world.m11(), world.m12(), world.m21(), world.m22(), size.width(),
                    size.height(), dpr, key)
        shift_x, shift_y = world.dx() - self._dx, world.dy() - self._dy
        whole = shift_x == round(shift_x) and shift_y == round(shift_y)
        if (self._pixmap is None or full_key != self._key or not whole
                or abs(shift_x) >= size.width() or abs(shift_y) >= size.height()):
            self._pixmap = QPixmap(size.size() * dpr)
            self._pixmap.setDevicePixelRatio(dpr)
            self._key = full_key
            exposed = QRegion(size)
            self.full_paints += 1
        elif shift_x or shift_y:
            exposed = self._scroll(round(shift_x), round(shift_y), size)
            self.strip_paints += 1
        else:
            return self._pixmap
        self._dx, self._dy = world.dx(), world.dy()
        self._paint(exposed, world, brush, hints, paint)
        return self._pixmap

    def _scroll(self, dx: int, dy: int, size: QRect) -> QRegion:
        """Move the pixels by (dx, dy) logical pixels; the region left to paint."""
        assert self._pixmap is not None
        dpr = self._pixmap.devicePixelRatio()
        self._pixmap.scroll(round(dx * dpr), round(dy * dpr), self._pixmap.rect())
        exposed = QRegion()
        width, height = size.width(), size.height()
        if dx > 0:
            exposed += QRect(0, 0, dx, height)
        elif dx < 0:
            exposed += QRect(width + dx, 0, -dx, height)
        if dy > 0:
            exposed += QRect(0, 0, width, dy)
        elif dy < 0:
            exposed += QRect(0, height + dy, width, -dy)
        return exposed

    def _paint(self, exposed: QRegion, world: QTransform, brush: QBrush,
               hints: QPainter.RenderHint, paint: PaintContent) -> None:
        assert self._pixmap is not None
        inverse, _ok = world.inverted()
        painter = QPainter(self._pixmap)
        try:
            # one strip at a time (iterable at run time; the stubs say not): only what reaches
            # it is drawn
            for rect in exposed:  # type: ignore[attr-defined]
                painter.save()
                painter.setClipRect(rect)
                painter.fillRect(rect, brush)
                painter.setRenderHints(hints)
                painter.setWorldTransform(world)
                # a few pixels more: what lies just outside may still reach into the strip (a
                # circle's outline, antialiasing); the clip keeps it to the strip
                paint(painter, inverse.mapRect(QRectF(rect).adjusted(-_REACH, -_REACH,
                                                                     _REACH, _REACH)))
                painter.restore()
        finally:
            painter.end()
