"""Data in and out, shared by the UI's dialogs and the command line: import a file, back up,
restore a backup, generate demo data. Merging duplicates is `services.customers.merge_customers`.

Imports and demo data are bulk statements the session hook cannot see, so these name what they
changed themselves (`Changes.of(...)`); a restore rewrites the whole file, so it changes
everything. Each takes `progress(fraction, message)` and `cancelled()` where the work is long,
as the UI's worker runner passes them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from crm_desktop.services.outcome import Outcome
from crm_desktop.storage import backup as backups
from crm_desktop.storage.changes import Changes

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.importing import ImportReport
    from crm_desktop.storage.importing.api import MappingArg
    from crm_desktop.storage.importing.limits import ImportLimits
    from crm_desktop.storage.importing.readers import Source

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]

# What an import of each kind writes (every kind can change what a customer shows).
IMPORT_TABLES = {
    "customers": ("customers", "contact_points"),
    "orders": ("orders", "customers"),
    "opportunities": ("opportunities", "stage_changes", "customers"),
    "tickets": ("tickets", "ticket_messages", "customers"),
    "interactions": ("interactions", "customers"),
}


def everything() -> Changes:
    """Every kind of record (a restore or demo data can change any of them)."""
    from crm_desktop.models import Base

    return Changes.of(*(table.name for table in Base.metadata.sorted_tables))


def import_file(database: Database, path: Path | str, kind: str = "customers",
                mapping: MappingArg = None, region: str = "US", on_invalid: str = "skip",
                on_match: str = "update", dry_run: bool = False,
                progress: Progress | None = None, cancelled: Cancelled | None = None,
                source: Source | None = None, limits: ImportLimits | None = None,
                encoding: str | None = None) -> Outcome[ImportReport]:
    """Import `path` into the database in one transaction (all or nothing); see
    storage.importing. A dry run reports what would happen and changes nothing. `limits`:
    the largest file and cell accepted; `encoding`: overrides the detected text encoding."""
    from crm_desktop.storage.importing import run_import

    report = run_import(database, path, kind, mapping, region, on_invalid, on_match,
                        dry_run=dry_run, progress=progress, cancelled=cancelled, source=source,
                        limits=limits, encoding=encoding)
    if dry_run or not (report.imported or report.updated):
        return Outcome(report)
    return Outcome(report, Changes.of(*IMPORT_TABLES.get(kind, (kind, "customers"))))


def finish_search_index(database: Database, progress: Progress | None = None,
                        cancelled: Cancelled | None = None) -> int:
    """Index the customers an interrupted import left waiting for the search index
    (storage.search.backlog; found by search meanwhile): at start-up, `check --repair`.
    Derived data only: nothing to audit, no view changes. Returns the ids covered."""
    from crm_desktop.storage.search import backlog

    return backlog.finish(database, progress, cancelled)


def backup_database(db_path: Path | str, out: Path | str | None = None,
                    keep: int | None = None, *, passphrase: str | None = None) -> Path:
    """Copy the database to `out` (a file or a folder; default: a timestamped file in the
    backups folder next to it) while it stays in use; with `keep`, only the newest `keep`
    automatic backups stay in that folder. An encrypted database (its `passphrase` given) is
    backed up encrypted with the same passphrase. Returns the file written."""
    made = backups.backup(db_path, out, passphrase=passphrase)
    if keep:
        backups.rotate(made.parent, keep)
    return made


def restore_backup(db_path: Path | str, from_file: Path | str, *,
                   passphrase: str | None = None) -> Outcome[Path | None]:
    """Replace the database with a backup (checked first; encrypted with the same `passphrase`
    as the database, or both plain); the value is the safety copy of the database as it was.
    Every kind of record may have changed."""
    return Outcome(backups.restore(db_path, from_file, passphrase=passphrase), everything())


def load_demo(database: Database, customers: int, seed: int = 0,
              progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> Outcome[dict[str, int]]:
    """Add `customers` demo customers with three years of history (committed in batches of
    50,000, each whole); the value is the rows added per table."""
    from crm_desktop.storage.demo.generate import TABLES, generate

    counts = generate(database, customers, seed=seed, progress=progress, cancelled=cancelled)
    return Outcome(counts, Changes.of(*TABLES))


def create_demo(path: Path | str, customers: int, seed: int = 0,
                progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> Outcome[dict[str, int]]:
    """A new database at `path` (which must not exist) with `customers` demo customers: the
    file appears only when whole. The value is the rows added per table."""
    from crm_desktop.storage.demo.generate import TABLES, generate_new

    counts = generate_new(path, customers, seed=seed, progress=progress, cancelled=cancelled)
    return Outcome(counts, Changes.of(*TABLES))
