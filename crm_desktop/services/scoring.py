"""The scoring rules and weights the "rules" analysis evaluates: read, check, save, reset.

The one place where the rule vocabulary (``analytics.scoring``: :class:`Rule`, :class:`RuleSet`,
:class:`WeightedScore`) meets what the database keeps (``storage.scoring_rules``: checked plain
dicts in the settings table). Used by the rules dialog, ``crm-desktop rules`` and the analysis.

    rules = load_rules(database)              # RuleSet: the stored rules or DEFAULT_RULES
    outcome = save_scoring(database, rules, weights)   # checked first; Outcome with its Changes
    rules_data(rules)                         # the JSON shape `rules show --json` prints
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.scoring import Rule, RuleSet, WeightedScore
from crm_desktop.services.outcome import Outcome, read, write
from crm_desktop.storage import scoring_rules as store
from crm_desktop.storage.scoring_rules import ScoringRulesError

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

__all__ = [
    "DEFAULT_RULES", "DEFAULT_WEIGHTS", "ScoringRulesError", "is_stored", "load_rules",
    "load_weights", "parse_rules", "parse_weights", "reset_scoring", "rules_data",
    "save_scoring", "weights_data",
]

DEFAULT_RULES = RuleSet((
    Rule("frequency", "==", 0, "Prospect", 0.0, "never bought"),
    Rule("recency_days", ">", 365, "Dormant", -10.0, "no order for a year"),
    Rule("monetary", "top %", 20, "High value", 30.0, "top 20% spend"),
    Rule("frequency", ">=", 3, "Regular", 20.0, "3+ orders"),
    Rule("complaint_count", ">", 0, None, -5.0, "complained"),
), default_category="Occasional")
DEFAULT_WEIGHTS = WeightedScore(
    {"monetary": 2.0, "frequency": 1.0, "recency_days": 1.0, "mean_satisfaction": 1.0},
    ("recency_days",),
)


# ------------------------------------------------------------------------------ conversion
def rules_data(rules: RuleSet) -> dict[str, Any]:
    """The stored (and `rules set` / `rules show --json`) shape of a rule set."""
    return {"version": store.VERSION, **rules.to_dict()}


def weights_data(weights: WeightedScore) -> dict[str, Any]:
    """The stored shape of the weights (always min-max normalised: no "normalise" key)."""
    return {"version": store.VERSION, "weights": dict(weights.weights),
            "lower_is_better": list(weights.lower_is_better)}


def parse_rules(data: Any) -> RuleSet:
    """Checked rules from their JSON shape; raises :class:`ScoringRulesError`."""
    return RuleSet.from_dict(store.parse_rules(data))


def parse_weights(data: Any) -> WeightedScore:
    """Checked weights from their JSON shape; raises :class:`ScoringRulesError`."""
    checked = store.parse_weights(data)
    return WeightedScore(checked["weights"], tuple(checked["lower_is_better"]))


def _as_data(value: RuleSet | WeightedScore | Mapping[str, Any] | None) -> Any:
    if isinstance(value, RuleSet):
        return rules_data(value)
    if isinstance(value, WeightedScore):
        return weights_data(value)
    return value


# ------------------------------------------------------------------------------ reads
def is_stored(database: Database) -> dict[str, bool]:
    """Which of "rules" and "weights" the user has set (the rest are the defaults)."""
    return read(database, store.is_stored)


def load_rules(database: Database) -> RuleSet:
    """The stored rules, or :data:`DEFAULT_RULES` (raises if the stored value is bad)."""
    data = read(database, store.stored_rules)
    return DEFAULT_RULES if data is None else RuleSet.from_dict(data)


def load_weights(database: Database) -> WeightedScore:
    """The stored weights, or :data:`DEFAULT_WEIGHTS` (raises if the stored value is bad)."""
    data = read(database, store.stored_weights)
    return DEFAULT_WEIGHTS if data is None else parse_weights(data)


# ------------------------------------------------------------------------------ writes
def save_scoring(database: Database,
                 rules: RuleSet | Mapping[str, Any] | None = None,
                 weights: WeightedScore | Mapping[str, Any] | None = None) -> Outcome[None]:
    """Check, then store the rules and/or weights given (dataclasses or their JSON shapes) in
    one transaction; nothing is written when either is bad (:class:`ScoringRulesError`)."""
    rules_in, weights_in = _as_data(rules), _as_data(weights)
    return write(database, lambda session: store.store_scoring(session, rules_in, weights_in))


def save_or_forget(database: Database, rules: RuleSet,
                   weights: WeightedScore) -> Outcome[None]:
    """Store what the rules dialog saved; the defaults saved unchanged are forgotten instead,
    so the database follows the defaults again (and their later improvements)."""
    if rules == DEFAULT_RULES and weights == DEFAULT_WEIGHTS:
        return reset_scoring(database)
    return save_scoring(database, rules, weights)


def reset_scoring(database: Database) -> Outcome[None]:
    """Forget the stored rules and weights: the defaults apply again (audited)."""
    return write(database, store.forget_scoring)
