"""The relationship graph, one pipeline for the graph page and `crm-desktop analytics graph`.

:func:`network` reads the relationships (one query), builds the edges (with ``infer``: also the
inferred links, people of the same company and customers who responded to the same campaign;
``analytics.network.build_edges``, never overriding a recorded relationship), and computes the
per-customer metrics (``analytics.network.influence``) or reuses the stored ones when they were
computed from the same edges (``graph_store.metrics_version``); computed metrics are stored.
The metrics with inferred links are kept apart from the recorded-links metrics
(``graph_store.INFERRED_KIND``: the customer detail and the dashboard keep showing the recorded
ones).

* :func:`load_graph` (the page, in a worker): the network, the most influential customers to
  draw and their layout, cached in the database (``graph_store.layout_key``). The first open of
  a large network takes a few seconds; reopening a fraction of a second.
* :func:`ego_layout`, :func:`ordered_ego`: one customer's ego network and its layout.
* :func:`export_graphml`: what is shown, with each customer's metrics, name and company.
* :func:`network_report` (the command line): the summary as plain data.
* :func:`pair_links`: the recorded relationships of the pair of one relationship.

Progress messages are plain English; the page translates them (context "graph").
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from crm_desktop.analytics import CancelFn, ProgressFn
from crm_desktop.services.outcome import read, write
from crm_desktop.storage.changes import Changes

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy.orm import Session

    from crm_desktop.analytics.network_index import NameTable, NetworkIndex
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.graph_store import PairLinks

TOP_LIMIT = 2000  # most influential customers drawn; the rest come in by expansion
LAYOUT_MODEL = "layout-6"  # bump when analytics.layout changes: old caches are ignored
LOADING, PREPARING = "Loading relationships", "Preparing the view"  # progress messages


@dataclass(frozen=True)
class GraphOptions:
    limit: int = TOP_LIMIT
    unconnected: bool = False  # also draw customers without relationships
    force: bool = False  # recompute metrics and layout even when cached
    infer: bool = False  # add inferred links (same company, same campaign response)


@dataclass
class Network:
    """The relationship network and its metrics (:func:`network`)."""

    edges: pd.DataFrame  # every edge: source, target, weight, kind, inferred
    labels: pd.DataFrame  # live customers by id: id, name, company (id only: names=False)
    # By customer id: influence, degree, betweenness, pagerank, community, rank (1 = most
    # influential), ... (computed: every column of analytics.network.influence, e.g. broker)
    metrics: pd.DataFrame
    modularity: float
    computed: bool  # False: the stored metrics were current
    candidates: pd.DataFrame | None = None  # with infer: every inferred link, recorded or not
    backend: str | None = None  # computed: "igraph" or "networkx"
    betweenness_sample_size: int | None = None  # computed: None when exact


@dataclass
class GraphData:
    """What the graph page shows (:func:`load_graph`): compact, so that it crosses from the
    background process to the window quickly (numbers in arrays, texts in one buffer)."""

    edges: pd.DataFrame  # every edge: source, target, weight, kind (categorical), inferred
    metrics: pd.DataFrame  # every live customer by id: influence, degree, community, rank, ...
    labels: NameTable  # by id: name, company
    graph: NetworkIndex  # the whole network, for expansion, introduction paths, ego networks
    shown: list[int]
    # node, x, y in [-1, 1] for the shown nodes, with their influence, community and name
    # (what the page draws at once, without looking up a million-row frame)
    positions: pd.DataFrame
    modularity: float
    community_sizes: dict[int, int]
    metrics_computed: bool
    layout_computed: bool
    ranked: int  # customers with at least one relationship
    inferred: bool = False  # computed with inferred links
    # Every inferred link by pair (also those hidden by a recorded relationship, so that
    # deleting the recorded one can bring the inferred one back): (weight, kind).
    candidates: dict[tuple[int, int], tuple[float, str]] = field(default_factory=dict)

    @property
    def communities(self) -> int:
        return sum(1 for size in self.community_sizes.values() if size >= 2)

    @property
    def inferred_count(self) -> int:
        return int(self.edges["inferred"].sum()) if "inferred" in self.edges else 0


def _stage(progress: ProgressFn | None, start: float, end: float) -> ProgressFn | None:
    if progress is None:
        return None

    def report(fraction: float, message: str) -> None:
        progress(start + (end - start) * fraction, message)

    return report


# --------------------------------------------------------------------------- the network


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


def network(database: Database, infer: bool = False, *, reuse: bool = True,
            save: bool = True, progress: ProgressFn | None = None,
            cancelled: CancelFn | None = None, names: bool = True) -> Network:
    """The network and its metrics: the stored ones when ``reuse`` and they were computed from
    these edges, else computed now (progress 0.05..0.7) and, with ``save``, stored. Without
    ``names`` the labels hold the customers' ids only (the dashboard's fill stores the
    metrics and shows nobody)."""
    from crm_desktop.analytics import network as net
    from crm_desktop.storage import graph_store

    if progress:
        progress(0.0, LOADING)
    edges, guessed = _edges(database, infer)
    digest = graph_store.edges_digest(edges)
    kind = graph_store.network_kind(infer)

    def stored_metrics(session: Session) -> tuple[pd.DataFrame, pd.DataFrame | None]:
        labels = graph_store.customer_labels(session, names)
        current = reuse and graph_store.metrics_version(session, kind) == digest[:16]
        return labels, graph_store.load_network_metrics(session, kind) if current else None

    labels, stored = read(database, stored_metrics)
    if stored is not None:
        quality = net.modularity(edges, stored["community"]) if len(edges) else 0.0
        return Network(edges, labels, stored, quality, False, guessed)
    found = net.influence(edges, nodes=labels.index, progress=_stage(progress, 0.05, 0.7),
                          cancelled=cancelled)
    if save:  # derived data, written in bulk: not audited
        write(database, lambda session: graph_store.save_network_metrics(
            session, found, digest, kind=kind), also=Changes.of("analytics_results"))
    metrics = found.assign(rank=graph_store.influence_ranks(found).astype("Int64"))
    return Network(edges, labels, metrics, float(found.attrs["modularity"]), True, guessed,
                   found.attrs.get("backend"), found.attrs.get("betweenness_sample_size"))


# --------------------------------------------------------------------------- the page's view


def _cached_layout(database: Database, edges: pd.DataFrame, nodes: list[int],
                   view: dict[str, Any], force: bool, progress: ProgressFn | None,
                   cancelled: CancelFn | None) -> tuple[pd.DataFrame, bool]:
    """Positions of ``nodes`` from the layout cache, or laid out now and cached."""
    from crm_desktop.analytics.network_layout import layout
    from crm_desktop.storage import graph_store

    key = graph_store.layout_key(edges, nodes, {"model": LAYOUT_MODEL, **view})
    if not force:
        cached = read(database, lambda session: graph_store.load_layout(session, key))
        if cached is not None and set(cached["node"]) >= set(nodes):
            return cached, False
    positions = layout(edges, nodes=nodes, seed=0, progress=progress, cancelled=cancelled)
    write(database, lambda session: graph_store.save_layout(session, key, positions),
          also=Changes.of("graph_layout"))
    return positions, True


def load_graph(database: Database, options: GraphOptions = GraphOptions(), *,
               progress: ProgressFn | None = None,
               cancelled: CancelFn | None = None) -> GraphData:
    """The network and the layout of its ``options.limit`` most influential customers."""
    import pandas as pd

    from crm_desktop.analytics.network_index import NameTable, index_edges
    from crm_desktop.analytics.network_layout import restrict_edges, select_top_nodes

    found = network(database, options.infer, reuse=not options.force, progress=progress,
                    cancelled=cancelled)
    metrics = found.metrics.reindex(found.labels.index)
    metrics = metrics.fillna({"influence": 0.0, "degree": 0, "community": -1}).astype(
        {"degree": "int64", "community": "int64"}
    )
    candidates = metrics if options.unconnected else metrics[metrics["degree"] > 0]
    shown = [int(cast(int, n)) for n in select_top_nodes(candidates, limit=options.limit)]
    sub = restrict_edges(found.edges, shown)
    view = {"view": "top", "limit": options.limit, "unconnected": options.unconnected,
            **({"inferred": True} if options.infer else {})}  # recorded-only keys unchanged
    positions, laid_out = _cached_layout(database, sub, shown, view, options.force,
                                         _stage(progress, 0.72, 0.97), cancelled)
    if progress:
        progress(0.98, PREPARING)
    sizes = metrics.loc[metrics["community"] >= 0, "community"].value_counts()
    drawn = positions["node"].astype("int64")
    positions = positions.assign(
        influence=metrics["influence"].reindex(drawn).fillna(0.0).to_numpy(),
        community=metrics["community"].reindex(drawn).fillna(-1).astype("int64").to_numpy(),
        name=found.labels["name"].reindex(drawn).to_numpy(object))
    return GraphData(
        edges=found.edges.astype({"kind": "category"}), metrics=_compact(metrics),
        labels=NameTable.of(found.labels),
        graph=index_edges(found.edges, metrics.index), shown=shown, positions=positions,
        modularity=found.modularity,
        community_sizes={int(c): int(n) for c, n in sizes.items()},
        metrics_computed=found.computed, layout_computed=laid_out,
        ranked=int(pd.to_numeric(metrics["degree"]).gt(0).sum()),
        inferred=options.infer, candidates=_pairs(found.candidates),
    )


def _compact(metrics: pd.DataFrame) -> pd.DataFrame:
    """32-bit columns where they are enough (half the bytes to send, same figures shown)."""
    import numpy as np

    narrow = {name: np.int32 for name in ("degree", "community")
              if name in metrics and metrics[name].dtype == np.int64}
    return metrics.astype(narrow)


def graph_job(database: Database, options: GraphOptions = GraphOptions(), *,
              progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
              frames: Any = None) -> GraphData:
    """:func:`load_graph` as a job of the background process (``ChildService.call``): the
    metrics (igraph, pandas) and the layout hold the GIL for seconds at a time, which in a
    thread of the window's process stalled its repaints; only compact arrays come back."""
    return load_graph(database, options, progress=progress, cancelled=cancelled)


