"""Reasons as facts the interface can put into words: a phrase key and its numbers.

``phrase(Reason("recency_days", 140.0, 0.8, 1))`` is ``Phrase("no_order_days", (140,))``, which
the UI translates as "no order for 140 days" (in the user's language, with the numbers as
placeholders). Every feature the churn, propensity and win-probability models use has a key
(:data:`FEATURE_PHRASES`); an unknown value (NaN) has its own key where it means something
(:data:`MISSING_PHRASES`: "never contacted"). Keys describe the value, true whichever way it
pushes the score; money stays a number (the UI adds the currency).

Keys and their numbers (n = count, d = days, m = money, r = rating):

======================  ===================================  ===============================
feature                 key (numbers)                        meaning
======================  ===================================  ===============================
recency_days            no_order_days (d)                    no order for d days
frequency               orders_total (n)                     n orders in all
monetary                spent_total (m)                      spent m in all
avg_order_value         average_order_value (m)              orders of m on average
tenure_days             customer_for_days (d)                a customer for d days
orders_recent           orders_in_last_days (n, d)           n orders in the last d days
ticket_count            tickets_total (n)                    n support tickets
complaint_count         complaints_total (n)                 n complaints
mean_satisfaction       average_satisfaction (r, 5)          rated service r of 5
interaction_count       contacts_total (n)                   n calls, meetings or e-mails
days_since_interaction  no_contact_days (d)                  not contacted for d days
nps_score               survey_score (r, 10)                 answered r of 10 in a survey
cat_lines               category_items_total (n)             bought n items of the category
cat_amount              category_spent_total (m)             spent m on the category
cat_recency_days        no_category_order_days (d)           nothing of the category for d days
amount_log              deal_amount (m)                      a deal of m
stage_order             deal_stage_number (n)                at stage n of the pipeline
stage_probability       deal_stage_probability (p %)         a stage that wins p% of deals
lead_source             lead_source (text)                   came through <text>
owner                   deal_owner (text)                    handled by <text>
has_source_campaign     from_campaign / not_from_campaign    came / did not come from a campaign
prior_won               deals_won_before (n)                 n deals won before with them
prior_revenue_log       revenue_before_deal (m)              they had spent m before the deal
======================  ===================================  ===============================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm_desktop.analytics.reasons import Reason

Number = float | int
Args = tuple[Number | str, ...]


@dataclass(frozen=True)
class Phrase:
    """A translatable fact: ``key`` names the sentence, ``args`` fill its placeholders."""

    key: str
    args: Args = ()


def _count(value: float) -> Args:
    return (int(round(value)),)


def _days(value: float) -> Args:
    return (int(round(value)),)


def _money(value: float) -> Args:
    return (round(float(value), 2),)


def _money_from_log(value: float) -> Args:
    return (round(float(np.expm1(value)), 2),)


def _rating_of(scale: int) -> Callable[[float], Args]:
    return lambda value: (round(float(value), 1), scale)


def _percent(value: float) -> Args:
    return (int(round(100 * value)),)


#: feature -> (phrase key, its numbers from the value)
FEATURE_PHRASES: dict[str, tuple[str, Callable[[float], Args]]] = {
    "recency_days": ("no_order_days", _days),
    "frequency": ("orders_total", _count),
    "monetary": ("spent_total", _money),
    "avg_order_value": ("average_order_value", _money),
    "tenure_days": ("customer_for_days", _days),
    "orders_recent": ("orders_in_last_days", _count),  # + recent_days, see phrase()
    "ticket_count": ("tickets_total", _count),
    "complaint_count": ("complaints_total", _count),
    "mean_satisfaction": ("average_satisfaction", _rating_of(5)),
    "interaction_count": ("contacts_total", _count),
    "days_since_interaction": ("no_contact_days", _days),
    "nps_score": ("survey_score", _rating_of(10)),
    "cat_lines": ("category_items_total", _count),
    "cat_amount": ("category_spent_total", _money),
    "cat_recency_days": ("no_category_order_days", _days),
    "amount_log": ("deal_amount", _money_from_log),
    "stage_order": ("deal_stage_number", _count),
    "stage_probability": ("deal_stage_probability", _percent),
    "prior_won": ("deals_won_before", _count),
    "prior_revenue_log": ("revenue_before_deal", _money_from_log),
}
#: Features whose value is a category (text): the key takes the text as its one argument.
TEXT_PHRASES: dict[str, str] = {"lead_source": "lead_source", "owner": "deal_owner"}
#: Key when the value is unknown (NaN / missing category).
MISSING_PHRASES: dict[str, str] = {
    "recency_days": "never_ordered",
    "frequency": "never_ordered",
    "monetary": "never_ordered",
    "avg_order_value": "never_ordered",
    "mean_satisfaction": "no_satisfaction_rating",
    "days_since_interaction": "never_contacted",
    "nps_score": "no_survey_answer",
    "cat_recency_days": "never_bought_category",
    "lead_source": "no_lead_source",
    "owner": "no_deal_owner",
}
#: Fallback for a feature without a key (a user's own column): args = (feature, value).
GENERIC_KEY = "feature_value"
UNKNOWN_KEY = "feature_unknown"


def _missing(value: float | str | None) -> bool:
    return value is None or (not isinstance(value, str) and bool(np.isnan(value)))


def phrase(reason: Reason, *, recent_days: float = 90.0) -> Phrase:
    """The phrase for ``reason``'s feature and value (see the module table).

    ``recent_days``: the window of ``orders_recent`` (customer_features' recent_days).
    """
    feature, value = reason.feature, reason.value
    if _missing(value) or (isinstance(value, str) and value == "(missing)"):
        if feature in MISSING_PHRASES:
            return Phrase(MISSING_PHRASES[feature])
        return Phrase(UNKNOWN_KEY, (feature,))
    if feature in TEXT_PHRASES:
        return Phrase(TEXT_PHRASES[feature], (str(value),))
    if feature == "has_source_campaign":
        return Phrase("from_campaign" if float(value) >= 0.5 else "not_from_campaign")
    if feature in FEATURE_PHRASES and not isinstance(value, str):
        key, numbers = FEATURE_PHRASES[feature]
        args = numbers(float(value))
        if feature == "orders_recent":
            args = (*args, int(round(recent_days)))
        return Phrase(key, args)
    return Phrase(GENERIC_KEY, (feature, value))


def phrase_keys(reasons: list[Reason], *, recent_days: float = 90.0) -> list[str]:
    """The phrase keys of ``reasons`` in order (for counting the commonest reasons)."""
    return [phrase(r, recent_days=recent_days).key for r in reasons]


PHRASE_COLUMNS: tuple[str, ...] = ("row", "rank", "key", "args")


def _feature_args(feature: str, values: np.ndarray, recent_days: float) -> tuple[list[str],
                                                                                list[Args]]:
    """Keys and numbers of the reasons of one feature (the rows of ``values``)."""
    keys: list[str] = []
    args: list[Args] = []
    for value in values.tolist():
        found = phrase(Reason(feature, as_value(value), 0.0, 1), recent_days=recent_days)
        keys.append(found.key)
        args.append(found.args)
    return keys, args


def as_value(value: object) -> float | str:
    """A reason's value as phrase() reads it: text stays text, anything else a float (NaN for
    None), or its text when it is not a number."""
    if isinstance(value, str):
        return value
    if value is None:
        return float("nan")
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


def phrase_table(reasons: pd.DataFrame, *, recent_days: float = 90.0) -> pd.DataFrame:
    """The phrases of a reasons table (``Explanation.table``: row, rank, feature, value, ...) as
    rows ``row, rank, key, args`` in the same order, equal to :func:`phrase` row by row.

    Vectorised per feature: the numeric features of :data:`FEATURE_PHRASES` (nearly every
    reason) are computed column-wise; the rest (text values, unknown values) one by one. At
    300,000 reasons this takes a fraction of a second against seconds for ``phrase`` per row."""
    n = len(reasons)
    keys = np.empty(n, dtype=object)
    args = np.empty(n, dtype=object)
    features = reasons["feature"].to_numpy()
    all_numbers = reasons["value"].dtype.kind == "f"  # top_reasons of a numeric frame
    values = reasons["value"].to_numpy(dtype=float if all_numbers else object)
    for feature in pd.unique(features):
        at = np.flatnonzero(features == feature)
        chosen = values[at]
        if all_numbers:
            numeric = chosen
            fast = ~np.isnan(numeric)
        else:
            numeric = pd.to_numeric(pd.Series(chosen), errors="coerce").to_numpy(dtype=float)
            plain = np.array([not isinstance(v, str) for v in chosen.tolist()], dtype=bool)
            fast = plain & ~np.isnan(numeric)
        if feature in FEATURE_PHRASES and fast.any():
            key, _numbers = FEATURE_PHRASES[feature]
            positions = at[fast]
            vals = numeric[fast]
            keys[positions] = key
            args[positions] = _vector_args(str(feature), vals, recent_days)
            slow = at[~fast]
        else:
            slow = at
        if len(slow):
            slow_keys, slow_args = _feature_args(str(feature), values[slow], recent_days)
            keys[slow] = slow_keys
            holder = np.empty(len(slow), dtype=object)
            holder[:] = slow_args
            args[slow] = holder
    return pd.DataFrame({"row": reasons["row"].to_numpy(), "rank": reasons["rank"].to_numpy(),
                         "key": keys, "args": args}, columns=list(PHRASE_COLUMNS))


def _vector_args(feature: str, values: np.ndarray, recent_days: float) -> np.ndarray:
    """The numbers of FEATURE_PHRASES[feature] for many values, as an object array of tuples
    (the same numbers the per-value functions give)."""
    out = np.empty(len(values), dtype=object)
    _key, numbers = FEATURE_PHRASES[feature]
    if numbers in (_count, _days):
        rounded = np.rint(values).astype(np.int64).tolist()
        if feature == "orders_recent":
            window = int(round(recent_days))
            out[:] = [(r, window) for r in rounded]
        else:
            out[:] = [(r,) for r in rounded]
    elif numbers is _money:
        out[:] = [(round(v, 2),) for v in values.tolist()]
    elif numbers is _money_from_log:
        out[:] = [(round(v, 2),) for v in np.expm1(values).tolist()]
    elif numbers is _percent:
        out[:] = [(r,) for r in np.rint(100 * values).astype(np.int64).tolist()]
    else:  # ratings (a closure per scale) and anything added later: one by one
        out[:] = [numbers(float(v)) for v in values.tolist()]
    return out
