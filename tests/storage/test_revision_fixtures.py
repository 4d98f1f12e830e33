"""A database file of every schema revision (tests/storage/data/revision_*.db, two rows in every
table) opens, upgrades to the newest schema and keeps every row and every value."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory

from crm_desktop.storage.database import SCHEMA_HEAD, SCHEMA_REVISIONS, open_database
from crm_desktop.storage.maintenance import check
from crm_desktop.storage.migrate import alembic_config
from crm_desktop.storage.search.customers import find_customers
from tests.storage.revision_fixtures import ROWS, fixture_path


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    connection = sqlite3.connect(path)
    try:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        found = {}
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            found[table] = [dict(zip(names, row, strict=True)) for row in cursor]
    finally:
        connection.close()
    return found


def test_schema_revisions_are_alembics():
    script = ScriptDirectory.from_config(alembic_config())
    assert tuple(r.revision for r in reversed(list(script.walk_revisions()))) == SCHEMA_REVISIONS


@pytest.mark.parametrize("revision", SCHEMA_REVISIONS)
def test_a_fixture_exists_for_every_revision(revision):
    assert fixture_path(revision).is_file(), (
        f"no database file of revision {revision}: run "
        f"python -m tests.storage.revision_fixtures {revision} and commit it")


@pytest.mark.parametrize("revision", SCHEMA_REVISIONS)
def test_every_revision_upgrades_with_nothing_lost(tmp_path, revision):
    path = tmp_path / "old.db"
    shutil.copyfile(fixture_path(revision), path)
    before = _rows(path)
    assert before["alembic_version"] == [{"version_num": revision}]
    assert all(len(rows) == ROWS for table, rows in before.items()
               if table not in ("alembic_version", "audit_chain")
               and not table.startswith(("customer_s", "report_summary", "row_counts")))
    database = open_database(path)
    try:
        assert database.schema_version() == SCHEMA_HEAD
        assert check(database).ok
        assert len(find_customers(database, "北京")) == 1  # the other one is in the trash
    finally:
        database.close()
    after = _rows(path)
    for table, rows in before.items():
        if table == "alembic_version" or table.startswith(("report_summary", "row_counts")):
            continue  # derived data: the reports' monthly totals (recomputed when stale), counts
        kept = [{name: row[name] for name in rows[0]} for row in after[table]] if rows else []
        # Every row is still there as it was; later migrations may add rows of their own
        # (0005 stores the audit actor in settings).
        missing = [row for row in map(repr, rows) if row not in set(map(repr, kept))]
        assert not missing, (table, missing)