def _pairs(edges: pd.DataFrame | None) -> dict[tuple[int, int], tuple[float, str]]:
    if edges is None:
        return {}
    a, b = edges["source"].astype(int), edges["target"].astype(int)
    return {(min(x, y), max(x, y)): (float(w), str(k))
            for x, y, w, k in zip(a, b, edges["weight"], edges["kind"], strict=True)}


def ego_layout(database: Database, edges: pd.DataFrame, nodes: list[int], centre: int,
               depth: int, infer: bool = False, *, progress: ProgressFn | None = None,
               cancelled: CancelFn | None = None, frames: Any = None) -> pd.DataFrame:
    """Layout (cached) of one customer's ego network: ``nodes`` and the ``edges`` among them
    (a job of the background process too: ``frames`` is its frame cache, unused)."""
    view = {"view": "ego", "node": centre, "depth": depth, **({"inferred": True} if infer else {})}
    positions, _ = _cached_layout(database, edges, nodes, view, False, progress, cancelled)
    return positions


def ordered_ego(graph: NetworkIndex, metrics: pd.DataFrame, centre: Hashable, depth: int,
                limit: int = TOP_LIMIT) -> tuple[list[int], dict[int, int]]:
    """Nodes of the ego network (nearest first, then most influential), capped at ``limit``,
    and each one's distance in hops."""
    if depth not in (1, 2, 3):
        raise ValueError(f"ego network depth must be 1, 2 or 3, not {depth!r}")
    hops = graph.hops(centre, depth)
    influence = metrics["influence"].reindex(list(hops)).fillna(0.0).to_dict()
    ordered = sorted(hops, key=lambda n: (hops[n], -float(influence.get(n, 0.0) or 0.0), n))
    return [int(n) for n in ordered[:limit]], {int(n): int(h) for n, h in hops.items()}


