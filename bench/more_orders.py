"""Make a benchmark database with more orders per customer than the demo generator gives.

    python bench/more_orders.py --from demo100k.db --to bench100k_1m.db --orders 1000000

The demo gives about 3.3 orders per customer; the analytics budget is set at 100,000 customers
and 1,000,000 orders. This copies the demo database and adds repeat orders (copies of real
orders, moved 5 to 400 days earlier, so customers get longer histories) until the count is
reached. Only `orders` grows; the copy is a benchmark input, not realistic bookkeeping.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--from", dest="source", type=Path, required=True)
    parser.add_argument("--to", dest="target", type=Path, required=True)
    parser.add_argument("--orders", type=int, default=1_000_000)
    args = parser.parse_args()
    start = time.perf_counter()
    shutil.copyfile(args.source, args.target)
    connection = sqlite3.connect(args.target)
    (count, top) = connection.execute("SELECT COUNT(*), MAX(id) FROM orders").fetchone()
    round_ = 0
    while count < args.orders:
        round_ += 1
        missing = args.orders - count
        connection.execute(
            """INSERT INTO orders (number, customer_id, ordered_at, status, currency, total, id,
                                   uuid, created_at, updated_at)
               SELECT 'B' || :round || '-' || id, customer_id,
                      datetime(ordered_at, '-' || (5 + ABS(RANDOM()) % 396) || ' days'),
                      'paid', currency, total, id + :round * :top,
                      lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
                            substr(hex(randomblob(2)), 2) || '-8' ||
                            substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
                      created_at, updated_at
                 FROM orders WHERE id <= :top AND deleted_at IS NULL AND status = 'paid'
                LIMIT :missing""",
            {"round": round_, "top": top, "missing": missing})
        connection.commit()
        count = connection.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
    connection.execute("ANALYZE")
    connection.close()
    print(f"{args.target}: {count:,} orders in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
