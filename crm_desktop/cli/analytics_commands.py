"""`crm-desktop analytics NAME --db PATH [--json] [--apply]` for the analyses of
:mod:`crm_desktop.cli.analyses` (kpis, rfm, segments, churn, clv, ...).

Prints the quality figures and the first rows of the result table, or with --json an object
{name, quality, rows: the first 50 records}. --apply stores the per-customer results
(analytics_results) and fills empty customer categories.
"""

from __future__ import annotations

import argparse
import math
from typing import Any

HELP = "run one analysis (quality figures and the top rows of its result)"
ROWS = 50


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--apply", action="store_true",
                        help="store scores/segments and fill empty customer categories")
    parser.add_argument("--horizon-days", type=int, default=180, metavar="N",
                        help="churn horizon in days (default 180)")
    parser.add_argument("--k-min", type=int, default=2, metavar="K", help="segments: smallest k")
    parser.add_argument("--k-max", type=int, default=6, metavar="K", help="segments: largest k")
    parser.add_argument("--clv-months", type=int, default=12, metavar="N",
                        help="CLV horizon in months (default 12)")


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)


def records(table: Any, limit: int = ROWS) -> list[dict[str, Any]]:
    """The first ``limit`` rows as JSON-able dicts."""
    return [{str(k): _plain(v) for k, v in row.items()}
            for row in table.head(limit).to_dict("records")]


def run(args: argparse.Namespace) -> int:
    from crm_desktop.cli import CommandError
    from crm_desktop.cli.analyses import AnalysisError, apply_outcome, run_analysis
    from crm_desktop.cli.common import open_existing, print_json

    params = {"horizon_days": args.horizon_days, "k_min": args.k_min, "k_max": args.k_max,
              "clv_months": args.clv_months}
    with open_existing(args.db) as database:
        try:
            outcome = run_analysis(database, args.analysis, params)
        except AnalysisError as error:
            raise CommandError(f"{args.analysis}: {error}") from None
        written = apply_outcome(database, outcome) if args.apply else {}
    if args.json:
        print_json({"name": outcome.name,
                    "quality": {k: _plain(v) for k, v in outcome.quality.items()},
                    "rows": records(outcome.table), "applied": written})
        return 0
    print(outcome.name)
    width = max((len(k) for k in outcome.quality), default=0)
    for key, value in outcome.quality.items():
        shown = f"{value:,.4f}".rstrip("0").rstrip(".") if isinstance(value, float) else value
        print(f"  {key:<{width}}  {shown}")
    if len(outcome.table):
        import pandas as pd

        with pd.option_context("display.width", 120, "display.max_columns", 10,
                               "display.max_colwidth", 40):
            print(f"\n{len(outcome.table):,} rows; first 10:")
            print(outcome.table.head(10).to_string(index=False))
    for kind, count in written.items():
        print(f"stored {count:,} {kind}")
    return 0
