"""`targets set|list|progress|delete`: sales targets per owner (or the whole business) per month
or quarter, and how far each is (crm_desktop/services/targets.py does the work).

    crm-desktop targets set --db crm.db --owner "Alice Chen" --period 2026-Q4 --amount 50000 \
        --currency EUR --deals 10
    crm-desktop targets set --db crm.db --all --period 2026-12 --amount 120000
    crm-desktop targets progress --db crm.db --as-of 2026-11-15 --json
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from crm_desktop.cli.common import add_db_argument, iso_date, open_existing, pad, print_json

if TYPE_CHECKING:
    from crm_desktop.services.targets import ProgressReport, TargetRow


def _owner_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    who = parser.add_mutually_exclusive_group(required=required)
    who.add_argument("--owner", metavar="NAME", help="the owner (as on deals and customers)")
    who.add_argument("--all", action="store_true",
                     help="the whole business" if required else
                     "the whole business only (default: every owner and the whole business)")


def register(subparsers: Any) -> None:
    targets = subparsers.add_parser(
        "targets", help="sales targets per owner and month or quarter, and progress",
        description="A target is money (and optionally deals won) for an owner or the whole "
                    "business in a month (2026-12) or quarter (2026-Q4).")
    actions = targets.add_subparsers(dest="targets_command", metavar="ACTION", required=True)

    put = actions.add_parser("set", help="set (create or change) a target")
    add_db_argument(put)
    _owner_arguments(put, required=True)
    put.add_argument("--period", required=True, metavar="PERIOD",
                     help="a month (2026-12) or a quarter (2026-Q4)")
    put.add_argument("--amount", required=True, metavar="MONEY", help="the money target")
    put.add_argument("--currency", metavar="CODE",
                     help="ISO code (default: the database's default currency)")
    put.add_argument("--deals", type=int, metavar="N", help="deals to win (optional)")
    put.add_argument("--notes", metavar="TEXT")
    put.set_defaults(handler=run_set)

    show = actions.add_parser("list", help="list the targets")
    add_db_argument(show)
    _owner_arguments(show, required=False)
    show.add_argument("--period", metavar="PERIOD", help="only this month or quarter")
    show.add_argument("--json", action="store_true", help="print a JSON list")
    show.set_defaults(handler=run_list)

    done = actions.add_parser("progress", help="progress towards the targets")
    add_db_argument(done)
    _owner_arguments(done, required=False)
    done.add_argument("--period", metavar="PERIOD",
                      help="this month or quarter (default: the targets running at --as-of)")
    done.add_argument("--as-of", type=iso_date, metavar="DATE", help="default: today")
    done.add_argument("--basis", choices=("deals", "orders"), default="deals",
                      help="actual money from won deals (default) or paid orders")
    done.add_argument("--weights", choices=("model", "stage"), default="model",
                      help="weigh the open pipeline as the forecast does (win-probability "
                           "model when good enough) or by stage probability")
    done.add_argument("--json", action="store_true", help="print a JSON object")
    done.set_defaults(handler=run_progress)

    delete = actions.add_parser("delete", help="move a target to the trash")
    add_db_argument(delete)
    delete.add_argument("id", type=int, metavar="ID")
    delete.set_defaults(handler=run_delete)


def _owner_of(args: argparse.Namespace) -> object:
    from crm_desktop.services.targets import ANY_OWNER

    if args.all:
        return None
    return args.owner if args.owner else ANY_OWNER


def run_set(args: argparse.Namespace) -> int:
    from crm_desktop.services.targets import TargetInput, set_target, target_row

    with open_existing(args) as database:
        done = set_target(database, TargetInput(
            None if args.all else args.owner, args.period, args.amount, args.currency,
            args.deals, args.notes)).value
        row = target_row(database, done.id)
    assert row is not None
    verb = "set" if done.created else ("changed" if done.before else "unchanged:")
    print(f"target {row.id} {verb} {describe(row)}")
    return 0


def describe(row: TargetRow) -> str:
    who = row.owner or "whole business"
    deals = f", {row.deals} deals" if row.deals is not None else ""
    return f"{who}, {row.period.label}: {row.amount:,} {row.currency}{deals}"


def run_list(args: argparse.Namespace) -> int:
    from crm_desktop.services.targets import Period, list_targets

    period = Period.parse(args.period) if args.period else None
    with open_existing(args) as database:
        rows = list_targets(database, owner=_owner_of(args), period=period)
    if args.json:
        print_json([row.to_dict() for row in rows])
        return 0
    for row in rows:
        print(f"{row.id:>5}  {describe(row)}")
    if not rows:
        print("no targets")
    return 0


def run_progress(args: argparse.Namespace) -> int:
    from crm_desktop.services import targets

    with open_existing(args) as database:
        report = targets.progress(database, args.as_of, args.period, owner=_owner_of(args),
                                  basis=args.basis, weights=args.weights)
    if args.json:
        print_json(report.to_dict())
        return 0
    print(progress_text(report))
    return 0


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def progress_text(report: ProgressReport) -> str:
    """The progress as a plain table."""
    lines = [f"as of {report.as_of:%Y-%m-%d}; actual from won "
             f"{'deals' if report.basis == 'deals' else 'paid orders'}; pipeline weighted by "
             f"{report.weights.get('weights', 'stage probability')}"]
    if not report.rows:
        return lines[0] + "\nno targets for this period"
    lines.append(f"{'owner':<20} {'period':<8} {'cur':<3} {'target':>12} {'actual':>12} "
                 f"{'done':>5} {'deals':>7} {'time':>5} {'projected':>12} {'pipeline':>12}")
    for r in report.rows:
        deals = f"{r.actual_deals}/{r.target_deals}" if r.target_deals is not None else str(
            r.actual_deals)
        projected = "-" if r.projected_amount is None else f"{r.projected_amount:,.0f}"
        pipeline = "-" if r.pipeline_weighted is None else f"{r.pipeline_weighted:,.0f}"
        lines.append(
            f"{pad(r.owner or '(whole business)', 20)} {r.period.label:<8} {r.currency:<3} "
            f"{r.target_amount:>12,.0f} {r.actual_amount:>12,.0f} {_percent(r.share):>5} "
            f"{deals:>7} {_percent(r.elapsed_share):>5} {projected:>12} {pipeline:>12}")
    return "\n".join(lines)


def run_delete(args: argparse.Namespace) -> int:
    from crm_desktop.services.targets import delete_target

    with open_existing(args) as database:
        delete_target(database, args.id)
    print(f"target {args.id} moved to the trash")
    return 0
