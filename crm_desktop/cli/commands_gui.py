"""`gui` (the default): start the desktop app; `--self-test`: check that it works here."""

from __future__ import annotations

import argparse
from typing import Any

from crm_desktop.cli.common import add_db_argument, passphrase_of


def register(subparsers: Any) -> None:
    gui = subparsers.add_parser("gui", help="start the desktop app (the default)")
    add_db_argument(gui, required=False)
    gui.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from crm_desktop.app import run

    return int(run(args.db, passphrase=passphrase_of(args)))


def run_self_test(args: argparse.Namespace) -> int:
    from crm_desktop.self_test import run

    return run(verbose=args.verbose)
