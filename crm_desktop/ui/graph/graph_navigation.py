"""Finding one's way in the relationship graph, for ``GraphPage`` (a mixin): centre on a
customer, bring hidden neighbours in (double click, the context menu), the ego network of a
customer laid out on its own (in the background process), and the strongest chain of
introductions between two customers.

Its texts keep the translation context "GraphPage".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from crm_desktop.services import graph as graph_service
from crm_desktop.ui.graph import graph_data as gd
from crm_desktop.ui.graph.graph_items import node_radius
from crm_desktop.ui.graph.graph_specs import EdgeSpec, NodeSpec
from crm_desktop.ui.qt_typed import translate

if TYPE_CHECKING:
    from collections.abc import Callable

    from crm_desktop.ui.context import AppContext
    from crm_desktop.ui.graph.graph_controls import GraphControls
    from crm_desktop.ui.graph.graph_view import GraphView
    from crm_desktop.ui.graph.relationship_dialog import RelationshipDialog

EXPAND_LIMIT = 50  # hidden neighbours a double click brings in


class GraphNavigation:
    """Focus, expand, ego network and introductions for ``GraphPage`` (a mixin: uses its
    view, data, controls and context)."""

    context: AppContext
    controls: GraphControls
    view: GraphView
    data: graph_service.GraphData | None
    _focus: int | None
    _ego: tuple[int, int] | None

    if TYPE_CHECKING:
        def name(self, node: int) -> str: ...
        def _update_status(self) -> None: ...
        def _failed(self, error: BaseException) -> None: ...
        def _show_main(self) -> None: ...
        def _edges_among(self, nodes: list[int]) -> list[EdgeSpec]: ...
        def _draw(self, nodes: list[NodeSpec], edges: list[EdgeSpec],
                  then: Callable[[], None]) -> None: ...
        def request_link(self, source: int, target: int | None) -> RelationshipDialog: ...

    def _spec(self, node: int, x: float, y: float) -> NodeSpec:
        assert self.data is not None
        metrics = self.data.metrics
        known = node in metrics.index
        return NodeSpec(node, x, y,
                        node_radius(float(metrics.at[node, "influence"]) if known else 0.0),
                        int(metrics.at[node, "community"]) if known else None, self.name(node))

    def show_record(self, record_id: int) -> None:
        self.focus_customer(record_id)

    def focus_customer(self, node: int) -> bool:
        """Centre the view on a customer, bringing them (and their links) in if hidden."""
        if self.data is None:
            return False
        if node not in self.data.metrics.index:
            self.controls.set_status(translate(
                "GraphPage", "{0} is not in the graph yet: press Recompute").format(node))
            return False
        self._focus = node
        if not self.view.has_node(node):
            self._bring_in([node], anchor=None)
        self.view.highlight_path([])
        return self.view.focus_node(node)

    def _bring_in(self, nodes: list[int], anchor: int | None) -> list[int]:
        """Add hidden customers near ``anchor`` (or near their visible neighbours)."""
        assert self.data is not None
        graph = self.data.graph
        shown = set(self.view.node_ids())
        specs = []
        if anchor is not None and self.view.has_node(anchor):
            spec = self.view.node_spec(anchor)
            assert spec is not None
            ring = gd.place_around((spec.x, spec.y), len(nodes), 40.0 + 3.0 * len(nodes))
            specs = [self._spec(n, x, y) for n, (x, y) in zip(nodes, ring, strict=True)]
        else:
            rect = self.view.content_rect()
            for i, node in enumerate(nodes):
                near = [spec for n in graph.adjacent(node)
                        if n in shown and (spec := self.view.node_spec(n)) is not None]
                if near:
                    x = sum(s.x for s in near) / len(near) + 25.0
                    y = sum(s.y for s in near) / len(near) + 25.0
                else:
                    x, y = rect.right() + 40.0, rect.top() + 40.0 + 30.0 * i
                specs.append(self._spec(node, x, y))
                shown.add(node)
        added = self.view.add_nodes(specs, rebuild=False)
        present = set(self.view.node_ids())
        self.view.add_edges(gd.edge_spec(n, m, d) for n in added if n in graph
                            for m, d in graph[n].items() if m in present)
        self._update_status()
        return added

    def expand(self, node: int) -> int:
        """Bring in up to 50 hidden neighbours of a customer (strongest ties first)."""
        if self.data is None:
            return 0
        found = self.data.graph.expand(node, self.view.node_ids(), EXPAND_LIMIT)
        if not found:
            self.controls.set_status(translate(
                "GraphPage", "Every relationship of {0} is already shown").format(self.name(node)))
            return 0
        return len(self._bring_in(found, anchor=node))

    def _ego_toggled(self, on: bool) -> None:
        if not on:
            self._ego = None
            self._show_main()
            self._update_status()
            return
        centre = self._focus or self.controls.finder.customer_id
        if centre is None:
            self.controls.ego_button.setChecked(False)
            self.controls.set_status(translate("GraphPage", "Find or right-click a customer first"))
            return
        self.show_ego(centre)

    def show_ego(self, centre: int) -> None:
        """Only the customers within the chosen depth of ``centre``, laid out on their own."""
        if self.data is None:
            return
        depth = self.controls.ego_depth.value()
        self._ego, self._focus = (centre, depth), centre
        self.controls.ego_button.blockSignals(True)
        self.controls.ego_button.setChecked(True)
        self.controls.ego_button.blockSignals(False)
        nodes, _hops = graph_service.ordered_ego(self.data.graph, self.data.metrics, centre, depth)
        edges = self._edges_among(nodes)
        import pandas as pd

        frame = pd.DataFrame([(e.source, e.target, e.strength) for e in edges],
                             columns=["source", "target", "weight"])
        self.controls.set_busy(True, 0.0, translate("GraphPage", "Laying out"))
        from crm_desktop.ui.child_process import run_in

        self.context.runner.run(
            run_in, self.context.background, self.context.database,
            graph_service.ego_layout, frame, nodes, centre, depth, self.data.inferred, owner=self,
            key="ego", on_finished=lambda pos: self._ego_ready(centre, pos, edges),
            on_failed=self._failed, on_cancelled=lambda: self.controls.set_busy(False))

    def _ego_ready(self, centre: int, positions: Any, edges: list[EdgeSpec]) -> None:
        self.controls.set_busy(False)
        if self.data is None or self._ego is None or self._ego[0] != centre:
            return
        scale = gd.scene_scale(len(positions))
        def framed() -> None:
            self.view.fit()
            self.view.highlight_path([centre])

        self._draw(gd.node_specs(positions, self.data.metrics, self.data.labels, scale), edges,
                   framed)

    def _introduce_clicked(self) -> None:
        source, target = self.controls.from_picker.customer_id, self.controls.to_picker.customer_id
        if source is None or target is None:
            self.controls.set_status(
                translate("GraphPage", "Choose both customers for the introduction"))
            return
        self.introduce(source, target)

    def introduce(self, source: int, target: int) -> list[int]:
        """Highlight the strongest chain of introductions from ``source`` to ``target``."""
        if self.data is None:
            return []
        path = self.data.graph.introduction_path(source, target)
        if not path.found:
            self.view.highlight_path([])
            self.controls.set_status(translate(
                "GraphPage", "No chain of introductions links {0} and {1}").format(
                self.name(source), self.name(target)))
            return []
        nodes = list(path.nodes)
        for prev, node in zip(nodes, nodes[1:], strict=False):
            if not self.view.has_node(node):
                self._bring_in([node], anchor=prev if self.view.has_node(prev) else None)
        if not self.view.has_node(nodes[0]):
            self._bring_in([nodes[0]], anchor=None)
        self.view.highlight_path(nodes)
        self.view.fit_nodes(nodes)
        names = " → ".join(self.name(n) for n in nodes)
        self.controls.set_status(translate("GraphPage", "{0} (weakest link {1:.2f})").format(
            names, path.weakest))
        return nodes

    def _node_menu(self, node: int, where: QPoint) -> None:
        menu = QMenu(self)  # type: ignore[call-overload]  # (a GraphPage: a QWidget)
        menu.addAction(translate("GraphPage", "Open {0}").format(self.name(node)),
                       lambda: self.context.open_customer(node))
        menu.addAction(translate("GraphPage", "Expand neighbours"), lambda: self.expand(node))
        menu.addAction(translate("GraphPage", "Ego network"), lambda: self.show_ego(node))
        menu.addAction(translate("GraphPage", "Introduce from here"),
                       lambda: self.controls.from_picker.set_customer(node, self.name(node)))
        menu.addAction(translate("GraphPage", "Introduce to here"),
                       lambda: self.controls.to_picker.set_customer(node, self.name(node)))
        menu.addAction(translate("GraphPage", "Link to…"), lambda: self.request_link(node, None))
        menu.popup(where)
