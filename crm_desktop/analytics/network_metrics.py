"""Relationship network, metric side: the per-node algorithms behind ``influence``/``analyze``.

* Betweenness is exact up to ``exact_limit`` nodes, above that estimated from ``sample_size``
  random source nodes (Brandes pivots, scaled by n/k), normalised like networkx; the distance of
  an edge is ``1 / strength``.
* Eigenvector centrality is computed per connected component (shifted power iteration), scaled so
  the top node of a component equals ``component size / largest component size``; isolated
  nodes get 0. It never fails on a disconnected graph, a single node or no edges.
* Communities: Louvain (igraph multilevel, or networkx louvain_communities), seeded. Community
  ids are renumbered by size (0 = largest); isolated nodes get -1.
* ``participation`` is the participation coefficient ``1 - sum_c (w_ic / w_i)^2``; a *broker*
  has neighbours in at least two communities. ``influence`` is the mean percentile rank of
  pagerank, betweenness, eigenvector and weighted degree (0 for isolated nodes).

Private to the package: the public entry points are in :mod:`crm_desktop.analytics.network`.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components

from crm_desktop.analytics.network_graph import _Arrays, _igraph, _Stage, seeded_igraph

METRIC_COLUMNS = (
    "degree",
    "weighted_degree",
    "betweenness",
    "eigenvector",
    "pagerank",
    "community",
    "participation",
    "broker",
    "influence",
)
_DTYPES = {"degree": "int64", "community": "int64", "broker": "bool"}
_BETWEENNESS_CHUNK = 256


# --------------------------------------------------------------------------- metrics


def _betweenness(
    arr: _Arrays, engine: Any, exact_limit: int, sample_size: int, seed: int, stage: _Stage
) -> tuple[np.ndarray, int | None]:
    """Normalised weighted betweenness (distance 1/strength); sample size or None when exact."""
    n = arr.n
    if n < 3 or not len(arr.src):
        return np.zeros(n), None
    sampled = n > exact_limit and 0 < sample_size < n
    rng = np.random.default_rng(seed)
    sources = np.sort(rng.choice(n, size=sample_size, replace=False)) if sampled else np.arange(n)
    if isinstance(engine, nx.Graph):
        stage(0.0, "Betweenness (networkx)")
        found = nx.betweenness_centrality(
            engine,
            k=len(sources) if sampled else None,
            normalized=False,
            weight="distance",
            seed=seed,
        )
        total = np.array([found[i] for i in range(n)])  # already scaled by n/k when sampled
    else:
        distance = (1.0 / arr.weight).tolist()
        chunks = np.array_split(sources, -(-len(sources) // _BETWEENNESS_CHUNK))
        total = np.zeros(n)
        for i, chunk in enumerate(chunks):
            stage(i / len(chunks), f"Betweenness {i * 100 // len(chunks)}%")
            total += engine.betweenness(sources=chunk.tolist(), weights=distance, directed=False)
        if sampled:
            total *= n / len(sources)
    return total * 2.0 / ((n - 1) * (n - 2)), (len(sources) if sampled else None)


def _eigenvector(
    arr: _Arrays, stage: _Stage, max_iter: int = 1000, tol: float = 1e-10
) -> np.ndarray:
    """Shifted power iteration (x + Ax) normalised per connected component; see module doc."""
    if not len(arr.src):
        return np.zeros(arr.n)
    adj = arr.adjacency()
    count, labels = connected_components(adj, directed=False)
    sizes = np.bincount(labels, minlength=count)
    x = (sizes[labels] > 1).astype(float)
    for it in range(max_iter):
        if it % 100 == 0:
            stage(it / max_iter, "Eigenvector centrality")
        y = x + adj @ x
        norms = np.sqrt(np.bincount(labels, weights=y * y, minlength=count))
        y /= np.where(norms > 0, norms, 1.0)[labels]
        done = np.abs(y - x).max() < tol
        x = y
        if done:
            break
    top = np.zeros(count)
    np.maximum.at(top, labels, x)
    scaled: np.ndarray = x / np.where(top > 0, top, 1.0)[labels] * sizes[labels] / sizes.max()
    return scaled


def _communities(arr: _Arrays, engine: Any, ig: Any, seed: int, resolution: float) -> np.ndarray:
    """Louvain membership renumbered by size (0 = largest); isolated nodes -1."""
    n = arr.n
    isolated = np.bincount(np.r_[arr.src, arr.dst], minlength=n) == 0
    if not len(arr.src):
        return np.full(n, -1, np.int64)
    if isinstance(engine, nx.Graph):
        sets = nx.community.louvain_communities(
            engine, weight="weight", resolution=resolution, seed=seed
        )
        raw = np.empty(n, np.int64)
        for c, members in enumerate(sets):
            raw[list(members)] = c
    else:
        with seeded_igraph(ig, seed):
            raw = np.asarray(
                engine.community_multilevel(
                    weights=arr.weight.tolist(), resolution=resolution
                ).membership,
                np.int64,
            )
    raw[isolated] = -1
    ids, first, counts = np.unique(raw, return_index=True, return_counts=True)
    keep = ids >= 0
    order = np.lexsort((first[keep], -counts[keep]))
    renumber = np.full(len(ids), -1, np.int64)
    renumber[np.flatnonzero(keep)[order]] = np.arange(keep.sum())
    return renumber[np.searchsorted(ids, raw)]


def _modularity(arr: _Arrays, membership: np.ndarray, resolution: float = 1.0) -> float:
    total = float(arr.weight.sum())
    if total <= 0:
        return 0.0
    codes = pd.factorize(pd.Series(membership))[0]
    inside = arr.weight[codes[arr.src] == codes[arr.dst]].sum()
    strength = np.bincount(arr.src, arr.weight, arr.n) + np.bincount(arr.dst, arr.weight, arr.n)
    per_comm = np.bincount(codes, strength)
    return float(inside / total - resolution * ((per_comm / (2 * total)) ** 2).sum())


def _participation(arr: _Arrays, community: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Participation coefficient and number of distinct neighbour communities per node."""
    node = np.r_[arr.src, arr.dst]
    weight = np.r_[arr.weight, arr.weight]
    neighbour = community[np.r_[arr.dst, arr.src]]
    # One int64 key per (node, neighbour's community), ordered as node then community: a
    # groupby on it sums the same groups in the same order as one on the two columns, without
    # their frame and MultiIndex (the network's peak at a million customers: +200 MB)
    span = int(neighbour.max(initial=-1)) + 2
    key = node.astype(np.int64) * span + (neighbour.astype(np.int64) + 1)
    del neighbour
    per = pd.Series(weight).groupby(key).sum()
    del key
    owner = per.index.to_numpy() // span
    total = np.bincount(node, weight, arr.n)
    squares = np.bincount(owner, (per.to_numpy() / total[owner]) ** 2, arr.n)
    participation = np.where(total > 0, 1.0 - squares, 0.0)
    return np.clip(participation, 0.0, 1.0), np.bincount(owner, minlength=arr.n)


