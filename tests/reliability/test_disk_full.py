"""A full disk (SQLite's `max_page_count`: the file may not grow past a limit) in the middle of
an import, demo data and an ordinary edit: one line naming the file and the reason, nothing of
the transaction kept, the file whole, and the database usable again once there is room."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from sqlalchemy import event

from crm_desktop.services.customers import CustomerForm, save_customer
from crm_desktop.services.data import import_file, load_demo
from crm_desktop.storage.database import Database, open_database
from crm_desktop.storage.errors import DiskFull
from tests.reliability.faults import integrity, seeds, snapshot

pytestmark = pytest.mark.reliability


def _limit_growth(database: Database, pages: int) -> None:
    """From now on the file may grow by at most `pages` pages (every new connection)."""
    with database.engine.connect() as connection:
        now = connection.exec_driver_sql("PRAGMA page_count").scalar()
    limit = int(now or 0) + pages
    event.listen(database.engine, "connect",
                 lambda dbapi, _record: dbapi.execute(f"PRAGMA max_page_count = {limit}"))
    database.engine.dispose()


def _assert_disk_full(error: DiskFull, path: Path) -> None:
    message = str(error)
    assert "\n" not in message and str(path) in message and "disk is full" in message


@pytest.fixture(scope="module")
def customers_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("full") / "customers.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Name,Email,City,Notes\n")
        for i in range(6000):
            handle.write(f"Voll {i},v{i}@example.com,City {i % 40},{'x' * (i % 300)}\n")
    return path


@pytest.mark.parametrize("seed", seeds(4))
def test_disk_full_during_import(db, db_path, customers_csv, seed):
    """The limit falls at a random point of the import."""
    pages = random.Random(seed).randint(0, 400)
    before = snapshot(db_path)
    _limit_growth(db, pages)
    with pytest.raises(DiskFull) as caught:
        import_file(db, customers_csv)
    _assert_disk_full(caught.value, db_path)
    db.close()
    assert integrity(db_path) == [] and snapshot(db_path) == before
    again = open_database(db_path)  # room again: the same import now lands whole
    try:
        assert import_file(again, customers_csv).value.imported == 6000
    finally:
        again.close()
    assert integrity(db_path) == []


def test_disk_full_during_demo_data(db, db_path):
    before = snapshot(db_path)
    _limit_growth(db, 50)
    with pytest.raises(DiskFull) as caught:
        load_demo(db, 300)
    _assert_disk_full(caught.value, db_path)
    db.close()
    assert integrity(db_path) == [] and snapshot(db_path) == before


def test_disk_full_during_an_edit(db, db_path):
    before = snapshot(db_path)
    _limit_growth(db, 0)
    with pytest.raises(DiskFull) as caught:
        save_customer(db, None, CustomerForm({"name": "Big", "notes": "n" * 200_000}))
    _assert_disk_full(caught.value, db_path)
    db.close()
    assert integrity(db_path) == [] and snapshot(db_path) == before


def test_the_command_line_says_so_in_one_line(capsys, db_path, tmp_path, monkeypatch):
    from crm_desktop.cli import main
    from crm_desktop.storage import database as storage_database

    copy = tmp_path / "copy.db"
    shutil.copyfile(db_path, copy)
    original = storage_database.create_sqlite_engine

    def limited(path, **options):  # the disk fills up as soon as anything is written
        engine = original(path, **options)
        event.listen(engine, "connect",
                     lambda dbapi, _record: dbapi.execute("PRAGMA max_page_count = 1"))
        return engine

    monkeypatch.setattr(storage_database, "create_sqlite_engine", limited)
    source = tmp_path / "in.csv"
    source.write_text("Name\n" + "".join(f"N{i}\n" for i in range(500)), encoding="utf-8")
    assert main(["import", str(source), "--db", str(copy)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk is full" in err and str(copy) in err
