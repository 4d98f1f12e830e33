"""Helpers the subcommands share: opening the database named by --db, printing JSON."""

from __future__ import annotations

import argparse
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


def open_existing(path: Path) -> Database:
    """Open a database that must already exist (reading commands never create one)."""
    # Imported here: SQLAlchemy is not needed to parse the command line, and `gui` shows its
    # window before importing it (see `Database.deferred`).
    from crm_desktop.storage.database import open_database

    if not path.exists():
        raise DatabaseError(f"{path} does not exist")
    return open_database(path)


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
