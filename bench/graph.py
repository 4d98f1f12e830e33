"""Benchmark the relationship network: metrics and layout on a generated CRM-sized graph.

    .venv/bin/python bench/graph.py                      # 10,000 customers, 50,000 relationships
    .venv/bin/python bench/graph.py --nodes 2000 --edges 8000 --baseline-nodes 0
    .venv/bin/python bench/graph.py --db /tmp/g10k.db [--infer]   # a database (e.g. a demo)

The graph is a planted partition with hubs: every customer has a heavy-tailed "activity"
(Pareto), each relationship starts at a customer drawn by activity (preferential attachment,
Chung-Lu style) and ends, with probability ``--mixing`` outside, inside the same community, again
drawn by activity. Figures are printed; nothing is asserted (budget: metrics + layout < 10 s).
Then the graph view is built offscreen with the top ``--top`` nodes and its repaints after pan
and zoom are timed (bench/graph_repaint.py; budget 33 ms per repaint).

With ``--db`` the relationships (and with ``--infer`` the inferred links: same company, same
campaign response, as the graph page's "Include inferred links") come from a database instead;
inferred links are drawn dashed in the repaint benchmark, as on the page.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.analytics import network as net  # noqa: E402
from crm_desktop.analytics import network_layout  # noqa: E402

KINDS = np.array(["colleague", "referral", "family", "partner", "reports_to", "friend", "other"])


def generate(
    nodes: int, edges: int, *, communities: int | None = None, mixing: float = 0.15, seed: int = 0
) -> tuple[pd.DataFrame, np.ndarray]:
    """Relationships frame (source, target, kind, strength, since) and planted community per id."""
    rng = np.random.default_rng(seed)
    k = communities or max(2, nodes // 200)
    share = rng.dirichlet(np.full(k, 3.0))
    planted = np.sort(rng.choice(k, size=nodes, p=share))  # ids grouped by community
    activity = rng.pareto(2.1, nodes) + 1.0  # hubs: heavy-tailed propensity to have ties
    cum = np.cumsum(activity)
    comm_end = np.searchsorted(planted, np.arange(k), side="right")
    comm_start = np.r_[0, comm_end[:-1]]
    found = np.empty((0, 2), np.int64)
    draw = int(edges * 1.3) + 10
    while len(found) < edges:
        src = np.searchsorted(cum, rng.uniform(0, cum[-1], draw), side="right")
        comm = planted[src]
        low = np.where(comm_start[comm] > 0, cum[comm_start[comm] - 1], 0.0)
        inside = np.searchsorted(
            cum, low + rng.uniform(0, 1, draw) * (cum[comm_end[comm] - 1] - low), side="right"
        )
        outside = np.searchsorted(cum, rng.uniform(0, cum[-1], draw), side="right")
        dst = np.where(rng.uniform(size=draw) < mixing, outside, inside)
        pairs = np.sort(np.column_stack([src, dst]), axis=1)
        pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        found = np.unique(np.vstack([found, pairs]), axis=0)
    found = found[rng.permutation(len(found))[:edges]]
    same = planted[found[:, 0]] == planted[found[:, 1]]
    strength = np.where(same, rng.beta(4, 2, len(found)), rng.beta(2, 4, len(found)))
    frame = pd.DataFrame(
        {
            "source": found[:, 0],
            "target": found[:, 1],
            "kind": KINDS[rng.integers(0, len(KINDS), len(found))],
            "strength": strength.round(3),
            "since": pd.Timestamp("2015-01-01")
            + pd.to_timedelta(rng.integers(0, 3650, len(found)), unit="D"),
        }
    )
    return frame, planted


def timed(label: str, fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    took = time.perf_counter() - start
    print(f"  {label:<44} {took:8.3f} s")
    return result, took


def purity(found: pd.Series, planted: np.ndarray) -> float:
    """Share of customers whose found community's majority planted community is their own."""
    table = pd.crosstab(found.to_numpy(), planted[found.index.to_numpy()])
    return float(table.max(axis=1).sum() / table.to_numpy().sum())


def bench_main(
    nodes: int, edges: int, seed: int, sample_size: int, top: int
) -> tuple[pd.DataFrame, pd.DataFrame, list[Any], pd.DataFrame]:
    """Metrics and layout figures; returns what the repaint benchmark draws."""
    rel, planted = timed(
        f"generate {nodes:,} customers / {edges:,} relationships",
        lambda: generate(nodes, edges, seed=seed),
    )[0]
    built, _ = timed("build_edges (merge, canonical pairs)", lambda: net.build_edges(rel))
    customers = np.arange(nodes)
    metrics, t_metrics = timed(
        "influence: all metrics",
        lambda: net.influence(built, nodes=customers, sample_size=sample_size, seed=seed),
    )
    positions, t_layout = timed(
        "layout: every node", lambda: network_layout.layout(built, nodes=customers, seed=seed)
    )
    shown = network_layout.select_top_nodes(metrics, limit=top)
    sub = network_layout.restrict_edges(built, shown)
    _, t_top = timed(
        f"layout: top {len(shown):,} nodes ({len(sub):,} edges)",
        lambda: network_layout.layout(sub, nodes=shown, seed=seed),
    )
    analysis, t_all = timed(
        "analyze() end to end (build + metrics)",
        lambda: net.analyze(
            rel, pd.DataFrame({"id": customers}), sample_size=sample_size, seed=seed
        ),
    )
    connected = metrics[metrics["community"] >= 0]
    print(
        f"  backend {metrics.attrs['backend']}, betweenness sample size "
        f"{metrics.attrs['betweenness_sample_size']}, modularity "
        f"{metrics.attrs['modularity']:.3f}, communities {analysis.communities} "
        f"(planted {len(np.unique(planted))}), purity {purity(connected['community'], planted):.3f}"
    )
    print(
        f"  brokers {int(metrics['broker'].sum()):,}; top influencers "
        f"{analysis.top_influencers[:5]}; layout range "
        f"[{positions[['x', 'y']].min().min():.2f}, {positions[['x', 'y']].max().max():.2f}]"
    )
    print(
        f"  metrics + layout: {t_metrics + t_layout:.2f} s (budget 10 s); "
        f"metrics + top-{top} layout: {t_metrics + t_top:.2f} s; analyze: {t_all:.2f} s"
    )
    return built, metrics, shown, network_layout.layout(sub, nodes=shown, seed=seed)


