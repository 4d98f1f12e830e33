"""The relationship graph page: open on click, link by dragging (undoable), layout cache,
filters, expansion, introductions, ego view, export, inferred links."""

from __future__ import annotations

import networkx as nx
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from crm_desktop.models import Campaign, CampaignMember, utcnow
from crm_desktop.storage import frames, graph_store, relationships
from crm_desktop.storage.customers import create_customer
from crm_desktop.ui.graph.graph_controls import INFER_KEY

NAMES = ["Ada", "Ben", "Cy", "Di", "Ed", "Flo", "Gus"]
LINKS = [  # (a, b, kind, strength) by index into NAMES; Ada and Cy are not linked
    (0, 1, "colleague", 0.9), (1, 2, "friend", 0.8), (2, 3, "family", 0.4),
    (3, 4, "colleague", 0.7), (4, 5, "referral", 0.3), (0, 3, "partner", 0.5),
    (5, 6, "friend", 0.95),
]


@pytest.fixture
def ids(db):
    with db.session() as s:
        people = [create_customer(s, {"name": n}).id for n in NAMES]
        for a, b, kind, strength in LINKS:
            relationships.create_relationship(s, people[a], people[b], kind, strength)
    return people


def open_page(context, qtbot, limit=None):
    from crm_desktop.ui.graph.graph_page import GraphPage

    page = GraphPage(context)
    if limit is not None:
        page.limit = limit
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None and page.drawn,
                    timeout=90_000)  # the background process starts first
    return page


def test_page_names_and_click_opens_the_customer(context, ids, qtbot):
    page = open_page(context, qtbot)
    assert page.objectName() == "graphPage" and page.accessibleName() == "graphPage"
    assert sorted(page.view.node_ids()) == sorted(ids)
    opened = []
    context.set_navigation(opened.append, lambda _entity, _id: None)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.view.viewport_point(ids[4]))
    qtbot.waitUntil(lambda: opened == [ids[4]], timeout=3000)
    assert "Ed" in page.tooltip(ids[4]) and "Influence rank" in page.tooltip(ids[4])
    assert "Betweenness" in page.tooltip(ids[4]) and "eigenvector" in page.tooltip(ids[4])


@pytest.mark.parametrize("button, modifier", [
    (Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier),
    (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier),
])
def test_drag_between_nodes_links_them_and_undo_removes_it(context, ids, qtbot, button,
                                                            modifier):
    page = open_page(context, qtbot)
    ada, cy = ids[0], ids[2]
    assert page.view.edge(ada, cy) is None
    viewport = page.view.viewport()
    start, end = page.view.viewport_point(ada), page.view.viewport_point(cy)
    qtbot.mousePress(viewport, button, modifier, start)
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, button, modifier, end)
    dialog = page.link_dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.source_id, dialog.picker.customer_id) == (ada, cy)
    kind = dialog.field("kind")
    kind.setCurrentIndex(kind.findData("friend"))
    dialog.strength.setValue(0.6)
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted

    def linked() -> bool:
        rel = frames.relationships(context.database)
        pairs = set(zip(rel["source"], rel["target"], rel["kind"], strict=True))
        return (ada, cy, "friend") in pairs

    assert linked()
    assert page.view.edge(ada, cy).strength == pytest.approx(0.6)
    loads = page.loads
    context.undo_stack.undo()
    assert not linked()
    assert page.view.edge(ada, cy) is None
    context.undo_stack.redo()
    assert linked() and page.view.edge(ada, cy) is not None
    assert page.loads == loads  # own edits are drawn in place, not reloaded


def test_layout_cache_makes_the_second_open_compute_nothing(context, ids, qtbot):
    first = open_page(context, qtbot)
    assert first.data.metrics_computed and first.data.layout_computed
    positions = first.data.positions.set_index("node").sort_index()[["x", "y"]]
    first.shutdown()
    first.close()
    second = open_page(context, qtbot)
    assert second.loads == 1
    assert not second.data.metrics_computed and not second.data.layout_computed
    again = second.data.positions.set_index("node").sort_index()[["x", "y"]]
    assert (again - positions).abs().max().max() < 1e-9
    with context.database.session() as s:
        assert graph_store.influence_info(s, ids[3]).rank is not None


