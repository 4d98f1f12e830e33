"""Benchmark of association rules over order lines (prints figures, asserts nothing).

    python bench/basket.py --orders 300000 --products 500 [--min-support 0.001] [--mlxtend]

Generates realistic lines: basket sizes 1 + Poisson(2.3) (about 3.3 lines per order, so
300,000 orders give about 1,000,000 lines), product popularity Zipf-like (weight 1 / rank^1.1),
and 40 planted complements (when product A is in an order, product B joins it 60% of the
time). Times `basket.product_rules` and `basket.next_products` beside a baseline measured in
the same run: a pandas groupby counting distinct orders per product over the same lines
(the least any rule miner must do). Budget (issue 14): 1,000,000 lines under 10 s.
With --mlxtend also times mlxtend's fpgrowth + association_rules on the same baskets.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.analytics import basket  # noqa: E402


def generate(n_orders: int, n_products: int, seed: int = 0) -> pd.DataFrame:
    """order_lines frame (docs/frames.md columns used by basket analysis)."""
    rng = np.random.default_rng(seed)
    weight = 1.0 / np.arange(1, n_products + 1) ** 1.1
    sizes = 1 + rng.poisson(2.3, n_orders)
    order = np.repeat(np.arange(1, n_orders + 1), sizes)
    product = rng.choice(n_products, len(order), p=weight / weight.sum())
    pairs = rng.choice(n_products, (40, 2), replace=True)
    extra_order, extra_product = [], []
    for a, b in pairs:
        holders = np.unique(order[product == a])
        joined = holders[rng.random(len(holders)) < 0.6]
        extra_order.append(joined)
        extra_product.append(np.full(len(joined), b))
    order = np.concatenate([order, *extra_order])
    product = np.concatenate([product, *extra_product])
    customer = (order * 7919) % max(n_orders // 3, 1)
    return pd.DataFrame({
        "order_id": order,
        "customer_id": customer,
        "product_id": product + 1,
        "product_name": pd.Series([f"Product {i}" for i in range(n_products + 1)])[product + 1]
        .to_numpy(),
        "product_category": (product % 12).astype(str),
        "quantity": 1.0,
        "amount": 10.0,
    })


def timed(label: str, run: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = run() if callable(run) else None
    seconds = time.perf_counter() - started
    print(f"{label:<40} {seconds:8.2f} s")
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=300_000)
    parser.add_argument("--products", type=int, default=500)
    parser.add_argument("--min-support", type=float, default=0.001)
    parser.add_argument("--min-confidence", type=float, default=0.1)
    parser.add_argument("--mlxtend", action="store_true")
    args = parser.parse_args()
    lines = generate(args.orders, args.products)
    print(f"{len(lines):,} order lines, {args.orders:,} orders, {args.products} products")
    base, _ = timed("baseline: groupby distinct orders/product",
                    lambda: lines.groupby("product_id")["order_id"].nunique())
    seconds, result = timed(
        "product_rules",
        lambda: basket.product_rules(lines, min_support=args.min_support,
                                     min_confidence=args.min_confidence),
    )
    assert isinstance(result, basket.RuleSet)
    sizes = result.itemsets["size"].value_counts().sort_index().to_dict()
    print(f"  itemsets by size {sizes}, rules {len(result.rules):,}")
    print(f"  ratio to baseline {seconds / base:.1f}x")
    nxt, suggestions = timed("next_products (top 3)", lambda: basket.next_products(lines, result))
    assert isinstance(suggestions, pd.DataFrame)
    print(f"  {len(suggestions):,} suggestions for {suggestions['customer_id'].nunique():,}"
          f" customers; ratio to baseline {nxt / base:.1f}x")
    if args.mlxtend:
        from mlxtend.frequent_patterns import association_rules, fpgrowth
        from mlxtend.preprocessing import TransactionEncoder

        def mine() -> pd.DataFrame:
            baskets = lines.groupby("order_id")["product_id"].agg(list).tolist()
            encoder = TransactionEncoder()
            onehot = encoder.fit(baskets).transform(baskets, sparse=True)
            frame = pd.DataFrame.sparse.from_spmatrix(
                onehot, columns=[str(c) for c in encoder.columns_])
            found = fpgrowth(frame, min_support=args.min_support, max_len=3)
            return association_rules(found, metric="confidence",
                                     min_threshold=args.min_confidence)

        theirs, rules = timed("mlxtend fpgrowth + association_rules", mine)
        assert isinstance(rules, pd.DataFrame)
        print(f"  {len(rules):,} rules (ours with lift >= 1 only); "
              f"ours is {theirs / seconds:.1f}x faster")


if __name__ == "__main__":
    main()
