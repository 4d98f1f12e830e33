"""Import: validation of every row, skip/abort, matching existing rows, in-file duplicates,
orders/opportunities/tickets/interactions, and the fast paths agreeing with storage.validation."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from crm_desktop.models import (
    AuditEntry,
    ContactPoint,
    Customer,
    Interaction,
    Opportunity,
    Order,
    StageChange,
    Ticket,
    TicketMessage,
)
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.importing import ImportAborted, preview, run_import
from crm_desktop.storage.importing.fast_checks import fast_email, fast_phone
from crm_desktop.storage.validation import check_phone, normalize_email

CSV = """Name,Email,Phone,Birthday,Revenue Rating,Company
Ada Lovelace,ada@example.com,(415) 555-0100,1815-12-10,5,Engines Ltd
Bad Email,not-an-email,,,,
Bad Phone,bp@example.com,12,,,
Bad Date,bd@example.com,,31/31/2020,,
Ada Again,ADA@example.com,,,,
Alan Turing,alan@example.org,+44 20 7946 0123,23.06.1912,4,
,nobody@example.com,,,,
"""


def _file(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _count(db, model) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_preview_lists_every_invalid_row_and_writes_nothing(db, tmp_path):
    result = preview(db, _file(tmp_path, CSV))
    report = result.report
    assert result.headers[:3] == ["Name", "Email", "Phone"] and len(result.sample) == 7
    problems = {(p.row, p.field): p for p in report.invalid}
    assert set(problems) == {(3, "email"), (4, "phone"), (5, "birthday"), (8, "name")}
    assert problems[(3, "email")].value == "not-an-email"
    assert "not a valid email" in problems[(3, "email")].reason
    assert [(d.row, d.first_row) for d in report.duplicates] == [(6, 2)]
    assert (report.rows, report.imported, report.updated, report.skipped) == (7, 2, 0, 5)
    assert _count(db, Customer) == 0


def test_skip_imports_the_valid_rows_in_one_go(db, tmp_path):
    report = run_import(db, _file(tmp_path, CSV), on_invalid="skip")
    assert report.imported == 2 and report.companies_created == 1
    with db.session() as session:
        ada = session.scalars(select(Customer).where(Customer.name == "Ada Lovelace")).one()
        assert ada.primary_phone == "+14155550100" and ada.company.name == "Engines Ltd"
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert json.loads(entry.new_value)["imported"] == 2


def test_abort_names_the_first_problem_and_writes_nothing(db, tmp_path):
    with pytest.raises(ImportAborted, match=r"row 3, email: .*nothing was imported") as caught:
        run_import(db, _file(tmp_path, CSV), on_invalid="abort")
    assert caught.value.report.invalid_rows == 4
    assert _count(db, Customer) == 0 and _count(db, AuditEntry) == 0


def test_reimport_creates_nothing_twice_and_updates_or_skips(db, tmp_path):
    path = _file(tmp_path, CSV)
    run_import(db, path)
    before = _count(db, Customer), _count(db, ContactPoint)
    again = run_import(db, path, on_match="update")
    assert (again.imported, again.updated) == (0, 2)
    assert (_count(db, Customer), _count(db, ContactPoint)) == before
    skipped = run_import(db, path, on_match="skip")
    assert (skipped.imported, skipped.updated, skipped.skipped) == (0, 0, 7)


def test_update_fills_fields_and_adds_new_contacts(db, tmp_path):
    with db.session() as session:
        create_customer(session, {"name": "Ada L.", "city": "London", "kind": "person"},
                        emails=["ada@example.com"])
    path = _file(tmp_path, "Email,Phone,Job Title,Kind\n"
                           "Ada@Example.com,(415) 555-0100,Countess,\n")
    report = run_import(db, path)
    assert (report.imported, report.updated) == (0, 1)
    with db.session() as session:
        ada = session.scalars(select(Customer)).one()
        assert ada.name == "Ada L." and ada.city == "London" and ada.job_title == "Countess"
        assert ada.kind == "person" and ada.primary_phone == "+14155550100"
        changes = session.scalars(select(AuditEntry.field).where(
            AuditEntry.action == "update", AuditEntry.entity == "customers")).all()
        assert "job_title" in changes


def test_matching_by_external_id_and_our_uuid(db, tmp_path):
    with db.session() as session:
        first = create_customer(session, {"name": "One", "external_id": "HS-1"})
        second = create_customer(session, {"name": "Two"})
        uuid = second.uuid
    path = _file(tmp_path, f"Record ID,uuid,Name\nHS-1,,One (renamed)\n,{uuid},Two (renamed)\n")
    report = run_import(db, path)
    assert (report.imported, report.updated) == (0, 2)
    with db.session() as session:
        assert session.get(Customer, first.id).name == "One (renamed)"
        assert session.get(Customer, second.id).name == "Two (renamed)"


def test_wrong_type_cells_are_reported_with_row_and_field(db, tmp_path):
    path = _file(tmp_path, "Name,Rating,Birthday,Status,Country,Stay in touch\n"
                           "A,five,2020-01-01,lead,US,\nB,3,yesterday,lead,US,\n"
                           "C,3,,weird,US,\nD,3,,lead,Atlantis,\nE,3,,lead,US,often\n"
                           "F,2.0,2020-02-02,Customer,CN,30\n")
    report = run_import(db, path)
    assert {(p.row, p.field) for p in report.invalid} == {
        (2, "rating"), (3, "birthday"), (4, "status"), (5, "country"), (6, "touch_every_days")}
    assert report.imported == 1
    with db.session() as session:
        f = session.scalars(select(Customer)).one()
        assert (f.rating, f.status, f.country, f.touch_every_days) == (2, "customer", "CN", 30)


def test_chinese_file_with_region(db, tmp_path):
    path = _file(tmp_path, "姓名,手机,邮箱,状态,标签\n"
                           "张伟,13800138000,zw@example.cn,潜在客户,VIP；批发\n")
    report = run_import(db, path, region="CN")
    assert report.imported == 1, report.invalid
    with db.session() as session:
        zhang = session.scalars(select(Customer)).one()
        assert zhang.primary_phone == "+8613800138000" and zhang.status == "lead"
        assert zhang.tags == "vip, 批发" and zhang.contacts[1].label == "mobile"


def test_orders_opportunities_tickets_interactions(db, tmp_path):
    with db.session() as session:
        create_customer(session, {"name": "Ada Lovelace"}, emails=["ada@example.com"])
        create_customer(session, {"name": "Alan Turing", "external_id": "X-2"},
                        phones=["+44 20 7946 0123"])
    orders = _file(tmp_path, "Order Number,Customer Email,Order Date,Total,Currency,Status\n"
                             "SO-1,ada@example.com,2024-03-01 10:00,\"$1,234.50\",usd,paid\n"
                             ",ada@example.com,03/02/2024,99,USD,open\n"
                             "SO-3,nobody@example.com,2024-03-03,5,USD,paid\n", "o.csv")
    report = run_import(db, orders, kind="orders")
    assert report.imported == 2 and [(p.row, p.field) for p in report.invalid] == [
        (4, "customer_email")]
    again = run_import(db, orders, kind="orders", on_match="skip")
    assert again.imported == 1  # the unnumbered row has no key: it is new every time
    with db.session() as session:
        first = session.scalars(select(Order).where(Order.number == "SO-1")).one()
        assert first.total == Decimal("1234.50") and first.currency == "USD"
    opportunities = _file(tmp_path, "Deal Name,Customer,Amount,Stage,Close Date\n"
                                    "Big deal,Ada Lovelace,5000,Proposal,2024-06-30\n"
                                    "Won deal,Ada Lovelace,100,Won,2024-01-31\n"
                                    "Odd deal,Ada Lovelace,1,Nowhere,\n", "p.csv")
    report = run_import(db, opportunities, kind="opportunities")
    assert report.imported == 2 and report.invalid[0].field == "stage"
    tickets = _file(tmp_path, "Subject,Customer Phone,Priority,Description\n"
                              "Broken,+44 20 7946 0123,urgent,It broke\n", "t.csv")
    assert run_import(db, tickets, kind="tickets").imported == 1
    interactions = _file(tmp_path, "Customer ID,Type,Subject,Date,Done\n"
                                   "X-2,call,Intro call,2024-01-02 09:00,yes\n", "i.csv")
    assert run_import(db, interactions, kind="interactions").imported == 1
    assert run_import(db, interactions, kind="interactions").updated == 1
    with db.session() as session:
        won = session.scalars(select(Opportunity).where(Opportunity.name == "Won deal")).one()
        assert won.status == "won" and won.closed_at is not None
        assert _count(db, StageChange) == 2
        ticket = session.scalars(select(Ticket)).one()
        assert ticket.number.startswith("T-") and ticket.sla_due is not None
        assert _count(db, TicketMessage) == 1
        call = session.scalars(select(Interaction)).one()
        assert call.kind == "call" and call.done is True


@given(st.from_regex(r"[a-zA-Z0-9._%+-]{1,20}@[a-zA-Z0-9-]{1,12}(\.[a-zA-Z0-9-]{1,8}){1,3}",
                     fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_fast_email_agrees_with_email_validator(text):
    fast = fast_email(text)
    if fast is None:
        return
    assert fast == normalize_email(text)


@given(st.sampled_from(["US", "CN", "GB", "DE", "FR", "JP", "IN", "BR", "CA", "AU"]),
       st.text("0123456789 -().", min_size=4, max_size=16), st.booleans())
@settings(max_examples=400, deadline=None)
@example("CA", "3100000", False)  # valid in Canada, possible only locally for +1 (US rules)
def test_fast_phone_agrees_with_phonenumbers(region, text, plus):
    text = ("+" if plus else "") + text
    fast = fast_phone(text, region)
    if fast is None:
        return
    checked = check_phone(text, region)  # fast_phone only vouches for valid numbers
    assert (fast, None) == checked


def test_search_index_rows_equal_a_full_rebuild(db, tmp_path):
    from crm_desktop.storage.search import schema as search_schema
    from crm_desktop.storage.search.customers import search_customers

    with db.session() as session:
        create_customer(session, {"name": "Existing Co", "kind": "company", "city": "Paris"})
    path = _file(tmp_path, "Name,Company,City,Email,Phone,Notes\n"
                           "Ada Lovelace,Existing Co,London,ada@example.com,+1 415 555 0100,hi\n"
                           "张伟,北京科技,北京,zw@example.cn,,老客户\n"
                           "Bob,New Co,,bob@example.com,,\n")
    run_import(db, path)

    def index(connection):
        return (connection.exec_driver_sql("SELECT rowid, * FROM customer_search ORDER BY 1")
                .all(), connection.exec_driver_sql("SELECT rowid, * FROM customer_short "
                                                   "ORDER BY 1").all())

    with db.engine.connect() as connection:
        imported = index(connection)
        assert [h.name for h in search_customers(connection, "伟")] == ["张伟"]
        assert [h.name for h in search_customers(connection, "Existing")][:1] == ["Existing Co"]
    with db.engine.begin() as connection:
        search_schema.rebuild(connection.exec_driver_sql)
    with db.engine.connect() as connection:
        assert index(connection) == imported


def test_matching_in_a_big_database_and_companies_by_name(db, tmp_path):
    with db.session() as session:
        for i in range(60):
            create_customer(session, {"name": f"C{i}"}, emails=[f"c{i}@example.com"])
    path = _file(tmp_path, "Name,Email,Kind\nRenamed,c7@example.com,\nAcme,,company\n"
                           "Person,p@example.com,\n")
    first = run_import(db, path)
    assert (first.imported, first.updated) == (2, 1)
    again = run_import(db, path)  # the company matches by name, the others by email
    assert (again.imported, again.updated) == (0, 3)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Customer).where(
            Customer.name == "Acme")) == 1
        assert session.scalars(select(Customer).where(Customer.name == "Renamed")).one()


def test_company_row_after_its_people_fills_the_company_it_created(db, tmp_path):
    path = _file(tmp_path, "Name,Company,Kind,City\nAda,Engines Ltd,,\n"
                           "Engines Ltd,,company,London\n")
    report = run_import(db, path)
    assert (report.imported, report.companies_created) == (2, 0)
    with db.session() as session:
        engines = session.scalars(select(Customer).where(Customer.name == "Engines Ltd")).one()
        assert engines.city == "London" and engines.kind == "company"
        ada = session.scalars(select(Customer).where(Customer.name == "Ada")).one()
        assert ada.company_id == engines.id