def test_filters_hide_edges_and_nodes(context, ids, qtbot):
    page = open_page(context, qtbot)
    controls = page.controls
    everything = len(page.view.visible_edges())
    assert everything == len(LINKS)
    controls.min_strength.setValue(0.75)
    assert len(page.view.visible_edges()) == 3  # 0.9, 0.8, 0.95
    controls.min_strength.setValue(0.0)
    controls.kind.setCurrentIndex(controls.kind.findData("colleague"))
    assert {e.kinds for e in page.view.visible_edges()} == {("colleague",)}
    assert len(page.view.visible_edges()) == 2
    controls.kind.setCurrentIndex(0)
    community = int(page.data.metrics.loc[ids[6], "community"])
    controls.community.setCurrentIndex(controls.community.findData(community))
    shown = set(page.view.visible_nodes())
    assert ids[6] in shown and len(shown) < len(ids)
    assert len(page.view.visible_edges()) < everything


def test_expand_introduce_and_ego_view(context, ids, qtbot):
    page = open_page(context, qtbot, limit=3)
    assert len(page.view.node_ids()) == 3
    hidden = next(i for i in ids if not page.view.has_node(i))
    assert page.focus_customer(hidden) and page.view.has_node(hidden)
    graph = page.data.graph
    visible = next(i for i in page.view.node_ids()
                   if any(not page.view.has_node(n) for n in graph[i]))
    before = len(page.view.node_ids())
    assert page.expand(visible) > 0 and len(page.view.node_ids()) > before
    path = page.introduce(ids[0], ids[6])
    assert path[0] == ids[0] and path[-1] == ids[6]
    assert set(page.view.highlighted()) == set(path)
    page.controls.ego_depth.setValue(1)
    page.show_ego(ids[2])
    qtbot.waitUntil(lambda: sorted(page.view.node_ids()) == sorted([ids[1], ids[2], ids[3]]),
                    timeout=10_000)
    page.controls.ego_button.setChecked(False)
    assert len(page.view.node_ids()) == 3


def test_exports_png_svg_graphml(context, ids, qtbot, tmp_path):
    page = open_page(context, qtbot)
    png, svg, graphml = tmp_path / "g.png", tmp_path / "g.svg", tmp_path / "g.graphml"
    page.export("png", str(png))
    page.export("svg", str(svg))
    page.export("graphml", str(graphml))
    assert png.stat().st_size > 1000
    assert "<svg" in svg.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: graphml.exists() and not context.runner.jobs(), timeout=10_000)
    graph = nx.read_graphml(graphml)
    assert graph.number_of_nodes() == len(ids) and graph.number_of_edges() == len(LINKS)
    assert {d["name"] for _, d in graph.nodes(data=True)} == set(NAMES)


def test_relationship_dialog_for_the_customer_detail(context, ids, qtbot):
    from crm_desktop.ui.graph.relationship_dialog import RelationshipDialog
    from crm_desktop.ui.widgets.influence_label import influence_text

    changes = []
    dialog = RelationshipDialog(context.database, ids[0], context=context,
                                on_change=lambda _id, alive: changes.append(alive))
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.error_text("target_id")
    dialog.picker.set_customer(ids[0], "Ada")
    dialog.submit()
    assert "itself" in dialog.error_text("target_id")
    dialog.picker.set_customer(ids[6], "Gus")
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted and changes == [True]

    def others() -> set[int]:
        with context.database.session() as s:
            return {r.other_id for r in relationships.relationships_of(s, ids[0])}

    assert ids[6] in others()
    context.undo_stack.undo()
    assert ids[6] not in others() and changes == [True, False]
    with context.database.session() as s:
        (rel,) = [r for r in relationships.relationships_of(s, ids[0]) if r.other_id == ids[1]]
    edit = RelationshipDialog(context.database, ids[0], context=context, relationship_id=rel.id)
    qtbot.addWidget(edit)
    edit.strength.setValue(0.25)
    edit.submit()
    with context.database.session() as s:
        assert [r.strength for r in relationships.relationships_of(s, ids[1])
                if r.other_id == ids[0]] == [0.25]
    context.undo_stack.undo()
    with context.database.session() as s:
        assert [r.strength for r in relationships.relationships_of(s, ids[1])
                if r.other_id == ids[0]] == [0.9]
        assert influence_text(graph_store.influence_info(s, ids[0])).startswith("Influence not")


