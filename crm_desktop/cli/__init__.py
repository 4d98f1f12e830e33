"""The command line: `crm-desktop SUBCOMMAND`. Same storage API as the UI.

Each subcommand lives in a small module with `register(subparsers)`; failures print one line on
stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from crm_desktop.cli import (
    commands_analytics,
    commands_core,
    commands_data,
    commands_gui,
    commands_rules,
    commands_screenshot,
)

log = logging.getLogger(__name__)

# Modules that add subcommands, in the order `--help` lists them.
COMMAND_MODULES = [commands_gui, commands_core, commands_screenshot, commands_analytics,
                   commands_data, commands_rules]


class CommandError(Exception):
    """A failure to report to the user as one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm-desktop",
        description="Offline-first desktop CRM. Without a subcommand, starts the app.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        args = parser.parse_args(["gui", *(argv or [])])
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("crm-desktop: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the user gets one line; the log has the traceback
        log.debug("command failed", exc_info=True)
        print(f"crm-desktop: error: {_describe(error, getattr(args, 'db', None))}",
              file=sys.stderr)
        return 1


def _describe(error: BaseException, database: object = None) -> str:
    """One line: storage's own message, SQLite's failures translated (naming the database
    file), anything else as its type and the first line of its message."""
    from crm_desktop.storage.errors import StorageError
    from crm_desktop.storage.sqlite_errors import one_line, translate

    if isinstance(error, StorageError | CommandError):
        return " ".join(str(error).split("\n"))
    if translate(error, None) is not None:
        return one_line(error, database if isinstance(database, str | Path) else None)
    return f"{type(error).__name__}: {one_line(error)}"
