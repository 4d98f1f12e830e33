"""The audit log is a hash chain: `check` finds every entry changed, added or deleted with plain
sqlite3, and a merge snapshot changed in the audit table is refused by unmerge."""

from __future__ import annotations

import json
import sqlite3

import pytest

from crm_desktop.models import Customer
from crm_desktop.storage import audit_chain, query
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.maintenance import audit_problems, check
from crm_desktop.storage.merge import merge_customers, undo_merge


def _edits(db, count: int = 3) -> list[int]:
    ids = []
    for number in range(count):
        with db.session() as session:
            customer = create_customer(session, {"name": f"Customer {number}", "city": "Oslo"})
            ids.append(customer.id)
        with db.session() as session:
            query.update(session, Customer, customer.id, city="Bergen")
    return ids


def _sql(db, statement: str, *params) -> list[tuple]:
    """Plain sqlite3, as someone editing the file outside the app would."""
    db.close()
    connection = sqlite3.connect(db.path)
    try:
        rows = connection.execute(statement, params).fetchall()
        connection.commit()
    finally:
        connection.close()
    return rows


def _audit_ids(db) -> list[int]:
    return [row[0] for row in _sql(db, "SELECT id FROM audit_log ORDER BY id")]


def test_every_entry_is_sealed_and_the_chain_checks(db):
    _edits(db)
    rows = _sql(db, "SELECT prev_hash, hash FROM audit_log ORDER BY id")
    assert len(rows) > 6 and all(prev and seal for prev, seal in rows)
    assert all(rows[i][0] == rows[i - 1][1] for i in range(1, len(rows)))
    assert rows[0][0] == audit_chain.GENESIS
    report = check(db)
    assert report.ok, report.problems


def test_a_changed_entry_is_reported_with_its_id(db):
    _edits(db)
    target = _audit_ids(db)[4]
    _sql(db, "UPDATE audit_log SET new_value = 'Forged' WHERE id = ?", target)
    report = check(db)
    assert not report.ok
    assert report.problems == (f"audit entry {target} was changed after it was written",)


def test_a_changed_actor_or_time_is_reported(db):
    _edits(db)
    first, second = _audit_ids(db)[1:3]
    _sql(db, "UPDATE audit_log SET actor = 'somebody else' WHERE id = ?", first)
    _sql(db, "UPDATE audit_log SET at = '2020-01-01 00:00:00' WHERE id = ?", second)
    assert audit_problems(db) == [f"audit entry {first} was changed after it was written",
                                  f"audit entry {second} was changed after it was written"]


def test_a_deleted_entry_is_reported_between_its_neighbours(db):
    _edits(db)
    ids = _audit_ids(db)
    _sql(db, "DELETE FROM audit_log WHERE id = ?", ids[3])
    assert audit_problems(db) == [
        f"audit entries between entry {ids[2]} and entry {ids[4]} were deleted"]


def test_deleting_the_first_or_the_last_entries_is_reported(db):
    _edits(db)
    ids = _audit_ids(db)
    _sql(db, "DELETE FROM audit_log WHERE id = ?", ids[0])
    _sql(db, "DELETE FROM audit_log WHERE id >= ?", ids[-2])
    assert audit_problems(db) == [
        f"audit entries before entry {ids[1]} were deleted",
        f"audit entries after entry {ids[-3]} were deleted (the log ended at entry {ids[-1]})"]


def test_an_entry_added_outside_the_app_is_reported_and_never_sealed_later(db):
    _edits(db, 1)
    _sql(db, "INSERT INTO audit_log (uuid, created_at, updated_at, entity, entity_id, action, "
             "field, new_value, at, actor) VALUES ('x', '2024-01-01', '2024-01-01', "
             "'customers', 1, 'update', 'name', 'Fake', '2024-01-01', 'boss')")
    added = _audit_ids(db)[-1]
    message = f"audit entry {added} was added outside the app (it has no seal)"
    assert audit_problems(db) == [message]
    _edits(db, 1)  # the app keeps writing: the forged row stays unsealed and reported
    assert audit_problems(db) == [message]


