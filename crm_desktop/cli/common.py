"""Helpers the subcommands share: opening the database named by --db, printing JSON."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.errors import DatabaseError

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database


def iso_date(text: str) -> date:
    """An argparse type: a day written YYYY-MM-DD (argparse names the option in its error)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_db_argument(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "--db", type=Path, required=required, metavar="PATH", help="the database file"
    )
    add_passphrase_argument(parser)


def add_passphrase_argument(parser: argparse.ArgumentParser,
                            flag: str = "--passphrase-env", what: str = "its passphrase") -> None:
    """The passphrase of an encrypted database comes from an environment variable the user
    names: never from the command line, where other users of the machine can read it."""
    parser.add_argument(
        flag, metavar="NAME",
        help=f"for an encrypted database: the environment variable that holds {what}",
    )


def passphrase_of(args: argparse.Namespace, attribute: str = "passphrase_env") -> str | None:
    """The passphrase in the environment variable named by `--passphrase-env` (None if not
    given); one clear line when that variable is missing."""
    name = getattr(args, attribute, None)
    if not name:
        return None
    value = os.environ.get(name)
    if not value:
        flag = "--" + attribute.replace("_", "-")
        raise DatabaseError(f"{flag} {name}: the environment variable {name} is not set")
    return value


def open_existing(args: argparse.Namespace, verify: bool = True) -> Database:
    """Open the database of `--db` (`--passphrase-env` for an encrypted one), which must
    already exist (reading commands never create one), checked whole first (`PRAGMA
    quick_check`): a damaged one is refused with one line naming the newest good backup and
    the command that restores it."""
    if not args.db.exists():
        raise DatabaseError(f"{args.db} does not exist")
    return open_for(args, verify)


def open_for(args: argparse.Namespace, verify: bool = True) -> Database:
    """Open (or create) the database of `--db` with the passphrase of `--passphrase-env`: the
    one place the command line opens a database."""
    # Imported here: SQLAlchemy is not needed to parse the command line, and `gui` shows its
    # window before importing it (see `Database.deferred`).
    from crm_desktop.storage.database import open_database

    # A command trusts a stamp of a full check made lately (check_stamps.RECENT_READ): else
    # adding one customer to a file of a million would read 6 GB first, every time.
    return open_database(args.db, passphrase=passphrase_of(args), verify=verify,
                         trust_recent_check=True)


def print_json(data: Any) -> None:
    import json  # imported here: most commands print no JSON

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: Chinese, Japanese and Korean characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` cut and padded to ``width`` terminal columns (left-aligned)."""
    out, used = "", 0
    for ch in text:
        size = display_width(ch)
        if used + size > width:
            break
        out, used = out + ch, used + size
    return out + " " * (width - used)
