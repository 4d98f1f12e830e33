"""Relationship network analytics: known graphs with known answers (fast, no Qt)."""

from __future__ import annotations

import io
from dataclasses import FrozenInstanceError

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import network as net
from crm_desktop.analytics import network_layout
from crm_desktop.analytics._progress import Cancelled

BACKENDS = ["igraph", "networkx"]
REQUIRED = ["degree", "betweenness", "eigenvector", "pagerank", "community"]


def frame(rows: list[tuple], columns: tuple[str, ...] = ("source", "target", "weight")):
    return pd.DataFrame(rows, columns=list(columns))


@pytest.fixture(scope="module")
def karate() -> pd.DataFrame:
    return frame([(a, b, 1.0) for a, b in nx.karate_club_graph().edges()])


def planted(groups: int = 3, size: int = 12, seed: int = 1) -> tuple[pd.DataFrame, int]:
    """Dense groups joined only through one broker node (id 999) linked into every group."""
    rng = np.random.default_rng(seed)
    rows = []
    for g in range(groups):
        members = np.arange(size) + 100 * g
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if rng.random() < 0.6:
                    rows.append((int(a), int(b), "colleague", float(rng.uniform(0.5, 1.0))))
        rows += [(999, int(members[0]), "partner", 0.9), (999, int(members[1]), "partner", 0.9)]
    return frame(rows, ("source", "target", "kind", "strength")), 999


# --------------------------------------------------------------------------- centrality


@pytest.mark.parametrize("backend", BACKENDS)
def test_karate_betweenness_leaders_and_communities(karate, backend):
    metrics = net.influence(karate, backend=backend)
    assert list(metrics.columns[:2]) == ["degree", "weighted_degree"]
    assert set(REQUIRED) <= set(metrics.columns)
    assert set(metrics["betweenness"].nlargest(2).index) == {0, 33}
    exact = nx.betweenness_centrality(nx.karate_club_graph(), weight=None)
    assert np.allclose(metrics["betweenness"], [exact[i] for i in metrics.index])
    assert metrics.attrs["betweenness_sample_size"] is None
    assert metrics.attrs["backend"] == backend
    assert metrics.attrs["modularity"] >= 0.35
    assert metrics["community"].nunique() >= 2
    assert metrics["pagerank"].sum() == pytest.approx(1.0)
    assert metrics["eigenvector"].max() == pytest.approx(1.0)
    assert metrics.loc[[0, 33], "broker"].all()


def test_modularity_matches_networkx(karate):
    graph = nx.karate_club_graph()  # with its interaction counts as weights
    weighted = frame([(a, b, d["weight"]) for a, b, d in graph.edges(data=True)])
    rng = np.random.default_rng(0)
    for labels in (rng.integers(0, 4, 34), [graph.nodes[i]["club"] for i in range(34)]):
        parts = [{i for i in range(34) if labels[i] == c} for c in set(labels)]
        mapping = dict(enumerate(labels))
        assert net.modularity(weighted, mapping) == pytest.approx(
            nx.community.modularity(graph, parts, weight="weight")
        )
        assert net.modularity(karate, pd.Series(mapping)) == pytest.approx(
            nx.community.modularity(graph, parts, weight=None)
        )
    found = net.influence(karate)
    assert net.modularity(karate, found["community"]) == pytest.approx(found.attrs["modularity"])
    assert net.modularity(frame([]), {}) == 0.0


