"""XLSX export re-imports exactly through our import (finding 4): before, `'=x` came back as
`=x`, CR as LF and control characters were dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crm_desktop.services.customers import CustomerForm, save_customer
from crm_desktop.storage.database import Database, open_database
from crm_desktop.storage.export.files import export, xlsx_escape, xlsx_unescape
from crm_desktop.storage.importing import run_import

TEXTS = [
    "'=x", "=1+1", "''=y", "-minus", "@at", "a\rb", "crlf\r\nline", "tab\tin", "bell\x07 and \x01",
    'quote "double" and \'single\'', "_x000D_ literal", "_x005F_x0041_", "北京公司 ‏RTL‏ 😀",
    "zero\u200bwidth", "'; DROP TABLE customers; --",
]


def _customers(database: Database) -> list[tuple[str, str]]:
    with database.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT name, coalesce(notes, '') FROM customers ORDER BY name").fetchall()
    return sorted((str(name), str(notes)) for name, notes in rows)


@pytest.mark.parametrize("text", TEXTS + ["_x", "a_x12_b", "\x00", "x_x0000_y"])
def test_the_xlsx_escape_round_trips(text):
    assert xlsx_unescape(xlsx_escape(text)) == text


def test_xlsx_export_reimports_exactly(db, db_path, tmp_path, template_db: Path):
    for number, text in enumerate(TEXTS):
        save_customer(db, None, CustomerForm({"name": f"N{number} {text}", "notes": text}))
    before = _customers(db)
    out = tmp_path / "customers.xlsx"
    assert export(db, "customers", "xlsx", out) == len(TEXTS)
    fresh_path = tmp_path / "fresh.db"
    shutil.copyfile(template_db, fresh_path)
    fresh = open_database(fresh_path)
    try:
        report = run_import(fresh, out)
        assert report.invalid == [] and report.imported == len(TEXTS)
        assert _customers(fresh) == before
    finally:
        fresh.close()


def _reimport(db, tmp_path, template_db, fmt):
    for number, text in enumerate(TEXTS):
        save_customer(db, None, CustomerForm({"name": f"N{number} {text}", "notes": text}))
    out = tmp_path / f"customers.{fmt}"
    assert export(db, "customers", fmt, out) == len(TEXTS)
    fresh_path = tmp_path / "fresh.db"
    shutil.copyfile(template_db, fresh_path)
    fresh = open_database(fresh_path)
    return out, fresh


def test_vcard_export_reimports_exactly(db, tmp_path, template_db: Path):
    out, fresh = _reimport(db, tmp_path, template_db, "vcf")
    try:
        report = run_import(fresh, out)
        assert report.invalid == [] and report.imported == len(TEXTS)
        assert _customers(fresh) == _customers(db)
        with fresh.engine.connect() as connection:
            assert connection.exec_driver_sql(
                "SELECT count(*) FROM customers WHERE external_id IS NOT NULL").scalar() == 0
    finally:
        fresh.close()


@pytest.mark.parametrize("fmt", ["vcf", "xlsx"])
def test_56_demo_customers_stay_56(db, tmp_path, template_db: Path, fmt):
    """Companies and their people: the export's ORG lines create no extra company."""
    from crm_desktop.services.data import load_demo

    load_demo(db, 56, seed=1)
    out = tmp_path / f"customers.{fmt}"
    assert export(db, "customers", fmt, out) == 56
    fresh_path = tmp_path / "fresh.db"
    shutil.copyfile(template_db, fresh_path)
    fresh = open_database(fresh_path)
    try:
        report = run_import(fresh, out)
        assert report.invalid == [] and report.companies_created == 0
        assert [name for name, _notes in _customers(fresh)] == [
            name for name, _notes in _customers(db)]
    finally:
        fresh.close()
