"""Helpers the subcommands share: opening the database named by --db, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.errors import DatabaseError

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database


def add_db_argument(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "--db", type=Path, required=required, metavar="PATH", help="the database file"
    )


def open_existing(path: Path, verify: bool = True) -> Database:
    """Open a database that must already exist (reading commands never create one), checked
    whole first (`PRAGMA quick_check`): a damaged one is refused with one line naming the
    newest good backup and the command that restores it."""
    # Imported here: SQLAlchemy is not needed to parse the command line, and `gui` shows its
    # window before importing it (see `Database.deferred`).
    from crm_desktop.storage.database import open_database

    if not path.exists():
        raise DatabaseError(f"{path} does not exist")
    return open_database(path, verify=verify)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
