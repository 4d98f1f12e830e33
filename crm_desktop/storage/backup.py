"""Backups with SQLite's online backup API, rotation, and restoring a backup safely.

`backup(db_path, out)` copies a consistent snapshot while the app keeps working (WAL readers
and writers are not blocked) into a temporary file, checks the copy with `PRAGMA quick_check`
and only then moves it into place: a damaged database is never stored as a backup, so rotation
(`auto_backup(db_path, keep)`: a timestamped file in the backup folder, the oldest beyond
`keep` deleted) never replaces good backups with copies of a damaged file. Temporary files an
interrupted backup left are cleaned up by the next one. `restore(db_path, from_file)` first
checks that the file is a crm-desktop database of a schema this version knows (and that it is
not damaged), keeps a safety copy of the current database (a plain copy of the file when it is
damaged), copies the backup in, and upgrades it to the current schema.

An encrypted database (`passphrase` given) is backed up encrypted with the same passphrase:
SQLCipher's backup API copies the pages re-encrypted under the same key, and a backup is read
back with that passphrase. A backup made before a passphrase change keeps the old one.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crm_desktop.storage import encryption, leftovers, private_files
from crm_desktop.storage.errors import DamagedDatabase, DatabaseError, StorageError
from crm_desktop.storage.sqlite_errors import SQLITE_CORRUPT, SQLITE_NOTADB, primary_code, translate
from crm_desktop.storage.sqlite_functions import LOCK_WAIT_SECONDS, connect_read_only

log = logging.getLogger(__name__)
PREFIX = "crm-backup-"
SUFFIX = ".db"
DEFAULT_KEEP = 10
DAMAGED_PREFIX = "damaged-"  # plain copies of a damaged database, kept by a restore
PARTIAL = "partial"  # what a backup is called while it is written (see storage.leftovers)


def default_folder(db_path: Path | str) -> Path:
    """Backups live in a `backups` folder next to the database."""
    return Path(db_path).resolve().parent / "backups"


def timestamped_name(now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return f"{PREFIX}{stamp}{SUFFIX}"


def backup(db_path: Path | str, out: Path | str | None = None, *,
           passphrase: str | None = None) -> Path:
    """Copy the database at `db_path` to `out` (default: a timestamped file in the folder).

    The copy is checked before it takes its name: `DamagedDatabase` when the database is
    damaged (nothing is written, no earlier backup is touched)."""
    source = Path(db_path)
    if not source.is_file():
        raise DatabaseError(f"{source} does not exist")
    target = Path(out) if out is not None else default_folder(source) / timestamped_name()
    if target.is_dir():
        target = target / timestamped_name()
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.resolve() == source.resolve():
        raise StorageError("the backup file cannot be the database itself")
    leftovers.clean_leftovers(target.parent, PARTIAL)
    partial = leftovers.temporary_path(target, PARTIAL)
    leftovers.remove_with_companions(partial)
    try:
        _copy(source, partial, passphrase)
        _check_copy(source, partial, passphrase)
        leftovers.sync_file(partial)
        os.replace(partial, target)
        private_files.restrict(target)
        leftovers.sync_folder(target.parent)
    except sqlite3.Error as error:
        raise _copy_error(error, source) from None
    except encryption.cipher_errors() as error:
        raise DatabaseError(f"backup of {source} failed: {error}") from None
    except OSError as error:
        raise StorageError(f"cannot write {target}: {error.strerror or error}") from None
    finally:
        leftovers.remove_with_companions(partial)
    log.info("backed up %s to %s", source, target)
    return target


def _copy(source: Path, target: Path, passphrase: str | None = None) -> None:
    """The online backup API, page by page; the copy is left in rollback-journal mode."""
    if passphrase is None:
        src = connect_read_only(source)
        dst = sqlite3.connect(target)
    else:
        src = encryption.connect(source, passphrase, read_only=True)
        dst = encryption.connect(target, passphrase)
    try:
        src.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_SECONDS * 1000}")
        src.backup(dst, pages=4096)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()


def _check_copy(source: Path, copy: Path, passphrase: str | None = None) -> None:
    """The copy holds the source's pages as they are: damage in it is damage in the source."""
    from crm_desktop.storage.integrity import damaged, quick_check

    problems = quick_check(copy, passphrase=passphrase)
    if problems:
        leftovers.remove_with_companions(copy)
        raise damaged(source, problems)


