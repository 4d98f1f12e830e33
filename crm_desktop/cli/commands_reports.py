"""`report NAME --db PATH [--by FIELD] [--from DATE] [--to DATE] [--json] [--out FILE]`.

``report sales``: revenue, orders, deals won and lost, win rate, won amount, average deal
size and sales cycle (mean and median days) by owner, product, category, country, city or
month (default), one row per group and currency (crm_desktop/services/reports.py). ``--out``
writes CSV, or Excel for a .xlsx name, formula-injection safe.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.cli.common import (
    add_db_argument,
    display_width,
    iso_date,
    open_existing,
    pad,
    print_json,
)

if TYPE_CHECKING:
    from crm_desktop.services.reports import SalesReport

# Known without importing the services (the parser is built at every start).
REPORT_NAMES = ("sales",)
GROUPINGS = ("owner", "product", "category", "country", "city", "month")


def register(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "report", help="sales report by owner, product, category, country, city or month",
        description="One row per group and currency: revenue (paid orders), orders, deals won "
                    "and lost (closed in the dates), win rate, won amount, average deal size, "
                    "sales cycle in days (mean, median).")
    report.add_argument("name", choices=REPORT_NAMES, metavar="NAME",
                        help=f"the report: {', '.join(REPORT_NAMES)}")
    add_db_argument(report)
    report.add_argument("--by", choices=GROUPINGS, default=None,
                        help="group by this (default month)")
    report.add_argument("--from", dest="start", type=iso_date, metavar="DATE",
                        help="first day (YYYY-MM-DD)")
    report.add_argument("--to", dest="end", type=iso_date, metavar="DATE",
                        help="last day, included (YYYY-MM-DD)")
    report.add_argument("--json", action="store_true", help="print a JSON object")
    report.add_argument("--out", type=Path, metavar="FILE",
                        help="also write the table: FILE.csv or FILE.xlsx")
    report.add_argument("--allow-plaintext", action="store_true",
                        help="confirm writing --out unencrypted from an encrypted database")
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from crm_desktop.services import reports
    from crm_desktop.storage.export.files import refuse_plaintext

    with open_existing(args) as database:
        if args.out is not None:
            refuse_plaintext(database, args.out, args.allow_plaintext)
        report = reports.run_report(database, args.name, args.by, args.start, args.end)
    if args.out is not None:
        count = reports.export_report(report, args.out)
        print(f"{count} rows written to {args.out}", file=sys.stderr)
    if args.json:
        print_json(report.to_dict())
        return 0
    print(report_text(report))
    return 0


def _money(value: Any) -> str:
    return "-" if value is None else f"{value:,.2f}"


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _days(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def report_text(report: SalesReport) -> str:
    """The report as a plain table."""
    span = (f"{report.start or '...'} to {report.end or '...'}"
            if report.start or report.end else "all dates")
    lines = [f"{report.name} by {report.by}, {span}"]
    if not report.rows:
        return lines[0] + "\nno orders or closed deals"
    width = min(30, max(len(report.by), *(display_width(r.key) for r in report.rows)))
    lines.append(f"{pad(report.by, width)} {'cur':<3} {'revenue':>14} {'orders':>7} {'won':>5} "
                 f"{'lost':>5} {'win':>5} {'avg deal':>12} {'cycle':>6} {'median':>6}")
    for r in report.rows:
        lost = "-" if r.deals_lost is None else str(r.deals_lost)
        lines.append(
            f"{pad(r.key, width)} {r.currency:<3} {_money(r.revenue):>14} {r.orders:>7} "
            f"{r.deals_won:>5} {lost:>5} {_rate(r.win_rate):>5} "
            f"{_money(r.avg_deal_size):>12} {_days(r.cycle_days_mean):>6} "
            f"{_days(r.cycle_days_median):>6}")
    return "\n".join(lines)
