"""What the model analyses add to their scores so that a person can act on them: a band per
row (high / medium / low risk; likely / possible / unlikely), the strongest reasons of the rows
worth acting on, last year's revenue per customer, and the summary's "strongest signs".

The reasons come from the fitted model (``analytics.reasons``) and are kept as codes and values (``services.insights.reason_book``) and phrased only for the rows
someone reads; only rows at or above the medium band are explained.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.analytics.contributions import Contributions
    from crm_desktop.services.insights.reason_book import ReasonBook
    from crm_desktop.storage.database import Database

# Bands of a probability (analytics.summaries: LIKELY = 0.5 is "more likely than not").
RISK_NAMES = ("high", "medium", "low")
LIKELY_NAMES = ("likely", "possible", "unlikely")
REVENUE_DAYS = 365
EXPLAIN_CHUNK = 50_000  # rows explained at a time


@dataclass
class Explained:
    """``book``: the reasons of the explained rows with at least one (services.insights.
    reason_book); ``positions``: row id -> its position in the book."""

    book: ReasonBook | None = None
    positions: pd.Series | None = None

    def column(self, ids: pd.Series) -> Any:
        """The ``reasons`` column of a table of these ids: book positions, -1 without."""
        import numpy as np

        from crm_desktop.services.insights.reason_book import NONE, positions_of

        if self.positions is None:
            return np.full(len(ids), NONE, dtype=np.int32)
        return positions_of(ids, self.positions)

    def top_keys(self, ids: Any, top: int = 2) -> tuple[str, ...]:
        if self.book is None or self.positions is None:
            return ()
        import pandas as pd

        return self.book.top_keys(pd.Series(list(ids)).map(self.positions).to_numpy(), top)


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
    from crm_desktop.analytics import reasons as why
    from crm_desktop.services.insights.reason_book import BookWriter

    if features is None or not len(rows):
        return Explained()
    wanted = features.index.intersection(rows)
    if not len(wanted):
        return Explained()
    # A chunk of rows at a time: the contributions of every at-risk customer of a million
    # were hundreds of MB. What is kept of each chunk: its rows' reasons as codes and values.
    writer = BookWriter(features.columns)
    for start in range(0, len(wanted), EXPLAIN_CHUNK):
        part = wanted[start:start + EXPLAIN_CHUNK]
        explanation = why.explain(model, features, part, known=known,
                                  values=_shown_values(kind, features.loc[part]))
        writer.add(explanation.table)
        del explanation
    return Explained(writer.book(), writer.positions())


class ExplainedAsScored:
    """The reasons of the rows at or above the medium band (``names[1]``), read a chunk at a
    time while the model scores them (churn.fit_churn's ``each_chunk``): the features and the
    contributions of every customer are then never held together (at a million customers
    96 MB each, through the scoring and the reasons). The same reasons, in the same order, as
    :func:`explain` of the whole features and contributions gives."""

    def __init__(self, kind: str, names: tuple[str, str, str]) -> None:
        self.kind = kind
        self.names = names
        self._writer: Any = None

    def __call__(self, model: Any, rows: pd.DataFrame, probabilities: Any,
                 known: Contributions | None) -> None:
        import pandas as pd

        from crm_desktop.analytics import reasons as why
        from crm_desktop.services.insights.reason_book import BookWriter

        band = bands(pd.Series(probabilities), self.names).to_numpy()
        wanted = rows.index[band != self.names[2]]
        if not len(wanted):
            return
        if self._writer is None:
            self._writer = BookWriter(rows.columns)
        for start in range(0, len(wanted), EXPLAIN_CHUNK):
            part = wanted[start:start + EXPLAIN_CHUNK]
            explanation = why.explain(model, rows, part, known=known,
                                      values=_shown_values(self.kind, rows.loc[part]))
            self._writer.add(explanation.table)
            del explanation

    def result(self) -> Explained:
        if self._writer is None:
            return Explained()
        return Explained(self._writer.book(), self._writer.positions())


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
    return orders_last_year(orders, as_of).groupby("customer_id")["amount"].sum()


def orders_last_year(orders: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """The paid orders' customer_id, ordered_at and amount in the REVENUE_DAYS up to ``as_of``
    (what :func:`revenue_last_year` and summaries.churn_summary read of the orders)."""
    import pandas as pd

    from crm_desktop.analytics.features import DAY, paid_orders

    paid = paid_orders(orders)  # the columns read, not a copy of the whole frame
    when = pd.to_datetime(paid["ordered_at"])
    return paid[((when > as_of - REVENUE_DAYS * DAY) & (when <= as_of)).to_numpy()]


def currency(database: Database | None) -> str:
    """The database's currency (services.money.default_currency), USD without a database."""
    from crm_desktop.services.money import DEFAULT_CURRENCY, default_currency

    return default_currency(database) if database is not None else DEFAULT_CURRENCY
