"""What storage keeps of the scoring rules and weights: checked plain dicts (their JSON shape)
in the settings table. Reading, saving and every refusal: tests/services/test_scoring.py."""

from __future__ import annotations

from crm_desktop.storage import scoring_rules as stored


def test_checked_rules_are_the_stored_shape():
    checked = stored.parse_rules({"rules": [
        {"field": "rating", "operator": "between", "value": (3, 5), "category": " Liked ",
         "points": 2},
        {"field": "status", "operator": "is empty", "value": "ignored"}]})
    assert checked == {"version": stored.VERSION, "rules": [
        {"field": "rating", "operator": "between", "value": [3, 5], "category": "Liked",
         "points": 2.0, "name": ""},
        {"field": "status", "operator": "is empty", "value": None, "category": None,
         "points": 0.0, "name": ""}], "default_category": None}
    assert stored.parse_rules(checked) == checked  # the stored shape passes its own check


def test_checked_weights_are_the_stored_shape():
    checked = stored.parse_weights({"weights": {"monetary": 2},
                                    "lower_is_better": ["recency_days", "recency_days"]})
    assert checked == {"version": stored.VERSION, "weights": {"monetary": 2.0},
                       "lower_is_better": ["recency_days"]}


def test_nothing_stored_reads_as_none_and_a_save_is_kept(db):
    with db.session() as session:
        assert stored.stored_rules(session) is None and stored.stored_weights(session) is None
        stored.store_scoring(session, weights={"weights": {"frequency": 1}})
    with db.session() as session:
        assert stored.is_stored(session) == {"rules": False, "weights": True}
        assert stored.stored_weights(session) == {"version": 1, "weights": {"frequency": 1.0},
                                                  "lower_is_better": []}
        stored.forget_scoring(session)
    with db.session() as session:
        assert stored.is_stored(session) == {"rules": False, "weights": False}


def test_fields_and_operators_offered():
    from crm_desktop.analytics.features import BEHAVIOUR_COLUMNS

    assert stored.BEHAVIOUR_FIELDS == BEHAVIOUR_COLUMNS
    kinds = stored.FIELDS
    assert kinds["monetary"] == "number" and kinds["rating"] == "number"
    assert {kinds[n] for n in ("status", "category", "industry", "city", "country",
                               "lead_source", "kind")} == {"text"}
    assert "top %" in stored.operators_for("monetary") and ">" in stored.operators_for("rating")
    assert "contains" in stored.operators_for("city") and ">" not in stored.operators_for("city")
    assert stored.operators_for("shoe_size") == ()


def test_storage_operators_are_known_to_the_engine():
    """One vocabulary: every operator storage accepts is one the engine evaluates, "top %"
    and "bottom %" included."""
    from crm_desktop.analytics.scoring import OPERATORS, PERCENT_OPERATORS

    assert set(stored.OPERATORS) == set(OPERATORS)
    assert set(stored.PERCENT_OPERATORS) == set(PERCENT_OPERATORS)
