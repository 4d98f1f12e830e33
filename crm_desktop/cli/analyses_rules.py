"""The "rules" analysis: the user's stored rules and weights, evaluated for all customers at once.

Rules and weights come from :mod:`crm_desktop.storage.scoring_rules` (defaults when none are
stored). Each customer's row is the behaviour features plus the customer attributes rules may
use (status, category, city, rating, ...). Result per customer: the category of the first
matching rule that has one (else the default), the sum of the matching rules' points, the
names of the matching rules and the weighted score 100 * g(x) (0..100, min-max normalised).
Apply stores the score as result "rule_score" (label: the category; details: points and
matched_rules) and fills empty customer categories.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.cli.analyses import AnalysisOutcome, Chart, Steps, as_of, load, need, num

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.analytics.scoring import Rule
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.scoring_rules import ScoringRule

NAME_SEPARATOR = "; "


def rule_frame(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per customer (index customer_id): behaviour features + customer attributes."""
    from crm_desktop.analytics import segmentation as seg
    from crm_desktop.storage.scoring_rules import CUSTOMER_FIELDS

    customers = frames["customers"]
    features = seg.behaviour_features(customers, frames["orders"], frames["tickets"],
                                      frames["interactions"], frames["survey_responses"],
                                      as_of=as_of(frames["orders"]))
    columns = [c for c in CUSTOMER_FIELDS if c in customers.columns]
    attributes = customers.set_index("id")[columns]
    return features.join(attributes)


def engine_rule(rule: ScoringRule, frame: pd.DataFrame) -> Rule:
    """The engine's rule; "top %" / "bottom %" become >= / <= a percentile of this frame."""
    import pandas as pd

    from crm_desktop.analytics.scoring import Rule

    operator, value = rule.operator, rule.value
    if operator in ("top %", "bottom %"):
        column = pd.to_numeric(frame[rule.field], errors="coerce").astype(float)
        share = float(value) / 100.0
        quantile = 1.0 - share if operator == "top %" else share
        value = float(column.quantile(quantile)) if column.notna().any() else float("nan")
        operator = ">=" if operator == "top %" else "<="
    return Rule(rule.field, operator, value, rule.category, rule.points, rule.label())


def matched_names(frame: pd.DataFrame, rules: list[Rule]) -> pd.Series:
    """"name; name" of the rules each row matches ("" for none), in rule order."""
    import numpy as np
    import pandas as pd

    from crm_desktop.analytics.scoring import rule_mask

    if not rules or not len(frame):
        return pd.Series("", index=frame.index, dtype=object)
    masks = np.column_stack([rule_mask(frame, rule).to_numpy(dtype=bool) for rule in rules])
    combos, inverse = np.unique(masks, axis=0, return_inverse=True)
    labels = np.array([NAME_SEPARATOR.join(r.name for r, hit in zip(rules, combo, strict=True)
                                           if hit) for combo in combos], dtype=object)
    return pd.Series(labels[np.ravel(inverse)], index=frame.index, dtype=object)


def run_rules(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import scoring
    from crm_desktop.storage import scoring_rules

    stored = scoring_rules.is_stored(database)
    rules = scoring_rules.load_rules(database)
    weights = scoring_rules.load_weights(database)
    f = load(database, steps, "customers", "orders", "tickets", "interactions",
             "survey_responses")
    frame = rule_frame(f)
    need(len(frame), 1, "rules need customers")
    steps.at(0.5, "Applying rules")
    engine = [engine_rule(rule, frame) for rule in rules.rules]
    applied = scoring.apply_rules(frame, scoring.RuleSet(tuple(engine), rules.default_category))
    names = matched_names(frame, engine)
    steps.at(0.8, "Scoring")
    score = scoring.weighted_score(frame, scoring.WeightedScore(
        dict(weights.weights), lower_is_better=weights.lower_is_better))
    table = applied[["category", "points"]].assign(
        matched_rules=names, score=(100 * score).round(1)).rename_axis("customer_id")
    table = table.reset_index()
    counts = table["category"].value_counts()
    quality: dict[str, float | str] = {
        "customers": len(table), "mean_score": num(table["score"].mean(), 2),
        "rules": len(rules.rules),
        "rule set": "stored" if stored["rules"] else "default",
        "weights": "stored" if stored["weights"] else "default",
    }
    quality.update({f"category {k}": int(v) for k, v in counts.items()})
    chart = Chart("bar", [str(i) for i in counts.index], counts.tolist(),
                  "Customers per rule category", "", "Customers")
    return AnalysisOutcome("rules", quality, table, chart,
                           [("rule_score", table, "score", "category",
                             ("points", "matched_rules"))],
                           table.set_index("customer_id")["category"])
