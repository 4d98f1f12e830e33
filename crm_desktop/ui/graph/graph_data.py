"""The graph page's scene rows (plain data for ``widgets.graph_view``) from the network that
``services.graph.load_graph`` computes in a worker: node and edge specs, scene scale, and
positions for customers brought into the view.

The progress messages of ``services.graph`` are translated here (context "graph"); messages
coming from analytics (e.g. "Betweenness 40%") are shown as they are.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from crm_desktop.ui.graph.graph_items import node_radius
from crm_desktop.ui.graph.graph_specs import EdgeSpec, NodeSpec
from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.analytics.network_index import NameTable

# services.graph's progress messages (LOADING, PREPARING), for the translation tools.
MESSAGES = (QT_TRANSLATE_NOOP("graph", "Loading relationships"),
            QT_TRANSLATE_NOOP("graph", "Preparing the view"))


def scene_scale(count: int) -> float:
    """Half the side of the scene square for ``count`` nodes (layouts are in [-1, 1])."""
    return 30.0 * math.sqrt(max(count, 50))


# --------------------------------------------------------------------------- view rows


def node_specs(positions: pd.DataFrame, metrics: pd.DataFrame, labels: NameTable,
               scale: float | None = None) -> list[NodeSpec]:
    """Scene rows for laid-out nodes (layout y points up, the scene's down). Influence,
    community and name come with ``positions`` when it has them (services.graph.load_graph),
    else from ``metrics`` and ``labels`` for these nodes only (a million-row frame turned into
    dicts took the GUI thread a few hundred ms)."""
    s = scale if scale is not None else scene_scale(len(positions))
    nodes = [int(n) for n in positions["node"]]
    if {"influence", "community", "name"} <= set(positions.columns):
        influence = positions["influence"].tolist()
        community = positions["community"].tolist()
        names = positions["name"].tolist()
    else:
        shown = metrics.reindex(nodes)
        influence = shown["influence"].fillna(0.0).tolist()
        community = shown["community"].tolist()
        names = [labels.name(n) for n in nodes]
    out = []
    for node, x, y, infl, comm, name in zip(nodes, positions["x"], positions["y"], influence,
                                            community, names, strict=True):
        known = comm is not None and comm == comm
        out.append(NodeSpec(
            id=node, x=float(x) * s, y=-float(y) * s,
            radius=node_radius(float(infl or 0.0)),
            community=int(comm) if known else None,
            label=str(name or node),
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
