"""Reads on a plain sqlite3 connection, for commands that must answer at once.

`search`, `stats` and `check` run one query or a few; importing SQLAlchemy and declaring the
ORM models would take ten times longer than the queries themselves. So, when the file is an
existing crm-desktop database at the current schema (nothing to migrate), `open_current` gives
a plain connection and these functions read through it; otherwise it gives None and the caller
opens the database the usual way (`open_database`, which upgrades or says what is wrong).

Everything here is SQLite's own (PRAGMAs, FTS5): a server database would answer these through
the engine. `open_current` is the one place such a connection is made (through
`storage.encryption.connect` for an encrypted database).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crm_desktop.storage import row_counts
from crm_desktop.storage.row_counts import live_count_sql
from crm_desktop.storage.search.customers import SearchHit, search_direct
from crm_desktop.storage.sqlite_functions import (
    connect_read_only,
    damage_found,
    foreign_key_problems,
    is_sqlite_file,
)

# The schema these reads are written for: storage.database.SCHEMA_HEAD (a test keeps them
# equal), repeated here because importing storage.database costs more than the reads.
SCHEMA_HEAD = "0010_import7"

# Entity name (as the CLI and UI call it) -> (table, whether rows go to the trash), in the
# order `stats` lists them. The same as storage.maintenance.ENTITIES (a test keeps them equal),
# spelled out so that counting needs no ORM model.
ENTITY_TABLES: dict[str, tuple[str, bool]] = {
    "customers": ("customers", True), "contact_points": ("contact_points", False),
    "relationships": ("relationships", True), "interactions": ("interactions", True),
    "products": ("products", True), "pipelines": ("pipelines", False),
    "stages": ("stages", False), "opportunities": ("opportunities", True),
    "stage_changes": ("stage_changes", False), "quotes": ("quotes", True),
    "quote_lines": ("quote_lines", False), "orders": ("orders", True),
    "order_lines": ("order_lines", False), "contracts": ("contracts", True),
    "campaigns": ("campaigns", True), "campaign_members": ("campaign_members", False),
    "segments": ("segments", True), "tickets": ("tickets", True),
    "ticket_messages": ("ticket_messages", False),
    "survey_responses": ("survey_responses", False), "sales_targets": ("sales_targets", True),
    "audit_log": ("audit_log", False),
}


@dataclass(frozen=True)
class HealthReport:
    schema_version: str | None
    expected_version: str
    problems: tuple[str, ...]
    damaged: str | None = None  # the file is damaged: which backup to restore, and how
    # Customers a bulk import added that wait for the search index (storage.search.backlog):
    # not a problem (search finds them meanwhile), indexed by `check --repair` or the app.
    search_waiting: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and self.schema_version == self.expected_version


def index_and_audit_problems(connection: Any) -> list[str]:
    """What `check` finds wrong besides damage: a search index that does not have one row per
    customer, and audit entries changed, added or deleted since they were written (the hash
    chain). `connection`: sqlite3 or SQLAlchemy."""
    from crm_desktop.storage import audit_chain  # hashlib: only `check` needs it

    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    problems = []
    # FTS5 keeps one row per indexed document in its `_docsize` table: counting that plain
    # table takes 25 ms at a million customers where `count(*)` of the index itself reads
    # every document (0.8-3.5 s).
    search_rows = run("SELECT count(*) FROM customer_search_docsize").fetchone()[0]
    customer_rows = run("SELECT count(*) FROM customers").fetchone()[0]
    waiting = search_waiting(connection)
    if search_rows + waiting != customer_rows:
        problems.append(f"search index has {search_rows} rows for {customer_rows} customers"
                        + (f" ({waiting} waiting for the index)" if waiting else ""))
    cursor = connection.cursor() if isinstance(connection, sqlite3.Connection) \
        else audit_chain.cursor_of(connection)
    try:
        problems.extend(audit_chain.verify(cursor))
    finally:
        cursor.close()
    return problems


class _Runner:
    """`execute(sql)` on a sqlite3 or SQLAlchemy connection (what search.backlog reads
    through)."""

    def __init__(self, connection: Any) -> None:
        self.execute = getattr(connection, "exec_driver_sql", None) or connection.execute


def search_waiting(connection: Any) -> int:
    """Customers waiting for the search index (storage.search.backlog); `connection`: sqlite3
    or SQLAlchemy."""
    from crm_desktop.storage.search import backlog

    return backlog.waiting(_Runner(connection))


def damage_of(connection: Any, full: bool, passphrase: str | None = None) -> list[str]:
    """Damage in the file behind `connection`: `integrity_check` when `full` (every index
    against its table: a clean result stamps the file), else `quick_check` (of the file, with
    its `passphrase` when encrypted) unless the file's stamp still matches. An in-memory
    database has no file to stamp: it is checked in full."""
    from crm_desktop.storage import check_stamps
    from crm_desktop.storage.integrity import checked

    path = database_file(connection)
    if not path:
        return damage_found(connection)
    if not full:
        return list(checked(path, passphrase=passphrase, trust_stamp=True))
    before = check_stamps.state_of(path)
    damage = damage_found(connection)
    if damage:
        check_stamps.forget(path)
    else:
        check_stamps.record(path, before)
    return damage


def database_file(connection: Any) -> str:
    """The main file of `connection` ("" for an in-memory database)."""
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    row = run("SELECT file FROM pragma_database_list WHERE name = 'main'").fetchone()
    return str(row[0] or "") if row else ""


def open_current(path: Path | str, passphrase: str | None = None,
                 verify: bool = True) -> Any:
    """A read-only connection (sqlite3, or sqlcipher3 keyed with `passphrase` for an encrypted
    file) to the crm-desktop database at `path` when it is at the current schema; None when it
    is not (missing, not SQLite, not ours, older or newer, encrypted without a passphrase):
    then open it with `open_database`, which upgrades it or raises the error to show. A wrong
    passphrase raises `encryption.WrongPassphrase` at once. A damaged file raises
    `DamagedDatabase` (unless not `verify`: `check` reports the damage itself)."""
    from crm_desktop.storage import encryption

    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        if encryption.is_encrypted(path) or passphrase is not None:
            if passphrase is None or not encryption.is_encrypted(path):
                return None  # open_database says what is wrong
            connection = encryption.connect(path, passphrase, read_only=True)
        elif not is_sqlite_file(str(path)):
            return None
        else:
            # Read-only: a connection that may write would checkpoint a -wal it finds when it
            # closes, changing the file (and its stamp) for a read.
            connection = connect_read_only(path)
    except (OSError, sqlite3.Error):
        return None
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except (sqlite3.Error, encryption.cipher_errors()):
        row = None
    if row is None or row[0] != SCHEMA_HEAD:
        connection.close()
        return None
    if verify:
        from crm_desktop.storage.integrity import checked, damaged

        # A damaged file is refused (one line naming the newest good backup) before anything
        # is read from it, as `open_database` does; a file unchanged since it passed a full
        # check is trusted (storage.check_stamps).
        problems = checked(path, passphrase=passphrase, trust_stamp=True)
        if problems:
            connection.close()
            raise damaged(path, problems)
    return connection


def schema_version(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def live_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """Live rows per entity, as `maintenance.row_counts`: the counts the triggers keep
    (storage.row_counts), or counted from the tables when they are not kept."""
    kept = row_counts.read(connection)
    if kept is not None:
        return {name: kept[table] for name, (table, _soft) in ENTITY_TABLES.items()}
    return {name: int(connection.execute(live_count_sql(table, soft)).fetchone()[0])
            for name, (table, soft) in ENTITY_TABLES.items()}


def health(connection: sqlite3.Connection, full: bool = True,
           passphrase: str | None = None) -> HealthReport:
    """What `maintenance.check` reports (with the newest good backup when it is damaged).
    `full`: `integrity_check` and foreign keys; else the quick check trusting a matching stamp
    (`check` without `--full`). `passphrase`: the file's, when it is encrypted."""
    from crm_desktop.storage.integrity import damaged

    try:
        damage = damage_of(connection, full, passphrase)
        problems = [*damage, *(foreign_key_problems(connection) if full else ()),
                    *index_and_audit_problems(connection),
                    *(row_counts.problems(connection) if full else ())]
    except sqlite3.DatabaseError as error:  # too damaged for the checks to finish
        damage = problems = [str(error)]
    advice = None
    if damage:
        advice = str(damaged(Path(database_file(connection)), tuple(damage)))
    try:
        version = schema_version(connection)
        waiting = search_waiting(connection) if not damage else 0
    except sqlite3.DatabaseError:
        version, waiting = None, 0
    return HealthReport(version, SCHEMA_HEAD, tuple(problems), advice, waiting)


def search(connection: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """What `search.customers.find_customers` finds."""
    return search_direct(connection, query, limit)
