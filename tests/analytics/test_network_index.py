"""analytics.network_index: the graph page's compact network answers as networkx does."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics.network import introduction_path
from crm_desktop.analytics.network_graph import graph_from_edges
from crm_desktop.analytics.network_index import index_edges
from crm_desktop.analytics.network_layout import expand_neighbours


@pytest.fixture
def edges() -> pd.DataFrame:
    """A random network of 300 customers in ids up to 10,000, with parallel edges, a
    self-loop, a zero weight and isolated nodes."""
    rng = np.random.default_rng(7)
    ids = rng.choice(10_000, size=300, replace=False)
    a, b = rng.choice(ids, 700), rng.choice(ids, 700)
    weight = rng.choice([0.2, 0.35, 0.5, 0.8, 1.0], 700)
    frame = pd.DataFrame({"source": a, "target": b, "weight": weight,
                          "kind": rng.choice(["friend", "colleague,friend", "family"], 700),
                          "inferred": rng.random(700) < 0.2})
    frame.loc[0, "target"] = frame.loc[0, "source"]  # self-loop
    frame.loc[1, "weight"] = 0.0  # no strength: dropped, its ends stay
    return frame


def test_neighbours_and_edges_match_networkx(edges):
    nodes = list(range(20_000, 20_005))  # isolated customers
    graph = graph_from_edges(edges, nodes)
    index = index_edges(edges, nodes)
    assert len(index) == graph.number_of_nodes()
    for node in graph.nodes:
        assert node in index
        got = index[node]
        assert set(got) == set(graph[node])
        for other, attrs in graph[node].items():
            assert got[other]["weight"] == pytest.approx(attrs["weight"])
            assert got[other]["kind"] == attrs["kind"]
            assert got[other]["inferred"] == attrs["inferred"]
    assert 123_456 not in index and index[123_456] == {}
    some = list(graph.nodes)[:120]
    pairs = {(a, b) for a, b, _ in index.edges_among(some)}
    assert pairs == {(min(a, b), max(a, b)) for a, b in graph.subgraph(some).edges}


def test_expand_ego_and_introductions_match_networkx(edges):
    graph = graph_from_edges(edges)
    index = index_edges(edges)
    hubs = sorted(graph.nodes, key=graph.degree, reverse=True)[:10]
    for node in hubs:
        visible = list(graph[node])[:2]
        expected = expand_neighbours(graph, node, visible, 3).nodes
        got = index.expand(node, visible, 3)
        # the same strengths in the same order (ties: by id here, by insertion in networkx)
        assert [graph[node][n]["weight"] for n in got] == [
            graph[node][n]["weight"] for n in expected]
        assert not set(got) & set(visible)
        for depth in (1, 2, 3):
            assert index.hops(node, depth) == nx.single_source_shortest_path_length(
                graph, node, cutoff=depth)
    for source, target in zip(hubs, hubs[::-1], strict=True):
        want = introduction_path(graph, source, target)
        got = index.introduction_path(source, target)
        assert got.found == want.found
        assert got.cost == pytest.approx(want.cost)
        assert got.weakest == pytest.approx(want.weakest)
    lonely = index_edges(edges, [99_999])
    assert not lonely.introduction_path(hubs[0], 99_999).found


def test_edits_overlay_the_arrays(edges):
    index = index_edges(edges)
    graph = graph_from_edges(edges)
    a, b = next(iter(graph.edges))
    index.remove_edge(a, b)
    assert not index.has_edge(a, b) and not index.has_edge(b, a)
    index.add_edge(a, b, weight=0.9, kind="friend", inferred=False)
    assert index[b][a] == {"weight": 0.9, "distance": pytest.approx(1 / 0.9), "kind": "friend",
                           "inferred": False}
    index.add_edge(a, 50_000, weight=0.5, kind="other")  # a customer new to the network
    assert 50_000 in index and index[50_000][a]["weight"] == 0.5


def test_name_table_keeps_names_and_companies():
    from crm_desktop.analytics.network_index import NameTable

    labels = pd.DataFrame({"name": ["王小明", "Ada", None], "company": [None, "Acme", "Zed"]},
                          index=[30, 10, 20])
    table = NameTable.of(labels)
    assert table.name(30) == "王小明" and table.company(30) is None
    assert table.name(10) == "Ada" and table.company(10) == "Acme"
    assert table.name(20) == "" and table.company(20) == "Zed"
    assert 10 in table and 11 not in table and table.name(11) is None and len(table) == 3
    frame = table.frame([10, 11])
    assert frame.loc[10, "name"] == "Ada" and frame.loc[11].isna().all()


def test_edges_among_sees_the_edits(edges):
    index = index_edges(edges)
    graph = graph_from_edges(edges)
    a, b = next(iter(graph.edges))
    pair = (min(a, b), max(a, b))
    assert pair in {(x, y) for x, y, _ in index.edges_among([a, b])}
    index.remove_edge(a, b)
    assert index.edges_among([a, b]) == []
    index.add_edge(b, a, weight=0.4, kind="friend")
    index.add_edge(a, 50_000, weight=0.5, kind="other")
    found = {(x, y): attrs["weight"] for x, y, attrs in index.edges_among([a, b, 50_000])}
    assert found == {pair: 0.4, (min(a, 50_000), max(a, 50_000)): 0.5}
