"""`print quote|order ID --db PATH --out FILE.pdf [--lang en|zh_CN] [--invoice]` and
`company set|show`: printable documents and the business details they carry.

    crm-desktop company set --db crm.db --name "Acme Ltd" --address "1 Main St\\nSpringfield" \
        --tax-id "US-12-345" --logo logo.png --terms "Payment within 30 days."
    crm-desktop print quote 7 --db crm.db --out Q-000007.pdf --lang zh_CN
    crm-desktop print order 31 --db crm.db --out invoice.pdf --invoice
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from crm_desktop.cli.common import add_db_argument, open_existing, print_json


def _language(text: str) -> str:
    wanted = text.replace("-", "_")
    if wanted.lower().startswith("zh"):
        return "zh_CN"
    if wanted.lower().startswith("en"):
        return "en"
    raise argparse.ArgumentTypeError(f"{text!r}: documents are printed in en or zh_CN")


def register(subparsers: Any) -> None:
    printing = subparsers.add_parser(
        "print", help="a quote, order or invoice as a PDF",
        description="Company name, logo, address and terms come from `company set`.")
    kinds = printing.add_subparsers(dest="print_kind", metavar="KIND", required=True)
    for kind, text in (("quote", "a quote"), ("order", "an order (or, with --invoice, "
                                                       "its invoice)")):
        sub = kinds.add_parser(kind, help=f"print {text}")
        sub.add_argument("id", type=int, metavar="ID")
        add_db_argument(sub)
        sub.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
        sub.add_argument("--lang", type=_language, default="en", metavar="LANG",
                         help="en (default) or zh_CN")
        if kind == "order":
            sub.add_argument("--invoice", action="store_true",
                             help="print the order as an invoice")
        sub.set_defaults(handler=run_print)

    company = subparsers.add_parser("company", help="the business details printed on "
                                                    "quotes, orders and invoices")
    actions = company.add_subparsers(dest="company_command", metavar="ACTION", required=True)
    put = actions.add_parser("set", help="change some of the details (the rest stay)")
    add_db_argument(put)
    put.add_argument("--name", metavar="TEXT")
    put.add_argument("--address", metavar="TEXT", help="several lines: separate them with \\n")
    put.add_argument("--tax-id", metavar="TEXT")
    put.add_argument("--email", metavar="TEXT")
    put.add_argument("--phone", metavar="TEXT")
    put.add_argument("--website", metavar="TEXT")
    put.add_argument("--terms", metavar="TEXT", help="printed under the totals (\\n: new line)")
    put.add_argument("--currency", metavar="CODE", help="default currency of new records")
    logo = put.add_mutually_exclusive_group()
    logo.add_argument("--logo", type=Path, metavar="FILE", help="PNG, JPEG, GIF or BMP")
    logo.add_argument("--no-logo", action="store_true", help="remove the logo")
    put.set_defaults(handler=run_company_set)
    show = actions.add_parser("show", help="print the details")
    add_db_argument(show)
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.set_defaults(handler=run_company_show)


def run_print(args: argparse.Namespace) -> int:
    from crm_desktop.cli import CommandError
    from crm_desktop.documents import render_pdf
    from crm_desktop.services.printing import print_job

    kind = "invoice" if getattr(args, "invoice", False) else args.print_kind
    with open_existing(args) as database:
        job = print_job(database, kind, args.id)
    try:
        done = render_pdf(job, args.out, args.lang)
    except OSError as error:
        raise CommandError(f"cannot write {args.out}: {error}") from None
    pages = f"{done.pages} page{'s' if done.pages != 1 else ''}"
    print(f"{kind} {job.document.number} written to {done.path} ({pages}, {done.language})",
          file=sys.stderr)
    return 0


def _text(value: str | None) -> str | None:
    return None if value is None else value.replace("\\n", "\n")


def run_company_set(args: argparse.Namespace) -> int:
    from crm_desktop.services import company_profile

    changes: dict[str, Any] = {}
    for name in ("name", "address", "tax_id", "email", "phone", "website", "terms"):
        value = _text(getattr(args, name))
        if value is not None:
            changes[name] = value
    if args.currency is not None:
        changes["default_currency"] = args.currency
    if args.logo is not None:
        changes["logo"] = company_profile.logo_from_file(args.logo)
    elif args.no_logo:
        changes["logo"] = None
    if not changes:
        from crm_desktop.cli import CommandError

        raise CommandError("nothing to change: give --name, --address, --logo, ...")
    with open_existing(args) as database:
        profile = company_profile.save_profile(database, changes).value
    print(f"company details stored: {', '.join(sorted(changes))}")
    _show(profile.to_dict())
    return 0


def run_company_show(args: argparse.Namespace) -> int:
    from crm_desktop.services.company_profile import load_profile

    with open_existing(args) as database:
        profile = load_profile(database).to_dict()
    if args.json:
        print_json(profile)
    else:
        _show(profile)
    return 0


def _show(profile: dict[str, Any]) -> None:
    for name, value in profile.items():
        if name == "logo":
            value = f"{value['type']}, {value['bytes']:,} bytes" if value else ""
        shown = str(value or "-").replace("\n", " / ")
        print(f"  {name:<16} {shown}")
