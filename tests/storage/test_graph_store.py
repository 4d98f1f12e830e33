"""Layout cache, network metrics in analytics_results, influence queries, relationship editing."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import func, select

from crm_desktop.models import AnalyticsResult, AuditEntry, GraphLayout, Relationship
from crm_desktop.storage import frames, graph_store, query, relationships
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import ValidationError


def make_customers(db, count: int) -> list[int]:
    with db.session() as s:
        return [create_customer(s, {"name": f"Person {i}"}).id for i in range(count)]


def test_layout_key_ignores_order_and_direction_but_not_weights_or_filters():
    a = pd.DataFrame({"source": [1, 2], "target": [2, 3], "weight": [0.5, 0.9]})
    b = pd.DataFrame({"source": [3, 2], "target": [2, 1], "weight": [0.9, 0.5]})
    assert graph_store.layout_key(a) == graph_store.layout_key(b)
    heavier = a.assign(weight=[0.5, 0.8])
    assert graph_store.layout_key(a) != graph_store.layout_key(heavier)
    assert graph_store.layout_key(a, filters={"top": 10}) != graph_store.layout_key(a)
    assert graph_store.layout_key(a, nodes=[1, 2, 3]) != graph_store.layout_key(a, nodes=[1, 2])
    assert len(graph_store.layout_key(a)) == 64


def test_layout_cache_round_trip_replaces_and_prunes(db):
    ids = make_customers(db, 3)
    pos = pd.DataFrame({"node": ids, "x": [0.0, 0.5, -1.0], "y": [1.0, 0.0, 0.25]})
    with db.session() as s:
        assert graph_store.load_layout(s, "k1") is None
        assert graph_store.save_layout(s, "k1", pos) == 3
        assert graph_store.save_layout(s, "k1", pos.iloc[:2]) == 2  # replaces, no duplicate
    with db.session() as s:
        loaded = graph_store.load_layout(s, "k1")
        assert loaded is not None
        assert sorted(loaded["node"]) == sorted(ids[:2])
        for i in range(graph_store.KEEP_LAYOUTS + 2):
            graph_store.save_layout(s, f"other{i}", pos)
        keys = set(s.scalars(select(GraphLayout.layout_key).distinct()))
        assert len(keys) == graph_store.KEEP_LAYOUTS
        assert "k1" not in keys


def test_metrics_saved_a_chunk_at_a_time_are_the_same_rows(db, monkeypatch):
    """Written a few rows per statement (a million customers' rows at once took gigabytes):
    every customer's row as one statement would write it, ranks counted over all chunks."""
    from crm_desktop.analytics.network import analyze

    ids = make_customers(db, 7)
    with db.session() as s:
        for src, dst in [(ids[0], ids[1]), (ids[0], ids[2]), (ids[3], ids[4]), (ids[4], ids[5])]:
            relationships.create_relationship(s, src, dst, "friend", 0.9)
    result = analyze(frames.relationships(db), frames.customers(db))
    digest = graph_store.edges_digest(result.edges)

    def stored() -> dict[int, tuple]:
        with db.session() as s:
            return {r.customer_id: (r.value, r.label, r.details) for r in
                    s.scalars(select(AnalyticsResult).where(AnalyticsResult.kind == "influence"))}

    with db.session() as s:
        assert graph_store.save_network_metrics(s, result.metrics, digest) == 7
    whole = stored()
    with db.session() as s:
        s.execute(AnalyticsResult.__table__.delete())
    monkeypatch.setattr(graph_store, "_METRICS_CHUNK", 2)
    with db.session() as s:
        assert graph_store.save_network_metrics(s, result.metrics, digest) == 7
    assert stored() == whole
    assert {d["of"] for _v, _l, d in whole.values()} == {6}  # the seventh has no relationship
    assert sorted(d["rank"] for _v, _l, d in whole.values() if d["rank"]) == [1, 2, 3, 4, 5, 6]


def test_metrics_saved_in_bulk_and_queried(db):
    from crm_desktop.analytics.network import analyze

    ids = make_customers(db, 6)
    a, b, c, d, e, alone = ids
    with db.session() as s:
        for src, dst in [(a, b), (a, c), (a, d), (d, e)]:
            relationships.create_relationship(s, src, dst, "friend", 0.9)
    result = analyze(frames.relationships(db), frames.customers(db))
    digest = graph_store.edges_digest(result.edges)
    with db.session() as s:
        assert graph_store.metrics_version(s) is None
        assert graph_store.save_network_metrics(s, result.metrics, digest) == 6
        graph_store.save_network_metrics(s, result.metrics, digest)  # upsert, no duplicates
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(AnalyticsResult)) == 6
        assert graph_store.metrics_version(s) == digest[:16]
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "analytics_results")) == 0
        row = s.scalars(select(AnalyticsResult).where(AnalyticsResult.customer_id == a)).one()
        assert row.kind == "influence" and row.label.startswith("community ")
        assert set(row.details) >= {"degree", "betweenness", "eigenvector", "pagerank",
                                    "community", "rank"}
        assert (graph_store.influence_info(s, a).rank, graph_store.influence_info(s, a).of) \
            == (1, 5)
        assert graph_store.influence_info(s, alone).rank is None
        top = graph_store.top_influencers(s, limit=3)
        assert [t.customer_id for t in top][0] == a
        assert len(top) == 3 and top[0].name == "Person 0" and top[0].rank == 1
        loaded = graph_store.load_network_metrics(s)
        assert loaded is not None and loaded.loc[a, "degree"] == 3
        assert loaded.loc[a, "rank"] == 1 and pd.isna(loaded.loc[alone, "rank"])
    with db.engine.connect() as connection:  # the customer detail reads with a connection
        info = graph_store.influence_info(connection, a)
        assert info is not None and (info.rank, info.of, info.degree) == (1, 5, 3)
        assert info.community is not None and info.community_size >= 2
        assert graph_store.top_influencers(connection, 1)[0].customer_id == a
    fresh = make_customers(db, 1)[0]
    with db.session() as s:
        assert graph_store.influence_info(s, fresh) is None  # not computed since it was added