# Inferred links ----------------------------------------------------------------------------


@pytest.fixture
def people(db):
    """Ann, Bob and Cat work at Acme (Ann-Cat recorded, Ann-Bob not); Dan and Eve responded
    to one campaign; Dan-Fay recorded."""
    with db.session() as s:
        acme = create_customer(s, {"name": "Acme", "kind": "company"}).id
        ids = {"acme": acme}
        for name in ("Ann", "Bob", "Cat"):
            ids[name] = create_customer(s, {"name": name, "company_id": acme}).id
        for name in ("Dan", "Eve", "Fay"):
            ids[name] = create_customer(s, {"name": name}).id
        relationships.create_relationship(s, ids["Ann"], ids["Cat"], "friend", 0.9)
        relationships.create_relationship(s, ids["Dan"], ids["Fay"], "referral", 0.6)
        campaign = Campaign(name="Spring mailing")
        s.add(campaign)
        s.flush()
        for name in ("Dan", "Eve"):
            s.add(CampaignMember(campaign_id=campaign.id, customer_id=ids[name],
                                 responded_at=utcnow()))
    return ids


def wait_for(page, qtbot, inferred: bool) -> None:
    qtbot.waitUntil(lambda: page.data is not None and page.data.inferred == inferred
                    and page.drawn and not page.context.runner.jobs(), timeout=90_000)


def test_new_data_is_not_called_drawn_before_its_drawing(context, ids, qtbot):
    """`drawn` turns False as a load's result arrives, not a step later when its drawing
    starts: a wait for the inferred graph (`wait_for`) once returned in between, while the
    view still showed the graph without them."""
    page = open_page(context, qtbot)
    assert page.drawn
    page._loaded(page.data)  # as the load job's result arrives
    assert not page.drawn
    qtbot.waitUntil(lambda: page.drawn, timeout=10_000)
    assert set(page.view.node_ids()) == set(page.data.shown)


