"""Email and domain search through revision 0006's b-tree indexes: the same customers as the
trigram search for addresses and domains of generated data, exactly the addresses that start
with the query (or whose domain does) for any data, index lookups (never a scan), kept in step
by every writer, and built when a 0005 database is upgraded."""

from __future__ import annotations

import random
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm_desktop.storage import direct
from crm_desktop.storage.customers import create_customer, update_customer
from crm_desktop.storage.database import SCHEMA_HEAD, open_database
from crm_desktop.storage.search import customers as search
from tests.conftest import demo_database_file
from tests.storage.revision_fixtures import fixture_path

EVERY = 10_000  # a limit above any answer here: whole sets are compared


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    return demo_database_file(tmp_path_factory, template_db, "email", 600, seed=11)


def _ids(connection: sqlite3.Connection, query: str, *, trigram_only: bool = False) -> set[int]:
    if trigram_only:
        plan = search._address_plan
        search._address_plan = lambda _query: None  # type: ignore[assignment]
        try:
            return {hit.id for hit in search.search_direct(connection, query, EVERY)}
        finally:
            search._address_plan = plan  # type: ignore[assignment]
    assert search._address_plan(query) is not None  # the query takes the b-tree path
    return {hit.id for hit in search.search_direct(connection, query, EVERY)}


def test_addresses_and_domains_find_what_the_trigram_search_finds(demo):
    with closing(sqlite3.connect(demo)) as connection:
        emails = [row[0] for row in connection.execute(
            "SELECT DISTINCT normalized FROM contact_points WHERE kind = 'email'")]
        domains = sorted({email.partition("@")[2] for email in emails})
        sample = random.Random(3).sample(emails, 60)
        assert len(domains) >= 5  # precondition: a few domains, some shared by many
        for query in [*sample, *(email.upper() for email in sample[:5]),
                      *domains, *(f"@{domain}" for domain in domains)]:
            found = _ids(connection, query)
            assert found, query
            assert found == _ids(connection, query, trigram_only=True), query


def test_hits_are_those_of_one_query_joining_the_search_index(demo):
    """The candidates are read without the search index and only the hits shown get its row
    (company, emails, phones): the same hits, in the same order, as reading it for all."""
    def joined(connection: sqlite3.Connection, query: str, limit: int) -> list[search.SearchHit]:
        kind, prefix, _fallback = search._address_plan(query)
        rows = connection.execute(
            "SELECT DISTINCT c.id, c.name, s.company, s.emails, s.phones, c.city FROM "
            "contact_points p CROSS JOIN customers c ON c.id = p.customer_id "
            "CROSS JOIN customer_search s ON s.rowid = c.id WHERE p.kind = 'email' AND "
            + search._ADDRESS_RANGE[kind] + " AND c.deleted_at IS NULL LIMIT :cap",
            {"low": prefix, "high": prefix + search._AFTER_PREFIX,
             "cap": max(limit * 5, search._CANDIDATES)}).fetchall()
        return search._ranked(rows, query, limit)

    with closing(sqlite3.connect(demo)) as connection:
        emails = [row[0] for row in connection.execute(
            "SELECT normalized FROM contact_points WHERE kind = 'email' ORDER BY id LIMIT 40")]
        domains = sorted({email.partition("@")[2] for email in emails})
        queries = [*emails[:20], *(e[: e.index("@") + 2] for e in emails[20:]), *domains,
                   *(f"@{domain}" for domain in domains), "@", "zz@nowhere.example"]
        hits = 0
        for query in queries:
            if search._address_plan(query) is None:
                continue
            for limit in (1, 20, 700):
                expected = joined(connection, query, limit)
                assert search.search_direct(connection, query, limit) == expected, query
                hits += len(expected)
        assert hits > 1000  # precondition: broad domains, with companies and phones among them
        assert any(hit.company for hit in search.search_direct(connection, f"@{domains[0]}", 700))


_LOCAL = st.from_regex(r"[a-z0-9_]{1,3}(\.[a-z0-9]{1,2})?", fullmatch=True)
_DOMAIN = st.sampled_from(["acme.com", "acme.co", "acme.com.cn", "mail.acme.com", "b.io",
                           "qq.com"])


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(st.lists(st.tuples(_LOCAL, _DOMAIN), min_size=1, max_size=2),
                       min_size=1, max_size=12),
       data=st.data())
