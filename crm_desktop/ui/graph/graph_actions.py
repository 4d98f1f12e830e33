"""What the graph page writes: new links (undoable, drawn in place) and exports.

Exports write what is shown, filters applied: PNG and SVG render the scene (``QSvgGenerator``
for SVG), GraphML goes through ``services.graph.export_graphml`` in a worker with the metrics,
name and company of each customer as node attributes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtWidgets import QFileDialog

from crm_desktop.services import graph as graph_service
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.graph.graph_items import EdgeLayer
from crm_desktop.ui.graph.graph_labels import draw_labels
from crm_desktop.ui.graph.graph_specs import EdgeSpec
from crm_desktop.ui.graph.graph_view import GraphView
from crm_desktop.ui.graph.relationship_dialog import RelationshipDialog
from crm_desktop.ui.qt_typed import translate

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext
    from crm_desktop.ui.graph.graph_controls import GraphControls


# --------------------------------------------------------------------------- rendering


def _render(view: GraphView, painter: QPainter, size: QSize) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    target = QRectF(0, 0, size.width(), size.height())
    painter.fillRect(target, view.backgroundBrush())
    view.hide_rubber_band()
    source = view.content_rect()
    scale = min(target.width() / source.width(), target.height() / source.height())
    world = QTransform(scale, 0, 0, scale,
                       (target.width() - source.width() * scale) / 2 - source.left() * scale,
                       (target.height() - source.height() * scale) / 2 - source.top() * scale)
    smooth, EdgeLayer.smooth = EdgeLayer.smooth, True
    painter.save()
    try:
        painter.setClipRect(target)
        painter.setWorldTransform(world)
        view.paint_content(painter, source)  # edges and circles (the scene holds neither)
    finally:
        painter.restore()
        EdgeLayer.smooth = smooth
    draw_labels(painter, view.place_labels(world, target, source))


def _export_size(view: GraphView, max_side: int) -> QSize:
    rect = view.content_rect()
    scale = min(2.0, max_side / max(rect.width(), rect.height(), 1.0))
    return QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))


def render_png(view: GraphView, path: str, max_side: int = 3000) -> bool:
    size = _export_size(view, max_side)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    _render(view, painter, size)
    painter.end()
    # the format is a str at run time (bytes raise ValueError), though the stubs say bytes
    return image.save(path, "PNG")  # type: ignore[call-overload]


def render_svg(view: GraphView, path: str, title: str = "", max_side: int = 2000) -> None:
    from PySide6.QtSvg import QSvgGenerator

    size = _export_size(view, max_side)
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    painter = QPainter(generator)
    _render(view, painter, size)
    painter.end()


# --------------------------------------------------------------------------- page mixin


class GraphActions:
    """Linking and exporting for ``GraphPage`` (a mixin: uses its view, data and context)."""

    context: AppContext
    controls: GraphControls
    view: GraphView
    data: graph_service.GraphData | None
    link_dialog: RelationshipDialog | None
    _own_changes: int

    if TYPE_CHECKING:
        def _failed(self, error: BaseException) -> None: ...
        def _update_status(self) -> None: ...
        def _bring_in(self, nodes: list[int], anchor: int | None) -> list[int]: ...

    # Linking ---------------------------------------------------------------------------------
    def request_link(self, source: int, target: int | None) -> RelationshipDialog:
        """Ask kind and strength for a new link (undoable); the drawing updates in place."""
        dialog = RelationshipDialog(self.context.database, source, self,  # type: ignore[arg-type]
                                    context=self.context, target_id=target,
                                    on_change=self._relationship_changed)
        self.link_dialog = dialog
        dialog.open()
        return dialog

    def _relationship_changed(self, relationship_id: int, alive: bool) -> None:
        """Redraw the pair of a relationship that was created, edited, undone or redone.

        A recorded relationship replaces an inferred link of the pair; when the pair's last
        recorded relationship goes, its inferred link (if the graph has inferred links) returns.
        """
        self._own_changes += 1  # the "relationships" notification that follows is ours
        if self.data is None:
            return
        pair = graph_service.pair_links(self.context.database, relationship_id)
        if pair is None:
            return
        a, b, rows = pair.source_id, pair.target_id, pair.links
        graph = self.data.graph
        if rows:
            kinds = tuple(sorted({k for k, _ in rows}))
            strength = max(max(s for _, s in rows), 0.05)
            graph.add_edge(a, b, weight=strength, distance=1.0 / strength, kind=",".join(kinds),
                           inferred=False)
            for node, other in ((a, b), (b, a)):
                if not self.view.has_node(node):
                    self._bring_in([node], anchor=other)
            self.view.put_edge(EdgeSpec(a, b, strength, kinds))
        elif (guess := self.data.candidates.get((min(a, b), max(a, b)))) is not None:
            weight, kind = guess
            graph.add_edge(a, b, weight=weight, distance=1.0 / weight, kind=kind, inferred=True)
            self.view.put_edge(EdgeSpec(a, b, weight, tuple(kind.split(",")), True))
        else:
            if graph.has_edge(a, b):
                graph.remove_edge(a, b)
            self.view.put_edge(None, key=(min(a, b), max(a, b)))
        self._update_status()

    # Export ----------------------------------------------------------------------------------
    def _export_dialog(self, kind: str) -> None:
        filters = {"png": translate("GraphPage", "PNG image (*.png)"), "svg": translate("GraphPage", "SVG image (*.svg)"),
                   "graphml": translate("GraphPage", "GraphML (*.graphml)")}
        path, _ = QFileDialog.getSaveFileName(
            self, translate("GraphPage", "Export the graph"),  # type: ignore[arg-type]
            f"relationships.{kind}", filters[kind])
        if path:
            self.export(kind, path)

    def export(self, kind: str, path: str) -> None:
        """Write what is shown (filters applied): "png", "svg", or "graphml" (in a worker)."""
        try:
            if kind == "png":
                if not render_png(self.view, path):
                    raise OSError(translate("GraphPage", "Could not write {0}").format(path))
            elif kind == "svg":
                render_svg(self.view, path, translate("GraphPage", "Relationship graph"))
            else:
                self._export_graphml(path)
                return
        except Exception as error:  # noqa: BLE001 - every failure reaches show_error
            show_error(self, error)  # type: ignore[arg-type]
            return
        self.controls.set_status(translate("GraphPage", "Saved {0}").format(path))

    def _export_graphml(self, path: str) -> None:
        import pandas as pd

        assert self.data is not None
        nodes = self.view.visible_nodes()
        rows: list[Any] = [(e.source, e.target, e.strength, ",".join(e.kinds), e.inferred)
                           for e in self.view.visible_edges()]
        edges = pd.DataFrame(rows, columns=["source", "target", "weight", "kind", "inferred"])
        self.context.runner.run(
            graph_service.export_graphml, edges, self.data.metrics.reindex(nodes),
            self.data.labels.frame(nodes), path, owner=self, key="export",
            on_finished=lambda p: self.controls.set_status(translate("GraphPage", "Saved {0}").format(p)),
            on_failed=self._failed)
