"""What the analyses' one-currency rule (services.analyses.currencies.one_currency) costs on
top of an analysis: the rule's time on the orders and deals of a database, against the time of
RFM (rfm_frame: the cheapest analysis over the same orders) measured in the same run. Opens
the database read-only (prints figures, asserts nothing).

    python bench/one_currency.py --db /tmp/k100_head.db [--rounds 3] [--eur-share 0.05]

Two cases: the database as it is (one currency: nothing is left out), and the same frames with
a share of the orders and deals planted in EUR in memory (the rule filters them out).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.analytics.rfm import rfm_frame  # noqa: E402
from crm_desktop.services.analyses.currencies import one_currency  # noqa: E402
from crm_desktop.storage import frames as storage_frames  # noqa: E402


def _read(path: Path, sql: str) -> pd.DataFrame:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return pd.read_sql_query(sql, connection)


def _best(fn: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--eur-share", type=float, default=0.05)
    args = parser.parse_args()
    orders = _read(args.db, storage_frames._ORDERS)
    deals = _read(args.db, storage_frames._OPPORTUNITIES)
    orders["ordered_at"] = pd.to_datetime(orders["ordered_at"])
    print(f"{len(orders):,} orders, {len(deals):,} deals; machine shared with other engineers")
    rng = np.random.default_rng(0)
    mixed = {"orders": orders.assign(currency=np.where(
                 rng.random(len(orders)) < args.eur_share, "EUR", orders["currency"])),
             "opportunities": deals.assign(currency=np.where(
                 rng.random(len(deals)) < args.eur_share, "EUR", deals["currency"]))}
    plain = {"orders": orders, "opportunities": deals}
    rfm = _best(lambda: rfm_frame(orders), args.rounds)
    same = _best(lambda: one_currency(plain, None), args.rounds)
    other = _best(lambda: one_currency(mixed, None), args.rounds)
    left = one_currency(mixed, None)[1]
    print(f"rfm_frame (baseline)          {rfm * 1000:8.1f} ms")
    print(f"one_currency, one currency    {same * 1000:8.1f} ms  ({same / rfm:.1%} of RFM)")
    print(f"one_currency, {args.eur_share:.0%} in EUR     {other * 1000:8.1f} ms  "
          f"({other / rfm:.1%} of RFM; left out {left.orders:,} orders, "
          f"{left.customers:,} customers, {left.deals:,} deals)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