def test_relationship_editing_is_validated_audited_and_undoable(db):
    a, b, c = make_customers(db, 3)
    with db.session() as s:
        rel = relationships.create_relationship(s, a, b, "colleague", 0.7, since="2020-05-01")
        rel_id = rel.id
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "relationships", AuditEntry.action == "create")) > 0
        with pytest.raises(ValidationError) as error:
            relationships.create_relationship(s, b, a, "colleague", 0.3)
        assert error.value.field == "target"
        for bad in [dict(kind="enemy"), dict(strength=1.5)]:
            with pytest.raises(ValidationError):
                relationships.create_relationship(s, a, c, **{"kind": "friend", **bad})
        with pytest.raises(ValidationError):
            relationships.create_relationship(s, a, a, "friend", 0.5)
        relationships.update_relationship(s, rel_id, strength=0.2, kind="friend")
    with db.session() as s:
        (row,) = relationships.relationships_of(s, b)
        assert (row.other_id, row.kind, row.strength, row.outgoing) == (a, "friend", 0.2, False)
        query.soft_delete(s, Relationship, rel_id)
    assert frames.relationships(db).empty
    with db.session() as s:
        assert relationships.relationships_of(s, a) == []
        query.restore(s, Relationship, rel_id)
        assert s.get(Relationship, rel_id).deleted_at is None
    assert len(frames.relationships(db)) == 1


def test_inferred_links_metrics_are_kept_apart_from_the_recorded_ones(db):
    from crm_desktop.analytics.network import influence

    a, b, c = make_customers(db, 3)
    recorded = pd.DataFrame({"source": [a], "target": [b], "weight": [0.9]})
    inferred = pd.DataFrame({"source": [a, b], "target": [b, c], "weight": [0.9, 0.3]})
    kind = graph_store.network_kind(infer=True)
    assert kind == graph_store.INFERRED_KIND != graph_store.network_kind()
    with db.session() as s:
        graph_store.save_network_metrics(s, influence(recorded, nodes=[a, b, c]),
                                         graph_store.edges_digest(recorded))
        graph_store.save_network_metrics(s, influence(inferred, nodes=[a, b, c]),
                                         graph_store.edges_digest(inferred), kind=kind)
    with db.session() as s:
        assert graph_store.metrics_version(s) == graph_store.edges_digest(recorded)[:16]
        assert graph_store.metrics_version(s, kind) == graph_store.edges_digest(inferred)[:16]
        assert graph_store.load_network_metrics(s).loc[c, "degree"] == 0
        assert graph_store.load_network_metrics(s, kind).loc[c, "degree"] == 1
        # What the customer detail and the dashboard read: the recorded links only.
        assert graph_store.influence_info(s, c).rank is None
        assert graph_store.influence_info(s, a).of == 2
        assert {t.customer_id for t in graph_store.top_influencers(s, 5)} == {a, b}
        assert s.scalar(select(func.count()).select_from(AnalyticsResult)) == 6
        # Saving one kind again replaces that kind only.
        graph_store.save_network_metrics(s, influence(recorded, nodes=[a, b]),
                                         graph_store.edges_digest(recorded))
        assert s.scalar(select(func.count()).select_from(AnalyticsResult).where(
            AnalyticsResult.kind == kind)) == 3


def test_customer_labels_read_in_chunks_equal_the_rows_read_at_once(db, monkeypatch):
    from sqlalchemy import text

    from crm_desktop.storage import frame_chunks

    monkeypatch.setattr(frame_chunks.read_chunks, "__defaults__", (3,))
    with db.session() as session:
        firm = create_customer(session, {"name": "Firm", "kind": "company"})
        for i in range(7):
            create_customer(session, {"name": f"P{i}", "company_id": firm.id if i % 2 else None})
    with db.session() as session:
        labels = graph_store.customer_labels(session)
        rows = session.execute(text(
            "SELECT c.id, c.name, co.name AS company FROM customers c "
            "LEFT JOIN customers co ON co.id = c.company_id WHERE c.deleted_at IS NULL"))
        expected = pd.DataFrame(rows.fetchall(), columns=["id", "name", "company"])
    pd.testing.assert_frame_equal(labels, expected.set_index("id", drop=False))
    assert labels["company"].isna().sum() == 5  # the firm and the four without one
