"""The live row counts the triggers keep (storage.row_counts, read by `stats` and the status bar)
equal `count(*)` of the tables after every kind of write: demo data (in place and into a new
file), imports, trash and restore from it, emptying the trash, merge and its undo, a backup
restored, another program's writes. When they cannot be trusted they are not used."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from crm_desktop.cli import main as cli_main
from crm_desktop.services import customers as customer_service
from crm_desktop.services import data, records
from crm_desktop.storage import direct, row_counts
from crm_desktop.storage.database import open_database
from crm_desktop.storage.maintenance import ENTITIES, check
from crm_desktop.storage.maintenance import row_counts as entity_counts


def _counted(path: Path) -> dict[str, int]:
    """Live rows per entity counted from the tables (what `stats` printed before 0008)."""
    with closing(sqlite3.connect(path)) as connection:
        return {name: int(connection.execute(row_counts.live_count_sql(table, soft)).fetchone()[0])
                for name, (table, soft) in direct.ENTITY_TABLES.items()}


def _kept(path: Path) -> dict[str, int] | None:
    with closing(sqlite3.connect(path)) as connection:
        return row_counts.read(connection)


def _assert_exact(path: Path) -> dict[str, int]:
    counted = _counted(path)
    kept = _kept(path)
    assert kept is not None, "the counts are not kept"
    assert {name: kept[table] for name, (table, _) in direct.ENTITY_TABLES.items()} == counted
    with closing(direct.open_current(path)) as connection:
        assert direct.live_counts(connection) == counted
    return counted


def test_the_counted_tables_are_the_entities():
    assert dict(direct.ENTITY_TABLES.values()) == row_counts.COUNTED
    assert list(direct.ENTITY_TABLES) == list(ENTITIES)


def test_counts_stay_exact_through_every_kind_of_write(db, db_path, tmp_path):
    _assert_exact(db_path)
    data.load_demo(db, 40, seed=5)  # in place: the count triggers stay
    before_imports = _assert_exact(db_path)
    assert before_imports["customers"] == 40 and before_imports["orders"] > 0

    people = tmp_path / "people.csv"
    people.write_text("Full Name,E-mail,Phone\nAda Lovelace,ada@example.com,+1 415 555 0100\n"
                      "Bad Row,not-an-email,\nAlan Turing,alan@example.org,\n"
                      "Grace Hopper,grace@example.net,\n", encoding="utf-8")
    data.import_file(db, people)
    orders = tmp_path / "orders.csv"
    orders.write_text("Order Number,Customer Email,Order Date,Total\n"
                      "A-1,ada@example.com,2026-01-02,10.50\n"
                      "A-2,alan@example.org,2026-01-03,7.00\n", encoding="utf-8")
    data.import_file(db, orders, "orders")
    counts = _assert_exact(db_path)
    assert counts["customers"] == 43 and counts["orders"] == before_imports["orders"] + 2

    backup = data.backup_database(db_path, tmp_path / "kept.db")

    records.trash(db, "customers", [1, 2, 43])  # Grace, imported, has no orders
    records.trash(db, "orders", [1])
    assert _assert_exact(db_path)["customers"] == 40
    records.restore(db, "customers", [1, 2])
    assert _assert_exact(db_path)["customers"] == 42
    records.empty_trash(db, "customers")  # rows in the trash go for good: not counted before
    assert _assert_exact(db_path)["customers"] == 42

    merged = customer_service.merge_customers(db, 10, 11).value
    assert _assert_exact(db_path)["customers"] == 41
    customer_service.unmerge(db, merged)
    assert _assert_exact(db_path)["customers"] == 42

    # Another program writes without the app: the triggers are in the file.
    with closing(sqlite3.connect(db_path)) as other:
        other.execute("DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders "
                      "ORDER BY id LIMIT 2)")
        other.execute("UPDATE customers SET deleted_at = '2026-01-01 00:00:00' WHERE id = 20")
        other.execute("UPDATE customers SET deleted_at = '2026-01-02 00:00:00' WHERE id = 20")
        other.execute("UPDATE customers SET owner = 'Grace' WHERE id = 21")
        other.commit()
    assert _assert_exact(db_path)["customers"] == 41

    db.close()
    data.restore_backup(db_path, backup)
    assert _assert_exact(db_path) == counts
    reopened = open_database(db_path)
    try:
        assert entity_counts(reopened) == counts  # the ORM path reads the same
        assert check(reopened).ok
    finally:
        reopened.close()


def test_demo_into_a_new_file_counts_once_at_the_end(tmp_path):
    path = tmp_path / "new.db"
    added = data.create_demo(path, 60, seed=2).value
    counts = _assert_exact(path)
    assert counts["customers"] == added["customers"] == 60
    with closing(sqlite3.connect(path)) as connection:  # the triggers are back
        connection.execute("DELETE FROM orders WHERE id = (SELECT max(id) FROM orders)")
        connection.commit()
    assert _assert_exact(path)["orders"] == counts["orders"] - 1


def test_stats_prints_the_counted_rows(db, db_path, capsys):
    data.load_demo(db, 15, seed=1)
    records.trash(db, "customers", [4])
    assert cli_main(["stats", "--db", str(db_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    counted = _counted(db_path)
    width = max(map(len, counted))
    assert printed == [f"{name:<{width}}  {count:>10,}" for name, count in counted.items()]


def test_counts_not_kept_are_not_used_and_check_full_says_so(db, db_path):
    data.load_demo(db, 10, seed=4)
    counted = _counted(db_path)
    with closing(sqlite3.connect(db_path)) as other:
        other.execute("UPDATE row_counts SET live = live + 5 WHERE name = 'orders'")
        other.commit()
    with closing(direct.open_current(db_path)) as connection:
        assert direct.health(connection, full=True).problems == (
            f"row count of orders is {counted['orders'] + 5}, the table has "
            f"{counted['orders']}",)
        assert direct.health(connection, full=True) == check(db, full=True)
        assert direct.health(connection, full=False).ok  # the quick check does not count
    with closing(sqlite3.connect(db_path)) as other:  # a trigger lost (a table rebuilt)
        other.execute("UPDATE row_counts SET live = live - 5 WHERE name = 'orders'")
        other.execute("DROP TRIGGER row_counts_contact_points_ad")
        other.execute("DELETE FROM contact_points WHERE id = (SELECT max(id) FROM contact_points)")
        other.commit()
    assert _kept(db_path) is None
    with closing(direct.open_current(db_path)) as connection:
        assert direct.live_counts(connection) == _counted(db_path)  # counted the slow way
        assert direct.live_counts(connection)["contact_points"] == counted["contact_points"] - 1
        assert direct.health(connection, full=True).problems == (
            "row counts are not kept (a counting trigger or row is missing)",)
    assert entity_counts(db) == _counted(db_path)
