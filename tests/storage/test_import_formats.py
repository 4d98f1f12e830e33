"""Import: encodings, delimiters, Excel, vCard samples, header guessing and templates."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm_desktop.models import Customer
from crm_desktop.storage.importing import (
    guess_mapping,
    load_template,
    read_source,
    run_import,
    save_template,
)
from crm_desktop.storage.importing.decoding import decode
from crm_desktop.storage.importing.detect import detect_delimiter
from crm_desktop.storage.importing.errors import ImportError_

VCARDS = Path(__file__).parent / "data" / "vcards"
ROWS = [
    ["姓名", "邮箱", "手机", "城市", "备注"],
    ["张伟", "zhangwei@example.cn", "138 0013 8000", "北京", "老客户"],
    ["Jürgen Müller", "jm@example.de", "+49 151 23456789", "München", "Größe “L” — €5"],
    ["Zoë Ñúñez", "zoe@example.es", "+34 612 345 678", "Málaga", "café"],
]


def _customers(db):
    with db.session() as session:
        stmt = select(Customer).options(selectinload(Customer.contacts),
                                        selectinload(Customer.company)).order_by(Customer.id)
        return list(session.scalars(stmt))


def _write(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    if encoding == "utf-16-nobom":
        path.write_bytes(text.encode("utf-16-le"))
    elif encoding == "utf-16-be-bom":
        path.write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    else:
        path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", [
    "utf-8", "utf-8-sig", "utf-16", "utf-16-nobom", "utf-16-be-bom", "gb18030", "gbk",
])
def test_every_unicode_and_chinese_encoding(db, tmp_path, encoding):
    rows = ROWS if encoding not in ("gb18030", "gbk") else ROWS[:2]
    path = _write(tmp_path / "c.csv", rows, encoding)
    report = run_import(db, path, region="CN")
    assert report.invalid == [] and report.imported == len(rows) - 1
    names = [c.name for c in _customers(db)]
    assert names == [row[0] for row in rows[1:]]
    zhang = _customers(db)[0]
    assert zhang.city == "北京" and zhang.notes == "老客户"
    assert zhang.primary_phone == "+8613800138000"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_legacy_encodings(db, tmp_path, encoding):
    rows = [["Name", "Email", "City", "Notes"],
            ["Jürgen Müller", "jm@example.de", "München", "Größe"],
            ["Søren Kjær", "sk@example.dk", "Århus", "très bien"]]
    if encoding == "cp1252":
        rows[2][3] = "“quoted” — €5"
    report = run_import(db, _write(tmp_path / "w.csv", rows, encoding))
    assert report.imported == 2 and report.encoding in ("cp1252", "latin-1")
    got = _customers(db)
    assert [c.name for c in got] == ["Jürgen Müller", "Søren Kjær"]
    assert got[1].city == "Århus" and got[1].notes == rows[2][3]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_every_delimiter(db, tmp_path, delimiter):
    rows = [["Name", "Email", "Phone", "City"],
            ["Ada Lovelace", "ada@example.com", "(415) 555-0100", "London"],
            ["Alan Turing", "alan@example.org", "+44 20 7946 0123", "Wilmslow"]]
    report = run_import(db, _write(tmp_path / "d.txt", rows, "utf-8", delimiter))
    assert report.delimiter == delimiter and report.imported == 2
    assert [c.primary_email for c in _customers(db)] == ["ada@example.com", "alan@example.org"]


def test_delimiter_detection_ignores_quoted_separators():
    text = 'Name;Notes\n"Smith, John";"a, b, c"\n"Doe, Jane";"x, y"\n'
    assert detect_delimiter(text) == ";"


def test_decode_rejects_binary_and_reports_encoding():
    assert decode("héllo,x\n".encode()).encoding == "utf-8"
    with pytest.raises(ImportError_, match="not a text file"):
        decode(bytes(range(256)) * 10, "blob.csv")


def test_excel_file(db, tmp_path):
    from datetime import date, datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Full Name", "Email Address", "Mobile", "Birthday", "Rating", "Since"])
    sheet.append(["Ada Lovelace", "ada@example.com", 14155550100, date(1815, 12, 10), 5,
                  datetime(2024, 3, 1, 9, 30)])
    sheet.append(["Grace Hopper", "grace@example.org", "+1 202-555-0147", "1906-12-09", 4.0, None])
    sheet.append([None, None, None, None, None, None])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    report = run_import(db, path)
    assert report.format == "xlsx" and report.imported == 2 and report.invalid == []
    ada, grace = _customers(db)
    assert ada.primary_phone == "+14155550100" and ada.birthday == date(1815, 12, 10)
    assert ada.rating == 5 and grace.rating == 4


def test_not_really_excel(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportError_, match="Excel"):
        read_source(path)


def test_apple_vcards(db):
    report = run_import(db, VCARDS / "apple.vcf")
    assert report.format == "vcard" and report.imported == 3 and report.invalid == []
    assert report.companies_created == 1  # Apple Inc., Johnny's company
    customers = {c.name: c for c in _customers(db)}
    johnny, acme = customers["Johnny Appleseed"], customers["Acme Corporation"]
    li = customers["李娜"]
    assert johnny.company.name == "Apple Inc."
    assert johnny.name == "Johnny Appleseed" and johnny.job_title == "Engineer"
    contacts = {(c.kind, c.label, c.value, c.is_primary) for c in johnny.contacts}
    assert ("email", "work", "johnny@example.com", True) in contacts
    assert ("email", "home", "johnny.home@example.net", False) in contacts
    assert ("phone", "mobile", "+14085550123", True) in contacts
    assert ("phone", "other", "+442079460000", False) in contacts
    assert johnny.city == "Cupertino" and johnny.country == "US"
    assert johnny.notes == "Met at WWDC\nLikes apples, pears" and johnny.tags == "friends, vip"
    assert johnny.website == "https://example.com"
    assert johnny.external_id == "5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE"
    assert acme.kind == "company" and acme.primary_phone == "+12125550100"
    assert li.name == "李娜" and li.birthday is None and li.primary_phone == "+8613800138000"


def test_google_vcards(db):
    report = run_import(db, VCARDS / "google.vcf")
    assert report.imported == 2 and report.invalid == []
    customers = {c.name: c for c in _customers(db)}
    grace = customers["Grace Hopper"]
    assert grace.website == "https://cobol.example.org" and grace.region == "VA"
    assert grace.company.name == "US Navy" and customers["US Navy"].kind == "company"
    assert customers["王伟"].company.name == "北京科技有限公司"


def test_outlook_vcards_21_quoted_printable_cp1252(db):
    report = run_import(db, VCARDS / "outlook.vcf")
    assert report.imported == 2 and report.invalid == [], report.invalid
    customers = {c.name: c for c in _customers(db)}
    juergen = customers["Jürgen Müller"]
    assert juergen.street == "Hauptstraße 1" and juergen.country == "DE"
    assert juergen.job_title == "Geschäftsführer" and juergen.department == "Vertrieb"
    assert juergen.notes == "Erster Kontakt auf der Messe.\nZweite Zeile."
    assert juergen.primary_phone == "+49301234567"
    assert "+4915123456789" in {c.value for c in juergen.contacts}
    assert customers["Amélie Dupont"].contacts[1].label == "home"


def test_vcard_40(db):
    report = run_import(db, VCARDS / "vcard40.vcf")
    assert report.imported == 2 and report.invalid == []
    customers = {c.name: c for c in _customers(db)}
    alan, trust = customers["Alan Turing"], customers["Bletchley Park Trust"]
    assert alan.primary_phone == "+442079460123" and str(alan.birthday) == "1912-06-23"
    assert alan.external_id == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert trust.kind == "company" and trust.website.startswith("https://")


@pytest.mark.parametrize(("headers", "expected"), [
    (["First Name", "Last Name", "Email", "Phone Number", "Company Name", "Lifecycle Stage",
      "Contact owner", "Record ID"],  # HubSpot
     ["first_name", "last_name", "email", "phone", "company", "status", "owner", "external_id"]),
    (["First Name", "Last Name", "Title", "Account Name", "Mailing City", "Mobile", "Email",
      "Contact ID", "Lead Source"],  # Salesforce
     ["first_name", "last_name", "job_title", "company", "city", "phone_mobile", "email",
      "external_id", "lead_source"]),
    (["First Name", "Last Name", "Email", "Secondary Email", "Mailing Zip", "Date of Birth",
      "Contact Owner", "Tag"],  # Zoho
     ["first_name", "last_name", "email", "email_other", "postal_code", "birthday", "owner",
      "tags"]),
    (["Title", "First Name", "Last Name", "Company", "Job Title", "Business Phone",
      "Home Phone", "Mobile Phone", "E-mail Address", "E-mail 2 Address", "Categories"],
     [None, "first_name", "last_name", "company", "job_title", "phone_work", "phone_home",
      "phone_mobile", "email", "email_other", "tags"]),  # Outlook: Title is Mr/Ms
    (["Name", "Given Name", "Family Name", "E-mail 1 - Type", "E-mail 1 - Value",
      "E-mail 2 - Value", "Phone 1 - Type", "Phone 1 - Value", "Organization 1 - Name",
      "Group Membership"],  # Google
     ["name", "first_name", "last_name", "email_label", "email", "email_other", "phone_label",
      "phone", "company", "tags"]),
    (["客户名称", "手机号码", "电子邮箱", "公司", "职位", "省份", "城市", "生日", "备注", "标签"],
     ["name", "phone_mobile", "email", "company", "job_title", "region", "city", "birthday",
      "notes", "tags"]),
])
def test_header_guessing(headers, expected):
    assert list(guess_mapping(headers).values()) == expected


def test_header_guessing_for_orders():
    mapping = guess_mapping(["订单号", "客户", "邮箱", "下单时间", "金额", "状态"], "orders")
    assert list(mapping.values()) == ["number", "customer_name", "customer_email",
                                      "ordered_at", "total", "status"]


def test_template_round_trip_and_use(db, tmp_path):
    path = _write(tmp_path / "x.csv", [["Kunde", "Mail", "Extra"],
                                       ["Ada", "ada@example.com", "ignored"]], "utf-8")
    template = tmp_path / "template.json"
    save_template(template, "customers", {"Kunde": "name", "Mail": "email", "Extra": None})
    assert load_template(template) == ("customers", {"Kunde": "name", "Mail": "email",
                                                     "Extra": None})
    report = run_import(db, path, mapping=template)
    assert report.imported == 1 and report.mapping["Kunde"] == "name"
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(ImportError_, match="not a mapping template"):
        load_template(bad)
    with pytest.raises(ImportError_, match="unknown field"):
        run_import(db, path, mapping={"Kunde": "nonsense"})
