"""Customer search: English, Chinese (two and three characters), email, phone digits."""

from __future__ import annotations

import pytest

from crm_desktop.models import Customer
from crm_desktop.storage import query
from crm_desktop.storage.customers import create_customer, update_customer
from crm_desktop.storage.search.customers import search_customers


@pytest.fixture
def crowd(db):
    with db.session() as session:
        acme = create_customer(session, {"name": "Acme Trading", "kind": "company"})
        create_customer(session, {"name": "张伟明", "city": "北京", "company_id": acme.id},
                        emails=["zwm@acme.cn"], phones=["+86 138 0013 8000"])
        create_customer(session, {"name": "李娜", "city": "上海"})
        create_customer(session, {"name": "王芳", "city": "深圳", "notes": "likes tea"})
        create_customer(session, {"name": "John Smith", "city": "London"},
                        emails=["john.smith@example.com"], phones=["(415) 555-0100"])
        create_customer(session, {"name": "Joanna Johnson", "city": "New York"})
    return db


def names(db, text):
    with db.engine.connect() as connection:
        return [hit.name for hit in search_customers(connection, text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("john", ["John Smith", "Joanna Johnson"]),   # prefix, exact-prefix ranked first
    ("ohn", ["John Smith", "Joanna Johnson"]),     # substring
    ("SMITH", ["John Smith"]),                     # case-insensitive
    ("jo sm", ["John Smith"]),                     # every word must match
    ("李娜", ["李娜"]),                              # two-character Chinese name
    ("伟明", ["张伟明"]),                            # two-character substring
    ("张伟明", ["张伟明"]),                          # three characters (trigram)
    ("北京", ["张伟明"]),                            # city
    ("acme", ["Acme Trading", "张伟明"]),           # company of a person
    ("john.smith@example", ["John Smith"]),        # email
    ("555-0100", ["John Smith"]),                  # phone as typed
    ("13800138000", ["张伟明"]),                     # phone digits
    ("tea", ["王芳"]),                               # notes
    ("nobody", []),
    ("   ", []),
])
def test_search(crowd, text, expected):
    assert names(crowd, text) == expected


def test_index_follows_edits_and_trash(crowd):
    with crowd.session() as session:
        john = session.scalars(query.filtered(Customer, [("name", "eq", "John Smith")])).one()
        update_customer(session, john.id, {"name": "Jonathan Smyth"}, emails=["js@new.org"])
    assert names(crowd, "smyth") == ["Jonathan Smyth"]
    assert names(crowd, "smith") == []
    assert names(crowd, "js@new") == ["Jonathan Smyth"]
    assert names(crowd, "john.smith@example") == []
    with crowd.session() as session:
        query.soft_delete(session, Customer, john.id)
    assert names(crowd, "smyth") == []
    with crowd.session() as session:
        acme = session.scalars(query.filtered(Customer, [("name", "eq", "Acme Trading")])).one()
        query.update(session, Customer, acme.id, name="Apex Holdings")
    assert "张伟明" in names(crowd, "apex")
    assert names(crowd, "ap") == ["Apex Holdings", "张伟明"]


def test_quotes_in_queries_are_harmless(crowd):
    assert names(crowd, 'jo"hn') == []
    assert names(crowd, "a OR b") == []


def test_short_words_without_letters_or_digits_are_looked_for_in_the_names(db):
    """The gram index keeps letters and digits only: a short word such as "_" has no token
    there. Search and the list's filter still require it, in the name (or company, city)."""
    from sqlalchemy import func, select

    from crm_desktop.storage.search.everything import customer_filter

    with db.session() as session:
        for name in ("0 _", "1 a_b", "2 __", "0 plain", "Tom & Jerry"):
            create_customer(session, {"name": name})
    assert names(db, "0 _") == ["0 _"]  # Hypothesis found this one unfound
    assert names(db, "2 __") == ["2 __"]
    assert names(db, "1 a_b") == ["1 a_b"]
    assert names(db, "to &") == ["Tom & Jerry"]
    assert names(db, "0") == ["0 _", "0 plain"]
    with db.session() as session:
        def listed(text: str) -> int:
            return session.scalar(select(func.count(Customer.id)).where(customer_filter(text)))
        assert listed("0 _") == 1
        assert listed("_") == 3  # no index word: the names that contain it
        assert listed("&") == 1
