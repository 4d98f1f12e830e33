"""The user's scoring rules and weights: defaults, round trip, audit, and every refusal.

services.scoring reads and writes them; storage.scoring_rules (``stored``) checks and keeps the
plain dicts; the rules are analytics.scoring's dataclasses."""

from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import func, select

from crm_desktop.analytics.scoring import Rule, RuleSet
from crm_desktop.models import AuditEntry, Setting
from crm_desktop.services import scoring as store
from crm_desktop.storage import scoring_rules as stored
from crm_desktop.storage.errors import ValidationError

RULES = {
    "version": 1,
    "rules": [
        {"field": "monetary", "operator": "top %", "value": 10, "category": "Gold",
         "points": 50, "name": "top spenders"},
        {"field": "city", "operator": "in", "value": ["Paris", "上海"], "category": None,
         "points": 5, "name": ""},
        {"field": "status", "operator": "is empty", "points": -1},
        {"field": "rating", "operator": "between", "value": [3, 5], "category": "Liked"},
    ],
    "default_category": "Other",
}
WEIGHTS = {"version": 1, "weights": {"monetary": 3, "nps_score": 1, "rating": 0.5},
           "lower_is_better": ["recency_days"]}


def settings(db) -> dict[str, object]:
    """The stored settings but the app's user (every database has that one)."""
    with db.session() as session:
        return {row.key: row.value for row in session.scalars(select(Setting))
                if row.key != "audit_actor"}


def audit_count(db) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)
                                  .where(AuditEntry.entity == "settings")) or 0)


def test_nothing_stored_gives_the_defaults(db):
    assert store.load_rules(db) == store.DEFAULT_RULES
    assert store.load_weights(db) == store.DEFAULT_WEIGHTS
    assert store.is_stored(db) == {"rules": False, "weights": False}
    assert [r.category for r in store.DEFAULT_RULES.rules][:4] == [
        "Prospect", "Dormant", "High value", "Regular"]
    assert store.DEFAULT_RULES.rules[2].operator == "top %"
    # the defaults pass their own validation
    assert store.parse_rules(store.DEFAULT_RULES.to_dict()) == store.DEFAULT_RULES
    assert store.parse_weights(store.weights_data(store.DEFAULT_WEIGHTS)) == store.DEFAULT_WEIGHTS


def test_round_trip_through_the_settings_table(db):
    outcome = store.save_scoring(db, RULES, WEIGHTS)
    assert outcome.changes.entities == {"settings"}
    rules, weights = store.load_rules(db), store.load_weights(db)
    assert [r.field for r in rules.rules] == ["monetary", "city", "status", "rating"]
    assert rules.rules[0] == Rule("monetary", "top %", 10, "Gold", 50.0, "top spenders")
    assert rules.rules[1].value == ["Paris", "上海"] and rules.rules[1].category is None
    assert rules.rules[2].value is None and rules.rules[2].points == -1.0
    assert rules.default_category == "Other"
    assert weights.weights == {"monetary": 3.0, "nps_score": 1.0, "rating": 0.5}
    assert weights.lower_is_better == ("recency_days",)
    rows = settings(db)
    assert rows[stored.RULES_KEY]["version"] == 1 and rows[stored.WEIGHTS_KEY]["version"] == 1
    assert store.is_stored(db) == {"rules": True, "weights": True}
    # JSON-able all the way (what `rules show --json` prints)
    assert store.parse_rules(json.loads(json.dumps(rules.to_dict()))) == rules


def test_save_one_part_keeps_the_other_and_dataclasses_are_accepted(db):
    store.save_scoring(db, weights=WEIGHTS)
    assert store.is_stored(db) == {"rules": False, "weights": True}
    rules = RuleSet((Rule("frequency", ">", 2, "Loyal"),), None)
    store.save_scoring(db, rules)
    assert store.load_rules(db) == rules
    assert store.load_weights(db).weights["monetary"] == 3.0


def test_saving_is_audited_and_reset_forgets(db):
    store.save_scoring(db, RULES, WEIGHTS)
    created = audit_count(db)
    assert created > 0
    changed = copy.deepcopy(RULES)
    changed["default_category"] = "Rest"
    store.save_scoring(db, changed)
    with db.session() as session:
        update = session.scalars(select(AuditEntry).where(
            AuditEntry.entity == "settings", AuditEntry.action == "update")).one()
    assert '"Other"' in (update.old_value or "") and '"Rest"' in (update.new_value or "")
    store.save_scoring(db, changed)  # unchanged: no new entry
    assert audit_count(db) == created + 1
    assert store.reset_scoring(db).changes.entities == {"settings"}
    assert settings(db) == {}
    assert store.load_rules(db) == store.DEFAULT_RULES
    assert audit_count(db) > created + 1  # the purge is recorded