def test_an_entry_forged_with_a_copied_seal_is_reported_as_added(db):
    _edits(db, 2)
    ids = _audit_ids(db)
    prev, seal = _sql(db, "SELECT prev_hash, hash FROM audit_log WHERE id = ?", ids[2])[0]
    # Renumber the tail to make room, then slip a forged row into the gap.
    _sql(db, "UPDATE audit_log SET id = id + 1000 WHERE id > ?", ids[2])
    _sql(db, "INSERT INTO audit_log (id, uuid, created_at, updated_at, entity, entity_id, "
             "action, at, actor, prev_hash, hash) VALUES (?, 'y', 'a', 'a', 'customers', 1, "
             "'update', 'a', 'boss', ?, ?)", ids[2] + 1, seal, seal)
    problems = audit_problems(db)
    assert f"audit entry {ids[2] + 1} was changed after it was written" in problems or \
        f"audit entry {ids[2] + 1} was added outside the app" in problems
    assert any(str(ids[3] + 1000) in problem for problem in problems)  # renumbered: changed


def test_check_reports_nothing_for_an_empty_log(db):
    assert audit_problems(db) == []


def test_a_dropped_chain_head_is_reported(db):
    _edits(db, 1)
    _sql(db, "DROP TABLE audit_chain")
    assert "the audit log's chain head is missing" in audit_problems(db)


def test_rolled_back_writes_leave_the_chain_whole(db):
    _edits(db, 1)
    with pytest.raises(RuntimeError), db.session() as session:
        create_customer(session, {"name": "Ghost"})
        raise RuntimeError("boom")
    _edits(db, 1)
    assert audit_problems(db) == []


def test_seal_all_chains_rows_written_before_the_chain(db):
    _edits(db, 2)
    _sql(db, "UPDATE audit_log SET prev_hash = NULL, hash = NULL")
    assert audit_problems(db)
    connection = sqlite3.connect(db.path)
    sealed = audit_chain.seal_all(connection.cursor())
    connection.commit()
    connection.close()
    assert sealed == len(_audit_ids(db))
    assert audit_problems(db) == []


def _merged(db) -> tuple[int, int, int]:
    with db.session() as session:
        survivor = create_customer(session, {"name": "Acme Ltd", "city": "Paris"})
        loser = create_customer(session, {"name": "ACME Limited", "city": "Lyon"})
    with db.session() as session:
        merge_id = merge_customers(session, survivor.id, loser.id, {"name": "survivor"})
    return merge_id, survivor.id, loser.id


def test_unmerge_refuses_a_tampered_snapshot_and_writes_nothing(db):
    merge_id, survivor_id, _loser_id = _merged(db)
    (snapshot_text,) = _sql(db, "SELECT new_value FROM audit_log WHERE id = ?", merge_id)[0]
    snapshot = json.loads(snapshot_text)
    snapshot["survivor"]["name"] = "Tampered Name Ltd"
    _sql(db, "UPDATE audit_log SET new_value = ? WHERE id = ?",
         json.dumps(snapshot, ensure_ascii=False), merge_id)
    before = _sql(db, "SELECT count(*), max(id) FROM audit_log")
    customers_before = _sql(db, "SELECT id, name, city, deleted_at FROM customers ORDER BY id")
    with pytest.raises(StorageError) as raised, db.session() as session:
        undo_merge(session, merge_id)
    assert str(raised.value) == (f"merge {merge_id}: its snapshot in the audit log was changed "
                                 "after it was written; refusing to use it")
    assert "\n" not in str(raised.value)
    assert _sql(db, "SELECT count(*), max(id) FROM audit_log") == before
    assert _sql(db, "SELECT id, name, city, deleted_at FROM customers ORDER BY id") == \
        customers_before
    assert "Tampered Name Ltd" not in str(customers_before)
    assert survivor_id in [row[0] for row in customers_before]


