"""The user's scoring rules and weights, kept in the database's ``settings`` table.

Two settings rows (they belong to the database, so they travel with it):

* ``scoring.rules``: ``{"version": 1, "rules": [rule, ...], "default_category": "Occasional"}``
  with rule = ``{"field", "operator", "value", "category", "points", "name"}``. Rules are
  evaluated in order; a customer gets the category of the first matching rule that has one
  (else the default category) and the sum of the points of every matching rule.
* ``scoring.weights``: ``{"version": 1, "weights": {"monetary": 2, ...},
  "lower_is_better": ["recency_days"]}``: the weighted score g(x) = sum(w x) / sum(w) over
  min-max normalised columns, shown as 0..100.

Operators (see :func:`operators_for`): text fields take == != in "not in" contains "is empty"
"is not empty"; number fields also take > >= < <= between, and "top %" / "bottom %", whose
value is a percentage (0 < p <= 100) turned into a threshold when the analysis runs:
"monetary top % 20" matches spend >= the 80th percentile of all customers' spend (ties at
the threshold all match). "between" takes [low, high]; "in" a list; "is empty" no value.

This module checks and keeps those plain dicts (JSON shapes): nothing stored reads as None
(the defaults are ``services.scoring``'s). Every save is validated first
(:class:`ScoringRulesError`, one line naming the rule or weight) and goes through the ORM
session it is given, so the audit log records it. The rules themselves (dataclasses, and how
they are evaluated) are ``crm_desktop.analytics.scoring``'s; ``services.scoring`` converts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from crm_desktop.models import Setting
from crm_desktop.storage.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

RULES_KEY = "scoring.rules"
WEIGHTS_KEY = "scoring.weights"
VERSION = 1
NUMBER, TEXT = "number", "text"

#: Behaviour features (``analytics.features.BEHAVIOUR_COLUMNS``; a test keeps them equal).
BEHAVIOUR_FIELDS: tuple[str, ...] = (
    "recency_days", "frequency", "monetary", "avg_order_value", "tenure_days", "orders_recent",
    "ticket_count", "complaint_count", "mean_satisfaction", "interaction_count",
    "days_since_interaction", "nps_score",
)
#: Customer attributes joined onto the features (columns of ``frames.customers``).
CUSTOMER_FIELDS: dict[str, str] = {
    "status": TEXT, "category": TEXT, "kind": TEXT, "industry": TEXT, "city": TEXT,
    "country": TEXT, "lead_source": TEXT, "tags": TEXT, "rating": NUMBER,
}
FIELDS: dict[str, str] = {**dict.fromkeys(BEHAVIOUR_FIELDS, NUMBER), **CUSTOMER_FIELDS}

NO_VALUE = ("is empty", "is not empty")
LIST_OPERATORS = ("in", "not in")
PERCENT_OPERATORS = ("top %", "bottom %")
TEXT_OPERATORS: tuple[str, ...] = ("==", "!=", "in", "not in", "contains", *NO_VALUE)
NUMBER_OPERATORS: tuple[str, ...] = (
    "==", "!=", ">", ">=", "<", "<=", "between", *PERCENT_OPERATORS, "in", "not in", *NO_VALUE,
)
OPERATORS: tuple[str, ...] = tuple(dict.fromkeys(NUMBER_OPERATORS + TEXT_OPERATORS))
_RULE_KEYS = {"field", "operator", "value", "category", "points", "name"}


class ScoringRulesError(ValidationError, ValueError):
    """Bad rules or weights: ``field`` names the place ("rule 2", "weight monetary"), ``rule``
    is the 0-based rule index (None for weights and the rule set as a whole)."""

    def __init__(self, field: str, message: str, rule: int | None = None) -> None:
        super().__init__(field, message)
        self.rule = rule


def operators_for(field_name: str) -> tuple[str, ...]:
    """The operators a field of that name accepts (empty for an unknown field)."""
    kind = FIELDS.get(field_name)
    return NUMBER_OPERATORS if kind == NUMBER else TEXT_OPERATORS if kind == TEXT else ()


# ------------------------------------------------------------------------------ validation
def _is_number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _check_keys(data: Mapping[str, Any], where: str, known: set[str]) -> None:
    unknown = sorted(str(key) for key in set(data) - known)
    if unknown:
        raise ScoringRulesError(where, f"unknown key {unknown[0]!r}")


def _check_version(data: Mapping[str, Any], where: str) -> None:
    version = data.get("version", VERSION)
    if version != VERSION:
        raise ScoringRulesError(where, f"version {version!r} is not supported (expected "
                                       f"{VERSION}); was it saved by a newer crm-desktop?")


def _optional_text(value: Any, where: str, what: str, index: int | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ScoringRulesError(where, f"{what} must be text, not {value!r}", index)
    return value.strip() or None


def _rule_value(value: Any, kind: str, operator: str, where: str, index: int) -> Any:
    def fail(message: str) -> ScoringRulesError:
        return ScoringRulesError(where, message, index)

    if operator in NO_VALUE:
        return None
    if operator == "between":
        if not isinstance(value, list | tuple) or len(value) != 2:
            raise fail("'between' needs two numbers [low, high]")
        if not all(_is_number(v) for v in value):
            raise fail(f"'between' needs numbers, not {list(value)!r}")
        if value[0] > value[1]:
            raise fail(f"'between' needs low <= high, not {list(value)!r}")
        return [value[0], value[1]]
    if operator in LIST_OPERATORS:
        items = list(value) if isinstance(value, list | tuple) else [value]
        if not items or any(v is None or v == "" for v in items):
            raise fail(f"'{operator}' needs a list of values, not {value!r}")
        if kind == NUMBER and not all(_is_number(v) for v in items):
            raise fail(f"'{operator}' needs numbers for this field, not {value!r}")
        if kind == TEXT and not all(isinstance(v, str) for v in items):
            raise fail(f"'{operator}' needs text values, not {value!r}")
        return items
    if kind == NUMBER or operator in PERCENT_OPERATORS:
        if not _is_number(value):
            raise fail(f"value must be a number for '{operator}', not {value!r}")
        if operator in PERCENT_OPERATORS and not 0 < value <= 100:
            raise fail(f"'{operator}' needs a percentage above 0 and at most 100, not {value}")
        return value
    if not isinstance(value, str) or not value.strip():
        raise fail(f"'{operator}' needs a text value, not {value!r} (use 'is empty' for none)")
    return value


def parse_rule(data: Any, index: int = 0) -> dict[str, Any]:
    """One validated rule (field, operator, value, category, points, name) from its dict
    (``index`` is 0-based, messages count from 1)."""
    where = f"rule {index + 1}"
    if not isinstance(data, Mapping):
        raise ScoringRulesError(where, f"must be an object, not {data!r}", index)
    unknown = sorted(set(data) - _RULE_KEYS)
    if unknown:
        raise ScoringRulesError(where, f"unknown key {unknown[0]!r}", index)
    name = _optional_text(data.get("name"), where, "name", index) or ""
    if name:
        where = f"rule {index + 1} ({name})"
    field_name = data.get("field")
    if field_name not in FIELDS:
        raise ScoringRulesError(where, f"unknown field {field_name!r}", index)
    operator = data.get("operator")
    kind = FIELDS[field_name]
    if operator not in OPERATORS:
        raise ScoringRulesError(where, f"unknown operator {operator!r}", index)
    if operator not in operators_for(field_name):
        raise ScoringRulesError(where, f"'{operator}' does not apply to the {kind} field "
                                       f"{field_name!r}", index)
    value = _rule_value(data.get("value"), kind, operator, where, index)
    points = data.get("points")
    points = 0 if points is None else points
    if not _is_number(points):
        raise ScoringRulesError(where, f"points must be a number, not {points!r}", index)
    category = _optional_text(data.get("category"), where, "category", index)
    return {"field": field_name, "operator": operator, "value": value, "category": category,
            "points": float(points), "name": name}


def parse_rules(data: Any) -> dict[str, Any]:
    """The stored shape ``{"version", "rules", "default_category"}`` of validated rules (from
    the stored/JSON shape, version optional); raises :class:`ScoringRulesError`."""
    if not isinstance(data, Mapping):
        raise ScoringRulesError("rules", "must be an object with a 'rules' list")
    _check_keys(data, "rules", {"version", "rules", "default_category"})
    _check_version(data, "rules")
    items = data.get("rules", [])
    if not isinstance(items, list):
        raise ScoringRulesError("rules", f"'rules' must be a list, not {items!r}")
    default = _optional_text(data.get("default_category"), "rules", "default category", None)
    return {"version": VERSION, "rules": [parse_rule(item, i) for i, item in enumerate(items)],
            "default_category": default}


def parse_weights(data: Any) -> dict[str, Any]:
    """The stored shape ``{"version", "weights", "lower_is_better"}`` of validated weights
    (from the stored/JSON shape, version optional); raises :class:`ScoringRulesError`."""
    if not isinstance(data, Mapping):
        raise ScoringRulesError("weights", "must be an object with a 'weights' mapping")
    _check_keys(data, "weights", {"version", "weights", "lower_is_better"})
    _check_version(data, "weights")
    raw = data.get("weights", {})
    if not isinstance(raw, Mapping):
        raise ScoringRulesError("weights", f"'weights' must map fields to numbers, not {raw!r}")
    weights: dict[str, float] = {}
    for name, weight in raw.items():
        where = f"weight {name}"
        if FIELDS.get(name) != NUMBER:
            problem = "is not a number field" if name in FIELDS else "is an unknown field"
            raise ScoringRulesError(where, f"{name!r} {problem}")
        if not _is_number(weight):
            raise ScoringRulesError(where, f"must be a number, not {weight!r}")
        if weight < 0:
            raise ScoringRulesError(where, f"must not be negative ({weight})")
        weights[name] = float(weight)
    if not any(w > 0 for w in weights.values()):
        raise ScoringRulesError("weights", "at least one weight must be above zero")
    lower = data.get("lower_is_better", [])
    if not isinstance(lower, list | tuple):
        raise ScoringRulesError("lower_is_better", f"must be a list, not {lower!r}")
    for name in lower:
        if FIELDS.get(name) != NUMBER:
            raise ScoringRulesError("lower_is_better", f"{name!r} is not a number field")
    return {"version": VERSION, "weights": weights, "lower_is_better": list(dict.fromkeys(lower))}


# ------------------------------------------------------------------------------ load / save
def _stored(session: Session, key: str) -> Setting | None:
    return session.scalars(select(Setting).where(Setting.key == key)).one_or_none()


def is_stored(session: Session) -> dict[str, bool]:
    """Which of "rules" and "weights" the user has set (the rest are the defaults)."""
    return {"rules": _stored(session, RULES_KEY) is not None,
            "weights": _stored(session, WEIGHTS_KEY) is not None}


def stored_rules(session: Session) -> dict[str, Any] | None:
    """The stored rules, validated (:func:`parse_rules`), or None when none are stored
    (raises :class:`ScoringRulesError` if the stored value is bad)."""
    row = _stored(session, RULES_KEY)
    return None if row is None else parse_rules(row.value)


def stored_weights(session: Session) -> dict[str, Any] | None:
    """The stored weights, validated (:func:`parse_weights`), or None when none are stored."""
    row = _stored(session, WEIGHTS_KEY)
    return None if row is None else parse_weights(row.value)


def _put(session: Session, key: str, value: dict[str, Any]) -> None:
    row = _stored(session, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value  # a new object, so the change (and its audit entry) is seen


def store_scoring(session: Session, rules: Mapping[str, Any] | None = None,
                  weights: Mapping[str, Any] | None = None) -> None:
    """Validate, then store the rules and/or weights given (JSON shapes); nothing is written
    when either is bad."""
    checked_rules = None if rules is None else parse_rules(rules)
    checked_weights = None if weights is None else parse_weights(weights)
    if checked_rules is not None:
        _put(session, RULES_KEY, checked_rules)
    if checked_weights is not None:
        _put(session, WEIGHTS_KEY, checked_weights)


def forget_scoring(session: Session) -> None:
    """Forget the stored rules and weights: the defaults apply again (audited as a purge)."""
    for key in (RULES_KEY, WEIGHTS_KEY):
        row = _stored(session, key)
        if row is not None:
            session.delete(row)
