"""The relationship network as compact arrays, for the graph page's questions about it.

The page needs, after the network is computed: a customer's neighbours (to bring them into the
view), the edges among the drawn customers, an ego network (within 1-3 hops), the strongest
chain of introductions, and to add or remove one edge when the user links two customers. A
networkx graph answers all of that, but building one for a million-customer network takes the
window's process seconds of Python that hold its GIL, and pickling one back from the background
process costs as much. :class:`NetworkIndex` keeps the network as sorted adjacency arrays (CSR:
each node's neighbours in one slice), built with numpy in the background process
(:func:`index_edges`) and sent to the window as a handful of arrays, which unpickle at memory
speed. The user's own edits go to a small overlay on top of the arrays.

Edge attributes, as ``analytics.network_graph.graph_from_edges`` gives them: ``weight``
(strength in (0, 1]), ``distance`` (1 / weight), ``kind`` (comma-joined kinds) and ``inferred``.
Self-loops and edges without a positive finite weight are dropped; their ends stay as nodes.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crm_desktop.analytics.introductions import IntroductionPath

EdgeAttrs = dict[str, Any]  # weight, distance, kind, inferred


@dataclass
class NetworkIndex:
    """Undirected weighted network: node ids sorted, each node's neighbours in one slice."""

    nodes: np.ndarray  # int64, sorted, unique
    indptr: np.ndarray  # int64, len(nodes) + 1: node i's neighbours are [indptr[i], indptr[i+1])
    neighbours: np.ndarray  # int64 node ids
    weights: np.ndarray  # float64
    kinds: np.ndarray  # int32 codes into kind_names
    inferred: np.ndarray  # bool
    kind_names: list[str]
    # The user's edits since the arrays were built: edges added or changed (both directions),
    # and pairs removed (min, max).
    _added: dict[int, dict[int, EdgeAttrs]] = field(default_factory=dict)
    _removed: set[tuple[int, int]] = field(default_factory=set)
    _extra_nodes: set[int] = field(default_factory=set)

    # ------------------------------------------------------------------ reading
    def _position(self, node: Hashable) -> int | None:
        try:
            key = int(node)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return None
        i = int(np.searchsorted(self.nodes, key))
        return i if i < len(self.nodes) and int(self.nodes[i]) == key else None

    def __contains__(self, node: object) -> bool:
        return self._position(node) is not None or node in self._extra_nodes

    def __len__(self) -> int:
        return len(self.nodes) + len(self._extra_nodes)

    def __getitem__(self, node: Hashable) -> dict[int, EdgeAttrs]:
        """``node``'s neighbours and each edge's attributes (a new dict: edit with add_edge)."""
        return self.adjacent(node)

    def adjacent(self, node: Hashable) -> dict[int, EdgeAttrs]:
        """Neighbours of ``node`` (none for an unknown node) with each edge's attributes."""
        out: dict[int, EdgeAttrs] = {}
        i = self._position(node)
        key = int(node)  # type: ignore[call-overload]
        if i is not None:
            start, end = int(self.indptr[i]), int(self.indptr[i + 1])
            names = self.kind_names
            for other, weight, kind, guessed in zip(
                self.neighbours[start:end].tolist(), self.weights[start:end].tolist(),
                self.kinds[start:end].tolist(), self.inferred[start:end].tolist(), strict=True,
            ):
                if (min(key, other), max(key, other)) in self._removed:
                    continue
                out[other] = {"weight": weight, "distance": 1.0 / weight,
                              "kind": names[kind], "inferred": guessed}
        for other, attrs in self._added.get(key, {}).items():
            out[other] = dict(attrs)
        return out

    def has_edge(self, a: Hashable, b: Hashable) -> bool:
        return int(b) in self.adjacent(a)  # type: ignore[call-overload]

    def edges_among(self, nodes: Iterable[Hashable]) -> list[tuple[int, int, EdgeAttrs]]:
        """Every edge whose two ends are both in ``nodes``, once each (with numpy over the
        arrays: the 2,000 drawn customers' edges one by one took 60 ms of the GUI thread)."""
        members = np.unique(np.asarray([int(n) for n in nodes], dtype=np.int64))  # type: ignore[call-overload]
        at = np.searchsorted(self.nodes, members)
        known = at < len(self.nodes)
        known[known] = self.nodes[at[known]] == members[known]
        at, ends = at[known], members[known]
        starts, stops = self.indptr[at], self.indptr[at + 1]
        counts = stops - starts
        # the positions of every neighbour slice, one after the other
        slots = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts) \
            + np.repeat(starts, counts)
        source = np.repeat(ends, counts)
        target = self.neighbours[slots]
        keep = (source < target) & np.isin(target, members)
        names = self.kind_names
        out = []
        for a, b, weight, kind, guessed in zip(
            source[keep].tolist(), target[keep].tolist(), self.weights[slots[keep]].tolist(),
            self.kinds[slots[keep]].tolist(), self.inferred[slots[keep]].tolist(), strict=True,
        ):
            if (a, b) not in self._removed:
                out.append((a, b, {"weight": weight, "distance": 1.0 / weight,
                                   "kind": names[kind], "inferred": guessed}))
        chosen = set(members.tolist())
        for a, others in self._added.items():
            if a in chosen:
                out.extend((a, b, dict(attrs)) for b, attrs in others.items()
                           if a < b and b in chosen)
        return out

    def expand(self, node: Hashable, visible: Iterable[Hashable] = (), limit: int = 50) -> list[int]:
        """Up to ``limit`` neighbours of ``node`` not in ``visible``, strongest ties first (as
        ``network_layout.expand_neighbours``; equal ties by id)."""
        key = int(node)  # type: ignore[call-overload]
        shown = {int(n) for n in visible} | {key}  # type: ignore[call-overload]
        hidden = [(other, attrs["weight"]) for other, attrs in self.adjacent(key).items()
                  if other not in shown]
        hidden.sort(key=lambda item: (-item[1], item[0]))
        return [other for other, _ in hidden[: max(0, limit)]]

    def hops(self, centre: Hashable, depth: int) -> dict[int, int]:
        """Everyone within ``depth`` hops of ``centre`` and their distance in hops (empty for an
        unknown centre), breadth first."""
        if centre not in self:
            return {}
        start = int(centre)  # type: ignore[call-overload]
        found = {start: 0}
        frontier = [start]
        for hop in range(1, depth + 1):
            nxt = []
            for node in frontier:
                for other in self.adjacent(node):
                    if other not in found:
                        found[other] = hop
                        nxt.append(other)
            frontier = nxt
        return found

    def introduction_path(self, source: Hashable, target: Hashable) -> IntroductionPath[int]:
        """Shortest path under distance 1/strength: the strongest chain of introductions."""
        none: IntroductionPath[int] = IntroductionPath([], math.inf, 0.0, 0.0)
        if source not in self or target not in self:
            return none
        start, goal = int(source), int(target)  # type: ignore[call-overload]
        if start == goal:
            return IntroductionPath([start], 0.0, 1.0, 1.0)
        best = {start: 0.0}
        previous: dict[int, int] = {}
        queue = [(0.0, start)]
        done: set[int] = set()
        while queue:
            cost, node = heapq.heappop(queue)
            if node in done:
                continue
            if node == goal:
                break
            done.add(node)
            for other, attrs in self.adjacent(node).items():
                step = cost + 1.0 / attrs["weight"]
                if step < best.get(other, math.inf):
                    best[other], previous[other] = step, node
                    heapq.heappush(queue, (step, other))
        if goal not in best:
            return none
        path = [goal]
        while path[-1] != start:
            path.append(previous[path[-1]])
        path.reverse()
        links = [self.adjacent(a)[b]["weight"] for a, b in zip(path, path[1:], strict=False)]
        return IntroductionPath(path, best[goal], float(np.prod(links)), min(links))

    # ------------------------------------------------------------------ editing
    def add_edge(self, a: Hashable, b: Hashable, **attrs: Any) -> None:
        """Add (or replace) the edge a-b with ``attrs`` (weight, kind, inferred, ...)."""
        x, y = int(a), int(b)  # type: ignore[call-overload]
        weight = float(attrs.get("weight", 1.0))
        row = {"weight": weight, "distance": 1.0 / weight, "kind": attrs.get("kind", "other"),
               "inferred": bool(attrs.get("inferred", False))}
        self._removed.add((min(x, y), max(x, y)))  # the array's edge, if any, is replaced
        self._added.setdefault(x, {})[y] = row
        self._added.setdefault(y, {})[x] = dict(row)
        self._extra_nodes.update(n for n in (x, y) if self._position(n) is None)

    def remove_edge(self, a: Hashable, b: Hashable) -> None:
        x, y = int(a), int(b)  # type: ignore[call-overload]
        self._removed.add((min(x, y), max(x, y)))
        self._added.get(x, {}).pop(y, None)
        self._added.get(y, {}).pop(x, None)


