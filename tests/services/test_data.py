"""Data in and out without Qt: what an import, a restore and demo data report as changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop.models import Customer, Order
from crm_desktop.services import data
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import DatabaseError
from crm_desktop.storage.importing import ImportAborted

CSV = ("Full Name,E-mail\nAda Lovelace,ada@example.com\nBad Row,not-an-email\n"
       "Alan Turing,alan@example.org\n")


def _count(db, model=Customer) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_import_reports_the_tables_it_wrote(db, people):
    dry = data.import_file(db, people, dry_run=True)
    assert dry.value.imported == 2 and not dry.changes and _count(db) == 0
    outcome = data.import_file(db, people)
    assert (outcome.value.imported, outcome.value.invalid_rows) == (2, 1)
    assert outcome.changes.entities == {"customers", "contact_points"}
    assert _count(db) == 2
    again = data.import_file(db, people, on_match="skip")
    assert again.value.imported == 0 and not again.changes


def test_an_aborted_import_writes_nothing(db, people):
    with pytest.raises(ImportAborted):
        data.import_file(db, people, on_invalid="abort")
    assert _count(db) == 0


def test_import_of_orders_names_orders_and_customers(db, tmp_path):
    with db.session() as session:
        create_customer(session, {"name": "Ada"}, emails=["ada@example.com"])
    orders = tmp_path / "orders.csv"
    orders.write_text("Order Number,Customer Email,Order Date,Total\n"
                      "A-1,ada@example.com,2026-01-02,10.50\n", encoding="utf-8")
    outcome = data.import_file(db, orders, "orders")
    assert outcome.changes.entities == {"orders", "customers"} and _count(db, Order) == 1


def test_backup_rotation_and_restore(db, db_path, tmp_path):
    folder = tmp_path / "kept"
    folder.mkdir()
    made = [data.backup_database(db_path, folder, keep=2) for _ in range(3)]
    assert sorted(folder.iterdir()) == sorted(made[1:])
    with db.session() as session:
        create_customer(session, {"name": "After the backup"})
    restored = data.restore_backup(db_path, made[-1])
    assert restored.value is not None and restored.value.exists()
    assert {"customers", "orders", "settings", "campaign_members"} <= restored.changes.entities
    assert _count(db) == 0
    with pytest.raises(DatabaseError):
        data.backup_database(tmp_path / "missing.db")


def test_demo_data_reports_every_table_it_filled(db):
    outcome = data.load_demo(db, 12, seed=3)
    assert outcome.value["customers"] == 12 == _count(db)
    filled = {table for table, rows in outcome.value.items() if rows}
    assert filled <= outcome.changes.entities and "customers" in filled


def test_cancelled_demo_writes_nothing(db):
    from crm_desktop.storage.demo.generate import Cancelled

    with pytest.raises(Cancelled):
        data.load_demo(db, 12, cancelled=lambda: True)
    assert _count(db) == 0
