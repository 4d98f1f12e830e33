"""Alembic: the chain is linear, old databases upgrade, models and migrations agree."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from crm_desktop.models import Base
from crm_desktop.storage.database import SCHEMA_HEAD, create_sqlite_engine, open_database
from crm_desktop.storage.migrate import alembic_config, upgrade

DATA = Path(__file__).parent / "data"


def test_head_constant_matches_alembic():
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_chain_is_linear():
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert all(not isinstance(r.down_revision, tuple) for r in revisions)


def _diff(engine):
    from crm_desktop.storage.migrations_filter import include_object

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        return compare_metadata(context, Base.metadata)


def test_models_and_migrations_agree(db):
    assert _diff(db.engine) == []


def test_disagreement_is_detected(db):
    with db.engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE customers DROP COLUMN website")
    assert any("website" in str(change) for change in _diff(db.engine))


def test_initial_revision_database_upgrades_to_head(tmp_path):
    """A database file made by the first release (revision 0001, kept in tests/data) opens,
    upgrades to head and keeps its rows."""
    path = tmp_path / "old.db"
    shutil.copyfile(DATA / "schema_0001.db", path)
    database = open_database(path)
    assert database.schema_version() == SCHEMA_HEAD
    with database.engine.connect() as connection:
        names = connection.execute(text("SELECT name FROM customers ORDER BY id")).scalars().all()
        tables = connection.execute(
            text("SELECT name FROM sqlite_master WHERE name = 'graph_layout'")
        ).all()
    assert names == ["Old Customer", "老客户"]
    assert tables
    database.close()


def test_upgrade_step_by_step(tmp_path):
    engine = create_sqlite_engine(tmp_path / "steps.db")
    upgrade(engine, "0001_initial")
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == "0001_initial"
    upgrade(engine, "head")
    assert _diff(engine) == []
    engine.dispose()
