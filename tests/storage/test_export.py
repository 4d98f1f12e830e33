"""Export: round trips through CSV, Excel and vCard, and formula-injection neutralisation."""

from __future__ import annotations

import csv
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm_desktop.models import Customer, Opportunity, Order, Ticket
from crm_desktop.storage.activities import log_interaction
from crm_desktop.storage.customers import ContactInput, create_customer
from crm_desktop.storage.database import open_database
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.export.files import export, neutralize_cell, restore_cell
from crm_desktop.storage.importing import run_import
from crm_desktop.storage.pipeline import create_opportunity
from crm_desktop.storage.query import Filter
from crm_desktop.storage.sales import LineInput, create_order
from crm_desktop.storage.service import open_ticket

SKIP = {"id", "uuid", "created_at", "updated_at", "company_id", "deleted_at"}


def _fill(db) -> None:
    with db.session() as s:
        acme = create_customer(s, {"name": "Acme, Inc.", "kind": "company", "city": "Paris"})
        ada = create_customer(
            s, {"name": "Ada Lovelace", "company_id": acme.id, "job_title": "Countess",
                "birthday": date(1815, 12, 10), "status": "customer", "rating": 5,
                "tags": "vip, wholesale", "notes": "line one\nline two, with \"quotes\"",
                "custom_fields": {"shoe size": 38, "vegan": True}, "country": "GB",
                "touch_every_days": 30, "external_id": "HS-1"},
            emails=[ContactInput("email", "ada@example.com", "work", True),
                    ContactInput("email", "ada@home.example", "home")],
            phones=[ContactInput("phone", "+14155550100", "mobile", True),
                    ContactInput("phone", "+442079460123", "work")],
        )
        create_customer(s, {"name": "=HYPERLINK(\"http://evil\")", "notes": "-2+3",
                            "owner": "@admin", "city": "\tTab"},
                        emails=["evil@example.com"])
        create_customer(s, {"name": "张伟", "city": "北京"}, phones=["+86 138 0013 8000"])
        # Excel keeps times to the millisecond (CSV keeps microseconds: test_import_round_trip)
        create_customer(s, {"name": "Gone Ltd", "kind": "company", "status": "churned",
                            "churned_at": datetime(2025, 2, 3, 4, 5, 6, 789000)})
        create_order(s, {"customer_id": ada.id, "number": "SO-9", "ordered_at":
                         datetime(2024, 3, 1, 10, 30)},
                     [LineInput("Widget", 3, "19.99"), LineInput("Gadget", 1, "-5.00")])
        create_opportunity(s, {"customer_id": ada.id, "name": "Big deal", "amount": "5000"})
        open_ticket(s, {"customer_id": ada.id, "subject": "Broken", "priority": "high",
                        "body": "It broke"})
        log_interaction(s, {"customer_id": ada.id, "kind": "call", "subject": "Intro",
                            "occurred_at": datetime(2024, 1, 2, 9, 0)})


def _customers(db) -> dict[str, dict[str, object]]:
    with db.session() as s:
        rows = s.scalars(select(Customer).options(selectinload(Customer.contacts),
                                                  selectinload(Customer.company)))
        return {
            c.name: {
                **{col.name: getattr(c, col.key) for col in Customer.__table__.columns
                   if col.name not in SKIP},
                "company": c.company.name if c.company else None,
                "contacts": sorted((p.kind, p.value, p.label, p.is_primary) for p in c.contacts),
            }
            for c in rows
        }


@pytest.fixture
def filled(db):
    _fill(db)
    return db


@pytest.fixture
def empty(template_db, tmp_path):
    path = tmp_path / "empty.db"
    shutil.copyfile(template_db, path)
    database = open_database(path)
    yield database
    database.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_into_an_empty_database(filled, empty, tmp_path, fmt):
    out = tmp_path / f"customers.{fmt}"
    assert export(filled, "customers", fmt, out) == 5
    report = run_import(empty, out, on_invalid="abort")
    assert report.imported == 5 and report.companies_created == 0
    assert _customers(empty) == _customers(filled)
    for kind in ("orders", "opportunities", "tickets", "interactions"):
        path = tmp_path / f"{kind}.{fmt}"
        count = export(filled, kind, fmt, path)
        assert count >= 1
        assert run_import(empty, path, kind=kind, on_invalid="abort").imported == count
    with empty.session() as s:
        order = s.scalars(select(Order)).one()
        assert (order.number, order.total, order.ordered_at) == (
            "SO-9", Decimal("54.97"), datetime(2024, 3, 1, 10, 30))
        assert s.scalars(select(Opportunity)).one().amount == Decimal("5000.00")
        assert s.scalars(select(Ticket)).one().priority == "high"