@pytest.mark.parametrize("backend", BACKENDS)
def test_eigenvector_on_two_components_is_finite(backend):
    edges = frame([(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (2, 3, 1.0), (10, 11, 1.0)])
    metrics = net.influence(edges, nodes=[42], backend=backend)
    assert np.isfinite(metrics.select_dtypes("number").to_numpy()).all()
    eig = metrics["eigenvector"]
    assert eig[2] == pytest.approx(1.0)  # hub of the largest component
    assert eig[10] == pytest.approx(eig[11]) == pytest.approx(2 / 4)  # scaled by size share
    assert eig[42] == 0.0 and metrics.loc[42, "community"] == -1
    assert (eig[[0, 1, 3, 10, 11]] > 0).all()


@pytest.mark.parametrize("backend", BACKENDS)
def test_single_node_and_no_edges(backend):
    single = net.influence(frame([]), nodes=["only"], backend=backend)
    assert list(single.index) == ["only"]
    assert single.loc["only", "degree"] == 0 and single.loc["only", "community"] == -1
    assert np.isfinite(single[["betweenness", "eigenvector", "pagerank"]].to_numpy()).all()
    empty = net.influence(frame([]), backend=backend)
    assert empty.empty and set(REQUIRED) <= set(empty.columns)
    assert empty["degree"].dtype == np.int64 and empty["community"].dtype == np.int64
    assert empty.attrs["modularity"] == 0.0
    self_loop = net.influence(frame([(1, 1, 1.0)]), backend=backend)
    assert list(self_loop.index) == [1] and self_loop.loc[1, "degree"] == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_weighted_betweenness_uses_inverse_strength(backend):
    # weak direct tie a-b (distance 10) loses to the strong two-hop chain a-c-b (distance 2)
    edges = frame(
        [("a", "b", 0.1), ("a", "c", 1.0), ("c", "b", 1.0), ("b", "d", 1.0)],
        ("source", "target", "strength"),
    )
    metrics = net.influence(edges, backend=backend)
    assert metrics.loc["c", "betweenness"] > 0
    unweighted = net.influence(edges.drop(columns="strength"), backend=backend)
    assert unweighted.loc["c", "betweenness"] == 0


def test_sampled_betweenness_above_threshold(karate):
    exact = net.influence(karate)
    for backend in BACKENDS:
        sampled = net.influence(karate, exact_limit=10, sample_size=20, backend=backend)
        assert sampled.attrs["betweenness_sample_size"] == 20
        assert np.isfinite(sampled["betweenness"]).all() and (sampled["betweenness"] >= 0).all()
        assert sampled["betweenness"].corr(exact["betweenness"], method="spearman") > 0.7
    assert (
        net.influence(karate, exact_limit=10, sample_size=500).attrs["betweenness_sample_size"]
        is None
    )  # a sample as big as the graph is the exact answer


def test_parallel_edges_are_merged_with_max():
    edges = frame([(1, 2, 0.4), (2, 1, 0.7), (1, 2, 0.2), (2, 3, 1.0)])
    metrics = net.influence(edges)
    assert metrics.loc[1, "degree"] == 1
    assert metrics.loc[1, "weighted_degree"] == pytest.approx(0.7)
    rel = frame(
        [(1, 2, "friend", 0.4), (2, 1, "colleague", 0.7)], ("source", "target", "kind", "strength")
    )
    built = net.build_edges(rel)
    assert len(built) == 1
    assert built.iloc[0]["weight"] == pytest.approx(0.7)
    assert built.iloc[0]["kind"] == "colleague,friend"


# --------------------------------------------------------------------------- graph building


def test_inferred_links_never_override_recorded():
    rel = frame(
        [(1, 2, "colleague", 0.1), (3, 4, "friend", None)], ("source", "target", "kind", "strength")
    )
    customers = pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 10],
            "company_id": [10, 10, 10, np.nan, np.nan],
            "name": ["Ann", "Bo", "Cy", "Di", "Acme"],
        }
    )
    members = pd.DataFrame(
        {
            "campaign_id": [7, 7, 7, 8],
            "customer_id": [1, 2, 3, 4],
            "responded": [True, True, True, False],
        }
    )
    edges = net.build_edges(rel, customers, members, infer=True)
    pairs = {
        frozenset(p): row
        for p, row in zip(
            zip(edges["source"], edges["target"], strict=True), edges.itertuples(), strict=True
        )
    }
    assert len(pairs) == len(edges)  # no pair twice, in either orientation
    recorded = pairs[frozenset((1, 2))]
    assert (recorded.weight, recorded.kind, recorded.inferred) == (0.1, "colleague", False)
    assert pairs[frozenset((3, 4))].weight == net.DEFAULT_STRENGTH
    guessed = pairs[frozenset((1, 3))]  # same company 0.3 + shared campaign 0.2, capped at 0.5
    assert guessed.inferred and guessed.weight == pytest.approx(0.5)
    assert guessed.kind == "same_company,shared_campaign"
    assert pairs[frozenset((1, 10))].kind == "same_company"  # member to company record
    assert frozenset((3, 4)) in pairs and frozenset((4, 10)) not in pairs
    assert net.build_edges(rel, customers, members, infer=False)["inferred"].sum() == 0
    graph = net.build_graph(rel, customers, members, infer=True)
    assert graph.nodes[10]["name"] == "Acme" and graph[1][2]["kind"] == "colleague"
    assert graph[1][3]["inferred"] is True and graph[1][3]["distance"] == pytest.approx(2.0)
    capped = net.build_edges(rel, customers, members, infer=True, group_limit=2)
    assert frozenset((1, 3)) not in {
        frozenset(p) for p in zip(capped["source"], capped["target"], strict=True)
    }


