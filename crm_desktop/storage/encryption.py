"""Encryption at rest with SQLCipher (the `sqlcipher3` package): connect, check, convert.

A database is either plain SQLite or encrypted with a passphrase (SQLCipher 4 defaults: AES-256,
HMAC-SHA512 per page, PBKDF2 key derivation). The whole file is encrypted, and so are its WAL
and its backups: no customer name appears in any of their bytes.

- `connect(path, passphrase)`: the one DBAPI connection factory for a database file (sqlite3
  for a plain one, sqlcipher3 keyed for an encrypted one); quick read paths that bypass
  SQLAlchemy call it too.
- `check_file(path, passphrase)`: before an engine is made, says in one line what is wrong
  (an encrypted file without a passphrase, a wrong passphrase, a plain file given one).
- `engine_options(path, passphrase)`: what `create_engine` needs for an encrypted file.
- `encrypt`, `decrypt`, `change_passphrase`: rewrite the file with `sqlcipher_export` into a
  temporary file beside it, checked, then renamed into place: a crash leaves the old file whole.
  The database must be closed (no engine open on it) while they run.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Any

from crm_desktop.storage.errors import DatabaseError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


class PassphraseNeeded(DatabaseError):
    """The database is encrypted and no passphrase was given."""


class WrongPassphrase(DatabaseError):
    """The passphrase does not open the database."""


def is_encrypted(path: Path | str) -> bool:
    """True for a file that looks like an SQLCipher database: not SQLite's plain header, and
    whole pages (a text file or other stray file is not taken for one)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
            size = os.fstat(handle.fileno()).st_size
    except (FileNotFoundError, IsADirectoryError):
        return False
    return header != b"" and header != SQLITE_HEADER and size % 512 == 0


def _cipher() -> Any:
    try:
        import sqlcipher3.dbapi2 as sqlcipher
    except ImportError as error:  # pragma: no cover - a dependency; the frozen app bundles it
        raise DatabaseError(f"encryption is not available here ({error})") from None
    return sqlcipher


def cipher_errors() -> type[Exception]:
    """sqlcipher3's error class (its own, not sqlite3's), for `except` clauses."""
    try:
        import sqlcipher3.dbapi2 as sqlcipher
    except ImportError:  # pragma: no cover
        return DatabaseError
    error: type[Exception] = sqlcipher.Error
    return error


def _literal(passphrase: str) -> str:
    """The passphrase as an SQL string literal (PRAGMA key takes no bound parameter)."""
    if not passphrase or "\x00" in passphrase:
        raise DatabaseError("a passphrase cannot be empty or contain a NUL character")
    return "'" + passphrase.replace("'", "''") + "'"


def connect(path: Path | str, passphrase: str | None, *, read_only: bool = False,
            check_same_thread: bool = True) -> Any:
    """A DBAPI connection to `path`: plain sqlite3, or sqlcipher3 keyed with `passphrase`.

    Raises `WrongPassphrase` when the passphrase does not decrypt the file.
    """
    target = f"file:{Path(path)}?mode=ro" if read_only else str(path)
    if passphrase is None:
        import sqlite3

        return sqlite3.connect(target, uri=read_only, check_same_thread=check_same_thread)
    sqlcipher = _cipher()
    connection = sqlcipher.connect(target, uri=read_only, check_same_thread=check_same_thread)
    try:
        # SQLCipher logs a failed HMAC check to stderr: the caller reports it in one line.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {_literal(passphrase)}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        connection.close()
        raise WrongPassphrase(
            f"{path}: wrong passphrase (or the file is not a crm-desktop database)"
        ) from None
    except BaseException:
        connection.close()
        raise
    return connection


def check_file(path: Path, passphrase: str | None, *, verify: bool = True) -> None:
    """Before opening `path`: one clear line for a missing, wrong (with `verify`: it costs a
    key derivation, and the engine's first connection checks it anyway) or needless
    passphrase."""
    encrypted = is_encrypted(path)
    if encrypted and passphrase is None:
        raise PassphraseNeeded(f"{path} is encrypted: a passphrase is needed to open it")
    if passphrase is None:
        return
    if path.is_file() and path.stat().st_size > 0 and not encrypted:
        raise DatabaseError(f"{path} is not encrypted: open it without a passphrase "
                            "(or encrypt it first)")
    if encrypted and verify:
        connect(path, passphrase, read_only=True).close()