def test_csv_neutralises_formulas_and_keeps_phones_intact(filled, empty, tmp_path):
    out = tmp_path / "c.csv"
    export(filled, "customers", "csv", out)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    evil = next(r for r in rows if "HYPERLINK" in r["name"])
    assert evil["name"].startswith("'=") and evil["notes"] == "'-2+3"
    assert evil["owner"] == "'@admin" and evil["city"] == "'\tTab"
    ada = next(r for r in rows if r["name"] == "Ada Lovelace")
    assert ada["phone"] == "'+14155550100" and ada["phone_work"] == "'+442079460123"
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    run_import(empty, out)
    with empty.session() as s:
        back = s.scalars(select(Customer).where(Customer.name.like("%HYPERLINK%"))).one()
        assert back.name == "=HYPERLINK(\"http://evil\")" and back.owner == "@admin"
        ada_back = s.scalars(select(Customer).where(Customer.name == "Ada Lovelace")).one()
        assert ada_back.primary_phone == "+14155550100"


def test_excel_cells_are_text_not_formulas(filled, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "c.xlsx"
    export(filled, "customers", "xlsx", out)
    sheet = load_workbook(out).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    evil = cells["=HYPERLINK(\"http://evil\")"]
    assert evil.data_type == "s" and evil.quotePrefix
    assert cells["+14155550100"].data_type == "s"


def test_vcard_export_round_trip(filled, empty, tmp_path):
    out = tmp_path / "c.vcf"
    assert export(filled, "customers", "vcf", out) == 5
    text = out.read_text("utf-8")
    assert "TEL;TYPE=CELL,pref:+14155550100" in text and "N:Lovelace;Ada;;;" in text
    assert "FN:张伟" in text and "N:张;伟;;;" in text
    assert run_import(empty, out).imported == 5
    want, got = _customers(filled), _customers(empty)
    for name in want:
        for key in ("contacts", "company", "birthday", "notes", "tags", "job_title"):
            assert got[name][key] == want[name][key], (name, key)
        assert (got[name]["city"] or "").strip() == (want[name]["city"] or "").strip()
    again = run_import(filled, out)  # our UIDs carry the UUID: re-importing matches
    assert (again.imported, again.updated) == (0, 5)


def test_filters_trash_and_generic_lists(filled, tmp_path):
    out = tmp_path / "paris.csv"
    assert export(filled, "customers", "csv", out, [Filter("city", "eq", "Paris")]) == 1
    assert export(filled, "products", "csv", tmp_path / "p.csv") == 0
    assert export(filled, "order_lines", "xlsx", tmp_path / "l.xlsx") == 2
    assert export(filled, "customers", "csv", tmp_path / "t.csv", trash=True) == 0
    with pytest.raises(StorageError, match="only customers"):
        export(filled, "orders", "vcf", tmp_path / "x.vcf")
    with pytest.raises(StorageError, match="unknown"):
        export(filled, "nonsense", "csv", tmp_path / "x.csv")


@given(st.text(max_size=20))
def test_neutralisation_is_reversible(text):
    safe = neutralize_cell(text)
    assert restore_cell(safe) == text
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_unwritable_target(filled, tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        export(filled, "customers", "csv", tmp_path / "missing" / "x.csv")


def test_phone_with_leading_plus_survives_a_plain_csv(empty, tmp_path):
    path = Path(tmp_path / "p.csv")
    path.write_text("Name,Phone\nAda,'+14155550100\n", "utf-8")
    run_import(empty, path)
    with empty.session() as s:
        assert s.scalars(select(Customer)).one().primary_phone == "+14155550100"
