"""What the graph page shows, computed off the GUI thread (plain functions for ``ui.workers``).

``load_graph`` reads the relationships (one query), reuses the stored network metrics when they
were computed from the same edges (``graph_store.metrics_version``) and the cached layout of the
shown nodes (``graph_store.layout_key``), and computes and stores whatever is missing. So the
first open of a large network takes a few seconds (with a progress bar) and reopening takes a
fraction of a second. Analytics and pandas are imported inside the functions: this module is
imported with the page, and the page only when first shown.

With ``GraphOptions.infer`` the graph also has inferred links (``analytics.network.build_edges``
with ``infer=True``: people of the same company, customers who responded to the same campaign;
never overriding a recorded relationship). Its metrics are cached apart from the recorded-links
metrics (``graph_store.INFERRED_KIND``: the customer detail and the dashboard keep showing the
recorded ones) and its layouts under keys that say ``inferred``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from crm_desktop.ui.widgets.graph_items import node_radius
from crm_desktop.ui.widgets.graph_view import EdgeSpec, NodeSpec

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from crm_desktop.storage.database import Database

TOP_LIMIT = 2000  # most influential customers drawn; the rest come in by expansion
LAYOUT_MODEL = "layout-6"  # bump when analytics.layout changes: old caches are ignored
Progress = Callable[[float, str], None]
# Progress messages are translated where they are shown (context "graph"); messages coming from
# analytics (e.g. "Betweenness 40%") are shown as they are.
MESSAGES = (QT_TRANSLATE_NOOP("graph", "Loading relationships"),
            QT_TRANSLATE_NOOP("graph", "Preparing the view"))


@dataclass(frozen=True)
class GraphOptions:
    limit: int = TOP_LIMIT
    unconnected: bool = False  # also draw customers without relationships
    force: bool = False  # recompute metrics and layout even when cached
    infer: bool = False  # add inferred links (same company, same campaign response)


@dataclass
class GraphData:
    edges: pd.DataFrame  # every edge: source, target, weight, kind, inferred
    metrics: pd.DataFrame  # every live customer by id: influence, degree, community, rank, ...
    labels: pd.DataFrame  # by id: name, company
    graph: nx.Graph  # the whole network, for expansion, introduction paths, ego networks
    shown: list[int]
    positions: pd.DataFrame  # node, x, y in [-1, 1] for the shown nodes
    modularity: float
    community_sizes: dict[int, int]
    metrics_computed: bool
    layout_computed: bool
    ranked: int  # customers with at least one relationship
    inferred: bool = False  # computed with inferred links
    # Every inferred link by pair (also those hidden by a recorded relationship, so that
    # deleting the recorded one can bring the inferred one back): (weight, kind).
    candidates: dict[tuple[int, int], tuple[float, str]] = field(default_factory=dict)
    scale: float = field(init=False)

    def __post_init__(self) -> None:
        self.scale = scene_scale(len(self.shown))

    @property
    def communities(self) -> int:
        return sum(1 for size in self.community_sizes.values() if size >= 2)

    @property
    def inferred_count(self) -> int:
        return int(self.edges["inferred"].sum()) if "inferred" in self.edges else 0


def scene_scale(count: int) -> float:
    """Half the side of the scene square for ``count`` nodes (layouts are in [-1, 1])."""
    return 30.0 * math.sqrt(max(count, 50))


def _stage(progress: Progress | None, start: float, end: float) -> Progress | None:
    if progress is None:
        return None

    def report(fraction: float, message: str) -> None:
        progress(start + (end - start) * fraction, message)

    return report


def _cached_layout(database: Database, edges: pd.DataFrame, nodes: list[int],
                   view: dict[str, Any], force: bool,
                   progress: Progress | None, cancelled: Callable[[], bool] | None,
                   ) -> tuple[pd.DataFrame, bool]:
    """Positions of ``nodes`` from the layout cache, or laid out now and cached."""
    from crm_desktop.analytics.network_layout import layout
    from crm_desktop.storage import graph_store

    key = graph_store.layout_key(edges, nodes, {"model": LAYOUT_MODEL, **view})
    if not force:
        with database.session() as session:
            cached = graph_store.load_layout(session, key)
        if cached is not None and set(cached["node"]) >= set(nodes):
            return cached, False
    positions = layout(edges, nodes=nodes, seed=0, progress=progress, cancelled=cancelled)
    with database.session() as session:
        graph_store.save_layout(session, key, positions)
    return positions, True


def _edges(database: Database, infer: bool) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The graph's edges, and with ``infer`` every inferred candidate link (recorded or not)."""
    from crm_desktop.analytics import network as net
    from crm_desktop.storage import frames

    relationships = frames.relationships(database)
    if not infer:
        return net.build_edges(relationships), None
    customers = frames.customers(database)[["id", "company_id"]]
    members = frames.campaign_members(database)[["campaign_id", "customer_id", "responded"]]
    edges = net.build_edges(relationships, customers, members, infer=True)
    return edges, net.build_edges(relationships.iloc[:0], customers, members, infer=True)


