"""The plain indexes a large customer import builds again after its rows (customer_load): the
ones whose keys arrive in any order are dropped and re-created, the ones kept up to date row by
row (`MAINTAINED`) stay, and afterwards the schema and every index are as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crm_desktop.storage.importing import run_import
from crm_desktop.storage.importing.customer_load import MAINTAINED, _drop_plain_indexes

TABLES = ("customers", "contact_points")


def _schema(path: Path) -> list[tuple[str, str, str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "ORDER BY type, name").fetchall()
    finally:
        connection.close()


def _plain(connection: sqlite3.Connection, table: str) -> set[str]:
    return {name for _seq, name, unique, origin, _partial
            in connection.execute(f"PRAGMA index_list({table})") if not unique and origin == "c"}


def test_only_the_indexes_in_any_order_are_dropped(db_path):
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        plain = {table: _plain(connection, table) for table in TABLES}
        # Every maintained index exists (a renamed one would silently be rebuilt again).
        assert plain["customers"] | plain["contact_points"] >= MAINTAINED
        connection.execute("BEGIN")
        cursor = connection.cursor()
        statements = [s for table in TABLES for s in _drop_plain_indexes(cursor, table)]
        left = {table: _plain(connection, table) for table in TABLES}
        assert left["customers"] | left["contact_points"] == MAINTAINED
        dropped = (plain["customers"] | plain["contact_points"]) - MAINTAINED
        assert {"ix_customers_name", "ix_customers_city", "ix_contact_points_normalized",
                "ix_contact_points_email_domain"} <= dropped
        assert sorted(s.split()[2] for s in statements) == sorted(dropped)
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def test_a_first_import_leaves_the_schema_and_its_indexes_whole(db, db_path, tmp_path):
    before = _schema(db_path)
    path = tmp_path / "customers.csv"
    lines = ["Name,Email,Phone,Company,Status,Owner,City"]
    lines += [f"Person {i},p{i}@example{i % 9}.com,+1 415 555 {i % 10000:04d},Firm {i % 13},"
              f"{['lead', 'customer', 'churned'][i % 3]},{['ann', 'bo', ''][i % 3]},"
              f"City {i % 17}" for i in range(3000)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    report = run_import(db, path)
    assert (report.imported, report.companies_created) == (3000, 13)
    assert _schema(db_path) == before
    connection = sqlite3.connect(db_path)
    try:
        # Every index holds exactly the rows of its table (integrity_check compares them).
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        by_status = connection.execute(
            "SELECT status, count(*) FROM customers INDEXED BY ix_customers_status "
            "WHERE status IS NOT NULL GROUP BY status ORDER BY status").fetchall()
        assert by_status == [("churned", 1000), ("customer", 1000), ("lead", 1013)]
        assert connection.execute(
            "SELECT count(*) FROM contact_points INDEXED BY ix_contact_points_customer_id "
            "WHERE customer_id > 0").fetchone() == (6000,)
    finally:
        connection.close()


def test_the_indexes_are_built_again_under_the_imports_page_cache(db, tmp_path, monkeypatch):
    """SQLite sorts an index's keys in memory up to the page cache's size and in temporary
    files beyond it: the rebuild runs before the import gives the cache back."""
    from crm_desktop.storage.importing import customer_load

    seen: list[int] = []
    finish = customer_load.BulkCustomerWriter.finish

    def finishing(self: customer_load.BulkCustomerWriter) -> None:
        seen.append(self.raw.execute("PRAGMA cache_size").fetchone()[0])
        finish(self)

    monkeypatch.setattr(customer_load.BulkCustomerWriter, "finish", finishing)
    path = tmp_path / "customers.csv"
    path.write_text("Name,Email\n" + "".join(f"Person {i},p{i}@example.com\n"
                                             for i in range(50)), "utf-8")
    assert run_import(db, path).imported == 50
    assert seen == [-131072]  # importing.load.big_cache's 128 MiB
