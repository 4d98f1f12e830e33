"""`demo`, `stats`, `search` and `check`."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from typing import Any

from crm_desktop.cli.common import (
    add_db_argument,
    open_existing,
    open_for,
    passphrase_of,
    print_json,
)


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help="fill a database with reproducible demo data")
    add_db_argument(demo)
    demo.add_argument("--customers", type=_positive, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=0, metavar="S")
    demo.set_defaults(handler=run_demo)

    stats = subparsers.add_parser("stats", help="row counts per entity")
    add_db_argument(stats)
    stats.add_argument("--json", action="store_true", help="print a JSON object")
    stats.set_defaults(handler=run_stats)

    search = subparsers.add_parser("search", help="find customers by name, email, phone, ...")
    add_db_argument(search)
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--limit", type=_positive, default=20, metavar="N")
    search.add_argument("--json", action="store_true", help="print a JSON list")
    search.set_defaults(handler=run_search)

    check = subparsers.add_parser(
        "check", help="damage, search index, audit chain and schema version (--full: every "
        "page, index and foreign key)")
    add_db_argument(check)
    check.add_argument(
        "--full", action="store_true",
        help="read the whole file (integrity_check and foreign_key_check; minutes for a large "
        "database) instead of trusting the stamp of the last full check of an unchanged file")
    check.add_argument(
        "--repair", action="store_true",
        help="finish what an interrupted import left for later: index the customers waiting "
        "for the search index")
    check.set_defaults(handler=run_check)


def _positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return number


def run_demo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from crm_desktop.services.data import create_demo, load_demo

    if not Path(args.db).exists() and passphrase_of(args) is None:
        # A new file is built aside and appears whole (much faster: no journal, indexed once).
        counts = create_demo(args.db, args.customers, seed=args.seed,
                             progress=_progress_printer()).value
    else:
        with open_for(args) as database:
            counts = load_demo(database, args.customers, seed=args.seed,
                               progress=_progress_printer()).value
    print(f"\r{args.db}: " + ", ".join(f"{n} {k}" for k, n in counts.items() if n),
          file=sys.stderr)
    return 0


def _progress_printer() -> Any:
    interactive = sys.stderr.isatty()

    def progress(fraction: float, message: str) -> None:
        if interactive:
            print(f"\r{fraction:6.1%} {message:<50}", end="", file=sys.stderr, flush=True)

    return progress


# `stats`, `search` and `check` read a database at the current schema through a plain read-only
# connection (storage.direct, after its quick_check, or trusting the stamp of a full check of the
# unchanged file: storage.check_stamps), without importing SQLAlchemy. Any other file (missing,
# older, not ours) takes the usual way, which upgrades it or explains.


def run_stats(args: argparse.Namespace) -> int:
    from crm_desktop.storage import direct

    connection = direct.open_current(args.db, passphrase_of(args))
    if connection is not None:
        with closing(connection):
            counts = direct.live_counts(connection)
    else:
        from crm_desktop.storage.maintenance import row_counts

        with open_existing(args) as database:
            counts = row_counts(database)
    if args.json:
        print_json(counts)
    else:
        width = max(len(name) for name in counts)
        for name, count in counts.items():
            print(f"{name:<{width}}  {count:>10,}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    from crm_desktop.storage import direct

    connection = direct.open_current(args.db, passphrase_of(args))
    if connection is not None:
        with closing(connection):
            hits = direct.search(connection, args.text, limit=args.limit)
    else:
        from crm_desktop.storage.search.customers import find_customers

        with open_existing(args) as database:
            hits = find_customers(database, args.text, limit=args.limit)
    if args.json:
        print_json([hit.__dict__ for hit in hits])
    else:
        for hit in hits:
            extra = " · ".join(x for x in (hit.company, hit.email, hit.phone, hit.city) if x)
            print(f"{hit.id:>8}  {hit.name}  {extra}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from crm_desktop.storage import direct

    # Not verified on opening: the check below is the report. Without --full it trusts the
    # stamp of a full check of the unchanged file (storage.check_stamps), as stats and search
    # do: the answer in a blink at a million customers, where reading the file takes 10 s+.
    passphrase = passphrase_of(args)
    if args.repair:
        from crm_desktop.services.data import finish_search_index

        with open_existing(args) as database:
            indexed = finish_search_index(database)
        if indexed:
            print(f"indexed {indexed:,} customers for search")
    connection = direct.open_current(args.db, passphrase, verify=False)
    if connection is not None:
        with closing(connection):
            report = direct.health(connection, full=args.full, passphrase=passphrase)
    else:
        from crm_desktop.storage.maintenance import check

        with open_existing(args, verify=False) as database:
            report = check(database, full=args.full)
    print(f"schema: {report.schema_version} (expected {report.expected_version})")
    for problem in report.problems:
        print(f"problem: {problem}")
    if report.search_waiting:
        print(f"note: {report.search_waiting:,} customers waiting for the search index (found "
              "meanwhile by a slower search; `check --repair` or starting the app indexes them)")
    if report.damaged is not None:
        print(report.damaged)
    print("ok" if report.ok else "NOT OK")
    return 0 if report.ok else 1