def engine_options(path: Path | str, passphrase: str | None, *,
                   read_only: bool = False) -> dict[str, Any]:
    """Keyword arguments for the engine factory (`database.create_sqlite_engine`): every
    pooled connection is a keyed sqlcipher3 connection (SQLAlchemy's pysqlite dialect over the
    sqlcipher3 module, so its errors are translated as usual)."""
    if passphrase is None:
        return {}
    sqlcipher = _cipher()
    return {"module": sqlcipher,
            "creator": lambda: connect(path, passphrase, read_only=read_only,
                                       check_same_thread=False)}


# ---------------------------------------------------------------------------------- conversion

def encrypt(path: Path | str, passphrase: str) -> None:
    """Encrypt the plain database at `path` in place with `passphrase`."""
    path = Path(path)
    _require(path, encrypted=False)
    _rewrite(path, None, passphrase)


def decrypt(path: Path | str, passphrase: str) -> None:
    """Turn the encrypted database at `path` into a plain one (it can then be read by anyone
    who can read the file)."""
    path = Path(path)
    _require(path, encrypted=True)
    _rewrite(path, passphrase, None)


def change_passphrase(path: Path | str, old: str, new: str) -> None:
    """Re-encrypt the database at `path` under `new` (every page; backups keep `old`)."""
    path = Path(path)
    _require(path, encrypted=True)
    _literal(new)
    _rewrite(path, old, new)


def export_copy(source: Path | str, source_passphrase: str | None, target: Path | str,
                target_passphrase: str | None) -> None:
    """A full copy of `source` into the new file `target`, encrypted with `target_passphrase`
    (None: plain). SQLCipher's `sqlcipher_export` copies schema, rows, indexes and triggers."""
    target = Path(target)
    if target.exists():
        raise DatabaseError(f"{target} already exists")
    # sqlcipher3 even for a plain source: plain sqlite3 cannot attach an encrypted file.
    connection = (connect(source, source_passphrase) if source_passphrase is not None
                  else _cipher().connect(str(source)))
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute("ATTACH DATABASE ? AS target KEY ?",
                           (str(target), target_passphrase or ""))
        connection.execute("SELECT sqlcipher_export('target')")
        # sqlcipher_export does not copy user_version.
        version = connection.execute("PRAGMA main.user_version").fetchone()[0]
        connection.execute(f"PRAGMA target.user_version = {int(version)}")
        connection.execute("DETACH DATABASE target")
    except Exception as error:
        with contextlib.suppress(OSError):
            target.unlink()
        raise DatabaseError(f"cannot copy {Path(source).name}: {error}") from None
    finally:
        connection.close()


def _require(path: Path, *, encrypted: bool) -> None:
    if not path.is_file() or path.stat().st_size == 0:
        raise DatabaseError(f"{path} does not exist")
    if is_encrypted(path) != encrypted:
        state = "already encrypted" if not encrypted else "not encrypted"
        raise DatabaseError(f"{path} is {state}")


def _rewrite(path: Path, old: str | None, new: str | None) -> None:
    """Replace `path` by a copy under the new key; the old file stays until the copy is
    complete and checked."""
    connection = connect(path, old)  # checks the old passphrase first
    try:
        # Everything committed into the main file, so the copy misses nothing and no WAL of
        # the old file is left to be applied to the new one.
        busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            raise DatabaseError(f"{path} is in use by another program: close it first")
    finally:
        connection.close()
    temporary = path.with_name(path.name + ".rekey")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    export_copy(path, old, temporary, new)
    try:
        check = connect(temporary, new)
        try:
            result = check.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            check.close()
        if result != "ok":
            raise DatabaseError(f"the new copy of {path.name} failed its check ({result})")
        _fsync(temporary)
        for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    log.info("database %s rewritten (%s -> %s)", path, "encrypted" if old else "plain",
             "encrypted" if new else "plain")


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
