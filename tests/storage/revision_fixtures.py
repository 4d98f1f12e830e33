"""Database files of every schema revision, with known rows in every table (for the upgrade
tests; the files are kept in tests/storage/data/ as an earlier release would have left them).

    python -m tests.storage.revision_fixtures REVISION   # writes data/revision_REVISION.db

Run it once for each new Alembic revision, right after adding it, and commit the file: later
revisions must upgrade it with nothing lost. The rows are generated from the schema itself (two
per table, values by column type, CHECK constraints and foreign keys respected), so every
column of every table holds a value: text with Chinese, quotes and emoji, dates, money.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import uuid
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
ROWS = 2
_IN = re.compile(r"CHECK \((\w+) IN \(([^)]*)\)\)")
_BETWEEN = re.compile(r"CHECK \((?:\w+ IS NULL OR \(?)?(\w+) BETWEEN (\d+) AND (\d+)\)?\)")
_RANGE = re.compile(r"CHECK \((\w+) >= (\d+) AND \w+ <= (\d+)\)")
_LENGTH = re.compile(r"VARCHAR\((\d+)\)")


def fixture_path(revision: str) -> Path:
    return DATA / f"revision_{revision}.db"


def build(revision: str, path: Path) -> Path:
    """A database at `revision` with `ROWS` rows in every table of ours."""
    from crm_desktop.storage.database import create_sqlite_engine
    from crm_desktop.storage.migrate import upgrade
    from crm_desktop.storage.sqlite_functions import configure_connection

    path.unlink(missing_ok=True)
    engine = create_sqlite_engine(path)
    upgrade(engine, revision)
    engine.dispose()
    connection = sqlite3.connect(path)
    configure_connection(connection)
    connection.execute("PRAGMA foreign_keys = OFF")  # rows may point at rows made later
    tables = _tables(connection)
    for table in tables:
        connection.execute(f'DELETE FROM "{table}"')  # rows a migration wrote (settings)
        _fill(connection, table)
    if "audit_chain" in tables:  # from 0005 the audit rows are sealed, as the app seals them
        from crm_desktop.storage.audit_chain import seal_all

        seal_all(connection.cursor())
    connection.commit()
    problems = connection.execute("PRAGMA foreign_key_check").fetchall()
    assert not problems, problems
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA page_size = 1024")  # small files in the repository
    connection.execute("VACUUM")
    connection.close()
    return path


def _tables(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search%'"
        " AND name NOT LIKE 'customer_short%' AND name != 'alembic_version'"
        " AND name NOT LIKE 'report_summary%' AND name != 'row_counts'"  # 0007, 0008: derived
        " ORDER BY name")]


def _fill(connection: sqlite3.Connection, table: str) -> None:
    sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    columns = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
    foreign = {row[3]: (row[2], index) for index, row in
               enumerate(connection.execute(f'PRAGMA foreign_key_list("{table}")'))}
    # audit_chain (0005) holds one row, the newest audit entry's seal, written by the migration.
    for number in range(0 if table == "audit_chain" else ROWS):
        values = {column[1]: _value(table, column, number, sql, foreign) for column in columns}
        names = ", ".join(f'"{n}"' for n in values)
        marks = ", ".join("?" for _ in values)
        connection.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                           list(values.values()))


def _value(table: str, column: tuple[Any, ...], number: int, sql: str,
           foreign: dict[str, tuple[str, int]]) -> Any:
    name, declared = column[1], column[2].upper()
    if name == "id":
        return number + 1
    if name == "deleted_at" and number == 0:  # one live row and one in the trash
        return None
    if name in foreign:  # rows 1 and 2 of the other table, a different one per reference
        return (number + foreign[name][1]) % ROWS + 1
    for match in _IN.finditer(sql):
        if match.group(1) == name:
            choices = [c.strip().strip("'") for c in match.group(2).split(",")]
            return choices[number % len(choices)]
    for match in _BETWEEN.finditer(sql):
        if match.group(1) == name:
            return min(int(match.group(2)) + 1 + number, int(match.group(3)))
    for match in _RANGE.finditer(sql):
        if match.group(1) == name:
            return 0.5
    if name == "uuid" or declared == "VARCHAR(36)":
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{table}.{name}.{number}"))
    if declared in ("INTEGER", "BIGINT"):
        return 1000 * (number + 1) + 7
    if declared == "BOOLEAN":
        return number % 2
    if declared == "FLOAT":
        return 0.25 + number
    if declared == "DATETIME":
        return f"2024-0{number + 1}-02 03:04:05.000006"
    if declared == "DATE":
        return f"2024-0{number + 1}-02"
    if declared == "JSON":
        return '{"旧": "value \\"quoted\\"", "n": 1}'
    if declared == "BLOB":
        return bytes([0, 1, 2, 255, number])
    text = f"{table}.{name} {number} 北京 'q' \"qq\" 😀"
    length = _LENGTH.fullmatch(declared)
    return text[: int(length.group(1))] if length else text


if __name__ == "__main__":
    for revision in sys.argv[1:]:
        print(build(revision, fixture_path(revision)))
