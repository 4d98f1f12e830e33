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
from types import ModuleType

log = logging.getLogger(__name__)

# Commands that answer at once (storage.direct) parse with their own module only: importing
# the others (analysis parameters, screenshot helpers, ...) would cost more than the query.
QUICK_COMMANDS = ("stats", "search", "check")


def command_modules() -> list[ModuleType]:
    """Modules that add subcommands, in the order `--help` lists them."""
    from crm_desktop.cli import (
        commands_analytics,
        commands_audit,
        commands_campaigns,
        commands_core,
        commands_data,
        commands_gui,
        commands_print,
        commands_reports,
        commands_rules,
        commands_screenshot,
        commands_security,
        commands_targets,
        commands_today,
    )

    return [commands_gui, commands_core, commands_today, commands_screenshot,
            commands_analytics,
            commands_data, commands_rules, commands_targets, commands_reports,
            commands_print, commands_campaigns, commands_security, commands_audit]


class CommandError(Exception):
    """A failure to report to the user as one line."""


def build_parser(modules: Sequence[ModuleType] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm-desktop",
        description="Offline-first desktop CRM. Without a subcommand, starts the app.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.add_argument("--self-test", action="store_true",
                        help="check that the app works here (database, analysis, chart, "
                             "window) and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for module in modules if modules is not None else command_modules():
        module.register(subparsers)
    return parser


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    if command in QUICK_COMMANDS:
        from crm_desktop.cli import commands_core

        return build_parser([commands_core])
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser_for(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    from crm_desktop.storage.private_files import restrict_umask

    restrict_umask()  # everything this process writes is readable by the user only
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.self_test:
        from crm_desktop.cli import commands_gui

        return commands_gui.run_self_test(args)
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
