"""What the model analyses add to their scores so that a person can act on them: a band per
row (high / medium / low risk; likely / possible / unlikely), the strongest reasons of the rows
worth acting on, last year's revenue per customer, and the summary's "strongest signs".

The reasons come from the fitted model (``analytics.reasons``) and are phrased column-wise
(``analytics.phrases.phrase_table``); only rows at or above the medium band are explained (see
``services.insights.reasons``).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.analytics.contributions import Contributions
    from crm_desktop.storage.database import Database

# Bands of a probability (analytics.summaries: LIKELY = 0.5 is "more likely than not").
RISK_NAMES = ("high", "medium", "low")
LIKELY_NAMES = ("likely", "possible", "unlikely")
REVENUE_DAYS = 365
EXPLAIN_CHUNK = 50_000  # rows explained, phrased and encoded at a time


@dataclass
class Explained:
    """``texts``: row id -> its reasons (render.encode); ``phrases``: the phrase keys of the
    rows (row, key) for counting the commonest reasons of a group."""

    texts: dict[Hashable, str] = field(default_factory=dict)
    phrases: pd.DataFrame | None = None

    def top_keys(self, rows: Any, top: int = 2) -> tuple[str, ...]:
        from crm_desktop.services.insights.reasons import top_keys

        return () if self.phrases is None else top_keys(self.phrases, rows, top)


def bands(probabilities: pd.Series, names: tuple[str, str, str]) -> pd.Series:
    """The band of each probability: names[0] from 0.5 (more likely than not), names[1] from
    0.25, else names[2]."""
    from crm_desktop.analytics.summaries import risk_bands

    found = risk_bands(probabilities)
    return found.map({"high": names[0], "medium": names[1], "low": names[2]})


def explain(kind: str, model: Any, features: pd.DataFrame | None, rows: Any,
            known: Contributions | None = None) -> Explained:
    """Reasons for ``rows`` (index labels of ``features``) of a churn, propensity or win
    model; nothing when the report kept no features or no row is asked for. ``known``: the
    contributions that came with the scores (ChurnReport.contributions), if any."""
    import pandas as pd

    from crm_desktop.analytics import reasons as why
    from crm_desktop.services.insights.reasons import encoded, phrased

    if features is None or not len(rows):
        return Explained()
    wanted = features.index.intersection(rows)
    if not len(wanted):
        return Explained()
    # A chunk of rows at a time from contributions to texts: the reasons and phrase tables of
    # every at-risk customer of a million (a Python object per number) were most of a GB.
    # What is kept of each chunk: its texts, and its rows' phrase keys for top_keys.
    texts: dict[Hashable, str] = {}
    keys: list[pd.DataFrame] = []
    for start in range(0, len(wanted), EXPLAIN_CHUNK):
        part = wanted[start:start + EXPLAIN_CHUNK]
        explanation = why.explain(model, features, part, known=known,
                                  values=_shown_values(kind, features.loc[part]))
        phrases = phrased(explanation)
        del explanation
        texts.update(encoded(phrases))
        keys.append(phrases[["row", "key"]])
        del phrases
    return Explained(texts, pd.concat(keys, ignore_index=True) if len(keys) > 1 else keys[0])


def _shown_values(kind: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The values the reasons of ``rows`` report, in their own units: as
    analytics.reasons.churn_reasons / propensity_reasons / win_reasons report them."""
    if kind == "churn":
        from crm_desktop.analytics.features import LOG_COLUMNS, undo_log_transform

        return undo_log_transform(rows, LOG_COLUMNS)
    if kind == "propensity":
        return _propensity_values(rows)
    if kind == "win":
        return rows
    raise ValueError(f"no reasons for {kind!r}")


def _propensity_values(features: pd.DataFrame) -> pd.DataFrame:
    """The values propensity reasons report: in their own units, and unknown (phrased "never
    ordered") for the order columns of customers who never ordered, whose zeros would read
    "orders of $0.00 on average" and "no order for 0 days"."""
    from crm_desktop.analytics.features import undo_log_transform
    from crm_desktop.analytics.propensity import logged_columns

    logged = logged_columns([c for c in features.columns if c != "cat_recency_days"])
    shown = undo_log_transform(features, logged)
    if "frequency" in shown:
        never = shown["frequency"].fillna(0).to_numpy() <= 0
        for column in ("recency_days", "frequency", "monetary", "avg_order_value"):
            if column in shown:
                shown.loc[never, column] = float("nan")
    return shown


def revenue_last_year(orders: pd.DataFrame, as_of: Any) -> pd.Series:
    """Paid revenue per customer in the REVENUE_DAYS up to ``as_of``."""
    import pandas as pd

    from crm_desktop.analytics.features import DAY, paid_orders

    paid = paid_orders(orders)  # the columns read, not a copy of the whole frame
    when = pd.to_datetime(paid["ordered_at"])
    recent = paid[((when > as_of - REVENUE_DAYS * DAY) & (when <= as_of)).to_numpy()]
    return recent.groupby("customer_id")["amount"].sum()


def currency(database: Database | None) -> str:
    """The database's currency (services.money.default_currency), USD without a database."""
    from crm_desktop.services.money import DEFAULT_CURRENCY, default_currency

    return default_currency(database) if database is not None else DEFAULT_CURRENCY
