"""Live rows per entity table, kept in the database by triggers (revision 0008), so that `stats`
and the status bar read 22 numbers instead of counting millions of rows (`count(*)` of 3.3
million orders, less those in the trash, took 180 ms+ at a million customers).

``row_counts`` holds one row per counted table: its live rows (rows in the trash left out).
Triggers on each table keep it exact for every writer (the app, the bulk import, another
program, undo, merge): +1 on an insert of a live row, -1 on a delete of one, and +1 / -1 when
an update moves a row out of or back from the trash. A restored backup brings its own counts
(and an older one is upgraded through this revision, which counts). Loaders that drop the
triggers for speed (demo data into a new file) `recount` the tables before putting them back.

SQLite fires no delete trigger for a row that ``INSERT OR REPLACE`` replaces (unless
recursive triggers are on): nothing of ours replaces rows of a counted table that way (a test
writes through every path and compares with ``count(*)``). Should the triggers ever be missing
(a future migration that rebuilds a table drops its triggers), `read` gives None and callers
count the slow way; `check --full` compares the counts with the tables (`problems`).

Plain SQL on a DB-API cursor (sqlite3, or SQLAlchemy's raw connection): `stats` reads it
without importing SQLAlchemy. Derived data: not audited, not in the models (migrations_filter).
"""

from __future__ import annotations

from typing import Any

TABLE = "row_counts"

# Counted table -> whether its rows go to the trash (`deleted_at`); the tables of
# storage.direct.ENTITY_TABLES (a test keeps them equal).
COUNTED: dict[str, bool] = {
    "customers": True, "contact_points": False, "relationships": True, "interactions": True,
    "products": True, "pipelines": False, "stages": False, "opportunities": True,
    "stage_changes": False, "quotes": True, "quote_lines": False, "orders": True,
    "order_lines": False, "contracts": True, "campaigns": True, "campaign_members": False,
    "segments": True, "tickets": True, "ticket_messages": False, "survey_responses": False,
    "sales_targets": True, "audit_log": False,
}


def live_count_sql(table: str, soft: bool) -> str:
    """The live rows of a table counted from the table: all rows less those in the trash.
    (`count(*)` of a whole table counts b-tree cells without reading the rows, and the trash
    is small, so this is several times faster than `count(*) ... WHERE deleted_at IS NULL`.)"""
    if not soft:
        return f"SELECT count(*) FROM {table}"
    return (f"SELECT (SELECT count(*) FROM {table}) - "
            f"(SELECT count(*) FROM {table} WHERE deleted_at IS NOT NULL)")


def _add(table: str, amount: str) -> str:
    return f"UPDATE {TABLE} SET live = live + {amount} WHERE name = '{table}';"


def _triggers(table: str, soft: bool) -> dict[str, str]:
    """Trigger name -> CREATE TRIGGER statement, for one counted table."""
    if not soft:
        return {
            f"{TABLE}_{table}_ai": f"CREATE TRIGGER IF NOT EXISTS {TABLE}_{table}_ai "
            f"AFTER INSERT ON {table} BEGIN {_add(table, '1')} END",
            f"{TABLE}_{table}_ad": f"CREATE TRIGGER IF NOT EXISTS {TABLE}_{table}_ad "
            f"AFTER DELETE ON {table} BEGIN {_add(table, '-1')} END",
        }
    return {
        f"{TABLE}_{table}_ai": f"CREATE TRIGGER IF NOT EXISTS {TABLE}_{table}_ai "
        f"AFTER INSERT ON {table} WHEN NEW.deleted_at IS NULL BEGIN {_add(table, '1')} END",
        f"{TABLE}_{table}_ad": f"CREATE TRIGGER IF NOT EXISTS {TABLE}_{table}_ad "
        f"AFTER DELETE ON {table} WHEN OLD.deleted_at IS NULL BEGIN {_add(table, '-1')} END",
        f"{TABLE}_{table}_au": f"CREATE TRIGGER IF NOT EXISTS {TABLE}_{table}_au "
        f"AFTER UPDATE OF deleted_at ON {table} "
        f"WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN "
        f"{_add(table, 'CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END')} END",
    }


def _all_triggers() -> dict[str, str]:
    triggers: dict[str, str] = {}
    for table, soft in COUNTED.items():
        triggers.update(_triggers(table, soft))
    return triggers


TRIGGERS = _all_triggers()


def create_triggers_sql() -> list[str]:
    return list(TRIGGERS.values())


def drop_triggers_sql() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]


def schema_sql() -> list[str]:
    """The table (empty: `recount` fills it) and its triggers."""
    return [f"CREATE TABLE IF NOT EXISTS {TABLE} (name TEXT PRIMARY KEY, "
            "live INTEGER NOT NULL) WITHOUT ROWID", *create_triggers_sql()]


def drop_sql() -> list[str]:
    return [*drop_triggers_sql(), f"DROP TABLE IF EXISTS {TABLE}"]


def recount(cursor: Any, tables: tuple[str, ...] | None = None) -> None:
    """Count `tables` (all counted tables when None) from the tables themselves, in the
    caller's transaction."""
    for table in tables if tables is not None else tuple(COUNTED):
        cursor.execute(f"INSERT OR REPLACE INTO {TABLE} (name, live) VALUES "
                       f"('{table}', ({live_count_sql(table, COUNTED[table])}))")


def read(cursor: Any) -> dict[str, int] | None:
    """Live rows per counted table, as kept by the triggers; None when the counts cannot be
    trusted (no table: an older schema; a table without its row or a trigger missing)."""
    present = cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '!'",
        (f"{TABLE}!_%",)).fetchone()[0]
    if present != len(TRIGGERS):
        return None
    counts = {str(name): int(live) for name, live in
              cursor.execute(f"SELECT name, live FROM {TABLE}").fetchall()}
    if set(counts) != set(COUNTED):
        return None
    return counts


def problems(cursor: Any) -> list[str]:
    """Where the kept counts differ from the tables (reads every counted table: `check
    --full` only), or their triggers are missing."""
    kept = read(cursor)
    if kept is None:
        return ["row counts are not kept (a counting trigger or row is missing)"]
    found = []
    for table, soft in COUNTED.items():
        actual = int(cursor.execute(live_count_sql(table, soft)).fetchone()[0])
        if kept[table] != actual:
            found.append(f"row count of {table} is {kept[table]}, the table has {actual}")
    return found
