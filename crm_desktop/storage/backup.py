"""Backups with SQLite's online backup API, rotation, and restoring a backup safely.

`backup(db_path, out)` copies a consistent snapshot while the app keeps working (WAL readers
and writers are not blocked). `auto_backup(db_path, keep)` writes a timestamped file into the
backup folder and deletes the oldest beyond `keep`. `restore(db_path, from_file)` first checks
that the file is a crm-desktop database of a schema this version knows (and that it is not
damaged), keeps a safety copy of the current database, copies the backup in, and upgrades it
to the current schema.

An encrypted database (`passphrase` given) is backed up encrypted with the same passphrase:
SQLCipher's backup API copies the pages re-encrypted under the same key, and a backup is read
back with that passphrase. A backup made before a passphrase change keeps the old one.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crm_desktop.storage import encryption, private_files
from crm_desktop.storage.errors import DatabaseError, StorageError

log = logging.getLogger(__name__)
PREFIX = "crm-backup-"
SUFFIX = ".db"
DEFAULT_KEEP = 10


def default_folder(db_path: Path | str) -> Path:
    """Backups live in a `backups` folder next to the database."""
    return Path(db_path).resolve().parent / "backups"


def timestamped_name(now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return f"{PREFIX}{stamp}{SUFFIX}"


def backup(db_path: Path | str, out: Path | str | None = None, *,
           passphrase: str | None = None) -> Path:
    """Copy the database at `db_path` to `out` (default: a timestamped file in the folder)."""
    source = Path(db_path)
    if not source.is_file():
        raise DatabaseError(f"{source} does not exist")
    target = Path(out) if out is not None else default_folder(source) / timestamped_name()
    if target.is_dir():
        target = target / timestamped_name()
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.resolve() == source.resolve():
        raise StorageError("the backup file cannot be the database itself")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial, passphrase)
        os.replace(partial, target)
        private_files.restrict(target)
    except (sqlite3.Error, encryption.cipher_errors()) as error:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"backup of {source} failed: {error}") from None
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"cannot write {target}: {error.strerror or error}") from None
    log.info("backed up %s to %s", source, target)
    return target


def _copy(source: Path, target: Path, passphrase: str | None) -> None:
    """The online backup API, page by page; the copy is left in rollback-journal mode."""
    src = encryption.connect(source, passphrase)
    dst = encryption.connect(target, passphrase)
    try:
        src.execute("PRAGMA busy_timeout = 5000")
        src.backup(dst, pages=4096)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()


def backups(folder: Path | str) -> list[Path]:
    """The automatic backups in `folder`, oldest first."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(PREFIX)
                  and p.name.endswith(SUFFIX))


def rotate(folder: Path | str, keep: int = DEFAULT_KEEP) -> list[Path]:
    """Delete the oldest automatic backups beyond `keep`; returns what was deleted."""
    existing = backups(folder)
    doomed = existing[:max(0, len(existing) - max(1, keep))]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def auto_backup(db_path: Path | str, keep: int = DEFAULT_KEEP,
                folder: Path | str | None = None, *, passphrase: str | None = None
                ) -> Path | None:
    """A timestamped backup with rotation; None when there is no database yet."""
    if not Path(db_path).is_file():
        return None
    target_folder = Path(folder) if folder is not None else default_folder(db_path)
    made = backup(db_path, target_folder / timestamped_name(), passphrase=passphrase)
    rotate(target_folder, keep)
    return made


def known_revisions() -> set[str]:
    """Every schema revision of this version's migrations (an older one can be upgraded)."""
    from alembic.script import ScriptDirectory

    from crm_desktop.storage.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    schema_version: str
    customers: int


def inspect_backup(path: Path | str, passphrase: str | None = None) -> BackupInfo:
    """Check `path` is an undamaged crm-desktop database whose schema this version knows
    (encrypted with `passphrase` when one is given)."""
    from crm_desktop.storage.sqlite_functions import is_sqlite_file

    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"{path} does not exist")
    if passphrase is not None and not encryption.is_encrypted(path):
        raise DatabaseError(f"{path.name} is not encrypted: it cannot be restored into an "
                            "encrypted database (decrypt the database first)")
    if passphrase is None and encryption.is_encrypted(path):
        raise DatabaseError(f"{path.name} is encrypted: it cannot be restored into a plain "
                            "database (encrypt the database first)")
    if path.stat().st_size == 0 or (passphrase is None and not is_sqlite_file(str(path))):
        raise DatabaseError(f"{path.name} is not a database file")
    try:
        connection = encryption.connect(path, passphrase)
        try:
            tables = {r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables or "customers" not in tables:
                raise DatabaseError(f"{path.name} is a database but not a crm-desktop one")
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            version = row[0] if row else None
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            customers = connection.execute("SELECT count(*) FROM customers").fetchone()[0]
        finally:
            connection.close()
    except (sqlite3.DatabaseError, encryption.cipher_errors()) as error:
        raise DatabaseError(f"{path.name} cannot be read as a database ({error})") from None
    if version not in known_revisions():
        raise DatabaseError(
            f"{path.name} has schema {version!r}, which this version of crm-desktop does not "
            "know (it may come from a newer version)"
        )
    if check != "ok":
        raise DatabaseError(f"{path.name} is damaged ({check})")
    return BackupInfo(path, version, int(customers))


def restore(db_path: Path | str, from_file: Path | str, *,
            passphrase: str | None = None) -> Path | None:
    """Replace the database with a backup; returns the safety copy of the old one (if any).

    Close the app's engine first (`Database.close()`): the file is rewritten in place.
    """
    from crm_desktop.storage.database import open_database

    target, source = Path(db_path), Path(from_file)
    inspect_backup(source, passphrase)
    if target.exists() and source.resolve() == target.resolve():
        raise StorageError("cannot restore a database onto itself")
    safety = None
    if target.exists() and target.stat().st_size > 0:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        safety = backup(target, default_folder(target) / f"before-restore-{stamp}{SUFFIX}",
                        passphrase=passphrase)
    src = encryption.connect(source, passphrase)
    dst = encryption.connect(target, passphrase)
    try:
        dst.execute("PRAGMA busy_timeout = 5000")
        src.backup(dst)
    except (sqlite3.Error, encryption.cipher_errors()) as error:
        raise DatabaseError(
            f"restore failed ({error}); the previous database is kept in {safety}"
        ) from None
    finally:
        dst.close()
        src.close()
    database = open_database(target, passphrase=passphrase)  # upgrades the restored schema to the current one
    database.close()
    log.info("restored %s from %s (safety copy %s)", target, source, safety)
    return safety
