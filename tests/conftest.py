"""Shared fixtures: every test gets its own fresh database, copied from one migrated template."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Integrity stamps (storage.check_stamps) of the tests' databases go to a folder of this run,
# not the user's cache; subprocesses inherit it.
os.environ.setdefault("CRM_DESKTOP_CHECK_STAMPS", tempfile.mkdtemp(prefix="crm-stamps-"))

from crm_desktop.storage.database import Database, open_database  # noqa: E402


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the newest schema, made once (migrating takes a moment)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = open_database(path)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "crm.db"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


def demo_database_file(tmp_path_factory: pytest.TempPathFactory, template_db: Path, name: str,
                       customers: int, seed: int) -> Path:
    """A database file with reproducible demo data (for module-scoped fixtures: generating it
    takes seconds)."""
    from crm_desktop.storage.demo.generate import generate

    path = tmp_path_factory.mktemp(name) / "demo.db"
    shutil.copyfile(template_db, path)
    database = open_database(path)
    generate(database, customers, seed=seed)
    database.close()
    return path
