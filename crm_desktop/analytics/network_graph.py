"""Relationship network, graph side: edge preparation, graph building and inferred links.

The graph is undirected and weighted by *strength* in (0, 1]: a similarity, so wherever a path
length is needed the distance of an edge is ``1 / strength``.

* Parallel edges between one pair (two recorded kinds, or ``a->b`` and ``b->a``) are merged into
  one edge keeping the **maximum** strength (a second record of the same tie is not a stronger
  tie); kinds are joined, e.g. ``"colleague,friend"``. Self-loops are dropped.
* Inferred links (``infer=True``): same company (member-company and, for companies of at most
  ``group_limit`` people, colleague-colleague) at ``company_weight``; customers who responded to
  the same campaign (campaigns with at most ``group_limit`` responders) at ``campaign_weight`` per
  shared campaign. Inferred weights of one pair are summed and capped at ``inferred_cap``. A pair
  that has a recorded relationship keeps the recorded edge unchanged: inference never overrides.

Also the helpers the metric and layout modules share: the array form of a graph (``_Arrays``,
``_edge_arrays``), backend choice (``_igraph``, ``seeded_igraph``) and progress stages
(``_Stage``). Public names are re-exported by :mod:`crm_desktop.analytics.network`.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeAlias

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report

DEFAULT_STRENGTH = 0.5  # a recorded relationship with unknown strength
MIN_STRENGTH = 0.05  # floor for recorded strengths so that 1/strength stays finite
_RNG_LOCK = threading.Lock()

__all__ = [
    "DEFAULT_STRENGTH",
    "MIN_STRENGTH",
    "EdgesLike",
    "build_edges",
    "build_graph",
    "graph_from_edges",
    "graph_to_edges",
    "seeded_igraph",
]


# --------------------------------------------------------------------------- backends / progress


def _igraph(backend: str) -> Any | None:
    """The igraph module for ``backend`` 'auto'/'igraph', None for 'networkx' or when missing."""
    if backend not in {"auto", "igraph", "networkx"}:
        raise ValueError(f"backend must be 'auto', 'igraph' or 'networkx', not {backend!r}")
    if backend == "networkx":
        return None
    try:
        import igraph
    except ImportError:
        if backend == "igraph":
            raise
        return None
    return igraph


@contextmanager
def seeded_igraph(ig: Any, seed: int) -> Iterator[None]:
    """Make igraph's random choices reproducible; a lock guards its process-wide generator."""
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


class _Stage:
    """Maps a sub-task's 0..1 progress into ``[start, end]`` of the caller's progress bar."""

    def __init__(
        self,
        progress: ProgressFn | None,
        cancelled: CancelFn | None,
        start: float = 0.0,
        end: float = 1.0,
    ) -> None:
        self.progress, self.cancelled, self.start, self.end = progress, cancelled, start, end

    def __call__(self, fraction: float, message: str) -> None:
        report(
            self.progress, self.cancelled, self.start + (self.end - self.start) * fraction, message
        )

    def sub(self, start: float, end: float) -> _Stage:
        span = self.end - self.start
        return _Stage(
            self.progress, self.cancelled, self.start + span * start, self.start + span * end
        )


# --------------------------------------------------------------------------- edge preparation


@dataclass(frozen=True)
class _Arrays:
    """Undirected simple graph as arrays: node labels, edge endpoints (src < dst) and weights."""

    nodes: pd.Index
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray

    @property
    def n(self) -> int:
        return len(self.nodes)

    def adjacency(self) -> sparse.csr_matrix:
        a = sparse.coo_matrix((self.weight, (self.src, self.dst)), shape=(self.n, self.n))
        return (a + a.T).tocsr()


EdgesLike: TypeAlias = pd.DataFrame | nx.Graph


def _edge_frame(edges: EdgesLike) -> tuple[pd.DataFrame, list[Hashable]]:
    if isinstance(edges, nx.Graph):
        rows = list(edges.edges(data="weight", default=1.0))
        return pd.DataFrame(rows, columns=["source", "target", "weight"]), list(edges.nodes)
    missing = {"source", "target"} - set(edges.columns)
    if missing:
        raise ValueError(f"edges need columns source and target; missing {sorted(missing)}")
    return edges, []


