"""services.graph: one pipeline for the graph page and `analytics graph` (no Qt).

Two triangles (P1-P3, P4-P6) joined through a hub P0 linked to two of each: the hub is the
most influential, each triangle a community; P7 has no relationship.
"""

from __future__ import annotations

import pytest

from crm_desktop.models import Relationship
from crm_desktop.services import graph
from crm_desktop.storage import graph_store, query, relationships
from crm_desktop.storage.customers import create_customer

LINKS = [(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (0, 1), (0, 2), (0, 4), (0, 5)]


@pytest.fixture
def people(db) -> list[int]:
    with db.session() as s:
        ids = [create_customer(s, {"name": f"P{i}"}).id for i in range(8)]
        for a, b in LINKS:
            relationships.create_relationship(s, ids[a], ids[b], "colleague", 0.8)
    return ids


def test_the_report_and_the_page_share_the_metrics(db, people):
    report = graph.network_report(db, top=3)
    assert report["top_influencers"][0]["id"] == people[0] and report["saved"]
    assert report["customers"] == 8 and report["connected"] == 7 and report["links"] == 10
    data = graph.load_graph(db)
    assert not data.metrics_computed  # the report stored them; the page reads them
    assert data.metrics.loc[people[0], "rank"] == 1
    assert data.modularity == pytest.approx(report["modularity"], abs=1e-4)
    assert data.communities == report["communities"] and data.ranked == 7
    assert set(data.shown) == set(people[:7])  # the unconnected customer is not drawn
    assert data.layout_computed and not graph.load_graph(db).layout_computed  # cached


def test_without_saving_nothing_is_stored_and_force_recomputes(db, people):
    report = graph.network_report(db, save=False)
    assert not report["saved"]
    with db.session() as s:
        assert graph_store.metrics_version(s) is None
    assert graph.load_graph(db).metrics_computed
    assert not graph.load_graph(db).metrics_computed
    assert graph.load_graph(db, graph.GraphOptions(force=True)).metrics_computed


def test_a_new_relationship_makes_the_stored_metrics_stale(db, people):
    graph.load_graph(db)
    with db.session() as s:
        relationships.create_relationship(s, people[7], people[3], "friend", 0.4)
    data = graph.load_graph(db)
    assert data.metrics_computed and data.ranked == 8


def test_pair_links_reads_both_directions_and_follows_deletes(db, people):
    with db.session() as s:
        first = relationships.create_relationship(s, people[2], people[1], "friend", 0.3).id
    pair = graph.pair_links(db, first)
    assert pair is not None and (pair.source_id, pair.target_id) == (people[2], people[1])
    assert sorted(pair.links) == [("colleague", 0.8), ("friend", 0.3)]
    with db.session() as s:
        query.soft_delete(s, Relationship, first)
    pair = graph.pair_links(db, first)
    assert pair is not None and pair.links == (("colleague", 0.8),)
    assert graph.pair_links(db, 99_999) is None


def test_ego_network_nearest_first_then_most_influential(db, people):
    data = graph.load_graph(db)
    nodes, hops = graph.ordered_ego(data.graph, data.metrics, people[1], depth=1)
    assert nodes[0] == people[1] and hops[people[1]] == 0
    assert set(nodes) == {people[1], people[0], people[2], people[3]}
    assert nodes[1] == people[0]  # the hub: one hop, most influential


def test_metrics_without_names_are_the_same_and_read_no_names(db, people):
    """The dashboard's fill computes the metrics without reading every customer's name."""
    import pandas as pd

    named = graph.network(db, save=False)
    bare = graph.network(db, save=False, names=False)
    assert list(bare.labels.columns) == ["id"] and "name" in named.labels.columns
    assert list(bare.labels.index) == list(named.labels.index)
    pd.testing.assert_frame_equal(bare.metrics, named.metrics)
