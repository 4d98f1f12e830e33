"""The relationship graph page: who knows whom, who is influential, how to get introduced.

The network metrics and the layout are computed by ``services.graph.load_graph`` in the
background process (``ui/child_process.py``; a progress bar meanwhile) and cached in the
database, so reopening the page only reads; the window gets compact arrays back (positions,
sizes, the network as adjacency arrays) and paints. Above 2,000
customers the most influential are drawn; double click (or the context menu) brings a
customer's hidden neighbours in. Linking: drag with the **right mouse button**, or with **Shift + left button**,
from one customer to another; a dialog asks kind and strength and the link is undoable. The
page's own edits update the drawing in place (metrics are recomputed on the next full load).
"Include inferred links" recomputes the graph with links inferred from companies and campaign
responses (dashed; their metrics are cached apart, see ``services.graph``).

Focus, expand, ego network and introductions: ``graph_navigation.GraphNavigation``; linking
and exports: ``graph_actions.GraphActions`` (the page's mixins).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from crm_desktop.services import graph as graph_service
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.graph import graph_data as gd
from crm_desktop.ui.graph.graph_actions import GraphActions
from crm_desktop.ui.graph.graph_controls import GraphControls
from crm_desktop.ui.graph.graph_navigation import GraphNavigation
from crm_desktop.ui.graph.graph_specs import EdgeSpec, NodeSpec
from crm_desktop.ui.graph.graph_view import GraphView
from crm_desktop.ui.graph.relationship_dialog import RelationshipDialog
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.steps import next_step

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext

log = logging.getLogger(__name__)
NODES_PER_STEP = 400  # customers added to the view per step of the event loop (~10 ms)


class GraphPage(GraphNavigation, GraphActions, Page):
    entities = ("relationships", "customers")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("graphPage")
        self.setAccessibleName("graphPage")
        self.data: graph_service.GraphData | None = None
        self.loads = 0  # load jobs started (tests: a cached reopen starts one, computes nothing)
        self.limit = graph_service.TOP_LIMIT  # most influential customers drawn
        self.link_dialog: RelationshipDialog | None = None
        self._focus: int | None = None
        self._ego: tuple[int, int] | None = None
        self._own_changes = 0
        self._loaded_once = False
        self._drawing = 0  # drawings started (a newer one stops an older one's steps)
        self.drawn = False  # the last drawing is complete (tests wait for it)
        self.controls = c = GraphControls(context.database, self, context.settings)
        self.view = GraphView(self)
        self.view.tooltip_for = self.tooltip
        self.view.edge_tooltip_for = lambda edge: c.edge_tooltip(edge, self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(c)
        layout.addWidget(self.view, 1)
        c.finder.customerChanged.connect(lambda cid: cid and self.focus_customer(cid))
        c.fit_button.clicked.connect(self.view.fit)
        c.ego_button.toggled.connect(self._ego_toggled)
        c.ego_depth.valueChanged.connect(lambda _d: self._ego and self.show_ego(self._ego[0]))
        c.introduce_button.clicked.connect(self._introduce_clicked)
        c.export_png.triggered.connect(lambda: self._export_dialog("png"))
        c.export_svg.triggered.connect(lambda: self._export_dialog("svg"))
        c.export_graphml.triggered.connect(lambda: self._export_dialog("graphml"))
        c.recompute_button.clicked.connect(lambda: self.refresh(force=True))
        c.cancel_button.clicked.connect(lambda: self.context.runner.cancel(self))
        c.kind.currentIndexChanged.connect(self.apply_filters)
        c.min_strength.valueChanged.connect(self.apply_filters)
        c.community.currentIndexChanged.connect(self.apply_filters)
        c.unconnected.toggled.connect(lambda _on: self.refresh())
        c.inferred.toggled.connect(lambda _on: self.refresh())
        self.view.nodeClicked.connect(self.context.open_customer)
        self.view.nodeDoubleClicked.connect(self.expand)
        self.view.nodeMenuRequested.connect(self._node_menu)
        self.view.linkRequested.connect(self.request_link)

    # Loading ---------------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            # in a step after the one that shows the page (starting the load imports the
            # background process' module and starts a thread: 20-25 ms)
            next_step(self, self.refresh)

    def refresh(self, force: bool = False) -> None:
        self._loaded_once = True
        self.loads += 1
        options = graph_service.GraphOptions(limit=self.limit, force=force,
                                  unconnected=self.controls.unconnected.isChecked(),
                                  infer=self.controls.inferred.isChecked())
        self.controls.set_busy(True, 0.0, self.tr("Loading"))
        from crm_desktop.ui.child_process import run_in

        self.context.runner.run(
            run_in, self.context.background, self.context.database,
            graph_service.graph_job, options, owner=self, key="load",
            description=self.tr("Relationship graph"), on_finished=self._loaded,
            on_failed=self._failed, on_progress=self._progress,
            on_cancelled=lambda: self.controls.set_busy(False),
        )

    def _progress(self, fraction: float, message: str) -> None:
        self.controls.set_busy(True, fraction, QCoreApplication.translate("graph", message))

    def _failed(self, error: BaseException) -> None:
        self.controls.set_busy(False)
        show_error(self, error)

    def _loaded(self, data: graph_service.GraphData) -> None:
        self.controls.set_busy(False)
        self.data = data
        self.drawn = False  # drawn in a later step: until then the view shows the old data
        self.controls.set_communities(
            {c: n for c, n in data.community_sizes.items() if n >= 2})
        # the drawing starts in a step of its own (its customers' positions and sizes are
        # worked out first: 15-25 ms for 2,000)
        next_step(self, lambda: self._show_loaded(data))

    def _show_loaded(self, data: graph_service.GraphData) -> None:
        if self.data is not data:
            return  # loaded again meanwhile
        if self._ego is not None and self._ego[0] in data.metrics.index:
            self.show_ego(self._ego[0])
        else:
            self._ego = None
            self.controls.ego_button.setChecked(False)
            self._show_main()
        self._update_status()

    def _show_main(self) -> None:
        data = self.data
        if data is None:
            return
        nodes = gd.node_specs(data.positions, data.metrics, data.labels,
                              gd.scene_scale(len(data.shown)))
        self._draw(nodes, self._edges_among(data.shown), self.view.fit)

    def _draw(self, nodes: list[NodeSpec], edges: list[EdgeSpec],
              then: Callable[[], None]) -> None:
        """Show ``nodes`` and ``edges`` with the filters chosen, then call ``then``. The
        filters go to the view while it is empty, so that its edges are grouped once, not
        twice; the nodes go in NODES_PER_STEP at a time, a step of the event loop each, then
        the edges (the 2,000 customers drawn at once were one 170-250 ms step of the GUI
        thread). A graph of up to NODES_PER_STEP customers is drawn at once."""
        self._drawing += 1
        token = self._drawing
        self.drawn = False
        self.view.set_graph([], [])
        self.view.set_filter(*self.controls.filters())
        left = list(nodes)

        def step() -> None:
            if token != self._drawing:
                return  # replaced by a newer drawing
            if left:
                self.view.add_nodes(left[:NODES_PER_STEP], rebuild=False, redraw=False)
                del left[:NODES_PER_STEP]
                if left or len(nodes) > NODES_PER_STEP:  # (a small graph: drawn at once)
                    next_step(self, step if left else drawn)
                    return
            drawn()

        def drawn() -> None:  # the scene's extent, the circles, then the links: a step each
            if token != self._drawing:
                return
            if len(nodes) <= NODES_PER_STEP:
                self.view.nodes_added()
                linked()
                return
            self.view.update_extent()
            # Framed before the circles are first painted: a paint at the transform of before
            # the fit placed names for every customer it found big enough (at 2,000 customers
            # one 100-120 ms stretch of the GUI thread), all thrown away by the fit after.
            then()
            next_step(self, circles)

        def circles() -> None:
            if token != self._drawing:
                return
            self.view.redraw_nodes()
            next_step(self, linked)

        def linked() -> None:
            if token != self._drawing:
                return
            self.view.add_edges(edges)
            self._update_status()
            if len(nodes) <= NODES_PER_STEP:
                then()  # (a larger drawing was framed before its circles were painted)
            self.drawn = True

        if len(nodes) > NODES_PER_STEP:
            next_step(self, step)  # (after the positions: a step of its own)
        else:
            step()

    def _edges_among(self, nodes: list[int]) -> list[EdgeSpec]:
        assert self.data is not None
        return [gd.edge_spec(a, b, d) for a, b, d in self.data.graph.edges_among(nodes)]

    def _update_status(self) -> None:
        data = self.data
        if data is None:
            return
        shown = len(self.view.node_ids())
        text = self.tr("{0:,} of {1:,} customers · {2:,} links · {3} communities · "
                       "modularity {4:.2f}").format(
            shown, len(data.metrics), len(self.view.visible_edges()), data.communities,
            data.modularity)
        if data.inferred:
            text += self.tr(" · {0:,} inferred links").format(data.inferred_count)
        if self._ego is not None:
            text = self.tr("Ego network of {0} (depth {1}) · ").format(
                self.name(self._ego[0]), self._ego[1]) + text
        self.controls.set_status(text)

    # Filters ---------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        kinds, strength, community = self.controls.filters()
        self.view.set_filter(kinds, strength, community)
        self._update_status()

    # Node facts ------------------------------------------------------------------------------
    def name(self, node: int) -> str:
        name = self.data.labels.name(node) if self.data is not None else None
        return name or str(node)

    def tooltip(self, node: int) -> str:
        data = self.data
        if data is None or node not in data.metrics.index:
            return self.name(node)
        from html import escape

        row = data.metrics.loc[node]
        company = data.labels.company(node)
        rank = row.get("rank")
        lines = [f"<b>{escape(self.name(node))}</b>"]
        if isinstance(company, str) and company:
            lines.append(escape(company))
        lines.append(self.tr("Relationships: {0}").format(int(row["degree"])))
        if "betweenness" in row.index and "eigenvector" in row.index:
            # Two kinds of influence: bridging groups (betweenness) and being close to the
            # well-connected (eigenvector centrality), each in its own figure.
            lines.append(self.tr("Betweenness {0:.3f} · eigenvector {1:.3f}").format(
                float(row["betweenness"]), float(row["eigenvector"])))
        community = int(row["community"])
        lines.append(self.tr("Community {0}").format(community) if community >= 0
                     else self.tr("No community"))
        if rank is not None and rank == rank:
            lines.append(self.tr("Influence rank {0:,} of {1:,}").format(int(rank), data.ranked)
                         + (self.tr(" (with inferred links)") if data.inferred else ""))
        return "<br>".join(lines)

    # Editing ---------------------------------------------------------------------------------
    def new_record(self) -> None:
        if self._focus is not None:
            self.request_link(self._focus, None)

    def _on_changed(self, entity: str) -> None:
        if entity == "relationships" and self._own_changes > 0:
            self._own_changes -= 1  # our own edit, already drawn
            return
        super()._on_changed(entity)


__all__ = ["GraphPage"]
