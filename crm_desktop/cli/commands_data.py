"""`import`, `export`, `duplicates`, `merge`, `unmerge`, `backup` and `restore`.

The writes go through the same services as the UI (services.data, services.customers)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from crm_desktop.cli.common import (
    add_db_argument,
    open_existing,
    open_for,
    passphrase_of,
    print_json,
)

IMPORT_KINDS = ("customers", "orders", "opportunities", "tickets", "interactions")


def register(subparsers: Any) -> None:
    imp = subparsers.add_parser(
        "import", help="import customers (or orders, ...) from CSV, Excel or vCard",
        description="All or nothing: the rows land in one transaction.",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    add_db_argument(imp)
    imp.add_argument("--kind", choices=IMPORT_KINDS, default="customers")
    imp.add_argument("--mapping", type=Path, metavar="FILE", help="a saved mapping template")
    imp.add_argument("--region", default="US", metavar="CC",
                     help="country for phone numbers without a country code (default US)")
    imp.add_argument("--on-invalid", choices=("skip", "abort"), default="skip")
    imp.add_argument("--on-match", choices=("update", "skip"), default="update")
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.add_argument("--progress", action="store_true",
                     help="print 'progress FRACTION MESSAGE' lines on stderr")
    imp.add_argument("--encoding", metavar="NAME",
                     help="read the file in this text encoding instead of the detected one "
                          "(utf-8, gb18030, big5, shift_jis, cp1252, latin-1, utf-16); lines "
                          "that do not decode in it are reported as invalid rows")
    imp.add_argument("--max-cell-chars", type=_positive, metavar="N",
                     help="longest cell accepted, in characters (default 1,000,000); a row "
                          "with a longer cell is reported as invalid")
    imp.add_argument("--max-file-mb", type=_positive, metavar="MB",
                     help="largest import file accepted, in MB (default 1024)")
    imp.set_defaults(handler=run_import_command)

    exp = subparsers.add_parser("export", help="export a list to CSV, Excel or vCard")
    add_db_argument(exp)
    exp.add_argument("--kind", default="customers",
                     help="customers, orders, opportunities, tickets, interactions, ...")
    exp.add_argument("--format", choices=("csv", "xlsx", "vcf"), default="csv")
    exp.add_argument("--out", type=Path, required=True, metavar="FILE")
    exp.add_argument("--where", nargs=3, action="append", default=[],
                     metavar=("FIELD", "OP", "VALUE"), help="filter, e.g. --where city eq Paris")
    exp.add_argument("--trash", action="store_true", help="export the trash instead")
    exp.add_argument("--allow-plaintext", action="store_true",
                     help="confirm writing an unencrypted file from an encrypted database")
    exp.set_defaults(handler=run_export)

    dup = subparsers.add_parser(
        "duplicates", help="list likely duplicate customers",
        description="Scores from 0 to 1: from 0.85 'likely' (e.g. the same name and email), "
                    "from 0.6 'maybe' (e.g. the same name and nothing against it); a different "
                    "email, phone or city lowers the score.")
    add_db_argument(dup)
    dup.add_argument("--threshold", type=float, default=0.6, metavar="SCORE",
                     help="list pairs scoring at least this (default 0.6: 'maybe' and up)")
    dup.add_argument("--limit", type=int, default=1000, metavar="N")
    dup.add_argument("--json", action="store_true", help="print a JSON list")
    dup.set_defaults(handler=run_duplicates)

    merge = subparsers.add_parser("merge", help="merge one customer into another (undoable)")
    add_db_argument(merge)
    merge.add_argument("--survivor", type=int, required=True, metavar="ID")
    merge.add_argument("--loser", type=int, required=True, metavar="ID")
    merge.set_defaults(handler=run_merge)

    unmerge = subparsers.add_parser("unmerge", help="undo a merge")
    add_db_argument(unmerge)
    unmerge.add_argument("--merge-id", type=int, required=True, metavar="ID")
    unmerge.set_defaults(handler=run_unmerge)

    bak = subparsers.add_parser("backup", help="copy the database (online backup)")
    add_db_argument(bak)
    bak.add_argument("--out", type=Path, metavar="FILE",
                     help="file or folder (default: a timestamped file in backups/)")
    bak.add_argument("--keep", type=int, metavar="N",
                     help="keep only the N newest automatic backups in the folder")
    bak.set_defaults(handler=run_backup)

    res = subparsers.add_parser("restore", help="replace the database with a backup")
    add_db_argument(res)
    res.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE")
    res.set_defaults(handler=run_restore)


def _positive(text: str) -> int:
    try:
        number = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return number


def _limits(args: argparse.Namespace) -> Any:
    """The import limits the options set (the defaults for the others), or None."""
    from dataclasses import replace

    from crm_desktop.storage.importing.limits import DEFAULT_LIMITS, MB

    limits = DEFAULT_LIMITS
    if args.max_cell_chars:
        limits = replace(limits, max_cell_chars=args.max_cell_chars)
    if args.max_file_mb:
        limits = replace(limits, max_file_bytes=args.max_file_mb * MB)
    return None if limits is DEFAULT_LIMITS else limits


class _ProgressLines:
    """Machine-readable progress on stderr, at most one line per percent (and one when the
    step changes: "indexing for search" starts where the import's "saving" ends)."""

    def __init__(self) -> None:
        self.last: tuple[int, str] = (-1, "")

    def __call__(self, fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if (percent, message) != self.last:
            self.last = (percent, message)
            print(f"progress {fraction:.3f} {message}", file=sys.stderr, flush=True)


def run_import_command(args: argparse.Namespace) -> int:
    from crm_desktop.services.data import import_file
    from crm_desktop.storage.importing import ImportAborted
    from crm_desktop.storage.importing.decoding import checked_encoding, display_name

    encoding = checked_encoding(args.encoding) if args.encoding else None
    with open_for(args) as database:
        try:
            report = import_file(
                database, args.file, kind=args.kind, mapping=args.mapping, region=args.region,
                on_invalid=args.on_invalid, on_match=args.on_match, dry_run=args.dry_run,
                progress=_ProgressLines() if args.progress else None,
                limits=_limits(args), encoding=encoding,
            ).value
        except ImportAborted as aborted:
            if args.json:
                print_json(aborted.report.to_dict())
            raise
    if args.json:
        data = report.to_dict()
        print_json(data)
        return 0
    verb = "would import" if args.dry_run else "imported"
    read_as = report.format.upper() if report.format != "vcard" else "vCard"
    if report.encoding:
        chosen = "chosen" if encoding else "detected"
        read_as += f", {display_name(report.encoding)} ({chosen})"
    print(f"{args.file}: {report.rows} rows ({read_as}), {verb} {report.imported}, updated "
          f"{report.updated}, skipped {report.skipped}")
    for problem in report.invalid[:50]:
        print(f"  row {problem.row}, {problem.field}: {problem.reason}")
    if len(report.invalid) > 50:
        print(f"  ... and {len(report.invalid) - 50} more problems")
    for warning in report.warnings[:50]:
        print(f"  row {warning.row}, {warning.field} (kept): {warning.reason}")
    if len(report.warnings) > 50:
        print(f"  ... and {len(report.warnings) - 50} more warnings")
    for duplicate in report.duplicates[:20]:
        print(f"  row {duplicate.row} repeats row {duplicate.first_row} ({duplicate.key})")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from crm_desktop.storage.export.files import export
    from crm_desktop.storage.query import Filter

    filters = [Filter(field, op, _typed(value)) for field, op, value in args.where]
    with open_existing(args) as database:
        count = export(database, args.kind, args.format, args.out, filters, trash=args.trash,
                       allow_plaintext=args.allow_plaintext)
    print(f"{count} {args.kind} written to {args.out}", file=sys.stderr)
    return 0


def _typed(value: str) -> Any:
    if value.lstrip("-").isdigit():
        return int(value)
    return {"null": None, "true": True, "false": False}.get(value, value)


def run_duplicates(args: argparse.Namespace) -> int:
    from crm_desktop.services.duplicates import find_duplicates

    with open_existing(args) as database:
        pairs = find_duplicates(database, args.threshold, limit=args.limit)
    if args.json:
        print_json([pair.to_dict() for pair in pairs])
    else:
        for pair in pairs:
            print(f"{pair.score:5.2f} {pair.level:<6}  {pair.a:>8} {pair.a_name}  ~  "
                  f"{pair.b:>8} {pair.b_name}  ({', '.join(pair.reasons)})")
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from crm_desktop.services.customers import merge_customers

    with open_existing(args) as database:
        merge_id = merge_customers(database, args.survivor, args.loser).value
    print(f"merged {args.loser} into {args.survivor}; undo with: unmerge --merge-id {merge_id}")
    return 0


def run_unmerge(args: argparse.Namespace) -> int:
    from crm_desktop.services.customers import unmerge

    with open_existing(args) as database:
        survivor, loser = unmerge(database, args.merge_id).value
    print(f"restored customers {survivor} and {loser}")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from crm_desktop.services.data import backup_database

    print(backup_database(args.db, args.out, args.keep, passphrase=_checked_passphrase(args)))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from crm_desktop.services.data import restore_backup

    safety = restore_backup(args.db, args.source, passphrase=_checked_passphrase(args)).value
    print(f"restored {args.db} from {args.source}"
          + (f"; the previous database is kept in {safety}" if safety else ""))
    return 0


def _checked_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase of `--passphrase-env`, checked against the database first (backup and
    restore work on the file, not through an engine)."""
    from crm_desktop.storage import encryption

    passphrase = passphrase_of(args)
    if args.db.exists():
        encryption.check_file(args.db, passphrase)
    return passphrase