def test_analyze_finds_communities_brokers_and_influencers():
    rel, broker = planted()
    customers = pd.DataFrame({"id": sorted(set(rel["source"]) | set(rel["target"]) | {5000})})
    seen: list[float] = []
    result = net.analyze(rel, customers, progress=lambda f, m: seen.append(f), top=5)
    assert isinstance(result, net.NetworkAnalysis)
    assert result.communities == 3 and result.modularity > 0.35
    assert result.brokers[0] == broker
    assert result.metrics["betweenness"].idxmax() == broker
    assert result.top_influencers == result.metrics["influence"].nlargest(5).index.tolist()
    assert result.betweenness_sample_size is None
    assert 5000 in result.metrics.index and result.metrics.loc[5000, "degree"] == 0
    assert result.graph().number_of_nodes() == len(customers)
    groups = (
        result.metrics.drop([broker, 5000])
        .groupby(result.metrics.drop([broker, 5000]).index // 100)["community"]
        .nunique()
    )
    assert (groups == 1).all()  # each planted group is one community
    assert seen == sorted(seen) and seen[-1] == 1.0 and seen[0] >= 0.0
    with pytest.raises(Cancelled):
        net.analyze(rel, cancelled=lambda: True)
    with pytest.raises(FrozenInstanceError):
        result.modularity = 0.0  # type: ignore[misc]


def test_cancel_stops_a_running_analysis(karate):
    calls = iter(range(100))
    with pytest.raises(Cancelled):  # cancel arrives part-way through
        net.influence(karate, cancelled=lambda: next(calls) >= 3)
    with pytest.raises(Cancelled):
        network_layout.layout(karate, cancelled=lambda: True)


# --------------------------------------------------------------------------- paths and egos


def test_introduction_path_picks_the_strong_chain():
    edges = frame(
        [
            ("S", "T", 0.1),
            ("S", "x", 0.9),
            ("x", "y", 0.9),
            ("y", "T", 0.9),
            ("S", "z", 0.2),
            ("z", "T", 0.2),
            ("lonely", "other", 1.0),
        ]
    )
    path = net.introduction_path(edges, "S", "T")
    assert path.nodes == ["S", "x", "y", "T"] and path.found
    assert path.cost == pytest.approx(3 / 0.9)
    assert path.strength == pytest.approx(0.9**3) and path.weakest == pytest.approx(0.9)
    graph = net.graph_from_edges(edges)
    assert net.introduction_path(graph, "S", "T").nodes == path.nodes
    for a, b in (("S", "lonely"), ("S", "nobody")):
        none = net.introduction_path(edges, a, b)
        assert none.nodes == [] and not none.found and none.strength == 0.0
    assert net.introduction_path(edges, "S", "S").nodes == ["S"]


def test_ego_network_depth():
    edges = frame([(i, i + 1, 1.0) for i in range(6)] + [(2, 20, 0.5)])
    assert set(network_layout.ego_network(edges, 2, 1).nodes) == {1, 2, 3, 20}
    two = network_layout.ego_network(edges, 2, 2)
    assert set(two.nodes) == {0, 1, 2, 3, 4, 20}
    assert two.nodes[4]["hops"] == 2 and two.nodes[2]["hops"] == 0
    assert two[0][1]["weight"] == 1.0
    assert set(network_layout.ego_network(edges, 2, 3).nodes) == {0, 1, 2, 3, 4, 5, 20}
    assert network_layout.ego_network(edges, 99, 1).number_of_nodes() == 0
    with pytest.raises(ValueError):
        network_layout.ego_network(edges, 2, 4)


# --------------------------------------------------------------------------- layout and view


@pytest.mark.parametrize("backend", BACKENDS)
def test_layout_is_finite_and_normalised(karate, backend):
    edges = pd.concat([karate, frame([(100, 101, 0.5), (200, 201, 1.0), (201, 202, 1.0)])])
    isolated = list(range(300, 340))
    pos = network_layout.layout(edges, nodes=isolated, seed=3, backend=backend)
    assert list(pos.columns) == ["node", "x", "y"]
    assert set(pos["node"]) == set(range(34)) | {100, 101, 200, 201, 202} | set(isolated)
    xy = pos[["x", "y"]].to_numpy()
    assert np.isfinite(xy).all() and (np.abs(xy) <= 1.0).all()
    assert np.isclose(np.abs(xy).max(), 1.0)
    assert len(np.unique(xy.round(6), axis=0)) == len(pos)  # isolated nodes do not pile up
    again = network_layout.layout(edges, nodes=isolated, seed=3, backend=backend)
    assert np.allclose(again[["x", "y"]].to_numpy(), xy)  # reproducible for a seed
    assert network_layout.layout(frame([])).empty
    alone = network_layout.layout(frame([]), nodes=["x"])
    assert alone[["x", "y"]].to_numpy().tolist() == [[0.0, 0.0]]


def test_top_nodes_restrict_and_expand(karate):
    metrics = net.influence(karate)
    top = network_layout.select_top_nodes(metrics, limit=5)
    assert len(top) == 5 and top[0] == metrics["influence"].idxmax()
    assert set(network_layout.select_top_nodes(metrics, limit=10_000)) == set(metrics.index)
    shown = network_layout.restrict_edges(karate, top)
    assert set(shown["source"]) | set(shown["target"]) <= set(top)
    grown = network_layout.expand_neighbours(karate, 0, visible=[0, 1, 2], limit=4)
    assert len(grown.nodes) == 4 and not {1, 2} & set(grown.nodes)
    touched = set(zip(grown.edges["source"], grown.edges["target"], strict=True))
    assert all(a in grown.nodes or b in grown.nodes for a, b in touched)
    assert any({a, b} == {0, grown.nodes[0]} for a, b in touched)
    assert network_layout.expand_neighbours(karate, "missing").nodes == []


def test_graphml_round_trip():
    rel, _ = planted(groups=2, size=5)
    edges = net.build_edges(rel)
    metrics = net.influence(edges)
    buffer = io.BytesIO()
    network_layout.to_graphml(edges, metrics, buffer)
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()))
    assert back.number_of_nodes() == len(metrics)
    assert back.number_of_edges() == len(edges)
    node = str(metrics.index[0])
    assert back.nodes[node]["pagerank"] == pytest.approx(metrics["pagerank"].iloc[0])
    assert isinstance(back.nodes[node]["broker"], bool)
    assert {"weight", "kind", "inferred"} <= set(next(iter(back.edges(data=True)))[2])


