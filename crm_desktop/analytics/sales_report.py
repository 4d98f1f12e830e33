"""Sales reports: revenue, deals won and lost, average deal size, win rate and sales cycle,
grouped by owner, product, product category, country, city or month, within a date range.

Revenue comes from paid orders placed in the range (by product and category from their lines:
quantity x unit price less discount, before tax, so those totals can differ from the orders'
totals). Deals are opportunities closed (won or lost) in the range. Every row also carries
the currency: amounts in different currencies are never added together.

Who an order belongs to (``by="owner"``): the owner of the deal it came from, else the
customer's owner. Regions are the customer's country or city. By product or category, a won
deal counts for each product its orders hold; lost deals hold no products, so deals_lost,
win_rate, won_amount and avg_deal_size are NaN there.

Rows are grouped on integer codes with numpy (a string column of a million rows is factorised
once, never compared per group), so a report over a million orders takes a fraction of a
second (bench/sales_report.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.features import DAY, TimeLike, as_timestamp

DIMENSIONS: tuple[str, ...] = ("owner", "product", "category", "country", "city", "month")
MEASURE_COLUMNS: tuple[str, ...] = (
    "revenue", "orders", "deals_won", "deals_lost", "win_rate", "won_amount",
    "avg_deal_size", "cycle_days_mean", "cycle_days_median",
)
NONE_LABEL = "(none)"
Codes = tuple[np.ndarray, np.ndarray]  # (int64 codes, -1 = unknown; labels)


def date_range(start: TimeLike | None, end: TimeLike | None) -> tuple[pd.Timestamp | None,
                                                                      pd.Timestamp | None]:
    """(inclusive start, exclusive end). An ``end`` at midnight (a date) includes that day."""
    lo = as_timestamp(start) if start is not None else None
    hi = as_timestamp(end) if end is not None else None
    if hi is not None and hi == hi.normalize():
        hi = hi + DAY
    return lo, hi


def within_range(times: pd.Series, lo: pd.Timestamp | None, hi: pd.Timestamp | None
                 ) -> np.ndarray:
    """True where lo <= time < hi (either bound may be None); False for missing times."""
    when = pd.to_datetime(times).to_numpy(dtype="datetime64[ns]")
    mask = ~np.isnat(when)
    if lo is not None:
        mask &= when >= lo.to_datetime64()
    if hi is not None:
        mask &= when < hi.to_datetime64()
    return np.asarray(mask, dtype=bool)


def factorize(values: pd.Series) -> Codes:
    """Integer codes (-1 for missing or blank) and the labels they stand for."""
    raw = values.to_numpy(dtype=object) if not pd.api.types.is_numeric_dtype(values) else values
    codes, labels = pd.factorize(raw)  # plain object arrays factorise twice as fast as str
    labels = np.asarray(labels, dtype=object)
    blank = np.array([isinstance(v, str) and not v.strip() for v in labels], dtype=bool)
    if blank.any():
        codes = np.where(blank[np.maximum(codes, 0)] & (codes >= 0), -1, codes)
    return codes.astype(np.int64), labels


def take(values: np.ndarray, positions: np.ndarray, missing: object) -> np.ndarray:
    """values[positions], with ``missing`` where a position is -1 (object dtype when
    ``missing`` is None)."""
    extended = np.empty(len(values) + 1, dtype=object if missing is None else values.dtype)
    extended[:-1] = values
    extended[-1] = missing
    return np.asarray(extended[positions])


def positions(keys: pd.Series, ids: pd.Series) -> np.ndarray:
    """Position of each key among ``ids`` (-1 when absent; the last of duplicate ids)."""
    index = pd.Index(ids.to_numpy())
    if not index.has_duplicates:
        return np.asarray(index.get_indexer(keys.to_numpy()), dtype=np.int64)
    keep = ~index.duplicated(keep="last")
    found = index[keep].get_indexer(keys.to_numpy())
    return np.where(found >= 0, np.flatnonzero(keep)[np.maximum(found, 0)], -1)


def owner_codes(orders: pd.DataFrame, opportunities: pd.DataFrame | None,
                customers: pd.DataFrame | None) -> Codes:
    """Owner of each order as codes: its deal's owner, else its customer's (-1: unknown)."""
    empty = pd.Series(dtype=object)
    opp_owner = opportunities["owner"] if opportunities is not None else empty
    cust_owner = customers["owner"] if customers is not None and "owner" in customers else empty
    codes, labels = factorize(pd.concat([opp_owner.astype(object), cust_owner.astype(object)],
                                        ignore_index=True))
    opp_codes, cust_codes = codes[:len(opp_owner)], codes[len(opp_owner):]
    from_opp = np.full(len(orders), -1, dtype=np.int64)
    if opportunities is not None and "opportunity_id" in orders:
        from_opp = take(opp_codes, positions(orders["opportunity_id"], opportunities["id"]), -1)
    from_customer = np.full(len(orders), -1, dtype=np.int64)
    if len(cust_owner) and customers is not None:
        from_customer = take(cust_codes, positions(orders["customer_id"], customers["id"]), -1)
    return np.where(from_opp >= 0, from_opp, from_customer), labels


def order_owner(orders: pd.DataFrame, opportunities: pd.DataFrame | None,
                customers: pd.DataFrame | None) -> pd.Series:
    """Owner of each order: its deal's owner, else its customer's (None when unknown)."""
    codes, labels = owner_codes(orders, opportunities, customers)
    return pd.Series(take(labels, codes, None), index=orders.index, dtype=object)


def currency_codes(frame: pd.DataFrame) -> Codes:
    """The frame's currency as codes; a missing currency is the label ''."""
    if "currency" not in frame:
        return np.zeros(len(frame), dtype=np.int64), np.array([""], dtype=object)
    codes, labels = pd.factorize(frame["currency"].to_numpy(dtype=object))
    if (codes < 0).any():
        codes = np.where(codes < 0, len(labels), codes)
        labels = np.append(np.asarray(labels, dtype=object), "")
    return codes.astype(np.int64), np.asarray(labels, dtype=object)