def rule(**changes):
    base = {"field": "monetary", "operator": ">=", "value": 100, "category": "A",
            "points": 1, "name": "big"}
    base.update(changes)
    return {"rules": [base]}


@pytest.mark.parametrize(("rules", "message"), [
    (rule(field="shoe_size"), "unknown field 'shoe_size'"),
    (rule(operator="~="), "unknown operator '~='"),
    (rule(value="a lot"), "value must be a number for '>=', not 'a lot'"),
    (rule(value=None), "value must be a number"),
    (rule(value=True), "value must be a number"),
    (rule(value=float("nan")), "value must be a number"),
    (rule(operator="between", value=[1]), "'between' needs two numbers"),
    (rule(operator="between", value=[5, 1]), "low <= high"),
    (rule(operator="between", value=["a", 2]), "'between' needs numbers"),
    (rule(operator="top %", value=0), "percentage above 0"),
    (rule(operator="top %", value=150), "at most 100"),
    (rule(operator="in", value=[]), "needs a list of values"),
    (rule(operator="in", value=[1, "x"]), "needs numbers"),
    (rule(operator="contains", value="x"), "'contains' does not apply to the number field"),
    (rule(field="city", operator=">", value="M"), "'>' does not apply to the text field"),
    (rule(field="city", operator="==", value=""), "needs a text value"),
    (rule(field="city", operator="==", value=3), "needs a text value"),
    (rule(field="city", operator="in", value=["Paris", 3]), "needs text values"),
    (rule(points="ten"), "points must be a number"),
    (rule(category=5), "category must be text"),
    (rule(colour="red"), "unknown key 'colour'"),
    ({"rules": ["monetary > 5"]}, "rule 1: must be an object"),
    ({"rules": {"field": "monetary"}}, "'rules' must be a list"),
    ({"version": 2, "rules": []}, "version 2 is not supported"),
    ({"rules": [], "defaults": "x"}, "unknown key 'defaults'"),
    ([], "must be an object"),
])
def test_bad_rules_are_refused_and_nothing_is_stored(db, rules, message):
    with pytest.raises(store.ScoringRulesError) as caught:
        store.save_scoring(db, rules, WEIGHTS)
    text = str(caught.value)
    assert message in text and "\n" not in text
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, ValidationError)
    assert settings(db) == {}  # the valid weights were not stored either


def test_the_error_names_the_rule(db):
    data = {"rules": [RULES["rules"][0], {"field": "frequency", "operator": ">", "value": "x",
                                          "name": "busy"}]}
    with pytest.raises(store.ScoringRulesError) as caught:
        store.save_scoring(db, data)
    assert caught.value.rule == 1
    assert str(caught.value).startswith("rule 2 (busy): value must be a number")


@pytest.mark.parametrize(("weights", "message"), [
    ({"weights": {"monetary": "2"}}, "weight monetary: must be a number, not '2'"),
    ({"weights": {"monetary": True}}, "must be a number"),
    ({"weights": {"monetary": -1, "frequency": 1}}, "weight monetary: must not be negative"),
    ({"weights": {"monetary": 0, "frequency": 0}}, "at least one weight must be above zero"),
    ({"weights": {}}, "at least one weight must be above zero"),
    ({"weights": {"height": 1}}, "'height' is an unknown field"),
    ({"weights": {"city": 1}}, "'city' is not a number field"),
    ({"weights": [1, 2]}, "'weights' must map fields to numbers"),
    ({"weights": {"monetary": 1}, "lower_is_better": ["city"]}, "'city' is not a number"),
    ({"weights": {"monetary": 1}, "lower_is_better": "recency_days"}, "must be a list"),
    ({"weights": {"monetary": 1}, "normalise": "zscore"}, "unknown key 'normalise'"),
])
def test_bad_weights_are_refused_and_nothing_is_stored(db, weights, message):
    with pytest.raises(store.ScoringRulesError) as caught:
        store.save_scoring(db, RULES, weights)
    assert message in str(caught.value)
    assert caught.value.rule is None
    assert settings(db) == {}


def test_a_bad_stored_value_is_reported_not_used(db):
    with db.session() as session:
        session.add(Setting(key=stored.RULES_KEY, value={"rules": [{"field": "nope",
                                                                   "operator": "=="}]}))
    with pytest.raises(store.ScoringRulesError, match="unknown field 'nope'"):
        store.load_rules(db)


def test_the_defaults_saved_unchanged_are_forgotten(db):
    store.save_or_forget(db, store.parse_rules(RULES), store.parse_weights(WEIGHTS))
    assert store.is_stored(db) == {"rules": True, "weights": True}
    outcome = store.save_or_forget(db, store.DEFAULT_RULES, store.DEFAULT_WEIGHTS)
    assert store.is_stored(db) == {"rules": False, "weights": False}
    assert "settings" in outcome.changes
    assert store.load_rules(db) == store.DEFAULT_RULES