def _empty_metrics(index: pd.Index) -> pd.DataFrame:
    frame = pd.DataFrame(index=index, columns=list(METRIC_COLUMNS), dtype=float)
    return frame.astype(_DTYPES)


def _metrics(
    arr: _Arrays,
    stage: _Stage,
    *,
    seed: int,
    exact_limit: int,
    sample_size: int,
    resolution: float,
    backend: str,
) -> tuple[pd.DataFrame, float, int | None, str]:
    ig = _igraph(backend)
    name = "networkx" if ig is None else "igraph"
    if arr.n == 0:
        return _empty_metrics(arr.nodes), 0.0, None, name
    if ig is None:
        engine: Any = nx.Graph()
        engine.add_nodes_from(range(arr.n))
        engine.add_edges_from(
            (int(a), int(b), {"weight": float(w), "distance": 1.0 / float(w)})
            for a, b, w in zip(arr.src, arr.dst, arr.weight, strict=True)
        )
    else:
        engine = ig.Graph(n=arr.n, edges=np.column_stack([arr.src, arr.dst]).tolist())
    n = arr.n
    stage(0.02, "Degrees")
    degree = np.bincount(arr.src, minlength=n) + np.bincount(arr.dst, minlength=n)
    weighted = (np.bincount(arr.src, arr.weight, n) + np.bincount(arr.dst, arr.weight, n)).astype(
        float
    )
    between, sample = _betweenness(
        arr, engine, exact_limit, sample_size, seed, stage.sub(0.05, 0.75)
    )
    eigen = _eigenvector(arr, stage.sub(0.75, 0.82))
    stage(0.82, "PageRank")
    if ig is None:
        ranks = nx.pagerank(engine, alpha=0.85, weight="weight")
        pagerank = np.array([ranks[i] for i in range(n)])
    elif len(arr.src):
        pagerank = np.asarray(engine.pagerank(weights=arr.weight.tolist(), directed=False))
    else:
        pagerank = np.full(n, 1.0 / n)
    stage(0.88, "Communities")
    community = _communities(arr, engine, ig, seed, resolution)
    # the graph goes before the brokers' sums and the frame (igraph's at a million nodes: 30 MB)
    del engine
    stage(0.96, "Brokers")
    participation, spans = _participation(arr, community)
    frame = pd.DataFrame(
        {
            "degree": degree.astype(np.int64),
            "weighted_degree": weighted,
            "betweenness": between,
            "eigenvector": eigen,
            "pagerank": pagerank,
            "community": community,
            "participation": participation,
            "broker": spans >= 2,
        },
        index=arr.nodes,
        # the frame takes the arrays as they are, nothing else keeps them (a frame made from
        # a dict copies them by default: 56 MB more at a million nodes)
        copy=False,
    )
    del weighted, between, eigen, pagerank, participation, spans
    ranked = frame[["pagerank", "betweenness", "eigenvector", "weighted_degree"]]
    frame["influence"] = np.where(degree > 0, ranked.rank(pct=True).mean(axis=1), 0.0)
    stage(1.0, "Network metrics done")
    return frame, _modularity(arr, community, resolution), sample, name