def load_graph(database: Database, options: GraphOptions = GraphOptions(), *,
               progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None) -> GraphData:
    import pandas as pd

    from crm_desktop.analytics import network as net
    from crm_desktop.analytics.network_layout import restrict_edges, select_top_nodes
    from crm_desktop.storage import graph_store

    if progress:
        progress(0.0, MESSAGES[0])
    edges, guessed = _edges(database, options.infer)
    digest = graph_store.edges_digest(edges)
    kind = graph_store.network_kind(options.infer)
    with database.session() as session:
        labels = graph_store.customer_labels(session)
        stored = None
        if not options.force and graph_store.metrics_version(session, kind) == digest[:16]:
            stored = graph_store.load_network_metrics(session, kind)
    computed = stored is None
    if stored is None:
        found = net.influence(edges, nodes=labels.index, progress=_stage(progress, 0.05, 0.7),
                              cancelled=cancelled)
        with database.session() as session:
            graph_store.save_network_metrics(session, found, digest, kind=kind)
        metrics = found.assign(rank=graph_store.influence_ranks(found).astype("Int64"))
        quality = float(found.attrs["modularity"])
    else:
        metrics = stored
        quality = net.modularity(edges, stored["community"]) if len(edges) else 0.0
    metrics = metrics.reindex(labels.index)
    metrics = metrics.fillna({"influence": 0.0, "degree": 0, "community": -1}).astype(
        {"degree": "int64", "community": "int64"}
    )
    candidates = metrics if options.unconnected else metrics[metrics["degree"] > 0]
    shown = [int(n) for n in select_top_nodes(candidates, limit=options.limit)]
    sub = restrict_edges(edges, shown)
    view = {"view": "top", "limit": options.limit, "unconnected": options.unconnected,
            **({"inferred": True} if options.infer else {})}  # recorded-only keys unchanged
    positions, laid_out = _cached_layout(database, sub, shown, view, options.force,
                                         _stage(progress, 0.72, 0.97), cancelled)
    if progress:
        progress(0.98, MESSAGES[1])
    sizes = metrics.loc[metrics["community"] >= 0, "community"].value_counts()
    return GraphData(
        edges=edges, metrics=metrics, labels=labels, graph=net.graph_from_edges(edges),
        shown=shown, positions=positions, modularity=quality,
        community_sizes={int(c): int(n) for c, n in sizes.items()},
        metrics_computed=computed, layout_computed=laid_out,
        ranked=int(pd.to_numeric(metrics["degree"]).gt(0).sum()),
        inferred=options.infer, candidates=_pairs(guessed),
    )


def _pairs(edges: pd.DataFrame | None) -> dict[tuple[int, int], tuple[float, str]]:
    if edges is None:
        return {}
    a, b = edges["source"].astype(int), edges["target"].astype(int)
    return {(min(x, y), max(x, y)): (float(w), str(k))
            for x, y, w, k in zip(a, b, edges["weight"], edges["kind"], strict=True)}