def _copy_error(error: sqlite3.Error, source: Path) -> StorageError:
    if primary_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB):
        from crm_desktop.storage.integrity import damaged

        return damaged(source, (str(error),))
    return translate(error, source) or DatabaseError(f"backup of {source} failed: {error}")


def candidate_backups(db_path: Path | str) -> list[Path]:
    """Every database file in the backup folder of `db_path`, newest first (automatic
    backups, manual ones saved there and the safety copies a restore keeps)."""
    folder = default_folder(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file()
             and not p.name.startswith((".", DAMAGED_PREFIX))]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


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
    """A timestamped backup with rotation; None when there is no database yet.

    Raises `DamagedDatabase` (and deletes nothing) when the database is damaged."""
    if not Path(db_path).is_file():
        return None
    target_folder = Path(folder) if folder is not None else default_folder(db_path)
    made = backup(db_path, target_folder / timestamped_name(), passphrase=passphrase)
    rotate(target_folder, keep)
    return made


def known_revisions() -> set[str]:
    """Every schema revision of this version's migrations (an older one can be upgraded)."""
    from crm_desktop.storage.database import SCHEMA_REVISIONS

    return set(SCHEMA_REVISIONS)


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
        connection = (connect_read_only(path) if passphrase is None
                      else encryption.connect(path, passphrase, read_only=True))
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

    Close the app's engine first (`Database.close()`): the file is rewritten in place, or
    replaced when it is too damaged to be written in place.
    """
    from crm_desktop.storage.database import open_database

    target, source = Path(db_path), Path(from_file)
    inspect_backup(source, passphrase)
    if target.exists() and source.resolve() == target.resolve():
        raise StorageError("cannot restore a database onto itself")
    safety = None
    if target.exists() and target.stat().st_size > 0:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        try:
            safety = backup(target, default_folder(target) / f"before-restore-{stamp}{SUFFIX}",
                            passphrase=passphrase)
        except DamagedDatabase:
            safety = _keep_damaged(target, stamp)
    try:
        _copy_into(source, target, passphrase)
    except encryption.cipher_errors() as error:
        raise DatabaseError(
            f"restore failed ({error}); the previous database is kept in {safety}") from None
    except sqlite3.DatabaseError as error:
        if primary_code(error) not in (SQLITE_CORRUPT, SQLITE_NOTADB):
            raise DatabaseError(
                f"restore failed ({error}); the previous database is kept in {safety}"
            ) from None
        _replace_file(source, target)
    database = open_database(target, verify=False, passphrase=passphrase)  # upgrades the restored schema
    database.close()
    log.info("restored %s from %s (safety copy %s)", target, source, safety)
    return safety


def _copy_into(source: Path, target: Path, passphrase: str | None = None) -> None:
    """Rewrite `target` with the pages of `source` in one transaction (open connections to
    `target` see the restored data; a crash part-way leaves `target` as it was)."""
    from crm_desktop.storage import check_stamps

    src = encryption.connect(source, passphrase)
    dst = encryption.connect(target, passphrase)
    try:
        dst.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_SECONDS * 1000}")
        plain = passphrase is None and isinstance(dst, sqlite3.Connection)
        version = check_stamps.data_version(dst) if plain else 0
        src.backup(dst)
        # The pages of a backup that passed quick_check: the quick commands may trust them
        # (settled: closing this connection would fold the -wal in and change the state).
        if plain and check_stamps.adopt(dst, target, version):
            check_stamps.settle(dst, target)
    finally:
        dst.close()
        src.close()


def _replace_file(source: Path, target: Path) -> None:
    """Put a copy of `source` in place of a damaged `target` that SQLite cannot write."""
    partial = leftovers.temporary_path(target, PARTIAL)
    leftovers.remove_with_companions(partial)
    try:
        _copy(source, partial)
        leftovers.sync_file(partial)
        for suffix in ("-wal", "-shm", "-journal"):  # they belong to the damaged file
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(partial, target)
        leftovers.sync_folder(target.parent)
    finally:
        leftovers.remove_with_companions(partial)


def _keep_damaged(target: Path, stamp: str) -> Path:
    """A plain copy of a damaged database (and its write-ahead log) before a restore replaces
    it: whatever can still be read from it is not lost. Never taken for a good backup."""
    folder = default_folder(target)
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / f"{DAMAGED_PREFIX}{stamp}{SUFFIX}"
    shutil.copyfile(target, kept)
    wal = Path(f"{target}-wal")
    if wal.exists():
        shutil.copyfile(wal, f"{kept}-wal")
    log.warning("kept a copy of the damaged %s as %s", target, kept)
    return kept