def export_graphml(edges: pd.DataFrame, metrics: pd.DataFrame, labels: pd.DataFrame,
                   path: str) -> str:
    """GraphML of the shown graph with metrics, name and company as node attributes."""
    from crm_desktop.analytics.network_layout import to_graphml

    table = metrics.join(labels[["name", "company"]], how="left")
    to_graphml(edges, table, path)
    return path


def pair_links(database: Database, relationship_id: int) -> PairLinks | None:
    """The two customers of a relationship and the live relationships between them (None
    when the relationship does not exist)."""
    from crm_desktop.storage import graph_store

    return read(database, lambda session: graph_store.pair_links(session, relationship_id))


# --------------------------------------------------------------------------- the report


def _inferred_summary(edges: pd.DataFrame) -> dict[str, Any]:
    """Counts of the inferred links by reason, and the links themselves."""
    guessed = edges[edges["inferred"].astype(bool)]
    by_kind: dict[str, int] = {}
    for kinds in guessed["kind"]:
        for kind in str(kinds).split(","):
            by_kind[kind] = by_kind.get(kind, 0) + 1
    return {
        "inferred_links": int(len(guessed)),
        "inferred_by_kind": by_kind,
        "inferred_edges": [
            {"source": int(a), "target": int(b), "strength": round(float(w), 4),
             "kinds": str(k).split(","), "inferred": True}
            for a, b, w, k in zip(guessed["source"], guessed["target"], guessed["weight"],
                                  guessed["kind"], strict=True)
        ],
    }