def ego_layout(database: Database, edges: pd.DataFrame, nodes: list[int], centre: int,
               depth: int, infer: bool = False, *, progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None) -> pd.DataFrame:
    """Layout (cached) of one customer's ego network: ``nodes`` and the ``edges`` among them."""
    view = {"view": "ego", "node": centre, "depth": depth, **({"inferred": True} if infer else {})}
    positions, _ = _cached_layout(database, edges, nodes, view, False, progress, cancelled)
    return positions


def export_graphml(edges: pd.DataFrame, metrics: pd.DataFrame, labels: pd.DataFrame,
                   path: str) -> str:
    """GraphML of the shown graph with metrics, name and company as node attributes."""
    from crm_desktop.analytics.network_layout import to_graphml

    table = metrics.join(labels[["name", "company"]], how="left")
    to_graphml(edges, table, path)
    return path


# --------------------------------------------------------------------------- view rows


def node_specs(positions: pd.DataFrame, metrics: pd.DataFrame, labels: pd.DataFrame,
               scale: float | None = None) -> list[NodeSpec]:
    """Scene rows for laid-out nodes (layout y points up, the scene's down)."""
    s = scale if scale is not None else scene_scale(len(positions))
    names = labels["name"].to_dict() if "name" in labels else {}
    influence = metrics["influence"].to_dict()
    community = metrics["community"].to_dict()
    out = []
    for node, x, y in zip(positions["node"], positions["x"], positions["y"], strict=True):
        node = int(node)
        comm = community.get(node)
        out.append(NodeSpec(
            id=node, x=float(x) * s, y=-float(y) * s,
            radius=node_radius(float(influence.get(node, 0.0) or 0.0)),
            community=int(comm) if comm is not None and comm == comm else None,
            label=str(names.get(node) or node),
        ))
    return out


def edge_specs(edges: pd.DataFrame) -> list[EdgeSpec]:
    weight = edges["weight"] if "weight" in edges else edges["strength"]
    kinds = edges["kind"] if "kind" in edges else [None] * len(edges)
    inferred = edges["inferred"] if "inferred" in edges else [False] * len(edges)
    return [
        EdgeSpec(int(a), int(b), float(w), tuple(str(k).split(",")) if k else ("other",),
                 bool(i))
        for a, b, w, k, i in zip(edges["source"], edges["target"], weight, kinds, inferred,
                                 strict=True)
    ]


def edge_spec(a: Hashable, b: Hashable, data: dict[str, Any]) -> EdgeSpec:
    """The view's row for one edge of ``GraphData.graph`` (its attributes ``data``)."""
    return EdgeSpec(int(a), int(b), float(data.get("weight", 1.0)),  # type: ignore[call-overload]
                    tuple(str(data.get("kind") or "other").split(",")),
                    bool(data.get("inferred", False)))


def place_around(anchor: tuple[float, float], count: int, radius: float,
                 start: float = 0.0) -> list[tuple[float, float]]:
    """Positions on a circle around ``anchor`` for nodes brought into the view."""
    ax, ay = anchor
    return [
        (ax + radius * math.cos(start + 2 * math.pi * i / max(count, 1)),
         ay + radius * math.sin(start + 2 * math.pi * i / max(count, 1)))
        for i in range(count)
    ]


def ordered_ego(graph: nx.Graph, metrics: pd.DataFrame, centre: Hashable, depth: int,
                limit: int = TOP_LIMIT) -> tuple[list[int], dict[int, int]]:
    """Nodes of the ego network (nearest first, then most influential), capped at ``limit``."""
    from crm_desktop.analytics.network_layout import ego_network

    ego = ego_network(graph, centre, depth)
    hops = dict(ego.nodes(data="hops"))
    influence = metrics["influence"].to_dict()
    ordered = sorted(hops, key=lambda n: (hops[n], -float(influence.get(n, 0.0) or 0.0), n))
    return [int(n) for n in ordered[:limit]], {int(n): int(h) for n, h in hops.items()}


def new_ids(nodes: Iterable[Hashable], shown: Iterable[int]) -> list[int]:
    have = set(shown)
    return [int(n) for n in nodes if int(n) not in have]
