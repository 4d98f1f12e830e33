"""Benchmark of the sales report aggregates in pandas (prints figures, asserts nothing).

    python bench/sales_report.py --orders 1000000 --customers 100000

Generates frames shaped like docs/frames.md: customers (owner, country, city), orders (95%
paid, two currencies, 30% from a deal), about 2.5 lines per order, and one opportunity per
three orders (won, lost or open). Times `sales_report` for each grouping over the whole range
and over one year, and `target_progress` for 13 targets, beside a baseline measured in the
same run: one pandas groupby summing paid order amounts per customer. Budget (issue 14): each
report under 1 s at 1,000,000 orders from the open database (this measures the pandas part
only; loading the frames is storage's).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.analytics import sales_report, sales_targets  # noqa: E402

START = np.datetime64("2021-01-01", "s")
SPAN_S = 4 * 365 * 86400
OWNERS = np.array(["Alice Chen", "Brian Miller", "Carol Wang", "David Kim", "Eva Li"])
CITIES = np.array(["Beijing", "Shanghai", "London", "Toronto", "Paris", "Boston", "Sydney"])
COUNTRY = {"Beijing": "CN", "Shanghai": "CN", "London": "GB", "Toronto": "CA", "Paris": "FR",
           "Boston": "US", "Sydney": "AU"}


def _times(rng: np.random.Generator, n: int) -> np.ndarray:
    return (START + rng.integers(0, SPAN_S, n).astype("timedelta64[s]")).astype("datetime64[ns]")


def generate(n_orders: int, n_customers: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    city = rng.choice(CITIES, n_customers)
    customers = pd.DataFrame({
        "id": np.arange(1, n_customers + 1), "owner": rng.choice(OWNERS, n_customers),
        "city": city, "country": pd.Series(city).map(COUNTRY).to_numpy(),
    })
    n_opps = n_orders // 3
    created = _times(rng, n_opps)
    cycle = rng.gamma(2.0, 20.0, n_opps).astype("timedelta64[D]").astype("timedelta64[ns]")
    status = rng.choice(["won", "lost", "open"], n_opps, p=[0.45, 0.35, 0.2])
    opportunities = pd.DataFrame({
        "id": np.arange(1, n_opps + 1), "customer_id": rng.integers(1, n_customers + 1, n_opps),
        "owner": rng.choice(OWNERS, n_opps), "amount": rng.gamma(2.0, 2000.0, n_opps).round(2),
        "currency": np.where(rng.random(n_opps) < 0.9, "CNY", "USD"), "status": status,
        "created_at": created,
        "closed_at": np.where(status == "open", np.datetime64("NaT"), created + cycle),
        "expected_close": created + cycle, "probability": 0.4, "stage_probability": 0.4,
    })
    from_deal = rng.random(n_orders) < 0.3
    orders = pd.DataFrame({
        "id": np.arange(1, n_orders + 1), "customer_id": rng.integers(1, n_customers + 1,
                                                                      n_orders),
        "ordered_at": _times(rng, n_orders), "amount": rng.gamma(2.0, 150.0, n_orders).round(2),
        "currency": np.where(rng.random(n_orders) < 0.9, "CNY", "USD"),
        "status": rng.choice(["paid", "refunded", "cancelled", "open"], n_orders,
                             p=[0.95, 0.02, 0.02, 0.01]),
        "opportunity_id": np.where(from_deal, rng.integers(1, n_opps + 1, n_orders), np.nan),
    })
    per_order = 1 + rng.poisson(1.5, n_orders)
    order_index = np.repeat(np.arange(n_orders), per_order)
    product = rng.integers(0, 200, len(order_index))
    order_lines = pd.DataFrame({
        "order_id": orders["id"].to_numpy()[order_index],
        "customer_id": orders["customer_id"].to_numpy()[order_index],
        "ordered_at": orders["ordered_at"].to_numpy()[order_index],
        "product_id": product + 1,
        "product_name": pd.Categorical.from_codes(product, [f"Product {i}" for i in range(200)]
                                                  ).astype(str),
        "product_category": pd.Categorical.from_codes(product % 9, [f"Cat {i}" for i in range(9)]
                                                      ).astype(str),
        "amount": rng.gamma(2.0, 60.0, len(order_index)).round(2),
    })
    return {"customers": customers, "orders": orders, "opportunities": opportunities,
            "order_lines": order_lines}


def timed(run: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = run() if callable(run) else None
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=100_000)
    args = parser.parse_args()
    f = generate(args.orders, args.customers)
    orders = f["orders"]
    print(f"{len(orders):,} orders, {len(f['order_lines']):,} lines, "
          f"{len(f['opportunities']):,} opportunities, {len(f['customers']):,} customers")
    paid = orders[orders["status"] == "paid"]
    base, _ = timed(lambda: paid.groupby("customer_id")["amount"].sum())
    print(f"{'baseline: groupby paid amount/customer':<40} {base:7.3f} s")
    for start, end in ((None, None), ("2023-01-01", "2023-12-31")):
        label = "all time" if start is None else f"{start}..{end}"
        for by in sales_report.DIMENSIONS:
            seconds, result = timed(lambda by=by, start=start, end=end: sales_report.sales_report(
                orders, f["opportunities"], f["order_lines"], f["customers"], by=by,
                start=start, end=end))
            assert isinstance(result, pd.DataFrame)
            print(f"sales_report by {by:<9} {label:<22} {seconds:7.3f} s  "
                  f"{len(result):>4} rows  {seconds / base:5.1f}x baseline")
    targets = pd.DataFrame({
        "owner": [None, *OWNERS] * 2 + [None],
        "period_start": ["2023-01-01"] * 6 + ["2023-04-01"] * 6 + ["2024-12-01"],
        "period_end": ["2023-03-31"] * 6 + ["2023-06-30"] * 6 + ["2024-12-31"],
        "amount": 1_000_000.0, "deals": 500, "currency": "CNY",
    })
    for basis in ("deals", "orders"):
        seconds, _ = timed(lambda basis=basis: sales_targets.target_progress(
            targets, f["opportunities"], orders, f["customers"], as_of="2024-12-15",
            basis=basis))
        print(f"target_progress 13 targets on {basis:<7}      {seconds:7.3f} s  "
              f"{seconds / base:5.1f}x baseline")


if __name__ == "__main__":
    main()
