"""Re-importing our own export changes nothing (issue 10, bugs 2 and 3).

A demo database is exported to CSV and the same file imported back with `on_match="update"`:
every row must match its customer and leave every column of every customer and contact as it
was, churned_at and updated_at included (an update that changes nothing writes nothing).
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crm_desktop.models import Customer
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.database import Database, open_database
from crm_desktop.storage.demo.generate import generate
from crm_desktop.storage.export.files import export
from crm_desktop.storage.importing import run_import

CUSTOMERS = 2000  # with seed 3, the old generator made 3 unlisted Singapore numbers
NOW = datetime(2025, 6, 1)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    path = tmp_path_factory.mktemp("round_trip") / "demo.db"
    shutil.copyfile(template_db, path)
    database = open_database(path)
    generate(database, CUSTOMERS, seed=3, now=NOW)
    database.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_file, path)
    database = open_database(path)
    yield database
    database.close()


def _table(database: Database, table: str) -> dict[int, dict[str, Any]]:
    with database.engine.connect() as connection:
        result = connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
        return {row.id: dict(row._mapping) for row in result}


def _changes(before: dict[int, dict[str, Any]], after: dict[int, dict[str, Any]]
             ) -> dict[str, int]:
    changed: dict[str, int] = {}
    for key, row in before.items():
        for column, value in row.items():
            if after[key][column] != value:
                changed[column] = changed.get(column, 0) + 1
    return changed


def test_the_export_carries_churned_at(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "customers.csv"
    export(demo, "customers", "csv", out)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    churned = [row for row in rows if row["status"] == "churned"]
    assert churned and all(row["churned_at"] for row in churned)
    assert all(not row["churned_at"] for row in rows if row["status"] != "churned")


def test_reimporting_the_export_changes_no_customer(demo: Database, tmp_path: Path) -> None:
    customers, contacts = _table(demo, "customers"), _table(demo, "contact_points")
    churned = sum(1 for row in customers.values() if row["status"] == "churned")
    assert churned > 0.02 * CUSTOMERS  # enough churned customers to carry churned_at
    out = tmp_path / "customers.csv"
    assert export(demo, "customers", "csv", out) == CUSTOMERS
    report = run_import(demo, out, on_match="update")
    assert report.invalid == [] and report.warnings == []
    assert report.imported == 0 and report.companies_created == 0
    # The demo plants duplicate persons (same e-mail or phone as an earlier one): the file
    # repeats those keys, and the later rows are reported and left alone.
    assert report.updated + len(report.duplicates) == CUSTOMERS
    after = _table(demo, "customers")
    assert _changes(customers, after) == {}
    assert after == customers
    assert _table(demo, "contact_points") == contacts


def test_reimporting_a_churned_customer_as_churned_keeps_churned_at(
        demo: Database, tmp_path: Path) -> None:
    """A file from elsewhere (no churned_at column) saying 'churned' again changes nothing."""
    customers = _table(demo, "customers")
    gone = [row for row in customers.values() if row["status"] == "churned"][:20]
    path = tmp_path / "status.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["uuid", "name", "status"])
        writer.writerows([row["uuid"], row["name"], "churned"] for row in gone)
    report = run_import(demo, path, on_match="update")
    assert report.updated == len(gone) and report.invalid == []
    after = _table(demo, "customers")
    assert [after[row["id"]]["churned_at"] for row in gone] == [row["churned_at"] for row in gone]


def test_a_person_stays_with_their_company_when_two_have_its_name(db: Database,
                                                                 tmp_path: Path) -> None:
    with db.session() as session:
        create_customer(session, {"name": "Lakeside Health LLC", "kind": "company"})
        second = create_customer(session, {"name": "Lakeside Health LLC", "kind": "company"})
        person = create_customer(session, {"name": "Ada", "company_id": second.id})
        uuid, second_id, person_id = person.uuid, second.id, person.id
    path = tmp_path / "people.csv"
    path.write_text(f"uuid,name,company\n{uuid},Ada,lakeside health llc\n", encoding="utf-8")
    report = run_import(db, path, on_match="update")
    assert report.updated == 1 and report.companies_created == 0
    with db.session() as session:
        assert session.get(Customer, person_id).company_id == second_id
