"""Benchmark of reasons per customer (prints figures, asserts nothing).

    python bench/reasons.py --customers 100000 --orders 1000000

Generates the synthetic business of bench/analytics.py, fits both churn models (logistic and
random forest, as churn.fit_churn makes them) on features at t0 with labels in (t0, cutoff],
then explains every customer's current score: contributions and top-3 table (``explain``) and
the Reason objects per customer (``by_row``). Scoring the same rows (predict_proba) is timed
as the baseline in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.analytics import END, generate  # noqa: E402
from crm_desktop.analytics import churn, reasons  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    frames = generate(args.customers, args.orders)
    c, o, t, i, s = (
        frames[k] for k in ("customers", "orders", "tickets", "interactions", "surveys")
    )
    paid = o[o["status"] == "paid"]
    t0 = END - pd.Timedelta(days=180)
    X = churn.churn_features(c, paid, t, i, s, t0)
    y = churn.churn_labels(paid, X.index, t0, END)
    now = churn.churn_features(c, paid, t, i, s, END)
    print(f"{len(now):,} customers to explain, {len(X):,} to train on")
    for name in churn.CHURN_MODELS:
        pipeline = churn.make_model(name, len(X)).fit(X, y)
        started = time.perf_counter()
        pipeline.predict_proba(now)
        scoring = time.perf_counter() - started
        started = time.perf_counter()
        explained = reasons.churn_reasons(pipeline, now)
        explaining = time.perf_counter() - started
        started = time.perf_counter()
        per_customer = explained.by_row()
        objects = time.perf_counter() - started
        firsts = explained.table[explained.table["rank"] == 1]["feature"].value_counts()
        print(
            f"{name:<14} scoring {scoring:6.2f} s  explain {explaining:6.2f} s "
            f"({explaining / max(scoring, 1e-9):5.1f}x scoring)  Reason objects {objects:6.2f} s  "
            f"rows {len(per_customer):,}  reasons {len(explained.table):,}"
        )
        print(f"{'':<14} first reasons: {firsts.head(4).to_dict()}")


if __name__ == "__main__":
    main()
