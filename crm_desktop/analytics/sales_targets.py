"""Sales targets: how far each owner (or the whole business) is towards a money target and an
optional deals target for a period, where the current pace leads, and the open pipeline's
weighted forecast beside it.

Actual money is the amount of deals won in the period (``basis="deals"``, by closed_at) or of
paid orders placed in it (``basis="orders"``; an order belongs to its deal's owner, else to
the customer's owner). Actual deals are always the won deals. The projection is the linear
pace: actual / elapsed share of the period (the period's full actual once it has ended; NaN
before it starts). The forecast is the sum of the weighted amounts of open deals expected to
close from as_of to the period's end (overdue ones count as closing now), as given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.features import TimeLike, as_timestamp
from crm_desktop.analytics.forecast import opportunity_probability
from crm_desktop.analytics.sales_report import (
    Codes,
    currency_codes,
    date_range,
    factorize,
    owner_codes,
)

PROGRESS_COLUMNS: tuple[str, ...] = (
    "owner", "period_start", "period_end", "currency", "target_amount", "target_deals",
    "actual_amount", "actual_deals", "share", "deals_share", "elapsed_share",
    "projected_amount", "projected_share", "pipeline_weighted",
)


@dataclass(frozen=True)
class _Rows:
    """One frame's rows as arrays, so each target is a few numpy comparisons."""

    when: np.ndarray  # datetime64[ns]
    amount: np.ndarray
    owner: Codes
    currency: Codes

    @classmethod
    def of(cls, frame: pd.DataFrame, time: str, amount: pd.Series, owner: Codes) -> _Rows:
        when = pd.to_datetime(frame[time]).to_numpy(dtype="datetime64[ns]")
        return cls(when, np.nan_to_num(pd.to_numeric(amount, errors="coerce").to_numpy(float)),
                   owner, currency_codes(frame))

    def select(self, lo: pd.Timestamp, hi: pd.Timestamp, owner: object,
               currency: object) -> np.ndarray:
        mask = (self.when >= lo.to_datetime64()) & (self.when < hi.to_datetime64())
        if isinstance(owner, str) and owner:
            codes, labels = self.owner
            mask &= codes == _code(labels, owner)
        if isinstance(currency, str) and currency:
            codes, labels = self.currency
            mask &= codes == _code(labels, currency)
        return np.asarray(mask, dtype=bool)


def _code(labels: np.ndarray, value: str) -> int:
    found = np.flatnonzero(labels == value)
    return int(found[0]) if len(found) else -2  # -2 matches no row


def _weighted(pipeline: pd.DataFrame) -> pd.Series:
    if "weighted" in pipeline:
        return pd.to_numeric(pipeline["weighted"], errors="coerce").fillna(0.0)
    amount = pd.to_numeric(pipeline["amount"], errors="coerce").fillna(0.0)
    return amount * opportunity_probability(pipeline)


def target_progress(
    targets: pd.DataFrame,
    opportunities: pd.DataFrame | None = None,
    orders: pd.DataFrame | None = None,
    customers: pd.DataFrame | None = None,
    *,
    as_of: TimeLike,
    basis: str = "deals",
    pipeline: pd.DataFrame | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> pd.DataFrame:
    """One row per target with :data:`PROGRESS_COLUMNS`.

    ``targets``: owner (None / NaN / "" = the whole business), period_start, period_end
    (dates, both included), amount (the money target), optionally deals (a number of won
    deals) and currency (count only that currency). ``pipeline``: open deals with owner,
    expected_close and either weighted or amount + probability (default: the open
    opportunities of ``opportunities``, weighted by their probability).
    share = actual_amount / target_amount, deals_share = actual_deals / target_deals,
    elapsed_share of the period at ``as_of`` (0..1), projected_share = projected / target.
    """
    if basis not in ("deals", "orders"):
        raise ValueError("basis must be 'deals' or 'orders'")
    if basis == "orders" and orders is None:
        raise ValueError("progress on orders needs the orders")
    ts = as_timestamp(as_of)
    empty = pd.DataFrame({"owner": pd.Series(dtype=object), "closed_at": pd.Series(
        dtype="datetime64[ns]"), "amount": pd.Series(dtype=float)})
    won_frame = empty
    if opportunities is not None:
        won_frame = opportunities[opportunities["status"] == "won"]
        if pipeline is None:
            pipeline = opportunities[opportunities["status"] == "open"]
    won = _Rows.of(won_frame, "closed_at", won_frame["amount"], factorize(won_frame["owner"]))
    paid: _Rows | None = None
    if basis == "orders" and orders is not None:
        frame = orders[orders["status"] == "paid"]
        paid = _Rows.of(frame, "ordered_at", frame["amount"],
                        owner_codes(frame, opportunities, customers))
    open_deals: _Rows | None = None
    if pipeline is not None:
        close = pd.to_datetime(pipeline["expected_close"]).fillna(ts).clip(lower=ts)
        open_deals = _Rows.of(pipeline.assign(_close=close), "_close", _weighted(pipeline),
                              factorize(pipeline["owner"]))
    rows = []
    for number, target in enumerate(targets.to_dict("records")):
        report(progress, cancelled, number / max(len(targets), 1), "Measuring targets")
        lo, hi = date_range(target["period_start"], target["period_end"])
        assert lo is not None and hi is not None
        owner, currency = target.get("owner"), target.get("currency")
        won_mask = won.select(lo, hi, owner, currency)
        deals = int(won_mask.sum())
        source, mask = (won, won_mask) if paid is None else (
            paid, paid.select(lo, hi, owner, currency))
        actual = float(source.amount[mask].sum())
        elapsed = float(np.clip((ts - lo) / (hi - lo), 0.0, 1.0))
        projected = actual if ts >= hi else (actual / elapsed if elapsed > 0 else np.nan)
        forecast = np.nan
        if open_deals is not None:
            forecast = float(open_deals.amount[open_deals.select(lo, hi, owner, currency)]
                             .sum()) if ts < hi else 0.0
        amount_target = float(target["amount"])
        deals_target = float(target.get("deals") if target.get("deals") is not None
                             else np.nan)
        rows.append({
            "owner": owner if isinstance(owner, str) and owner else None,
            "period_start": lo, "period_end": hi - pd.Timedelta(days=1),
            "currency": currency if isinstance(currency, str) and currency else None,
            "target_amount": amount_target, "target_deals": deals_target,
            "actual_amount": actual, "actual_deals": deals,
            "share": actual / amount_target if amount_target else np.nan,
            "deals_share": deals / deals_target if deals_target else np.nan,
            "elapsed_share": elapsed, "projected_amount": projected,
            "projected_share": projected / amount_target if amount_target else np.nan,
            "pipeline_weighted": forecast,
        })
    report(progress, cancelled, 1.0, "Targets done")
    out = pd.DataFrame(rows, columns=list(PROGRESS_COLUMNS))
    for column in ("owner", "currency"):  # None stays None (pandas would make text NaN)
        out[column] = pd.Series([row[column] for row in rows], index=out.index, dtype=object)
    return out