def test_participation_equals_the_sums_per_node_and_community_of_two_columns() -> None:
    """_participation sums each node's edge weights per neighbour community on one int64 key
    (memory at a million customers): exactly the figures of a groupby on the two columns."""
    import numpy as np
    import pandas as pd

    from crm_desktop.analytics.network_graph import _edge_arrays
    from crm_desktop.analytics.network_metrics import _participation

    rng = np.random.default_rng(7)
    n, e = 400, 2500  # several edges from a node into one community (sums of 3+ weights)
    edges = pd.DataFrame({"source": rng.integers(0, n, e), "target": rng.integers(0, n, e),
                          "strength": rng.random(e)})
    arr = _edge_arrays(edges, nodes=range(n + 5))  # a few isolated nodes
    community = rng.integers(0, 6, arr.n).astype(np.int64)
    community[-5:] = -1

    node = np.r_[arr.src, arr.dst]
    weight = np.r_[arr.weight, arr.weight]
    grouped = pd.DataFrame({"node": node, "comm": community[np.r_[arr.dst, arr.src]],
                            "w": weight}).groupby(["node", "comm"])["w"]
    assert (grouped.size() >= 3).any()  # sums of three weights or more
    per = grouped.sum()
    owner = per.index.get_level_values("node").to_numpy()
    total = np.bincount(node, weight, arr.n)
    squares = np.bincount(owner, (per.to_numpy() / total[owner]) ** 2, arr.n)
    expected = np.clip(np.where(total > 0, 1.0 - squares, 0.0), 0.0, 1.0)
    spans = np.bincount(owner, minlength=arr.n)

    found, found_spans = _participation(arr, community)
    assert np.array_equal(found, expected) and np.array_equal(found_spans, spans)
    assert (spans >= 2).any() and (found > 0).any()


def test_the_graph_is_let_go_before_the_brokers_and_the_frame_takes_the_arrays(monkeypatch) -> None:
    """Memory at a million customers: igraph's graph (30 MB) goes before the brokers' sums,
    and the metrics frame takes the arrays as they are rather than copies beside them."""
    import gc

    import numpy as np
    import pandas as pd

    from crm_desktop.analytics import network_metrics
    from crm_desktop.analytics.network import influence

    igraph = pytest.importorskip("igraph")
    participation = network_metrics._participation
    seen: dict[str, object] = {}

    def watched(arr, community):
        seen["graphs"] = sum(isinstance(o, igraph.Graph) for o in gc.get_objects())
        seen["arrays"] = found = participation(arr, community)
        return found

    monkeypatch.setattr(network_metrics, "_participation", watched)
    edges = pd.DataFrame({"source": [1, 2, 3, 4, 5, 1], "target": [2, 3, 1, 5, 6, 4],
                          "strength": [0.5, 0.4, 0.9, 0.3, 0.7, 0.2]})
    found = influence(edges, nodes=range(1, 9), backend="igraph")
    assert seen["graphs"] == 0
    assert np.shares_memory(found["participation"].to_numpy(), seen["arrays"][0])
    assert found.loc[7, "degree"] == 0 and found["influence"].notna().all()
