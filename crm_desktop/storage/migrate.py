"""Alembic, run from inside the app: upgrade to head, report revisions.

An upgrade runs in one SQLite transaction, DDL included: Python's sqlite3 module commits each
CREATE/ALTER/DROP on its own unless a transaction was begun explicitly, so without that a crash
part-way left some tables made and no schema version. Here the driver's own transaction
handling is switched off and BEGIN IMMEDIATE/COMMIT are sent by hand: all of it or none.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    upgrade(engine, "head")


def upgrade(engine: Engine, revision: str) -> None:
    log.info("upgrading %s to %s", engine.url, revision)
    config = alembic_config(engine)
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        previous = driver.isolation_level
        driver.isolation_level = None  # no implicit transactions: ours spans the DDL too
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                connection.exec_driver_sql("COMMIT")
            except BaseException:
                if driver.in_transaction:
                    driver.execute("ROLLBACK")
                raise
        finally:
            driver.isolation_level = previous