def bench_db(
    path: str, infer: bool, seed: int, sample_size: int, top: int
) -> tuple[pd.DataFrame, pd.DataFrame, list[Any], pd.DataFrame]:
    """Metrics and layout of a database's network, as the graph page computes them."""
    from crm_desktop.storage import frames
    from crm_desktop.storage.database import open_database

    with open_database(path) as database:
        (rel, customers, members), _ = timed(
            "read relationships, customers, campaign members",
            lambda: (frames.relationships(database), frames.customers(database),
                     frames.campaign_members(database)),
        )
    built, t_build = timed(
        f"build_edges (infer={infer})",
        lambda: net.build_edges(rel, customers, members, infer=infer),
    )
    inferred = int(built["inferred"].sum())
    print(f"  {len(customers):,} customers, {len(built) - inferred:,} recorded links, "
          f"{inferred:,} inferred links")
    nodes = customers["id"]
    metrics, t_metrics = timed(
        "influence: all metrics",
        lambda: net.influence(built, nodes=nodes, sample_size=sample_size, seed=seed),
    )
    _, t_layout = timed("layout: every node", lambda: network_layout.layout(built, nodes=nodes, seed=seed))
    connected = metrics[metrics["degree"] > 0]
    shown = network_layout.select_top_nodes(connected, limit=top)
    sub = network_layout.restrict_edges(built, shown)
    positions, t_top = timed(
        f"layout: top {len(shown):,} nodes ({len(sub):,} edges, "
        f"{int(sub['inferred'].sum()):,} inferred)",
        lambda: network_layout.layout(sub, nodes=shown, seed=seed),
    )
    print(
        f"  metrics + layout: {t_build + t_metrics + t_layout:.2f} s; "
        f"build + metrics + top-{top} layout (what the page computes): "
        f"{t_build + t_metrics + t_top:.2f} s"
    )
    return built, metrics, shown, positions


def bench_baseline(nodes: int, seed: int) -> None:
    """Same code on a small graph with igraph and with the networkx fallback."""
    rel, _ = generate(nodes, nodes * 5, seed=seed)
    figures = {}
    for backend in ("igraph", "networkx"):
        print(f"  [{backend}]")
        _, metrics = timed(
            f"influence exact, {nodes} nodes / {len(rel):,} edges",
            lambda b=backend: net.influence(rel, backend=b),
        )
        _, placed = timed("layout", lambda b=backend: network_layout.layout(rel, seed=seed, backend=b))
        figures[backend] = (metrics, placed)
    (mi, li), (mn, ln) = figures["igraph"], figures["networkx"]
    print(f"  networkx / igraph: metrics x{mn / mi:.1f}, layout x{ln / li:.1f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--edges", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--sample-size",
        type=int,
        default=500,
        help="betweenness pivots above 5,000 nodes (default 500)",
    )
    parser.add_argument("--top", type=int, default=2000, help="nodes drawn by the graph view")
    parser.add_argument(
        "--baseline-nodes",
        type=int,
        default=500,
        help="size of the igraph vs networkx comparison; 0 skips it",
    )
    parser.add_argument(
        "--repaints", type=int, default=50, help="repaints timed per case; 0 skips the view"
    )
    parser.add_argument("--db", help="use this database's network instead of a generated one")
    parser.add_argument(
        "--infer", action="store_true", help="with --db: add inferred links (company, campaign)"
    )
    args = parser.parse_args(argv)
    if args.db:
        print(f"relationship network of {args.db}" + (" with inferred links" if args.infer else ""))
        drawn = bench_db(args.db, args.infer, args.seed, args.sample_size, args.top)
    else:
        print(f"relationship network: {args.nodes:,} customers, {args.edges:,} relationships")
        drawn = bench_main(args.nodes, args.edges, args.seed, args.sample_size, args.top)
    if args.repaints > 0:
        from graph_repaint import bench_repaint

        print(f"graph view repaint (top {args.top:,} nodes, offscreen)")
        bench_repaint(*drawn, repeats=args.repaints)
    if args.baseline_nodes > 0:
        print(f"baseline on {args.baseline_nodes} customers")
        bench_baseline(args.baseline_nodes, args.seed)


if __name__ == "__main__":
    main()