def test_toggle_adds_inferred_links_drawn_dashed_and_is_remembered(context, people, qtbot):
    ann, bob, cat = people["Ann"], people["Bob"], people["Cat"]
    page = open_page(context, qtbot)
    controls, view = page.controls, page.view
    assert not controls.inferred.isChecked() and not page.data.inferred
    assert view.edge(ann, bob) is None and not view.has_node(bob)
    assert not controls.legend.isVisible()
    recorded_digest = graph_store.edges_digest(page.data.edges)

    controls.inferred.setChecked(True)
    wait_for(page, qtbot, True)
    edge = view.edge(ann, bob)
    assert edge is not None and edge.inferred and edge.kinds == ("same_company",)
    assert edge.strength == pytest.approx(0.3)
    campaign = view.edge(people["Dan"], people["Eve"])
    assert campaign is not None and campaign.inferred and campaign.kinds == ("shared_campaign",)
    assert view.edge(ann, people["acme"]).inferred  # a member and the company
    friends = view.edge(ann, cat)  # recorded: not overridden by the same-company link
    assert friends is not None and not friends.inferred
    assert friends.kinds == ("friend",) and friends.strength == pytest.approx(0.9)
    assert controls.legend.isVisible()
    assert "inferred links" in controls.status.text()

    # Drawn differently: inferred layers dashed, paler, under the solid recorded layers.
    layers = view.edge_layers()
    dashed = [layer for layer in layers if layer.pen.style() != Qt.PenStyle.SolidLine]
    solid = [layer for layer in layers if layer.pen.style() == Qt.PenStyle.SolidLine]
    assert sum(layer.count for layer in dashed) == sum(e.inferred for e in view.visible_edges())
    assert sum(layer.count for layer in solid) == 2
    assert max(layer.zValue() for layer in dashed) < min(layer.zValue() for layer in solid)
    assert min(layer.pen.color().lightness() for layer in dashed) > max(
        layer.pen.color().lightness() for layer in solid)

    # The tooltip of an edge says why it is there.
    assert "inferred: same company" in controls.edge_tooltip(edge, page.name)
    assert "inferred" not in controls.edge_tooltip(friends, page.name)
    view.fit()
    a, b = view.viewport_point(ann), view.viewport_point(bob)
    middle = QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2)
    assert view.edge_at(middle) == edge
    event = QHelpEvent(QEvent.Type.ToolTip, middle, view.viewport().mapToGlobal(middle))
    QApplication.sendEvent(view.viewport(), event)
    assert "inferred: same company" in QToolTip.text()
    assert "Ann" in QToolTip.text() and "Bob" in QToolTip.text()
    QToolTip.hideText()

    # The customer detail keeps the recorded-links metrics: Bob has no relationship there.
    with context.database.session() as s:
        assert graph_store.metrics_version(s) == recorded_digest[:16]
        assert graph_store.influence_info(s, bob).rank is None
        assert graph_store.influence_info(s, ann).rank is not None
        inferred_version = graph_store.metrics_version(s, graph_store.INFERRED_KIND)
        assert inferred_version == graph_store.edges_digest(page.data.edges)[:16]
    assert "with inferred links" in page.tooltip(bob)

    # Remembered: a new page opens with inferred links, from the cache.
    assert context.settings.value(INFER_KEY, type=bool) is True
    page.shutdown()
    page.close()
    again = open_page(context, qtbot)
    assert again.controls.inferred.isChecked() and again.data.inferred
    assert not again.data.metrics_computed and not again.data.layout_computed
    assert again.view.edge(ann, bob).inferred

    again.controls.inferred.setChecked(False)
    wait_for(again, qtbot, False)
    assert again.view.edge(ann, bob) is None
    assert again.view.edge(people["Dan"], people["Eve"]) is None
    assert not again.view.edge(ann, cat).inferred
    assert not any(e.inferred for e in again.view.visible_edges())
    assert context.settings.value(INFER_KEY, type=bool) is False
    assert not again.data.metrics_computed  # the recorded-links metrics were kept


def test_recording_a_link_replaces_the_inferred_one_and_undo_brings_it_back(context, people,
                                                                              qtbot):
    context.settings.setValue(INFER_KEY, True)
    ann, bob = people["Ann"], people["Bob"]
    page = open_page(context, qtbot)
    wait_for(page, qtbot, True)
    assert page.view.edge(ann, bob).inferred
    dialog = page.request_link(ann, bob)
    kind = dialog.field("kind")
    kind.setCurrentIndex(kind.findData("colleague"))
    dialog.strength.setValue(0.7)
    dialog.submit()
    edge = page.view.edge(ann, bob)
    assert not edge.inferred and edge.kinds == ("colleague",)
    assert edge.strength == pytest.approx(0.7)
    assert not page.data.graph[ann][bob]["inferred"]
    context.undo_stack.undo()
    edge = page.view.edge(ann, bob)
    assert edge is not None and edge.inferred and edge.kinds == ("same_company",)


def test_a_drawing_in_steps_is_framed_before_its_circles_are_painted(context, ids, qtbot,
                                                                     monkeypatch):
    """Names are placed at the transform the circles are painted with: framed after them,
    the first paint placed names for the whole graph at the old transform (a 100-120 ms
    stretch of the GUI thread at 2,000 customers) only to place them again after the fit."""
    from crm_desktop.ui.graph import graph_page

    monkeypatch.setattr(graph_page, "NODES_PER_STEP", 2)  # 7 customers: drawn in steps
    page = open_page(context, qtbot)
    seen = []
    redraw = page.view.redraw_nodes

    def spy():
        if page.view.node_ids():  # (not the emptying of the view the drawing starts with)
            seen.append(page.view.transform())
        redraw()

    monkeypatch.setattr(page.view, "redraw_nodes", spy)
    page.view.resetTransform()  # as a view not framed yet
    page._show_main()
    qtbot.waitUntil(lambda: page.drawn)
    assert len(page.view.node_ids()) == len(NAMES)
    assert len(seen) == 1
    assert not page.view.transform().isIdentity()  # the fit changed the transform
    assert seen[0] == page.view.transform()  # ... before the circles were drawn
