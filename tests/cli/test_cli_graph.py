"""`analytics graph`: top influencers, communities and modularity, as text and JSON."""

from __future__ import annotations

import json

import pytest

from crm_desktop.cli import main
from crm_desktop.storage import graph_store
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
            graph_store.create_relationship(s, ids[a], ids[b], "colleague", 0.8)
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
        assert graph_store.influence_rank(s, hub) == 1


def test_graph_text_and_empty_database(capsys, network, tmp_path, template_db):
    path, _ = network
    assert main(["analytics", "graph", "--db", str(path), "--no-save"]) == 0
    out = capsys.readouterr().out
    assert "Top influencers" in out and "modularity" in out and "P0 (Acme)" in out
    assert main(["analytics", "graph", "--db", str(template_db), "--no-save"]) == 0
    assert "0 customers" in capsys.readouterr().out
    assert main(["analytics", "graph", "--db", str(tmp_path / "missing.db")]) == 1
    assert "does not exist" in capsys.readouterr().err
