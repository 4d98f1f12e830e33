"""The lookups that matter read the indexes made for them (revision 0010 merged and narrowed
some: a later change to an index or a query must not make one of them scan its table).

Each query is the app's own text (the import's matching, email and domain search, the search
index's rows); the plans are SQLite's on a database without statistics, as users have."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from crm_desktop.services.data import import_file
from crm_desktop.storage.database import SCHEMA_HEAD, open_database
from crm_desktop.storage.importing.customer_match import COMPANIES_SQL
from crm_desktop.storage.importing.match import CONTACT_KEYS_SQL, EXTERNAL_KEYS_SQL
from crm_desktop.storage.search import customers as search
from crm_desktop.storage.search.schema import fill_statements
from tests.storage.revision_fixtures import fixture_path


@pytest.fixture(params=["new", "upgraded from 0009"])
def schema_path(request, db_path: Path, tmp_path: Path) -> Path:
    """A database made at the current schema, or one of revision 0009 (the indexes before
    0010) upgraded to it: the plans must be the same."""
    if request.param == "new":
        return db_path
    path = tmp_path / "old.db"
    shutil.copyfile(fixture_path("0009_import_speed"), path)
    database = open_database(path)
    assert database.schema_version() == SCHEMA_HEAD
    database.close()
    return path


def _plan(connection: sqlite3.Connection, sql: str, params: object = ()) -> str:
    return " ; ".join(str(row[3]) for row in connection.execute("EXPLAIN QUERY PLAN " + sql,
                                                                 params))


@pytest.mark.parametrize(("sql", "params", "lookups"), [
    (CONTACT_KEYS_SQL, ('[["email", "ada@acme.com"]]',),
     ["SEARCH cp USING COVERING INDEX ix_contact_points_normalized (normalized=? AND kind=?)",
      "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"]),
    (EXTERNAL_KEYS_SQL, ('["X1"]', '["0190a0b4-0000-7000-8000-000000000000"]'),
     ["SEARCH customers USING INDEX ix_customers_external_id (external_id=?)",
      "SEARCH customers USING INDEX sqlite_autoindex_customers_1 (uuid=?)"]),
    (COMPANIES_SQL, (),
     ["SEARCH customers USING COVERING INDEX ix_customers_companies (kind=?)"]),
    (search.address_sql("address"), {"low": "ada@", "high": "ada@\U0010ffff", "cap": 200},
     ["SEARCH p USING COVERING INDEX ix_contact_points_normalized "
      "(normalized>? AND normalized<?)", "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"]),
    (search.address_sql("domain"), {"low": "acme.com", "high": "acme.com\U0010ffff",
                                    "cap": 200},
     ["SEARCH p USING COVERING INDEX ix_contact_points_email_domain (<expr>>? AND <expr><?)",
      "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"]),
    # The search index's rows of a range of customers (the backlog, bulk loads, triggers).
    (fill_statements("c.id BETWEEN 1 AND 100")[0], (),
     ["SEARCH c USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)",
      "SEARCH e USING INDEX ix_contact_points_customer_id (customer_id=?)",
      "SEARCH t USING INDEX ix_contact_points_customer_id (customer_id=?)"]),
], ids=["import-contact-keys", "import-external-ids", "import-companies", "email-address",
        "email-domain", "search-rows"])
def test_the_lookups_read_their_indexes(schema_path, sql, params, lookups):
    with closing(sqlite3.connect(schema_path)) as connection:
        plan = _plan(connection, sql, params)
    for lookup in lookups:
        assert lookup in plan, plan
    assert "SCAN c " not in plan + " " and "SCAN customers" not in plan, plan


def test_importing_and_searching_never_scan_customers_or_contacts(db, db_path, tmp_path):
    """Every SELECT an import (matching against existing customers) and the searches run:
    none reads the whole customers or contact points table."""
    people = tmp_path / "people.csv"
    people.write_text("External ID,Name,Email,Phone,Company\n" + "".join(
        f"X{i},Person {i},p{i}@acme{i % 3}.com,+1 415 555 {i:04d},Firm {i % 4}\n"
        for i in range(40)), encoding="utf-8")
    import_file(db, people)
    statements: list[str] = []
    with closing(sqlite3.connect(db_path)) as traced:
        traced.set_trace_callback(statements.append)
        for query in ("p1@acme1.com", "@acme2.com", "acme0.com", "person 3", "firm",
                      "4155550007", "pe"):
            assert search.search_direct(traced, query), query
    again = tmp_path / "again.csv"  # matched by external id, email and phone
    again.write_text("External ID,Name,Email,Phone\nX1,Person 1,,\n,Someone,p2@acme2.com,\n"
                     ",Else,,+1 415 555 0003\n", encoding="utf-8")
    from sqlalchemy import event

    def trace(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    event.listen(db.engine, "connect", trace)
    db.engine.dispose()
    try:
        import_file(db, again)
    finally:
        event.remove(db.engine, "connect", trace)
        db.engine.dispose()
    selects = {s for s in statements if s.lstrip().upper().startswith("SELECT")
               and ("customers" in s or "contact_points" in s)}
    assert len(selects) >= 5
    with closing(sqlite3.connect(db_path)) as connection:
        for sql in selects:
            if sql.rstrip().endswith("LIMIT 1"):  # is there any row: stops at the first
                continue
            try:
                plan = _plan(connection, sql)
            except sqlite3.OperationalError:  # a function of the app's connections only
                continue
            scans = [step for step in plan.split(" ; ") if step.startswith("SCAN")
                     and step.split()[1] in ("c", "cp", "p", "e", "t", "customers",
                                             "contact_points")]
            assert not scans, f"{sql} -> {plan}"