def _edge_arrays(edges: EdgesLike, nodes: Iterable[Hashable] | None = None) -> _Arrays:
    """Factorise labels, drop self-loops and non-positive weights, merge parallel edges (max).

    Weight is the ``weight`` column, else ``strength``, else 1; a missing value counts as 1.
    """
    frame, graph_nodes = _edge_frame(edges)
    valid = frame["source"].notna() & frame["target"].notna()
    src, tgt = frame["source"][valid], frame["target"][valid]
    col = "weight" if "weight" in frame else "strength" if "strength" in frame else None
    if col is None:
        w = np.ones(len(src))
    else:
        w = pd.to_numeric(frame[col][valid], errors="coerce").fillna(1.0).to_numpy(float)
    extra = list(graph_nodes) + (list(nodes) if nodes is not None else [])
    parts = [p for p in (pd.Series(extra), src, tgt) if len(p)]
    if not parts:
        empty = np.empty(0, np.int64)
        return _Arrays(pd.Index([], name="node"), empty, empty, np.empty(0))
    codes, uniques = pd.factorize(pd.concat(parts, ignore_index=True))
    k, m = len(extra), len(src)
    s, t = codes[k : k + m], codes[k + m :]
    keep = (s != t) & np.isfinite(w) & (w > 0)
    s, t, w = s[keep], t[keep], w[keep]
    n = len(uniques)
    key = np.minimum(s, t).astype(np.int64) * n + np.maximum(s, t)
    if len(key):
        order = np.argsort(key, kind="stable")
        ks = key[order]
        starts = np.flatnonzero(np.r_[True, ks[1:] != ks[:-1]])
        w = np.maximum.reduceat(w[order], starts)
        key = ks[starts]
    return _Arrays(pd.Index(uniques, name="node"), key // n, key % n, w.astype(float))


# --------------------------------------------------------------------------- graph building


def _canonical_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Orient every pair the same way (by factorised label order) so (a,b) and (b,a) coincide."""
    codes, _ = pd.factorize(pd.concat([frame["source"], frame["target"]], ignore_index=True))
    swap = codes[: len(frame)] > codes[len(frame) :]
    out = frame.copy()
    out.loc[swap, ["source", "target"]] = frame.loc[swap, ["target", "source"]].to_numpy()
    return out


def _join_kinds(frame: pd.DataFrame, how: str) -> pd.DataFrame:
    """Group rows per pair: weight max (``how='max'``) or sum; kinds joined sorted and unique."""
    grouped = frame.groupby(["source", "target"], sort=False)
    weight = grouped["weight"].max() if how == "max" else grouped["weight"].sum()
    kinds = frame.drop_duplicates(["source", "target", "kind"]).sort_values("kind")
    multi = kinds.duplicated(["source", "target"], keep=False)
    joined = kinds[multi].groupby(["source", "target"], sort=False)["kind"].agg(",".join)
    single = kinds[~multi].set_index(["source", "target"])["kind"]
    out = weight.to_frame()
    out["kind"] = pd.concat([single, joined]).reindex(out.index)
    return out.reset_index()


def _group_pairs(members: pd.DataFrame, group: str, limit: int) -> pd.DataFrame:
    """All pairs (source < target) of ``id`` within each ``group`` of 2..limit members."""
    members = members.drop_duplicates([group, "id"])
    size = members.groupby(group)["id"].transform("size")
    members = members[(size >= 2) & (size <= limit)]
    pairs = members.merge(members, on=group)
    pairs = pairs[pairs["id_x"] < pairs["id_y"]]
    return pd.DataFrame({"source": pairs["id_x"].to_numpy(), "target": pairs["id_y"].to_numpy()})


def _inferred_edges(
    customers: pd.DataFrame | None,
    campaign_members: pd.DataFrame | None,
    company_weight: float,
    campaign_weight: float,
    group_limit: int,
) -> pd.DataFrame:
    parts = []
    if customers is not None and "company_id" in customers:
        cust = customers[["id", "company_id"]].dropna()
        cust = cust.astype({"id": customers["id"].dtype, "company_id": customers["id"].dtype})
        at_company = cust[cust["company_id"].isin(customers["id"])]
        parts.append(
            pd.DataFrame(
                {
                    "source": at_company["id"].to_numpy(),
                    "target": at_company["company_id"].to_numpy(),
                }
            )
        )
        parts.append(_group_pairs(cust, "company_id", group_limit))
        for p in parts:
            p["weight"], p["kind"] = company_weight, "same_company"
    if campaign_members is not None and len(campaign_members):
        said_yes = campaign_members["responded"].astype("boolean").fillna(False)
        resp = campaign_members[said_yes.to_numpy(bool)]
        resp = resp[["campaign_id", "customer_id"]].dropna().rename(columns={"customer_id": "id"})
        pairs = _group_pairs(resp, "campaign_id", group_limit)
        pairs["weight"], pairs["kind"] = campaign_weight, "shared_campaign"
        parts.append(pairs)
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=["source", "target", "weight", "kind"])
    return pd.concat(parts, ignore_index=True)


def build_edges(
    relationships: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    campaign_members: pd.DataFrame | None = None,
    *,
    infer: bool = False,
    company_weight: float = 0.3,
    campaign_weight: float = 0.2,
    inferred_cap: float = 0.5,
    group_limit: int = 50,
) -> pd.DataFrame:
    """One row per undirected pair: source, target, weight (strength), kind, inferred (bool)."""
    rel = relationships
    strength = (
        pd.to_numeric(rel["strength"], errors="coerce")
        if "strength" in rel
        else pd.Series(np.nan, index=rel.index)
    )
    recorded = pd.DataFrame(
        {
            "source": rel["source"],
            "target": rel["target"],
            "weight": strength.fillna(DEFAULT_STRENGTH).clip(MIN_STRENGTH, 1.0),
            # as objects: the frame's categorical kinds take no new value "other"
            "kind": (rel["kind"].astype(object).fillna("other").astype(str)
                     if "kind" in rel else "other"),
        }
    ).dropna(subset=["source", "target"])
    recorded["inferred"] = False
    frames = [recorded]
    if infer:
        guessed = _inferred_edges(
            customers, campaign_members, company_weight, campaign_weight, group_limit
        )
        guessed["inferred"] = True
        frames.append(guessed)
    nonempty = [f for f in frames if len(f)]
    both = pd.concat(nonempty, ignore_index=True) if nonempty else recorded
    both = _canonical_pairs(both[both["source"] != both["target"]])
    rec = _join_kinds(both[~both["inferred"].astype(bool)], "max")
    rec["inferred"] = False
    out = [rec]
    guessed = both[both["inferred"].astype(bool)]
    if len(guessed):
        inf = _join_kinds(guessed, "sum")
        inf["weight"] = inf["weight"].clip(upper=inferred_cap)
        known = pd.MultiIndex.from_frame(rec[["source", "target"]])
        inf = inf[~pd.MultiIndex.from_frame(inf[["source", "target"]]).isin(known)]
        inf["inferred"] = True
        out.append(inf)
    edges = pd.concat(out, ignore_index=True)
    return edges[["source", "target", "weight", "kind", "inferred"]]


def graph_from_edges(edges: EdgesLike, nodes: Iterable[Hashable] | None = None) -> nx.Graph:
    """networkx Graph with edge attributes weight, distance (1/weight), kind/inferred if given.

    Weight as in :func:`influence`; parallel edges merged keeping the strongest; self-loops and
    non-positive weights dropped (their endpoints stay as nodes).
    """
    if isinstance(edges, nx.Graph):
        return edges
    frame, _ = _edge_frame(edges)
    graph = nx.Graph()
    graph.add_nodes_from(nodes if nodes is not None else [])
    col = "weight" if "weight" in frame else "strength" if "strength" in frame else None
    weights = (
        pd.to_numeric(frame[col], errors="coerce").fillna(1.0)
        if col
        else pd.Series(1.0, index=frame.index)
    )
    cols = [c for c in ("kind", "inferred") if c in frame]
    for a, b, w, *rest in zip(
        frame["source"], frame["target"], weights, *(frame[c] for c in cols), strict=True
    ):
        if pd.isna(a) or pd.isna(b):
            continue
        graph.add_nodes_from((a, b))
        if a == b or not (np.isfinite(w) and w > 0):
            continue
        if graph.has_edge(a, b) and graph[a][b]["weight"] >= w:
            continue
        attrs = {c: (bool(v) if c == "inferred" else v) for c, v in zip(cols, rest, strict=True)}
        graph.add_edge(a, b, weight=float(w), distance=1.0 / float(w), **attrs)
    return graph


def build_graph(
    relationships: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    campaign_members: pd.DataFrame | None = None,
    *,
    infer: bool = False,
    **weights: Any,
) -> nx.Graph:
    """The relationship graph; every customer is a node (with its ``name``) when given."""
    edges = build_edges(relationships, customers, campaign_members, infer=infer, **weights)
    graph = graph_from_edges(edges, customers["id"] if customers is not None else None)
    if customers is not None and "name" in customers:
        names = customers.dropna(subset=["id", "name"])
        nx.set_node_attributes(
            graph, dict(zip(names["id"], names["name"].astype(str), strict=True)), "name"
        )
    return graph


def graph_to_edges(graph: nx.Graph) -> pd.DataFrame:
    """Edges of ``graph`` as a DataFrame: source, target, weight, kind, inferred."""
    rows = [
        (a, b, d.get("weight", 1.0), d.get("kind"), bool(d.get("inferred", False)))
        for a, b, d in graph.edges(data=True)
    ]
    return pd.DataFrame(rows, columns=["source", "target", "weight", "kind", "inferred"])
