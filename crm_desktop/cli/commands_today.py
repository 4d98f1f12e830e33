"""`crm-desktop today --db PATH [--owner NAME] [--limit N] [--date D] [--json]`: whom to
contact today and why (services.today), best first; `--snooze ID [--until D]` hides a customer
until a later day and `--log-call ID` records a call."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from crm_desktop.cli.common import add_db_argument


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("today", help="whom to contact today and why")
    add_db_argument(parser)
    parser.add_argument("--owner", metavar="NAME", help="only this owner's customers")
    parser.add_argument("--limit", type=int, default=20, metavar="N",
                        help="at most N customers (default 20; 0 = all)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="as of this day (default today)")
    parser.add_argument("--json", action="store_true",
                        help="JSON rows: customer_id, name, company, owner, score, reasons")
    parser.add_argument("--snooze", type=int, metavar="ID",
                        help="hide customer ID from the list until --until (default tomorrow)")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="the day --snooze hides until")
    parser.add_argument("--log-call", type=int, metavar="ID", help="record a call with ID")
    parser.set_defaults(handler=run_today)


def _day(text: str | None, flag: str) -> date | None:
    from crm_desktop.cli import CommandError

    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{flag}: {text!r} is not a date (YYYY-MM-DD)") from None


def run_today(args: argparse.Namespace) -> int:
    from crm_desktop.cli.common import open_existing, print_json
    from crm_desktop.services import today
    from crm_desktop.services.insights.render import english, plain_money, to_json

    as_of = _day(args.date, "--date")
    with open_existing(args) as database:
        if args.snooze is not None:
            until = _day(args.until, "--until") or today.tomorrow(as_of)
            today.snooze(database, [args.snooze], until)
            print(f"customer {args.snooze} snoozed until {until.isoformat()}")
        if args.log_call is not None:
            made = today.log_call(database, args.log_call, "Call")
            print(f"call {made.value} logged with customer {args.log_call}")
        found = today.today_list(database, args.owner, args.limit or None, as_of)
    if args.json:
        print_json([{"customer_id": r.customer_id, "name": r.name, "company": r.company,
                     "owner": r.owner, "score": r.score, "currency": found.currency,
                     "reasons": [to_json(s, found.currency) for s in r.reasons],
                     "task_ids": list(r.task_ids), "deal_ids": list(r.deal_ids),
                     "ticket_ids": list(r.ticket_ids)} for r in found.rows])
        return 0
    print(f"Today, {found.today.isoformat()}: {found.total:,} customers to contact"
          + (f"; the first {len(found.rows):,}" if len(found.rows) < found.total else ""))
    for rank, row in enumerate(found.rows, 1):
        who = row.name + (f" ({row.company})" if row.company else "")
        owner = f"  [{row.owner}]" if row.owner else ""
        print(f"\n{rank:>3}. {who}  #{row.customer_id}  at stake "
              f"{plain_money(row.score, found.currency)}{owner}")
        for sentence in row.reasons:
            print(f"     - {english(sentence, found.currency)}")
    return 0
