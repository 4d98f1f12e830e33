"""storage.direct (plain sqlite3 reads for the quick commands) answers exactly what the usual
path answers, opens only databases at the current schema, and needs no SQLAlchemy."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from crm_desktop.models import SoftDeletable
from crm_desktop.storage import direct
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.database import SCHEMA_HEAD
from crm_desktop.storage.maintenance import ENTITIES, check, row_counts
from crm_desktop.storage.query import soft_delete
from crm_desktop.storage.search.customers import find_customers


@pytest.fixture
def filled(db):
    from crm_desktop.models import Customer

    with db.session() as session:
        for i in range(30):
            create_customer(session, {"name": f"Ada {i}", "city": "London"},
                            emails=[f"ada{i}@example.com"], phones=[f"+1 415 555 {i:04d}"])
        create_customer(session, {"name": "张伟明", "city": "北京"})
        gone = create_customer(session, {"name": "Ada Gone"}, emails=["gone@example.com"])
    with db.session() as session:
        soft_delete(session, Customer, gone.id)
    return db


def test_the_tables_and_schema_are_the_orm_s():
    assert direct.SCHEMA_HEAD == SCHEMA_HEAD
    assert list(direct.ENTITY_TABLES) == list(ENTITIES)
    for name, model in ENTITIES.items():
        assert direct.ENTITY_TABLES[name] == (model.__tablename__, issubclass(model, SoftDeletable))


def test_counts_search_and_check_equal_the_usual_path(filled):
    with closing(direct.open_current(filled.path)) as connection:
        assert direct.live_counts(connection) == row_counts(filled)
        assert direct.live_counts(connection)["customers"] == 31  # the deleted one left out
        for query in ("ada", "Ada 1", "伟明", "伟", "4155550012", "gone", "london ada"):
            assert direct.search(connection, query, 7) == find_customers(filled, query, 7)
        assert direct.health(connection) == check(filled)
        assert direct.health(connection).ok
        with closing(sqlite3.connect(filled.path)) as writer:  # the direct one only reads
            writer.execute("DELETE FROM customer_search WHERE rowid = 3")
            writer.commit()
        assert direct.health(connection) == check(filled)
        assert "search index has 31 rows for 32 customers" in direct.health(connection).problems


def test_only_a_database_at_the_current_schema_opens(db_path, tmp_path):
    assert direct.open_current(tmp_path / "missing.db") is None
    assert not (tmp_path / "missing.db").exists()  # looking did not create it
    (tmp_path / "empty.db").write_bytes(b"")
    assert direct.open_current(tmp_path / "empty.db") is None
    (tmp_path / "text.db").write_text("not a database")
    assert direct.open_current(tmp_path / "text.db") is None
    foreign = tmp_path / "foreign.db"
    with closing(sqlite3.connect(foreign)) as connection:
        connection.execute("CREATE TABLE t (x)")
    assert direct.open_current(foreign) is None
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0002_graph_layout'")
        connection.commit()
    assert direct.open_current(db_path) is None  # older: the usual open upgrades it
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (SCHEMA_HEAD,))
        connection.commit()
    with closing(direct.open_current(db_path)) as connection:
        assert direct.schema_version(connection) == SCHEMA_HEAD


@pytest.mark.parametrize("command", [["stats"], ["check"], ["search", "ada"]])
def test_quick_commands_never_import_sqlalchemy(filled, command):
    filled.close()
    script = ("import sys; from crm_desktop.cli import main; "
              f"code = main({[*command, '--db', str(filled.path)]!r}); "
              "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy imported'; "
              "assert 'crm_desktop.models' not in sys.modules, 'models imported'; "
              "raise SystemExit(code)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout


def test_an_older_database_still_answers_through_the_usual_path(db_path, capsys):
    from crm_desktop.cli import main

    # A database kept at schema 0003 (before sales targets): the quick path sees an older
    # schema and hands over to the usual one, which upgrades it.
    shutil.copyfile(Path(__file__).parent / "data" / "schema_0003.db", db_path)
    assert main(["check", "--db", str(db_path)]) == 0  # upgraded, then checked
    assert f"schema: {SCHEMA_HEAD}" in capsys.readouterr().out
