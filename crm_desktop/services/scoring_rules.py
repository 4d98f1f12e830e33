"""Storing the rules and weights of the rule-based scoring analysis (the "Scoring rules"
dialog and `crm-desktop rules set` share the checks of storage.scoring_rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_desktop.storage import scoring_rules as store
from crm_desktop.storage.changes import Changes

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database


def save_scoring(database: Database, rules: store.ScoringRules,
                 weights: store.ScoringWeights) -> Changes:
    """Store the rules and weights in one transaction; saving the defaults unchanged forgets
    the stored ones instead, so the database follows the defaults again."""
    if rules == store.DEFAULT_RULES and weights == store.DEFAULT_WEIGHTS:
        store.reset_scoring(database)
    else:
        store.save_scoring(database, rules, weights)
    return Changes.of("settings")
