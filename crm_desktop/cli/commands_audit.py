"""`audit`: read (and export) the audit log; `actor`: show or change who it names.

    crm-desktop audit --db crm.db --entity customers --id 7 --since 2024-01-01
    crm-desktop audit --db crm.db --actor li --export audit.csv
    crm-desktop actor --db crm.db --set "Li Wei"

Whether the log was tampered with is `crm-desktop check`.
"""

from __future__ import annotations

import argparse
from typing import Any

from crm_desktop.cli.common import add_db_argument, iso_date, open_existing, pad, print_json


def register(subparsers: Any) -> None:
    audit = subparsers.add_parser("audit", help="show or export the audit log (newest first)")
    add_db_argument(audit)
    audit.add_argument("--entity", metavar="KIND", help="a kind of record, e.g. customers")
    audit.add_argument("--id", type=int, metavar="N", dest="entity_id",
                       help="one record's id (with --entity)")
    audit.add_argument("--actor", metavar="NAME", help="entries by this user")
    audit.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="from this day")
    audit.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="up to this day")
    audit.add_argument("--text", default="", metavar="TEXT",
                       help="words in the field, old or new value, or actor")
    audit.add_argument("--limit", type=int, default=100, metavar="N",
                       help="entries to print (default 100; --export writes all)")
    audit.add_argument("--export", metavar="FILE", help="write every selected entry to CSV")
    audit.add_argument("--json", action="store_true", help="print a JSON list")
    audit.set_defaults(handler=run_audit)

    actor = subparsers.add_parser("actor", help="show or change the name the audit log records")
    add_db_argument(actor)
    actor.add_argument("--set", metavar="NAME", dest="name", help="the new name")
    actor.set_defaults(handler=run_actor)


def _query(args: argparse.Namespace) -> Any:
    from crm_desktop.storage.lists.audit import AuditQuery

    if args.entity_id is not None and not args.entity:
        from crm_desktop.cli import CommandError

        raise CommandError("--id needs --entity")
    return AuditQuery(entity=args.entity, entity_id=args.entity_id, actor=args.actor,
                      since=args.since, until=args.until, text=args.text)


def run_audit(args: argparse.Namespace) -> int:
    from crm_desktop.storage.audit_log import export_csv, read_entries

    query = _query(args)
    with open_existing(args) as database:
        if args.export:
            count = export_csv(database, query, args.export)
            print(f"{args.export}: {count} audit entries")
            return 0
        entries = read_entries(database, query, limit=max(args.limit, 1))
    if args.json:
        print_json([entry.__dict__ for entry in entries])
        return 0
    for entry in entries:
        what = f"{entry.entity} {entry.entity_id}"
        change = _change(entry.field, entry.old_value, entry.new_value)
        print(f"{entry.id:>8}  {entry.at:%Y-%m-%d %H:%M:%S}  {pad(entry.actor or '', 12)}  "
              f"{pad(entry.action, 7)}  {pad(what, 22)}  {change}")
    return 0


def _change(field: str | None, old: str | None, new: str | None) -> str:
    def short(value: str | None) -> str:
        if value is None:
            return "∅"
        flat = " ".join(value.split())
        return flat if len(flat) <= 40 else flat[:39] + "…"

    return f"{field or ''}: {short(old)} → {short(new)}"


def run_actor(args: argparse.Namespace) -> int:
    from crm_desktop.services.audit import identity, set_actor

    with open_existing(args) as database:
        if args.name is not None:
            set_actor(database, args.name)
        actor, machine = identity(database)
    print(f"{actor} on {machine}")
    return 0
