"""`analytics graph`: top influencers, communities and modularity, as text and JSON."""

from __future__ import annotations

import json

import pytest

from crm_desktop.cli import main
from crm_desktop.storage import graph_store, relationships
from crm_desktop.storage.customers import create_customer


@pytest.fixture
def network(db, db_path):
    """Two triangles joined through a hub (linked to two of each): the most influential."""
    with db.session() as s:
        company = create_customer(s, {"name": "Acme", "kind": "company"}).id
        ids = [create_customer(s, {"name": f"P{i}", "company_id": company}).id for i in range(7)]
        hub = ids[0]
        links = [(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (0, 1), (0, 2), (0, 4), (0, 5)]
        for a, b in links:
            relationships.create_relationship(s, ids[a], ids[b], "colleague", 0.8)
    db.close()
    return db_path, hub


def test_graph_json_lists_influencers_and_communities_and_saves(capsys, network):
    path, hub = network
    assert main(["analytics", "graph", "--db", str(path), "--json", "--top", "3"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["top_influencers"][0]["id"] == hub
    assert report["top_influencers"][0]["company"] == "Acme"
    assert len(report["top_influencers"]) == 3
    assert report["communities"] >= 2 and 0.2 < report["modularity"] < 1
    assert report["connected"] == 7 and report["customers"] == 8
    assert sum(c["size"] for c in report["largest_communities"]) <= 7
    from crm_desktop.storage.database import open_database

    with open_database(path) as database, database.session() as s:
        assert graph_store.influence_info(s, hub).rank == 1


def test_graph_text_and_empty_database(capsys, network, tmp_path, template_db):
    path, _ = network
    assert main(["analytics", "graph", "--db", str(path), "--no-save"]) == 0
    out = capsys.readouterr().out
    assert "Top influencers" in out and "modularity" in out and "P0 (Acme)" in out
    assert main(["analytics", "graph", "--db", str(template_db), "--no-save"]) == 0
    assert "0 customers" in capsys.readouterr().out
    assert main(["analytics", "graph", "--db", str(tmp_path / "missing.db")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_graph_infer_adds_inferred_links_to_json_and_keeps_recorded_metrics(capsys, network):
    from crm_desktop.storage import frames
    from crm_desktop.storage.database import open_database

    path, hub = network
    assert main(["analytics", "graph", "--db", str(path), "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert plain["inferred"] is False and "inferred_edges" not in plain
    assert plain["relationships"] == plain["links"] == 10
    with open_database(path) as database, database.session() as s:
        recorded = graph_store.metrics_version(s)
        people = frames.customers(database).set_index("name")["id"]
        links = {frozenset((r.source, r.target))
                 for r in frames.relationships(database).itertuples()}
    assert main(["analytics", "graph", "--db", str(path), "--json", "--infer"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["inferred"] is True and report["relationships"] == 10
    edges = report["inferred_edges"]
    # 7 people at Acme: 21 pairs, 10 of them recorded (not overridden), plus 7 to the company.
    assert report["inferred_links"] == len(edges) == 21 - 10 + 7
    assert report["links"] == 10 + len(edges)
    assert report["inferred_by_kind"] == {"same_company": len(edges)}
    assert all(e["inferred"] and e["kinds"] == ["same_company"] for e in edges)
    assert all(e["strength"] == pytest.approx(0.3) for e in edges)
    pairs = {frozenset((e["source"], e["target"])) for e in edges}
    assert not pairs & links
    assert frozenset((hub, int(people["Acme"]))) in pairs
    assert frozenset((int(people["P3"]), int(people["P4"]))) in pairs  # not recorded
    assert "inferred_degree" in report["top_influencers"][0]
    assert report["connected"] == 8  # the company is linked now
    with open_database(path) as database, database.session() as s:
        assert graph_store.metrics_version(s) == recorded  # recorded-links metrics unchanged
        assert graph_store.metrics_version(s, graph_store.INFERRED_KIND) is not None
    assert main(["analytics", "graph", "--db", str(path), "--infer", "--no-save"]) == 0
    assert "18 inferred links added (same company 18)" in capsys.readouterr().out


def test_eigenvector_is_its_own_column_beside_betweenness(capsys, db, db_path):
    """A clique of five and a broker X leading from it to a small group: X carries the paths
    (betweenness) but sits among few, poorly linked people (eigenvector); a clique member
    carries no path but is close to the best linked."""
    with db.session() as s:
        ids = {n: create_customer(s, {"name": n}).id
               for n in ("A", "B", "C", "D", "E", "X", "Y", "Z1", "Z2")}
        clique = ["A", "B", "C", "D", "E"]
        links = [(a, b) for i, a in enumerate(clique) for b in clique[i + 1:]]
        links += [("A", "X"), ("X", "Y"), ("Y", "Z1"), ("Y", "Z2")]
        for a, b in links:
            relationships.create_relationship(s, ids[a], ids[b], "colleague", 0.8)
    db.close()
    assert main(["analytics", "graph", "--db", str(db_path), "--json", "--top", "9",
                 "--no-save"]) == 0
    people = {p["name"]: p for p in json.loads(capsys.readouterr().out)["top_influencers"]}
    assert people["X"]["betweenness"] > people["B"]["betweenness"] == 0
    assert people["B"]["eigenvector"] > people["X"]["eigenvector"] > 0
    assert main(["analytics", "graph", "--db", str(db_path), "--no-save"]) == 0
    header = next(line for line in capsys.readouterr().out.splitlines() if "rank" in line)
    assert "between." in header and "eigenv." in header