def index_edges(edges: pd.DataFrame, nodes: Iterable[Hashable] | None = None) -> NetworkIndex:
    """The index of an edge table (source, target, weight or strength[, kind][, inferred]),
    with ``nodes`` (and every edge end) as nodes."""
    frame = edges.dropna(subset=["source", "target"])
    a = pd.to_numeric(frame["source"]).to_numpy(np.int64)
    b = pd.to_numeric(frame["target"]).to_numpy(np.int64)
    column = "weight" if "weight" in frame else "strength" if "strength" in frame else None
    weight = (pd.to_numeric(frame[column], errors="coerce").fillna(1.0).to_numpy(np.float64)
              if column else np.ones(len(a)))
    if "kind" in frame:
        codes, names = pd.factorize(frame["kind"].astype(object).where(
            frame["kind"].notna(), "other"))
        kind_names = [str(name) for name in names]
        kinds = codes.astype(np.int32)
    else:
        kind_names, kinds = ["other"], np.zeros(len(a), np.int32)
    inferred = (frame["inferred"].fillna(False).to_numpy(bool) if "inferred" in frame
                else np.zeros(len(a), bool))
    given = np.asarray(list(nodes), dtype=np.int64) if nodes is not None else np.empty(0, np.int64)
    all_nodes = np.unique(np.concatenate([given, a, b]))
    keep = (a != b) & np.isfinite(weight) & (weight > 0)
    a, b, weight, kinds, inferred = a[keep], b[keep], weight[keep], kinds[keep], inferred[keep]
    # Parallel edges of a pair: the strongest (graph_from_edges keeps it too).
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((-weight, hi, lo))
    lo, hi, weight, kinds, inferred = lo[order], hi[order], weight[order], kinds[order], \
        inferred[order]
    first = np.ones(len(lo), bool)
    first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    lo, hi, weight, kinds, inferred = lo[first], hi[first], weight[first], kinds[first], \
        inferred[first]
    # Both directions, grouped by the first end.
    src = np.concatenate([lo, hi])
    dst = np.concatenate([hi, lo])
    order = np.argsort(src, kind="stable")
    src, dst = src[order], dst[order]
    positions = np.searchsorted(all_nodes, src)
    counts = np.bincount(positions, minlength=len(all_nodes))
    indptr = np.zeros(len(all_nodes) + 1, np.int64)
    np.cumsum(counts, out=indptr[1:])
    return NetworkIndex(
        nodes=all_nodes, indptr=indptr, neighbours=dst,
        weights=np.concatenate([weight, weight])[order],
        kinds=np.concatenate([kinds, kinds])[order],
        inferred=np.concatenate([inferred, inferred])[order], kind_names=kind_names,
    )


