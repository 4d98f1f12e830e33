"""The relationship graph's drawing surface: what is shown, filters, highlight, zoom, names.

``GraphCanvas`` holds the customers (``NodeSpec``) and relationships (``EdgeSpec``) it is given,
draws them with the cheap layers of ``graph_items`` into a picture of the viewport that a pan
scrolls (``graph_picture``; the layers are not scene items, the scene holds only the rubber band)
and names them with ``graph_labels`` on top; it never touches the database.
``graph_view.GraphView`` adds the mouse, the keyboard and the tooltips (``edge_tooltip_for``).
Inferred links (``EdgeSpec.inferred``) get layers of their own (dashed, paler).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain as chain_items

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from crm_desktop.ui.graph.graph_items import (
    RUBBER_Z,
    EdgeLayer,
    NodeItem,
    NodeLayer,
    community_color,
    edge_pen,
    strength_bucket,
)
from crm_desktop.ui.graph.graph_labels import Label, draw_labels, place_labels
from crm_desktop.ui.graph.graph_picture import ViewPicture
from crm_desktop.ui.graph.graph_specs import EdgeSpec, NodeSpec, cell, edge_key
from crm_desktop.ui.theme import tones

_MAX_SCALE = 40.0
_MAX_R = 20.0  # no node is larger (graph_items.node_radius tops out at 16)
_EDGE_TILES = 4  # edges are split into 4 x 4 tiles per strength bucket
EDGE_AA_MAX = 2500  # edges are antialiased while at most this many are (roughly) in view
TOP_LABELS = 12  # the most influential visible customers are always named


class GraphCanvas(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scene = QGraphicsScene(self)
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setScene(scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self._dark = False
        # Edges and circles are painted into this picture, not by the scene (graph_picture.py):
        # a pan then paints only the strips it uncovers.
        self._picture = ViewPicture()
        self._content_version = 0  # bumped whenever the picture must be painted again
        self._paint_canvas()
        self._nodes: dict[int, NodeItem] = {}
        self._grid: dict[tuple[int, int], list[NodeItem]] = {}
        self._specs: dict[int, NodeSpec] = {}
        self._edges: dict[tuple[int, int], EdgeSpec] = {}
        # Edge layers per (strength bucket, tile, inferred): a strip of the picture draws only
        # the tiles that reach it.
        self._layers: dict[tuple[int, int, int, bool], EdgeLayer] = {}
        self._path = EdgeLayer.highlight()
        self._rubber = QGraphicsLineItem()  # the line drawn while linking two customers
        pen = QPen(QColor("#d62728"), 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._rubber.setPen(pen)
        self._rubber.setZValue(RUBBER_Z)
        self._rubber.hide()
        self._node_layer = NodeLayer()
        scene.addItem(self._rubber)  # the only scene item: edges and circles are the picture
        self._kinds: frozenset[str] | None = None
        self._min_strength = 0.0
        self._community: int | None = None
        self._highlight: list[int] = []
        self._version = 0  # bumped when what is drawn changes (names are placed again)
        self._label_key: tuple[object, ...] = ()
        self._labels: list[Label] = []
        self._by_size: list[NodeItem] = []  # visible nodes, largest first, as of _by_size_version
        self._by_size_version = -1
        self.edge_tooltip_for: Callable[[EdgeSpec], str] | None = None
        self.viewport().installEventFilter(self)  # before the view's own handling: edge tips

    # Content ---------------------------------------------------------------------------------
    def set_graph(self, nodes: Iterable[NodeSpec], edges: Iterable[EdgeSpec]) -> None:
        """Replace everything shown (keeps the filters)."""
        self._nodes.clear()
        self._grid.clear()
        self._specs.clear()
        self._edges.clear()
        self._path.set_segments([])
        self.add_nodes(nodes, rebuild=False)
        self.add_edges(edges)

    def add_nodes(self, nodes: Iterable[NodeSpec], rebuild: bool = True,
                  redraw: bool = True) -> list[int]:
        """Add customers' circles. `redraw` False (a drawing made in steps): the scene's extent
        and the circles drawn are brought up to date by `nodes_added()` once the last step is
        in, not after each step (each went over every node added so far, so the last steps of
        2,000 customers took 40-70 ms of the GUI thread)."""
        added = []
        for spec in nodes:
            if spec.id in self._nodes:
                continue
            item = NodeItem(spec.id, spec.radius, community_color(spec.community), spec.label)
            item.setPos(spec.x, spec.y)
            item.setVisible(self._node_passes(spec))
            self._grid.setdefault(cell(spec.x, spec.y), []).append(item)
            self._nodes[spec.id] = item
            self._specs[spec.id] = spec
            added.append(spec.id)
        if redraw:
            self.nodes_added()
        if rebuild:
            self.rebuild_edges()
        return added

    def nodes_added(self) -> None:
        """The scene's extent and the circles drawn, after nodes were added (`add_nodes`)."""
        self.update_extent()
        self.redraw_nodes()

    def update_extent(self) -> None:
        """The scene's extent, from the nodes shown (the first half of `nodes_added`)."""
        self._update_scene_rect()

    def redraw_nodes(self) -> None:
        """The circles drawn again (the second half of `nodes_added`)."""
        self._changed()

    def add_edges(self, edges: Iterable[EdgeSpec]) -> None:
        for edge in edges:
            self._edges[edge.key] = edge
        self.rebuild_edges()

    def put_edge(self, edge: EdgeSpec | None, key: tuple[int, int] | None = None) -> None:
        """Set (or with ``None`` remove) the edge of one pair."""
        if edge is None:
            if key is not None:
                self._edges.pop(key, None)
        else:
            self._edges[edge.key] = edge
        self.rebuild_edges()

    def edge(self, a: int, b: int) -> EdgeSpec | None:
        return self._edges.get(edge_key(a, b))

    def node_ids(self) -> list[int]:
        return list(self._nodes)

    def has_node(self, node: int) -> bool:
        return node in self._nodes

    def node_spec(self, node: int) -> NodeSpec | None:
        return self._specs.get(node)

    # Filters ---------------------------------------------------------------------------------
    def set_filter(self, kinds: Iterable[str] | None = None, min_strength: float = 0.0,
                   community: int | None = None) -> None:
        """Show only edges of these kinds (None: all) at or above ``min_strength``, and only
        the customers of ``community`` (None: all)."""
        self._kinds = frozenset(kinds) if kinds is not None else None
        self._min_strength = float(min_strength)
        self._community = community
        for node, item in self._nodes.items():
            item.setVisible(self._node_passes(self._specs[node]))
        self._changed()
        self.rebuild_edges()

    def _node_passes(self, spec: NodeSpec) -> bool:
        return self._community is None or spec.community == self._community

    def _edge_passes(self, edge: EdgeSpec) -> bool:
        if edge.strength < self._min_strength:
            return False
        return self._kinds is None or any(k in self._kinds for k in edge.kinds)

    def visible_edges(self) -> list[EdgeSpec]:
        shown = self._nodes
        return [
            e for e in self._edges.values()
            if e.source in shown and e.target in shown and shown[e.source].isVisible()
            and shown[e.target].isVisible() and self._edge_passes(e)
        ]

    def edge_layers(self) -> list[EdgeLayer]:
        return list(self._layers.values())

    def visible_nodes(self) -> list[int]:
        return [n for n, item in self._nodes.items() if item.isVisible()]

    def rebuild_edges(self) -> None:
        """Regroup the visible edges into layers by strength and by tile (of the midpoint)."""
        rect = self.scene().sceneRect()
        width = max(rect.width(), 1.0) / _EDGE_TILES
        height = max(rect.height(), 1.0) / _EDGE_TILES
        groups: dict[tuple[int, int, int, bool], list[tuple[QPointF, QPointF]]] = {}
        for edge in self.visible_edges():
            a, b = self._nodes[edge.source].pos(), self._nodes[edge.target].pos()
            tx = min(_EDGE_TILES - 1, max(0, int(((a.x() + b.x()) / 2 - rect.left()) // width)))
            ty = min(_EDGE_TILES - 1, max(0, int(((a.y() + b.y()) / 2 - rect.top()) // height)))
            key = (strength_bucket(edge.strength), tx, ty, edge.inferred)
            groups.setdefault(key, []).append((a, b))
        for key in list(self._layers):
            if key not in groups:
                del self._layers[key]
        for key, segments in groups.items():
            layer = self._layers.get(key)
            if layer is None:
                layer = self._layers[key] = EdgeLayer.for_bucket(key[0], key[3], self._dark)
            layer.set_segments(segments)
        self._repaint_content()

    # Theme ---------------------------------------------------------------------------------
    def _paint_canvas(self) -> None:
        """Canvas and edges in the palette's light or dark variant."""
        self._dark = tones(self.palette()).dark
        base = self.palette().color(QPalette.ColorRole.Base)
        self.setBackgroundBrush(base if self._dark else QColor("#fbfbfc"))
        for key, layer in getattr(self, "_layers", {}).items():  # (none while built)
            layer.set_pen(edge_pen(key[0], key[3], self._dark))
        self._repaint_content()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_canvas()
            self.viewport().update()

    # Highlight, focus, zoom ------------------------------------------------------------------
    def highlight_path(self, nodes: list[int]) -> None:
        """Draw a chain of customers (an introduction path); an empty list clears it."""
        for item in self._nodes.values():
            item.highlighted = item.node_id in nodes
        self._highlight = list(nodes)
        points = [self._nodes[n].pos() for n in nodes if n in self._nodes]
        self._path.set_polyline(points if len(points) > 1 else [])
        self._changed()

    def highlighted(self) -> list[int]:
        return [n for n, item in self._nodes.items() if item.highlighted]

    def focus_node(self, node: int, zoom: float | None = 1.5) -> bool:
        item = self._nodes.get(node)
        if item is None:
            return False
        item.setVisible(True)
        item.highlighted = True
        self._highlight = [node]
        self._changed()
        if zoom is not None and self.transform().m11() < zoom:
            self.resetTransform()
            self.scale(zoom, zoom)
        self.centerOn(item.pos())
        return True

    def content_rect(self) -> QRectF:
        rect = QRectF()
        for item in self._nodes.values():
            if item.isVisible():
                rect = rect.united(item.rect())
        if rect.isNull():
            return QRectF(-100, -100, 200, 200)
        return rect.adjusted(-20, -20, 20, 20)

    def fit(self) -> None:
        self.fitInView(self.content_rect(), Qt.AspectRatioMode.KeepAspectRatio)

    def fit_nodes(self, nodes: Iterable[int], max_scale: float = 2.0) -> None:
        """Zoom to show these customers (not closer than ``max_scale``)."""
        rect = QRectF()
        for node in nodes:
            if node in self._nodes:
                rect = rect.united(self._nodes[node].rect())
        if rect.isNull():
            return
        pad = max(rect.width(), rect.height()) * 0.15 + 40.0
        self.fitInView(rect.adjusted(-pad, -pad, pad, pad), Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > max_scale:
            self.resetTransform()
            self.scale(max_scale, max_scale)
            self.centerOn(rect.center())

    def zoom(self, factor: float) -> None:
        fit_scale = min(self.viewport().width() / max(1.0, self.content_rect().width()),
                        self.viewport().height() / max(1.0, self.content_rect().height()))
        current = self.transform().m11()
        target = min(_MAX_SCALE, max(fit_scale * 0.3, current * factor))
        if current > 0 and target != current:
            self.scale(target / current, target / current)

    def viewport_point(self, node: int) -> QPoint:
        """Where a node is drawn, in viewport coordinates (for tests and automation)."""
        return self.mapFromScene(self._nodes[node].pos())

    def hide_rubber_band(self) -> None:
        self._rubber.hide()

    def label_candidates(self, area: QRectF) -> tuple[Iterator[NodeItem], int]:
        """Nodes to name, most important first, and how many of them are named at any zoom:
        the highlighted chain (its ends first), the most influential visible customers, then
        the other visible ones in ``area`` (scene coordinates), largest first. The rest is
        produced lazily: the names stop at the first node drawn too small, so zoomed out only
        the few largest nodes are looked at (a sort and a pass over every node for each paint
        cost 5 ms of a 25 ms repaint at 2,000 nodes)."""
        chain = [self._nodes[n] for n in self._highlight if n in self._nodes]
        chain = chain[:1] + chain[-1:] + chain[1:-1] if len(chain) > 1 else chain
        by_size = self._nodes_by_size()
        first = chain + [i for i in by_size[:TOP_LABELS] if i not in chain]
        taken = set(first)
        left, top = area.left() - _MAX_R, area.top() - _MAX_R
        right, bottom = area.right() + _MAX_R, area.bottom() + _MAX_R
        rest = (i for i in by_size
                if left <= i.x <= right and top <= i.y <= bottom and i not in taken)
        return chain_items(first, rest), len(first)

    def _nodes_by_size(self) -> list[NodeItem]:
        """The visible nodes, largest first (sorted again only after a change)."""
        if self._by_size_version != self._version:
            self._by_size = sorted((i for i in self._nodes.values() if i.isVisible()),
                                   key=lambda i: -i.radius)
            self._by_size_version = self._version
        return self._by_size

    def place_labels(self, world: QTransform, device: QRectF, scene: QRectF) -> list[Label]:
        items, always = self.label_candidates(scene)
        return place_labels(world, items, device, always)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        world = painter.worldTransform()
        size = self.viewport().size()
        key = (world.m11(), world.m12(), world.m21(), world.m22(), round(world.dx(), 2),
               round(world.dy(), 2), size.width(), size.height(), self._version)
        if key != self._label_key:
            device = QRectF(self.viewport().rect())
            self._labels = self.place_labels(world, device,
                                             self.mapToScene(self.viewport().rect()).boundingRect())
            self._label_key = key
        draw_labels(painter, self._labels, self.palette().color(QPalette.ColorRole.Text),
                    self.backgroundBrush().color())

    def _changed(self) -> None:
        """What is drawn changed: redraw the circles and place the names again."""
        self._version += 1
        self._node_layer.set_nodes(list(self._nodes.values()))
        self._repaint_content()

    def _repaint_content(self) -> None:
        """Edges, circles or their colours changed: the picture is painted again whole."""
        self._content_version += 1
        self.viewport().update()

    def content_layers(self) -> list[EdgeLayer | NodeLayer]:
        """What the picture is made of, bottom first: inferred and recorded edges by
        strength, the highlighted chain, the circles."""
        layers: list[EdgeLayer | NodeLayer] = [*self._layers.values(), self._path,
                                               self._node_layer]
        return sorted(layers, key=lambda layer: layer.zValue())

    def paint_content(self, painter: QPainter, area: QRectF) -> None:
        """Draw the layers that meet ``area`` (scene coordinates; the painter maps the scene
        and is clipped to it). Also used by the exports."""
        option = QStyleOptionGraphicsItem()
        option.exposedRect = area
        for layer in self.content_layers():
            if layer.boundingRect().intersects(area):
                layer.paint(painter, option, None)

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        # Antialiased edges cost ~4x more: only while few edges are in view.
        view = self.mapToScene(self.viewport().rect()).boundingRect()
        shown = sum(layer.count for layer in self._layers.values()
                    if layer.boundingRect().intersects(view))
        smooth = shown <= EDGE_AA_MAX
        EdgeLayer.smooth = smooth
        viewport = self.viewport()
        picture = self._picture.pixmap(
            self.viewportTransform(), viewport.rect(), viewport.devicePixelRatioF(),
            (self._content_version, smooth), self.backgroundBrush(), self.renderHints(),
            self.paint_content)
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, picture)
        painter.restore()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt override
        # Names are placed for the whole viewport: a scrolled strip alone would cut them.
        super().scrollContentsBy(dx, dy)
        self.viewport().update()

    def nodes_in(self, area: QRectF) -> list[NodeItem]:
        """Visible nodes whose circle meets ``area`` (scene coordinates), from the grid."""
        (x0, y0), (x1, y1) = cell(area.left() - _MAX_R, area.top() - _MAX_R), \
            cell(area.right() + _MAX_R, area.bottom() + _MAX_R)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > len(self._grid):
            cells = [c for c in self._grid if x0 <= c[0] <= x1 and y0 <= c[1] <= y1]
        else:
            cells = [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]
        return [item for c in cells for item in self._grid.get(c, ())
                if item.isVisible() and area.intersects(item.rect())]

    def _update_scene_rect(self) -> None:
        rect = self.content_rect()
        pad = max(rect.width(), rect.height(), 200.0) * 0.5
        self.scene().setSceneRect(rect.adjusted(-pad, -pad, pad, pad))
