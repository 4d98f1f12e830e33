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