def test_exactly_the_addresses_that_start_with_the_query(db_path, people, data):
    """For any addresses: an address query finds the customers with an address that starts
    with it, a domain query those with an address at a domain that starts with it."""
    database = open_database(db_path)
    try:
        with database.session() as session:
            for index, addresses in enumerate(people):
                create_customer(session, {"name": f"P{index}"},
                                emails=[f"{local}@{domain}" for local, domain in addresses])
        with database.engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT customer_id, normalized FROM contact_points WHERE kind = 'email'").all()
    finally:
        database.close()
    local, domain = data.draw(st.sampled_from([pair for person in people for pair in person]))
    address = f"{local}@{domain}"
    typed = address[: data.draw(st.integers(len(local) + 1, len(address)))]  # "ab@ac", ...

    def at_domain(email: str) -> bool:
        return email.partition("@")[2].startswith(domain)

    cases = [(address, lambda email: email.startswith(address)),
             (typed, lambda email: email.startswith(typed)),
             (f"@{domain}", at_domain), (domain, at_domain)]
    with closing(direct.open_current(db_path)) as connection:
        for query, rule in cases:
            expected = {customer for customer, email in rows if rule(email)}
            assert _ids(connection, query) == expected, query


def test_email_queries_are_index_lookups(db_path):
    with closing(sqlite3.connect(db_path)) as connection:
        for query, index in (("ada@acme.com", "ix_contact_points_normalized"),
                             ("@acme.com", "ix_contact_points_email_domain"),
                             ("acme.com", "ix_contact_points_email_domain")):
            kind, prefix, _fallback = search._address_plan(query)
            plan = " ".join(str(row[3]) for row in connection.execute(
                "EXPLAIN QUERY PLAN SELECT customer_id FROM contact_points p WHERE "
                f"kind = 'email' AND {search._ADDRESS_RANGE[kind]}",
                {"low": prefix, "high": prefix + search._AFTER_PREFIX}))
            assert f"USING COVERING INDEX {index} " in plan, plan


@pytest.mark.parametrize(("query", "plan"), [
    ("ada@acme.com", ("address", "ada@acme.com", False)),
    ("Ada@", ("address", "ada@", False)),
    ("@ACME.com", ("domain", "acme.com", False)),
    ("acme.com", ("domain", "acme.com", True)),
    ("acme.com.", ("domain", "acme.com", True)),
    ("张@例子.中国", ("address", "张@例子.中国", False)),
    ("acme", None), ("j.r", None), ("ada smith", None), ("ada@acme.com x", None),
    ("@", None), ("a@b@c", None), ("4155.0100", None), ("", None),
])
def test_which_queries_take_the_email_path(query, plan):
    assert search._address_plan(query) == plan


def test_a_host_name_that_is_no_email_domain_falls_back(db):
    with db.session() as session:
        create_customer(session, {"name": "Lou", "city": "St.Louis"}, emails=["lou@x.org"])
        create_customer(session, {"name": "Dot", "notes": "see acme.com"})
    with db.engine.connect() as connection:
        assert [hit.name for hit in search.search_customers(connection, "st.louis")] == ["Lou"]
        assert [hit.name for hit in search.search_customers(connection, "x.org")] == ["Lou"]
        assert [hit.name for hit in search.search_customers(connection, "acme.com")] == ["Dot"]


def test_every_writer_keeps_the_index_in_step(db, tmp_path):
    from crm_desktop.models import Customer
    from crm_desktop.services.data import import_file
    from crm_desktop.storage import query

    def names(text):
        with db.engine.connect() as connection:
            return sorted(hit.name for hit in search.search_customers(connection, text))

    with db.session() as session:
        ada = create_customer(session, {"name": "Ada"}, emails=["ada@acme.com"])
    assert names("ada@acme.com") == names("@acme.com") == ["Ada"]
    with db.session() as session:
        update_customer(session, ada.id, {"name": "Ada"}, emails=["ada@beta.org"])
    assert names("ada@acme.com") == names("@acme.com") == []
    assert names("@beta.org") == ["Ada"]
    with db.session() as session:
        query.soft_delete(session, Customer, ada.id)
    assert names("@beta.org") == []
    source = tmp_path / "people.csv"
    source.write_text("Name,Email\nBo,bo@beta.org\nCy,CY@Beta.org\n", encoding="utf-8")
    import_file(db, source)
    assert names("@beta.org") == ["Bo", "Cy"]
    assert names("cy@beta") == ["Cy"]


def test_an_upgraded_0005_database_has_the_indexes(tmp_path):
    path = tmp_path / "old.db"
    shutil.copyfile(fixture_path("0005_audit_chain"), path)
    with closing(sqlite3.connect(path)) as connection:
        emails = [row[0] for row in connection.execute(
            "SELECT normalized FROM contact_points WHERE kind = 'email'")]
    assert emails  # precondition: the fixture has addresses
    database = open_database(path)
    assert database.schema_version() == SCHEMA_HEAD
    database.close()
    with closing(sqlite3.connect(path)) as connection:
        names = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contact_points'")}
        assert {"ix_contact_points_normalized", "ix_contact_points_email_domain"} <= names
        counted = connection.execute(
            "SELECT count(*) FROM contact_points INDEXED BY ix_contact_points_normalized "
            "WHERE kind = 'email' AND normalized >= ''").fetchone()[0]
    assert counted == len(emails)
