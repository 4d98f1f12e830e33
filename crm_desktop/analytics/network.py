"""Relationship network: influence metrics, communities, introduction paths (the public API).

The graph is undirected and weighted by *strength* in (0, 1]: a similarity, so wherever a path
length is needed (betweenness, introduction paths) the distance of an edge is ``1 / strength`` and
the strongest chain of introductions is the shortest path.

The work is split over three modules; this one re-exports the first two:

* :mod:`~crm_desktop.analytics.network_graph`: ``build_edges`` (merging parallel edges, inferred
  links from companies and campaigns), ``graph_from_edges``, ``build_graph``, ``graph_to_edges``.
* :mod:`~crm_desktop.analytics.network_metrics`: the per-node algorithms (betweenness, eigenvector,
  pagerank, Louvain communities, participation, influence), documented there.
* :mod:`~crm_desktop.analytics.network_layout`: what the graph view needs (layout,
  select_top_nodes, restrict_edges, expand_neighbours, ego_network, to_graphml), imported from
  there (so importing this module does not import the layout code).

Heavy algorithms run on igraph when it imports (``backend="auto"``), else on networkx.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from crm_desktop.analytics._progress import CancelFn, ProgressFn
from crm_desktop.analytics.introductions import IntroductionPath
from crm_desktop.analytics.network_graph import (
    DEFAULT_STRENGTH,
    MIN_STRENGTH,
    EdgesLike,
    _edge_arrays,
    _Stage,
    build_edges,
    build_graph,
    graph_from_edges,
    graph_to_edges,
    seeded_igraph,
)
from crm_desktop.analytics.network_metrics import METRIC_COLUMNS, _metrics, _modularity

__all__ = [
    "DEFAULT_STRENGTH",
    "METRIC_COLUMNS",
    "MIN_STRENGTH",
    "EdgesLike",
    "IntroductionPath",
    "NetworkAnalysis",
    "analyze",
    "build_edges",
    "build_graph",
    "graph_from_edges",
    "graph_to_edges",
    "influence",
    "introduction_path",
    "modularity",
    "seeded_igraph",
]


def influence(
    edges: EdgesLike,
    *,
    nodes: Iterable[Hashable] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    seed: int = 0,
    exact_limit: int = 5000,
    sample_size: int = 500,
    resolution: float = 1.0,
    backend: str = "auto",
) -> pd.DataFrame:
    """Per-node metrics indexed by node: degree, weighted_degree, betweenness, eigenvector,
    pagerank, community, participation, broker, influence.

    ``edges`` has columns source, target and optionally weight (or strength), or is a networkx
    graph; ``nodes`` adds isolated nodes. ``frame.attrs`` holds modularity,
    betweenness_sample_size (None when exact) and backend.
    """
    stage = _Stage(progress, cancelled)
    stage(0.0, "Preparing the network")
    arr = _edge_arrays(edges, nodes)
    frame, quality, sample, name = _metrics(
        arr,
        stage,
        seed=seed,
        exact_limit=exact_limit,
        sample_size=sample_size,
        resolution=resolution,
        backend=backend,
    )
    frame.attrs.update(modularity=quality, betweenness_sample_size=sample, backend=name)
    return frame


def modularity(
    edges: EdgesLike,
    communities: Mapping[Hashable, Hashable] | pd.Series,
    *,
    resolution: float = 1.0,
) -> float:
    """Weighted modularity of a partition (as networkx.community.modularity); 0.0 without edges.

    Nodes missing from ``communities`` count as singleton communities.
    """
    arr = _edge_arrays(edges)
    labels = pd.Series(communities) if isinstance(communities, Mapping) else communities
    codes = pd.factorize(labels.reindex(arr.nodes))[0]
    missing = codes < 0
    codes[missing] = codes.max(initial=-1) + 1 + np.arange(missing.sum())
    return _modularity(arr, codes, resolution)


# --------------------------------------------------------------------------- whole analysis


@dataclass(frozen=True)
class NetworkAnalysis:
    """Result of :func:`analyze`. ``communities`` counts communities of two or more members."""

    metrics: pd.DataFrame
    edges: pd.DataFrame
    modularity: float
    communities: int
    betweenness_sample_size: int | None
    brokers: list[Hashable] = field(default_factory=list)
    top_influencers: list[Hashable] = field(default_factory=list)
    backend: str = "igraph"

    def graph(self) -> nx.Graph:
        """The analysed graph (built on demand) with every metrics node."""
        return graph_from_edges(self.edges, self.metrics.index)


def analyze(
    relationships: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    campaign_members: pd.DataFrame | None = None,
    infer: bool = False,
    *,
    include_isolated: bool = True,
    top: int = 20,
    seed: int = 0,
    exact_limit: int = 5000,
    sample_size: int = 500,
    resolution: float = 1.0,
    company_weight: float = 0.3,
    campaign_weight: float = 0.2,
    inferred_cap: float = 0.5,
    group_limit: int = 50,
    backend: str = "auto",
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> NetworkAnalysis:
    """Build the graph (optionally with inferred links) and compute every metric.

    With ``customers`` and ``include_isolated`` every customer gets a row, connected or not.
    Brokers are ranked by betweenness then participation; top influencers by ``influence``.
    """
    stage = _Stage(progress, cancelled)
    stage(0.0, "Building the relationship graph")
    edges = build_edges(
        relationships,
        customers,
        campaign_members,
        infer=infer,
        company_weight=company_weight,
        campaign_weight=campaign_weight,
        inferred_cap=inferred_cap,
        group_limit=group_limit,
    )
    nodes = customers["id"].dropna() if customers is not None and include_isolated else None
    arr = _edge_arrays(edges, nodes)
    metrics, quality, sample, name = _metrics(
        arr,
        stage.sub(0.1, 1.0),
        seed=seed,
        exact_limit=exact_limit,
        sample_size=sample_size,
        resolution=resolution,
        backend=backend,
    )
    brokers = metrics[metrics["broker"]].sort_values(
        ["betweenness", "participation"], ascending=False, kind="mergesort"
    )
    connected = metrics[metrics["degree"] > 0]
    leaders = connected.sort_values("influence", ascending=False, kind="mergesort")
    sizes = metrics.loc[metrics["community"] >= 0, "community"].value_counts()
    return NetworkAnalysis(
        metrics=metrics,
        edges=edges,
        modularity=quality,
        communities=int((sizes >= 2).sum()),
        betweenness_sample_size=sample,
        brokers=brokers.index[:top].tolist(),
        top_influencers=leaders.index[:top].tolist(),
        backend=name,
    )


# --------------------------------------------------------------------------- introductions


def _distance(u: Hashable, v: Hashable, data: dict[str, Any]) -> float | None:
    weight = float(data.get("weight", 1.0))
    return 1.0 / weight if weight > 0 else None


def introduction_path(
    graph_or_edges: EdgesLike, source: Hashable, target: Hashable
) -> IntroductionPath[Hashable]:
    """Shortest path under distance 1/strength (the strongest chain); empty when none."""
    graph = graph_from_edges(graph_or_edges)
    none: IntroductionPath[Hashable] = IntroductionPath([], float("inf"), 0.0, 0.0)
    if source not in graph or target not in graph:
        return none
    if source == target:
        return IntroductionPath([source], 0.0, 1.0, 1.0)
    try:
        cost, path = nx.bidirectional_dijkstra(graph, source, target, weight=_distance)
    except nx.NetworkXNoPath:
        return none
    links = [float(graph[a][b].get("weight", 1.0)) for a, b in zip(path, path[1:], strict=False)]
    return IntroductionPath(list(path), float(cost), float(np.prod(links)), min(links))