def _customer_codes(rows: pd.DataFrame, customers: pd.DataFrame | None, column: str) -> Codes:
    if customers is None or column not in customers:
        return np.full(len(rows), -1, dtype=np.int64), np.array([], dtype=object)
    codes, labels = factorize(customers[column])
    return take(codes, positions(rows["customer_id"], customers["id"]), -1), labels


def _month_codes(times: pd.Series) -> Codes:
    months = pd.to_datetime(times).to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    ordinal = months.astype(np.int64)
    valid = ~np.isnat(months)
    low = int(ordinal[valid].min()) if valid.any() else 0
    high = int(ordinal[valid].max()) if valid.any() else -1
    labels = np.array(list(pd.PeriodIndex.from_ordinals(np.arange(low, high + 1), freq="M")),
                      dtype=object)
    return np.where(valid, ordinal - low, -1).astype(np.int64), labels


def _grouped(key: Codes, currency: Codes, columns: dict[str, np.ndarray],
             distinct: np.ndarray | None = None) -> pd.DataFrame:
    """Sums of ``columns`` and row counts per (key, currency); 'count' or, with ``distinct``
    (e.g. order positions), the number of distinct values per group."""
    (codes, labels), (cur, cur_labels) = key, currency
    n_cur = max(len(cur_labels), 1)
    slot = (codes + 1) * n_cur + cur
    size = (len(labels) + 1) * n_cur
    if distinct is None:
        counts = np.bincount(slot, minlength=size)
    else:
        span = int(distinct.max(initial=0)) + 1
        # a plain sort: numpy 2's hashing np.unique took 5 s and pd.unique 1 s on 2.5 million
        # pairs, np.sort 0.1 s
        pairs = np.sort(slot.astype(np.int64) * span + distinct)
        pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
        counts = np.bincount(pairs // span, minlength=size)
    present = np.flatnonzero(np.bincount(slot, minlength=size))
    key_code = present // n_cur - 1
    out = pd.DataFrame({
        "key": take(labels, key_code, None), "currency": take(cur_labels, present % n_cur, ""),
        "count": counts[present],
    })
    for name, values in columns.items():
        out[name] = np.bincount(slot, weights=values, minlength=size)[present]
    return out


def _product_codes(lines: pd.DataFrame, by: str) -> Codes:
    """Product (or its category) of each line as codes; labels from each product's first
    line."""
    codes, _ = factorize(lines["product_id"])
    first = np.full(int(codes.max(initial=-1)) + 1, -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # first line of each product
    column = "product_name" if by == "product" else "product_category"
    names = lines[column].to_numpy(dtype=object)[first]
    if by == "product":
        return codes, names
    category, labels = factorize(pd.Series(names, dtype=object))
    return take(category, codes, -1), labels


@dataclass(frozen=True)
class _Lines:
    """Order lines reduced to what product reports need: each line's product (or category)
    code and the position of its order in the orders frame."""

    key: Codes
    order_at: np.ndarray
    amount: np.ndarray


def _revenue(orders: pd.DataFrame, lines: _Lines | None, key: Codes | None,
             in_range: np.ndarray) -> pd.DataFrame:
    paid = in_range & (orders["status"].to_numpy(dtype=object) == "paid") if (
        "status" in orders) else in_range
    currency = currency_codes(orders)
    if lines is not None:
        keep = take(paid, lines.order_at, False).astype(bool)
        at = lines.order_at[keep]
        return _grouped((lines.key[0][keep], lines.key[1]), (currency[0][at], currency[1]),
                        {"revenue": lines.amount[keep]}, distinct=at
                        ).rename(columns={"count": "orders"})
    assert key is not None
    amount = np.nan_to_num(pd.to_numeric(orders["amount"], errors="coerce").to_numpy(float))
    return _grouped((key[0][paid], key[1]), (currency[0][paid], currency[1]),
                    {"revenue": amount[paid]}).rename(columns={"count": "orders"})


def _deals_by_product(opportunities: pd.DataFrame, orders: pd.DataFrame, lines: _Lines,
                      won: np.ndarray, cycle: np.ndarray, currency: Codes) -> pd.DataFrame:
    """Won deals per product (each deal once per product its orders hold) and their cycle."""
    order_deal = positions(orders["opportunity_id"], opportunities["id"]) if (
        "opportunity_id" in orders) else np.full(len(orders), -1, dtype=np.int64)
    deal = take(order_deal, lines.order_at, -1)
    keep = deal >= 0
    keep[keep] = won[deal[keep]]
    span = len(opportunities) + 1
    pairs = np.sort((lines.key[0][keep] + 1) * span + deal[keep])
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
    key, deal = pairs // span - 1, pairs % span
    frame = pd.DataFrame({"key": key, "currency": currency[0][deal], "cycle": cycle[deal]})
    grouped = frame.groupby(["key", "currency"], sort=False)["cycle"]
    out = pd.DataFrame({"deals_won": grouped.size(), "cycle_days_mean": grouped.mean(),
                        "cycle_days_median": grouped.median()}).reset_index()
    out["key"] = take(lines.key[1], out["key"].to_numpy(np.int64), None)
    out["currency"] = currency[1][out["currency"].to_numpy(np.int64)]
    return out


def _deals(opportunities: pd.DataFrame, orders: pd.DataFrame, lines: _Lines | None,
           key: Codes | None, lo: pd.Timestamp | None, hi: pd.Timestamp | None
           ) -> pd.DataFrame:
    status = opportunities["status"].to_numpy(dtype=object)
    closed = np.isin(status, ["won", "lost"]) & within_range(opportunities["closed_at"], lo, hi)
    won = closed & (status == "won")
    cycle = ((pd.to_datetime(opportunities["closed_at"])
              - pd.to_datetime(opportunities["created_at"])) / DAY).to_numpy(float)
    currency = currency_codes(opportunities)
    if lines is not None:
        return _deals_by_product(opportunities, orders, lines, won, cycle, currency)
    assert key is not None
    amount = np.nan_to_num(pd.to_numeric(opportunities["amount"], errors="coerce")
                           .to_numpy(float))
    out = _grouped((key[0][closed], key[1]), (currency[0][closed], currency[1]), {
        "deals_won": won[closed].astype(float), "won_amount": np.where(won, amount, 0)[closed],
        "_cycle_sum": np.where(won, cycle, 0)[closed]})
    out["deals_lost"] = out["count"] - out["deals_won"]
    out["win_rate"] = out["deals_won"] / out["count"]
    won_n = out["deals_won"].where(out["deals_won"] > 0)
    out["avg_deal_size"] = out["won_amount"] / won_n
    out["cycle_days_mean"] = out["_cycle_sum"] / won_n
    median = pd.Series(cycle[won]).groupby(
        [take(key[1], key[0][won], None), currency[1][currency[0][won]]], dropna=False).median()
    out["cycle_days_median"] = median.reindex(
        pd.MultiIndex.from_arrays([out["key"], out["currency"]])).to_numpy()
    return out.drop(columns=["count", "_cycle_sum"])


def sales_report(
    orders: pd.DataFrame,
    opportunities: pd.DataFrame | None = None,
    order_lines: pd.DataFrame | None = None,
    customers: pd.DataFrame | None = None,
    *,
    by: str = "month",
    start: TimeLike | None = None,
    end: TimeLike | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> pd.DataFrame:
    """One row per group and currency: columns ``by`` (the group; "(none)" when unknown;
    a monthly pandas Period for "month"), currency, then :data:`MEASURE_COLUMNS`:

    revenue (paid orders), orders (how many), deals_won / deals_lost (closed in the range),
    win_rate = won / (won + lost), won_amount, avg_deal_size = won_amount / deals_won,
    cycle_days_mean / cycle_days_median (created -> closed, won deals). Counts and money
    with nothing to count are 0, rates and averages NaN (deal columns are NaN without
    ``opportunities``). Frames are those of docs/frames.md; ``start`` / ``end`` bound order
    and close times (a date ``end`` includes that day). Sorted by the group, then currency.
    """
    if by not in DIMENSIONS:
        raise ValueError(f"unknown report grouping {by!r}; use one of {', '.join(DIMENSIONS)}")
    lo, hi = date_range(start, end)
    report(progress, cancelled, 0.0, "Reading orders")

    def key_of(rows: pd.DataFrame, time: str, owner: Codes | None) -> Codes | None:
        if by == "month":
            return _month_codes(rows[time])
        if by == "owner":
            return owner
        if by in ("country", "city"):
            return _customer_codes(rows, customers, by)
        return None

    lines: _Lines | None = None
    if by in ("product", "category"):
        if order_lines is None:
            raise ValueError(f"a report by {by} needs the order lines")
        lines = _Lines(_product_codes(order_lines, by),
                       positions(order_lines["order_id"], orders["id"]),
                       np.nan_to_num(pd.to_numeric(order_lines["amount"], errors="coerce")
                                     .to_numpy(float)))
    order_key = key_of(orders, "ordered_at", owner_codes(orders, opportunities, customers)
                       if by == "owner" else None)
    parts = [_revenue(orders, lines, order_key, within_range(orders["ordered_at"], lo, hi))]
    report(progress, cancelled, 0.6, "Counting deals")
    if opportunities is not None:
        deal_key = key_of(opportunities, "closed_at", factorize(opportunities["owner"])
                          if by == "owner" else None)
        parts.append(_deals(opportunities, orders, lines, deal_key, lo, hi))
    out = parts[0]
    if len(parts) > 1:
        out = out.merge(parts[1], on=["key", "currency"], how="outer")
    for column in MEASURE_COLUMNS:
        if column not in out:
            out[column] = np.nan
    zero = ["revenue", "orders"]
    if opportunities is not None:
        zero += ["deals_won"] if by in ("product", "category") else [
            "deals_won", "deals_lost", "won_amount"]
    out[zero] = out[zero].fillna(0)
    for column in ("orders", "deals_won", "deals_lost"):
        if out[column].notna().all():
            out[column] = out[column].astype(np.int64)
    if by != "month":
        out["key"] = out["key"].where(out["key"].notna(), NONE_LABEL).astype(str)
    out = out.rename(columns={"key": by}).sort_values([by, "currency"], kind="stable")
    report(progress, cancelled, 1.0, "Report done")
    return out.reset_index(drop=True)[[by, "currency", *MEASURE_COLUMNS]]