def test_unmerge_refuses_a_snapshot_whose_seal_was_recomputed(db):
    """Recomputing the changed entry's own seal is not enough: the next entry names the old."""
    merge_id, _survivor_id, _loser_id = _merged(db)
    with db.session() as session:  # a later entry follows the merge's
        create_customer(session, {"name": "Later"})
    prev, = _sql(db, "SELECT prev_hash FROM audit_log WHERE id = ?", merge_id)[0]
    row = list(_sql(db, f"SELECT id, {', '.join(audit_chain.CONTENT)} FROM audit_log "
                        "WHERE id = ?", merge_id)[0])
    row[audit_chain.CONTENT.index("new_value") + 1] = row[
        audit_chain.CONTENT.index("new_value") + 1].replace("Acme Ltd", "Tampered Name Ltd")
    _sql(db, "UPDATE audit_log SET new_value = ?, hash = ? WHERE id = ?",
         row[audit_chain.CONTENT.index("new_value") + 1], audit_chain.digest(prev, row), merge_id)
    with pytest.raises(StorageError, match="refusing to use it"), db.session() as session:
        undo_merge(session, merge_id)


def test_an_intact_merge_still_undoes(db):
    merge_id, survivor_id, loser_id = _merged(db)
    with db.session() as session:
        assert undo_merge(session, merge_id) == (survivor_id, loser_id)
    assert audit_problems(db) == []


def test_entries_record_the_machine(db):
    _edits(db, 1)
    machines = {row[0] for row in _sql(db, "SELECT machine FROM audit_log")}
    assert machines == {db.machine} and db.machine


def test_upgrading_to_0005_seals_existing_entries_and_stores_the_user(tmp_path):
    """A database at 0004 with audit entries (and no user setting) gains the chain: its
    entries are sealed in id order and `check` finds nothing; the OS account is stored."""
    import getpass

    from crm_desktop.storage.database import SCHEMA_HEAD, create_sqlite_engine, open_database
    from crm_desktop.storage.migrate import upgrade

    path = tmp_path / "v4.db"
    engine = create_sqlite_engine(path)
    upgrade(engine, "0004_sales_targets_holdout")
    engine.dispose()
    connection = sqlite3.connect(path)
    connection.executemany(
        "INSERT INTO audit_log (uuid, created_at, updated_at, entity, entity_id, action, field, "
        "old_value, new_value, at, actor) VALUES (?, '2024-01-01 00:00:00', "
        "'2024-01-01 00:00:00', 'customers', ?, 'update', 'city', 'Oslo', ?, "
        "'2024-01-01 00:00:00', 'old user')",
        [(f"u{i}", i, f"城市 {i}") for i in range(25)])
    connection.commit()
    connection.close()
    database = open_database(path)
    assert database.schema_version() == SCHEMA_HEAD
    assert database.actor == getpass.getuser()
    database.close()
    rows = _sql(database, "SELECT id, prev_hash, hash FROM audit_log ORDER BY id")
    assert len(rows) == 25 and all(seal for _id, _prev, seal in rows)
    assert [prev for _id, prev, _seal in rows[1:]] == [seal for _id, _prev, seal in rows[:-1]]
    assert _sql(database, "SELECT last_id, last_hash FROM audit_chain") == \
        [(rows[-1][0], rows[-1][2])]
    assert audit_problems(database) == []
    _sql(database, "UPDATE audit_log SET new_value = 'x' WHERE id = ?", rows[10][0])
    assert audit_problems(database) == [
        f"audit entry {rows[10][0]} was changed after it was written"]


def test_sealing_in_batches_gives_the_same_chain(db):
    _edits(db, 3)
    expected = _sql(db, "SELECT hash FROM audit_log ORDER BY id")
    connection = sqlite3.connect(db.path)
    connection.execute("UPDATE audit_log SET prev_hash = NULL, hash = NULL")
    audit_chain.seal_all(connection.cursor(), batch=2)
    connection.commit()
    connection.close()
    assert _sql(db, "SELECT hash FROM audit_log ORDER BY id") == expected
