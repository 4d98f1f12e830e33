"""Benchmark of the analytics engine on synthetic data (prints figures, asserts nothing).

    python bench/analytics.py --customers 100000 --orders 1000000

Frames follow docs/frames.md. Timed steps: KPIs, RFM, segmentation (features + KMeans with k by
silhouette), churn (time split, two models) and CLV (summary, BG/NBD, Gamma-Gamma, CLV).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.analytics import churn, clv, kpi, rfm, segmentation  # noqa: E402

END = pd.Timestamp("2024-12-31")
START = pd.Timestamp("2021-01-01")
END64 = np.datetime64("2024-12-31", "ns")
START64 = np.datetime64("2021-01-01", "ns")


def _times(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Uniform timestamps between low and high (datetime64[ns] arrays)."""
    lo, hi = low.astype("int64"), high.astype("int64")
    return (lo + (rng.random(len(lo)) * (hi - lo)).astype("int64")).astype("datetime64[ns]")


def generate(n_customers: int, n_orders: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Synthetic customers, orders, tickets, interactions, surveys, opportunities."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n_customers + 1, dtype=np.int64)
    span = (END64 - START64).astype("int64")
    created = START64 + (rng.random(n_customers) * span).astype("int64").astype("timedelta64[ns]")
    churns = rng.random(n_customers) < 0.35
    life_end = _times(rng, created, np.full(n_customers, END64))
    life_end = np.where(churns, life_end, END64)
    rate = rng.gamma(0.8, 1.0, n_customers)
    weight = rate * ((life_end - created) / np.timedelta64(1, "D") + 1)
    counts = rng.multinomial(n_orders, weight / weight.sum())
    owner = np.repeat(np.arange(n_customers), counts)
    status = np.where(
        churns,
        "churned",
        rng.choice(["customer", "lead", "prospect"], n_customers, p=[0.8, 0.1, 0.1]),
    )
    customers = pd.DataFrame(
        {
            "id": ids,
            "uuid": [f"c{i:08d}" for i in ids],
            "name": [f"Customer {i}" for i in ids],
            "kind": rng.choice(["person", "company"], n_customers, p=[0.8, 0.2]),
            "company_id": np.nan,
            "company_name": None,
            "status": status,
            "category": rng.choice(["A", "B", "C"], n_customers),
            "tags": "",
            "rating": rng.integers(0, 6, n_customers).astype(float),
            "owner": rng.choice(["ann", "bob", "cai"], n_customers),
            "industry": rng.choice(["retail", "tech", "food"], n_customers),
            "lead_source": rng.choice(["web", "referral", "event"], n_customers),
            "city": rng.choice(["Beijing", "Shanghai", "Paris"], n_customers),
            "country": "CN",
            "birthday": pd.NaT,
            "needs": "",
            "created_at": created,
            "churn_at": np.where(churns, life_end, np.datetime64("NaT")),
        }
    )
    orders = pd.DataFrame(
        {
            "id": np.arange(1, len(owner) + 1, dtype=np.int64),
            "customer_id": ids[owner],
            "ordered_at": _times(rng, created[owner], life_end[owner]),
            "amount": np.round(rng.lognormal(4.0, 0.8, len(owner)), 2),
            "currency": "CNY",
            "status": rng.choice(
                ["paid", "refunded", "cancelled", "open"], len(owner), p=[0.92, 0.03, 0.03, 0.02]
            ),
            "opportunity_id": np.nan,
            "campaign_id": np.nan,
        }
    )
    return {"customers": customers, "orders": orders, **_service(rng, ids, created)}


def _service(
    rng: np.random.Generator, ids: np.ndarray, created: np.ndarray
) -> dict[str, pd.DataFrame]:
    n = len(ids)
    who = rng.integers(0, n, n)
    opened = _times(rng, created[who], np.full(n, END64))
    due = opened + np.timedelta64(2, "D")
    resolved = opened + (rng.exponential(2.0, n) * 86_400e9).astype("timedelta64[ns]")
    tickets = pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "customer_id": ids[who],
            "type": rng.choice(["consultation", "complaint", "refund", "exchange"], n),
            "category": "general",
            "priority": "normal",
            "status": rng.choice(["resolved", "closed", "open"], n, p=[0.5, 0.4, 0.1]),
            "channel": "email",
            "subject": "",
            "body": "",
            "opened_at": opened,
            "first_response_at": opened + np.timedelta64(3, "h"),
            "resolved_at": resolved,
            "sla_due": due,
            "satisfaction": np.where(rng.random(n) < 0.4, rng.integers(1, 6, n), np.nan),
            "feedback": "",
        }
    )
    m = 2 * n
    who = rng.integers(0, n, m)
    interactions = pd.DataFrame(
        {
            "id": np.arange(1, m + 1),
            "customer_id": ids[who],
            "kind": rng.choice(["call", "email", "meeting"], m),
            "subject": "",
            "occurred_at": _times(rng, created[who], np.full(m, END64)),
            "due_at": pd.NaT,
            "done": True,
            "opportunity_id": np.nan,
            "ticket_id": np.nan,
        }
    )
    k = n // 3
    who = rng.integers(0, n, k)
    surveys = pd.DataFrame(
        {
            "id": np.arange(1, k + 1),
            "customer_id": ids[who],
            "score": rng.integers(0, 11, k),
            "responded_at": _times(rng, created[who], np.full(k, END64)),
            "comment": "",
        }
    )
    return {"tickets": tickets, "interactions": interactions, "surveys": surveys}


def _timed(label: str, fn: Callable[[], Any], timings: dict[str, float]) -> Any:
    started = time.perf_counter()
    result = fn()
    timings[label] = time.perf_counter() - started
    print(f"{label:<14} {timings[label]:7.2f} s", flush=True)
    return result


def main(argv: list[str] | None = None) -> None:
    """Generate data, run each step once and print the seconds each took and the total."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    frames = generate(args.customers, args.orders, args.seed)
    print(
        f"generated {len(frames['customers']):,} customers, {len(frames['orders']):,} orders, "
        f"{len(frames['tickets']):,} tickets in {time.perf_counter() - started:.2f} s"
    )
    c, o, t, i, s = (
        frames[k] for k in ("customers", "orders", "tickets", "interactions", "surveys")
    )
    timings: dict[str, float] = {}
    report = _timed("kpis", lambda: kpi.compute_kpis(c, o, None, t, s, as_of=END), timings)
    table = _timed("rfm", lambda: rfm.rfm_table(o, END), timings)

    def segment() -> segmentation.KMeansResult:
        feats = segmentation.behaviour_features(c, o, t, i, s, as_of=END)
        return segmentation.kmeans_segments(feats)

    seg = _timed("segmentation", segment, timings)
    model = _timed("churn", lambda: churn.fit_churn(c, o, t, i, s, cutoff=END), timings)
    paid = o[o["status"] == "paid"]
    value = _timed("clv", lambda: clv.clv_analysis(paid, END), timings)
    print(f"{'total':<14} {sum(timings.values()):7.2f} s")
    print(
        f"\nchurn rate {report.churn_rate:.3f}, loyalty {report.loyalty_index:.3f}, "
        f"RFM segments {table['segment'].nunique()}, k={seg.k}, churn AUC "
        f"{ {k: round(v, 3) for k, v in model.auc.items()} }, BG/NBD r={value.bgnbd.r:.3f} "
        f"alpha={value.bgnbd.alpha:.3f} a={value.bgnbd.a:.3f} b={value.bgnbd.b:.3f}"
    )


if __name__ == "__main__":
    main()
