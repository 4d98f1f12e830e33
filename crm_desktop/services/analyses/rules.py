"""The "rules" analysis: the user's stored rules and weights, evaluated for all customers at once.

Rules and weights come from :mod:`crm_desktop.services.scoring` (defaults when none are
stored). Each customer's row is the behaviour features plus the customer attributes rules may
use (status, category, city, rating, ...). Result per customer: the category of the first
matching rule that has one (else the default), the sum of the matching rules' points, the
names of the matching rules and the weighted score 100 * g(x) (0..100, min-max normalised).
Apply stores the score as result "rule_score" (label: the category; details: points and
matched_rules) and fills empty customer categories.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import Chart
from crm_desktop.analytics.figures import num
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.steps import Steps, load, need

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database


def rule_frame(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per customer (index customer_id): behaviour features + customer attributes."""
    from crm_desktop.analytics import segmentation as seg
    from crm_desktop.analytics.features import as_of_date
    from crm_desktop.storage.scoring_rules import CUSTOMER_FIELDS

    customers = frames["customers"]
    features = seg.behaviour_features(customers, frames["orders"], frames["tickets"],
                                      frames["interactions"], frames["survey_responses"],
                                      as_of=as_of_date(frames["orders"]))
    columns = [c for c in CUSTOMER_FIELDS if c in customers.columns]
    attributes = customers.set_index("id")[columns]
    return features.join(attributes)


def run_rules(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import scoring
    from crm_desktop.services import scoring as stored_scoring

    stored = stored_scoring.is_stored(database)
    rules = stored_scoring.load_rules(database)
    weights = stored_scoring.load_weights(database)
    f = load(database, steps, "customers", "orders", "tickets", "interactions",
             "survey_responses")
    frame = rule_frame(f)
    need(len(frame), 1, "rules need customers")
    steps.at(0.5, "Applying rules")
    applied = scoring.apply_rules(frame, rules)
    names = scoring.matched_names(frame, rules.rules)
    steps.at(0.8, "Scoring")
    score = scoring.weighted_score(frame, weights)
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