def network_report(database: Database, top: int = 10, save: bool = True,
                   infer: bool = False) -> dict[str, Any]:
    """The network summary as plain data (what `analytics graph --json` prints): the metrics
    computed now (and stored with ``save``), the ``top`` influencers and largest communities."""
    import pandas as pd

    from crm_desktop.storage import graph_store

    found = network(database, infer, reuse=False, save=save)
    metrics, labels = found.metrics, found.labels
    ranks = graph_store.influence_ranks(metrics)
    inferred = found.edges["inferred"].astype(bool)
    guessed = found.edges[inferred]
    degree_inferred = (  # inferred links per customer
        pd.concat([guessed["source"], guessed["target"]]).value_counts() if infer else None
    )

    def person(node: Any) -> dict[str, Any]:
        row = metrics.loc[node]
        company = labels.at[node, "company"]
        found_ = {
            "rank": int(ranks[node]), "id": int(node), "name": labels.at[node, "name"],
            "company": company if isinstance(company, str) and company else None,
            "influence": round(float(row["influence"]), 4), "degree": int(row["degree"]),
            "community": int(row["community"]),
            "betweenness": round(float(row["betweenness"]), 6),
            "eigenvector": round(float(row["eigenvector"]), 6),
            "pagerank": round(float(row["pagerank"]), 6),
            "broker": bool(row["broker"]),
        }
        if degree_inferred is not None:
            found_["inferred_degree"] = int(degree_inferred.get(node, 0))
        return found_

    connected = metrics[metrics["degree"] > 0]
    leaders = connected.sort_values("influence", ascending=False, kind="mergesort").index[:top]
    grouped = metrics[metrics["community"] >= 0].groupby("community")
    sizes = grouped.size().sort_values(ascending=False, kind="mergesort")
    communities = []
    for community, size in sizes[sizes >= 2].head(top).items():
        members = grouped.get_group(community).sort_values("influence", ascending=False)
        communities.append({
            "community": int(community), "size": int(size),
            "leaders": [str(labels.at[n, "name"]) for n in members.index[:3]],
        })
    report = {
        "customers": int(len(metrics)),
        "relationships": int((~inferred).sum()),
        "links": int(len(found.edges)),
        "connected": int((metrics["degree"] > 0).sum()),
        "modularity": round(float(found.modularity), 4),
        "communities": int((sizes >= 2).sum()),
        "backend": found.backend,
        "betweenness_sample_size": found.betweenness_sample_size,
        "inferred": infer,
        "top_influencers": [person(n) for n in leaders],
        "largest_communities": communities,
        "saved": save,
    }
    if infer:
        report.update(_inferred_summary(found.edges))
    return report
