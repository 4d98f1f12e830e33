"""Unusual buying: customers whose buying changed sharply against their own history and
against similar customers, each with structured reasons the UI puts into words.

Per customer, from paid orders up to ``as_of`` (the last ``recent_orders`` orders are "recent",
the earlier ones "usual"):

* gap: days since the last order against the customer's gaps between orders. The gaps are
  modelled as a gamma distribution with their mean and a shape from their spread (method of
  moments, clipped to 1..20: never more dispersed than a Poisson buyer, so the test errs on
  the quiet side); p = P(gap >= days since last order). Reason
  ``("gap_vs_usual", days_since_last, usual_gap_days)``.
* order size: log amounts of the recent orders against the usual ones, a pooled two-sample
  t-test (one-sided). Reasons ``("order_size_drop", recent_avg, usual_avg)`` and
  ``("order_size_rise", recent_avg, usual_avg)`` (arithmetic means of the order amounts).
* product mix: spend share per product category, recent against usual; shift = total
  variation distance (0..1), tested with a chi-square test on line counts. Reason
  ``("mix_shift", from_category, to_category)``: the category that lost the most share and
  the one that gained the most.

A change is flagged when its p-value is below ``alpha``, its size passes a practical
threshold, and (when the customer's peer group has at least ``min_peers`` customers with the
same measure) its robust z-score within the peer group (median / 1.4826 MAD) reaches
``peer_z``: a whole segment slowing down in August is not one customer's anomaly. The peer
measures are days since last order / usual gap, log(recent / usual geometric mean order),
and the mix shift.

On steady random buyers (gamma gaps of shape 0.6 to 6, log-normal order sizes, a fixed
category mix; tests/analytics/test_anomalies.py) the defaults flag under 1% of customers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.features import DAY, TimeLike, as_timestamp, revenue_orders

Reason = tuple[str | float, ...]
DETAIL_COLUMNS: tuple[str, ...] = (
    "customer_id", "key", "observed", "usual", "p_value", "peer_z", "from_category",
    "to_category",
)
FLAGGED_COLUMNS: tuple[str, ...] = ("customer_id", "name", "severity", "keys", "reasons")
MEASURE_COLUMNS: tuple[str, ...] = (
    "orders", "days_since_last", "usual_gap_days", "gap_p_value", "recent_avg", "usual_avg",
    "size_p_drop", "size_p_rise", "mix_shift", "mix_p_value", "from_category", "to_category",
    "gap_peer_z", "size_peer_z", "mix_peer_z",
)
_SCALE_FLOOR = {"gap": 0.1, "size": 0.1, "mix": 0.05}  # robust z denominators never below


@dataclass(frozen=True, eq=False)
class AnomalyReport:
    """``flagged``: one row per flagged customer (:data:`FLAGGED_COLUMNS`; ``reasons`` a tuple
    of :data:`Reason` tuples, ``keys`` their keys, ``severity`` = -log10 of the smallest
    p-value), most severe first. ``details``: one row per reason (:data:`DETAIL_COLUMNS`).
    ``measures``: every customer with enough history, indexed by customer_id
    (:data:`MEASURE_COLUMNS`)."""

    flagged: pd.DataFrame
    details: pd.DataFrame
    measures: pd.DataFrame
    as_of: pd.Timestamp


def _gap_measures(paid: pd.DataFrame, ts: pd.Timestamp, min_orders: int) -> pd.DataFrame:
    when = paid["ordered_at"]
    gaps = when.groupby(paid["customer_id"]).diff() / DAY
    grouped = gaps.groupby(paid["customer_id"])
    out = pd.DataFrame({
        "orders": paid.groupby("customer_id").size(),
        "days_since_last": (ts - when.groupby(paid["customer_id"]).max()) / DAY,
        "usual_gap_days": grouped.mean(),
        "_var": grouped.var(ddof=1),
    })
    out = out[out["orders"] >= min_orders]
    mean = out["usual_gap_days"].clip(lower=1.0)
    shape = (mean**2 / out["_var"].where(out["_var"] > 0)).fillna(20.0).clip(1.0, 20.0)
    out["gap_p_value"] = stats.gamma.sf(out["days_since_last"], a=shape, scale=mean / shape)
    return out.drop(columns="_var")


def _split_recent(paid: pd.DataFrame, recent_orders: int, min_history: int) -> pd.Series:
    """True for the orders among their customer's last ``recent_orders`` (customers with at
    least ``min_history`` earlier orders only; others are dropped from the result)."""
    from_end = paid.groupby("customer_id").cumcount(ascending=False)
    count = paid.groupby("customer_id")["customer_id"].transform("size")
    enough = count >= recent_orders + min_history
    return (from_end < recent_orders)[enough]


def _size_measures(paid: pd.DataFrame, recent: pd.Series) -> pd.DataFrame:
    if recent.empty:
        return pd.DataFrame(columns=["recent_avg", "usual_avg", "size_p_drop", "size_p_rise",
                                     "_log_ratio"], dtype=float)
    part = paid.loc[recent.index]
    log_amount = np.log(part["amount"].clip(lower=0.01))
    frame = pd.DataFrame({"customer_id": part["customer_id"], "recent": recent,
                          "log": log_amount, "amount": part["amount"]})
    g = frame.groupby(["customer_id", "recent"])
    table = pd.DataFrame({"n": g.size(), "mean": g["log"].mean(), "var": g["log"].var(ddof=1),
                          "avg": g["amount"].mean()}).unstack("recent")
    n_r, n_h = table[("n", True)], table[("n", False)]
    pooled = ((n_r - 1) * table[("var", True)].fillna(0) + (n_h - 1) * table[("var", False)]
              .fillna(0)) / (n_r + n_h - 2)
    pooled = pooled.clip(lower=0.01)  # amounts repeat exactly: no spread is not certainty
    t = (table[("mean", True)] - table[("mean", False)]) / np.sqrt(pooled * (1 / n_r + 1 / n_h))
    dof = n_r + n_h - 2
    return pd.DataFrame({
        "recent_avg": table[("avg", True)], "usual_avg": table[("avg", False)],
        "size_p_drop": stats.t.cdf(t, dof), "size_p_rise": stats.t.sf(t, dof),
        "_log_ratio": table[("mean", True)] - table[("mean", False)],
    })


def _mix_measures(lines: pd.DataFrame, recent: pd.Series, paid: pd.DataFrame) -> pd.DataFrame:
    is_recent = pd.Series(recent.to_numpy(), index=paid.loc[recent.index, "id"].to_numpy())
    part = lines[lines["order_id"].isin(is_recent.index)]
    frame = pd.DataFrame({
        "customer_id": part["customer_id"].to_numpy(),
        "recent": is_recent.reindex(part["order_id"]).to_numpy(),
        "category": part["product_category"].fillna("").astype(str).to_numpy(),
        "spend": part["amount"].clip(lower=0).fillna(0).to_numpy(),
    })
    g = frame.groupby(["customer_id", "recent", "category"])
    spend = g["spend"].sum().unstack("category", fill_value=0.0)
    lines_n = g.size().unstack("category", fill_value=0).astype(float)
    if set(spend.index.get_level_values("recent")) != {True, False}:  # e.g. no lines
        return pd.DataFrame(columns=["mix_shift", "mix_p_value", "from_category",
                                     "to_category"])
    spend = spend.div(spend.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0.0)
    share_r = spend.xs(True, level="recent")
    share_h = spend.xs(False, level="recent").reindex(share_r.index)
    both = share_r.index.intersection(share_h.dropna().index)
    share_r, share_h = share_r.loc[both], share_h.loc[both]
    change = share_r - share_h
    n_r = lines_n.xs(True, level="recent").loc[both]
    n_h = lines_n.xs(False, level="recent").loc[both]
    total = n_r + n_h
    expected_r = total.mul(n_r.sum(axis=1) / total.sum(axis=1), axis=0)
    expected_h = total - expected_r
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = (((n_r - expected_r) ** 2 / expected_r).fillna(0)
                + ((n_h - expected_h) ** 2 / expected_h).fillna(0)).sum(axis=1)
    dof = ((total > 0).sum(axis=1) - 1).clip(lower=1)
    single = (total > 0).sum(axis=1) <= 1
    return pd.DataFrame({
        "mix_shift": 0.5 * change.abs().sum(axis=1),
        "mix_p_value": np.where(single, 1.0, stats.chi2.sf(chi2, dof)),
        "from_category": change.idxmin(axis=1), "to_category": change.idxmax(axis=1),
    })


def robust_z(values: pd.Series, groups: pd.Series, floor: float) -> pd.Series:
    """(x - group median) / max(1.4826 * group MAD, floor); NaN stays NaN."""
    median = values.groupby(groups).transform("median")
    mad = (values - median).abs().groupby(groups).transform("median")
    return (values - median) / (1.4826 * mad).clip(lower=floor)


def _peer_z(measures: pd.DataFrame, peers: pd.Series, min_peers: int) -> None:
    groups = peers.reindex(measures.index).fillna("(none)").astype(str)
    sources = {"gap": measures["days_since_last"] / measures["usual_gap_days"].clip(lower=1),
               "size": measures["_log_ratio"], "mix": measures["mix_shift"]}
    for name, values in sources.items():
        sized = values.notna().groupby(groups).transform("sum")
        z = robust_z(values, groups, _SCALE_FLOOR[name])
        measures[f"{name}_peer_z"] = z.where(sized >= min_peers)


def buying_anomalies(
    orders: pd.DataFrame,
    order_lines: pd.DataFrame | None = None,
    customers: pd.DataFrame | None = None,
    *,
    as_of: TimeLike,
    peers: pd.Series | None = None,
    min_orders: int = 4,
    recent_orders: int = 3,
    min_history: int = 3,
    alpha: float = 0.001,
    min_gap_excess_days: float = 14.0,
    size_ratio: float = 0.5,
    min_mix_shift: float = 0.5,
    peer_z: float = 2.0,
    min_peers: int = 10,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> AnomalyReport:
    """Customers whose buying changed sharply (see the module docstring for the tests).

    ``orders`` / ``order_lines`` / ``customers`` are the frames of docs/frames.md (order lines
    are needed for the product mix, customers for names and the default peer groups).
    ``peers`` maps customer_id -> peer group (e.g. RFM segment; default: the customer's
    ``category``, else everyone together). Gaps need ``min_orders`` orders; size and mix
    need ``recent_orders`` + ``min_history``. Practical thresholds: a gap at least
    ``min_gap_excess_days`` longer than usual; recent orders at most ``size_ratio`` (or at
    least 1 / size_ratio) times the usual geometric mean; a mix shift of ``min_mix_shift``.
    """
    ts = as_timestamp(as_of)
    report(progress, cancelled, 0.05, "Reading orders")
    paid = revenue_orders(orders)
    paid = paid.assign(ordered_at=pd.to_datetime(paid["ordered_at"]))
    paid = paid[paid["ordered_at"] <= ts].sort_values(["customer_id", "ordered_at"],
                                                     kind="stable")
    measures = _gap_measures(paid, ts, min_orders)
    report(progress, cancelled, 0.35, "Comparing order sizes")
    recent = _split_recent(paid, recent_orders, min_history)
    measures = measures.join(_size_measures(paid, recent), how="outer")
    report(progress, cancelled, 0.6, "Comparing product mix")
    mix_columns = ["mix_shift", "mix_p_value", "from_category", "to_category"]
    if order_lines is not None and "id" in paid.columns and len(recent):
        measures = measures.join(_mix_measures(order_lines, recent, paid), how="left")
    for column in mix_columns:
        if column not in measures:
            measures[column] = np.nan
    if peers is None and customers is not None and "category" in customers:
        peers = customers.set_index("id")["category"]
    _peer_z(measures, peers if peers is not None else pd.Series(dtype=object), min_peers)
    report(progress, cancelled, 0.85, "Collecting reasons")
    details = _details(measures, alpha, min_gap_excess_days, size_ratio, min_mix_shift, peer_z)
    measures.index.name = "customer_id"
    names = customers.set_index("id")["name"] if customers is not None else None
    flagged = _flagged(details, names)
    report(progress, cancelled, 1.0, "Anomalies done")
    return AnomalyReport(flagged, details, measures[list(MEASURE_COLUMNS)], ts)


def _passes_peers(z: pd.Series, threshold: float, sign: float) -> pd.Series:
    return z.isna() | (sign * z >= threshold)


def _details(m: pd.DataFrame, alpha: float, gap_days: float, ratio: float, shift: float,
             peer_z: float) -> pd.DataFrame:
    log_ratio = m["_log_ratio"]
    checks = {
        "gap_vs_usual": ((m["gap_p_value"] < alpha)
                         & (m["days_since_last"] - m["usual_gap_days"] >= gap_days)
                         & _passes_peers(m["gap_peer_z"], peer_z, 1.0),
                         "days_since_last", "usual_gap_days", "gap_p_value", "gap_peer_z"),
        "order_size_drop": ((m["size_p_drop"] < alpha) & (log_ratio <= np.log(ratio))
                            & _passes_peers(m["size_peer_z"], peer_z, -1.0),
                            "recent_avg", "usual_avg", "size_p_drop", "size_peer_z"),
        "order_size_rise": ((m["size_p_rise"] < alpha) & (log_ratio >= -np.log(ratio))
                            & _passes_peers(m["size_peer_z"], peer_z, 1.0),
                            "recent_avg", "usual_avg", "size_p_rise", "size_peer_z"),
        "mix_shift": ((m["mix_p_value"] < alpha) & (m["mix_shift"] >= shift)
                      & _passes_peers(m["mix_peer_z"], peer_z, 1.0),
                      "mix_shift", None, "mix_p_value", "mix_peer_z"),
    }
    parts = []
    for key, (mask, observed, usual, p_value, z) in checks.items():
        rows = m[mask.fillna(False).astype(bool)]
        parts.append(pd.DataFrame({
            "customer_id": rows.index.to_numpy(), "key": key,
            "observed": rows[observed].to_numpy(dtype=float),
            "usual": rows[usual].to_numpy(dtype=float) if usual else np.nan,
            "p_value": rows[p_value].to_numpy(dtype=float),
            "peer_z": rows[z].to_numpy(dtype=float),
            "from_category": rows["from_category"].to_numpy() if key == "mix_shift" else None,
            "to_category": rows["to_category"].to_numpy() if key == "mix_shift" else None,
        }))
    details = pd.concat(parts, ignore_index=True)
    return details.sort_values(["customer_id", "p_value"], kind="stable").reset_index(drop=True)


def reason_tuple(row: pd.Series) -> Reason:
    """The structured reason of one :attr:`AnomalyReport.details` row (days and amounts
    rounded to 1 decimal)."""
    if row["key"] == "mix_shift":
        return ("mix_shift", str(row["from_category"]), str(row["to_category"]))
    return (str(row["key"]), round(float(row["observed"]), 1), round(float(row["usual"]), 1))


def _flagged(details: pd.DataFrame, names: pd.Series | None) -> pd.DataFrame:
    if details.empty:
        return pd.DataFrame(columns=list(FLAGGED_COLUMNS))
    reasons = details.apply(reason_tuple, axis=1)
    grouped = details.assign(_reason=reasons).groupby("customer_id", sort=False)
    out = pd.DataFrame({
        "severity": -np.log10(grouped["p_value"].min().clip(lower=1e-300)),
        "keys": grouped["key"].agg(tuple),
        "reasons": grouped["_reason"].agg(tuple),
    })
    out["name"] = names.reindex(out.index).to_numpy() if names is not None else None
    out = out.reset_index().sort_values(["severity", "customer_id"], ascending=[False, True])
    return out.reset_index(drop=True)[list(FLAGGED_COLUMNS)]