@dataclass
class NameTable:
    """Customers' names and companies by id, as one UTF-8 buffer and offsets: a million of
    them cross from the background process at memory speed (a frame of Python strings took the
    window's process a few hundred ms of GIL to unpickle)."""

    ids: np.ndarray  # int64, sorted
    offsets: np.ndarray  # int64, 2 * len(ids) + 1: name i is [2i, 2i+1), company [2i+1, 2i+2)
    text: bytes

    @classmethod
    def of(cls, labels: pd.DataFrame) -> NameTable:
        """From a frame indexed by id with columns name and company (None/NaN: empty)."""
        ordered = labels.sort_index()
        ids = ordered.index.to_numpy(np.int64)
        names = ordered["name"].astype(object).where(ordered["name"].notna(), "").tolist() \
            if "name" in ordered else [""] * len(ids)
        companies = ordered["company"].astype(object).where(
            ordered["company"].notna(), "").tolist() if "company" in ordered else [""] * len(ids)
        parts = [str(value).encode() for pair in zip(names, companies, strict=True)
                 for value in pair]
        offsets = np.zeros(len(parts) + 1, np.int64)
        np.cumsum([len(part) for part in parts], out=offsets[1:])
        return cls(ids, offsets, b"".join(parts))

    def _row(self, node: Hashable) -> int | None:
        try:
            key = int(node)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return None
        i = int(np.searchsorted(self.ids, key))
        return i if i < len(self.ids) and int(self.ids[i]) == key else None

    def _part(self, i: int) -> str:
        return self.text[int(self.offsets[i]):int(self.offsets[i + 1])].decode()

    def __contains__(self, node: object) -> bool:
        return self._row(node) is not None

    def __len__(self) -> int:
        return len(self.ids)

    def name(self, node: Hashable) -> str | None:
        row = self._row(node)
        return None if row is None else self._part(2 * row)

    def company(self, node: Hashable) -> str | None:
        """The customer's company (None when unknown or without one)."""
        row = self._row(node)
        return (self._part(2 * row + 1) or None) if row is not None else None

    def frame(self, nodes: Iterable[Hashable]) -> pd.DataFrame:
        """name and company of ``nodes`` (NaN for unknown ones), indexed by node."""
        index = [int(n) for n in nodes]  # type: ignore[call-overload]
        rows = [(self.name(n), self.company(n)) for n in index]
        return pd.DataFrame(rows, index=pd.Index(index, dtype="int64"),
                            columns=["name", "company"])
