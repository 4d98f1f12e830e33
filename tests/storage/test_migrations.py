"""Alembic: the chain is linear, old databases upgrade, models and migrations agree."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import SAWarning

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

    with engine.connect() as connection, warnings.catch_warnings():
        # SQLAlchemy cannot reflect an index on an expression (revision 0006's email domain)
        # and says so; include_object leaves those indexes out of the comparison.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based "
                                "index", SAWarning)
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified "
                                "expression-based index", UserWarning)
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


def test_schema_0003_database_upgrades_with_targets_holdout_and_win_probability(tmp_path):
    """A database at revision 0003 (kept in tests/data) gains the sales targets table, the
    holdout flag (existing members are not holdout), the stored win probability and the
    report indexes, and keeps its rows."""
    path = tmp_path / "v3.db"
    shutil.copyfile(DATA / "schema_0003.db", path)
    database = open_database(path)
    assert database.schema_version() == SCHEMA_HEAD
    with database.engine.connect() as connection:
        members = connection.execute(
            text("SELECT customer_id, holdout FROM campaign_members")).all()
        deals = connection.execute(
            text("SELECT name, win_probability, win_probability_at FROM opportunities")).all()
        targets = connection.execute(text("SELECT COUNT(*) FROM sales_targets")).scalar()
        indexes = set(connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%report%'"
        )).scalars())
        total = connection.execute(text("SELECT total FROM orders")).scalar()
    assert [tuple(m) for m in members] == [(1, 0)]
    assert [tuple(d) for d in deals] == [("Old deal", None, None)]
    assert targets == 0 and total == 123456
    assert indexes == {"ix_orders_report_month", "ix_orders_report_customer",
                       "ix_orders_report_lookup", "ix_order_lines_report"}
    with database.engine.connect() as connection:  # 0007: the reports' daily totals
        summary = connection.execute(text(
            "SELECT day, orders, cents FROM report_summary_orders")).all()
        stale = connection.execute(text("SELECT COUNT(*) FROM report_summary_stale")).scalar()
    assert [(row[1], row[2]) for row in summary] == [(1, 123456)]  # its one paid order
    assert stale == 0
    assert _diff(database.engine) == []
    database.close()


def test_0004_downgrades_to_0003(tmp_path):
    from alembic import command

    engine = create_sqlite_engine(tmp_path / "down.db")
    upgrade(engine, "head")
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003_search_indexes")
    with engine.connect() as connection:
        columns = {row[1] for row in connection.exec_driver_sql(
            "PRAGMA table_info(campaign_members)")}
        tables = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE name = 'sales_targets'").all()
    assert "holdout" not in columns and not tables
    engine.dispose()
