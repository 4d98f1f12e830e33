"""A Google Contacts CSV export (issue 10, bug 4): Google puts several values of one kind in a
cell, separated by " ::: " (two e-mails, two phones, several groups). Every value is kept: the
first as the primary, the others as more contact points; groups become tags.

tests/storage/data/google_contacts.csv has Google's own columns ("Name", "Given Name",
"E-mail 1 - Type", "E-mail 1 - Value", "Phone 1 - Value", "Group Membership", ...). Before the
fix, the rows with " ::: " in an e-mail or phone cell were refused as invalid.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm_desktop.models import Customer
from crm_desktop.storage.importing import guess_mapping, read_source, run_import

GOOGLE = Path(__file__).parent / "data" / "google_contacts.csv"

# name -> (kind, e-mails, phones, tags); contacts as (value, label, primary) in file order.
EXPECTED = {
    "Ada Lovelace": ("person", [
        ("ada@analytical.example", "work", True), ("ada.lovelace@engines.example", "work", False),
        ("ada@home.example", "other", False),
    ], [("+14155550100", "mobile", True), ("+14155550199", "mobile", False)], "friends"),
    "Grace Hopper": ("person", [("grace@navy.example", "work", True)], [
        ("+12025550143", "work", True), ("+12025550178", "other", False),
        ("+12025550111", "other", False),
    ], "clients, navy, starred"),
    "Alan Turing": ("person", [("alan@bletchley.example", "home", True)],
                    [("+442079460123", "home", True)], None),
    "张伟": ("person", [("zhangwei@example.cn", "work", True), ("zw@qq.example", "work", False)],
           [("+8613800138000", "mobile", True)], "供应商"),
    "Linus Torvalds": ("person", [("linus@kernel.example", "other", True)],
                       [("+15035550134", "mobile", True)], "partners"),
    "Margaret Hamilton": ("person", [
        ("margaret@apollo.example", "work", True), ("mh@home.example", "other", False),
        ("maggie@family.example", "other", False),
    ], [("+16175550150", "work", True)], "clients"),
    "Northwind Traders": ("company", [("sales@northwind.example", "work", True)],
                          [("+12065550100", "work", True)], "suppliers"),
    "Tim Berners-Lee": ("person", [("timbl@w3.example", "work", True)],
                        [("+16175550162", "work", True)], None),
    "Katherine Johnson": ("person", [("katherine@orbit.example", "home", True)],
                          [("+17575550116", "mobile", True)], "clients, friends"),
    "Dennis Ritchie": ("person", [], [("+19085550123", "work", True)], None),
    "Barbara Liskov": ("person", [("liskov@mit.example", "work", True)], [], "starred"),
    "Ken Thompson": ("person", [("ken@bell.example", "work", True)],
                     [("+16505550188", "mobile", True)], "partners"),
}


def _stored(db) -> dict[str, tuple[object, ...]]:
    with db.session() as session:
        customers = session.scalars(
            select(Customer).options(selectinload(Customer.contacts))
            .where(Customer.name.in_(EXPECTED)).order_by(Customer.id))
        return {
            c.name: (c.kind, *[
                [(p.value, p.label, p.is_primary)
                 for p in sorted(c.contacts, key=lambda p: p.id) if p.kind == kind]
                for kind in ("email", "phone")], c.tags)
            for c in customers
        }


def test_the_fixture_is_google_shaped():
    source = read_source(GOOGLE)
    assert len(source.rows) == 12
    assert {"Name", "Given Name", "E-mail 1 - Type", "E-mail 1 - Value", "Phone 1 - Value",
            "Group Membership", "Organization 1 - Name"} <= set(source.headers)
    assert sum(" ::: " in cell for _n, cells in source.rows for cell in cells) >= 8
    mapping = guess_mapping(source.headers)
    assert (mapping["E-mail 1 - Value"], mapping["Phone 2 - Value"],
            mapping["Group Membership"]) == ("email", "phone_other", "tags")


def test_every_row_lands_with_all_its_values(db):
    report = run_import(db, GOOGLE, region="US", on_invalid="abort")
    assert report.invalid == [] and report.warnings == []
    assert (report.rows, report.imported, report.skipped) == (12, 12, 0)
    assert _stored(db) == EXPECTED
    with db.session() as session:
        ada = session.scalars(select(Customer).where(Customer.name == "Ada Lovelace")).one()
        assert ada.company is not None and ada.company.name == "Analytical Engines Ltd"
        assert ada.job_title == "Mathematician" and ada.notes.endswith("Prefers e-mail.")


def test_reimporting_the_google_file_adds_nothing(db):
    run_import(db, GOOGLE)
    again = run_import(db, GOOGLE, on_match="update")
    assert (again.imported, again.updated, again.companies_created) == (0, 12, 0)
    assert _stored(db) == EXPECTED
