"""The import's matching queries look keys up in their own indexes, never through the
deleted_at index (which SQLite picks for `deleted_at IS NULL` on a database without
statistics, visiting every live row: seconds per chunk at a million customers)."""

from __future__ import annotations

from crm_desktop.storage.database import raw_connection
from crm_desktop.storage.importing import run_import


def _plans(db, action) -> list[str]:
    """The query plans of the SELECTs `action` runs on the DB-API connections it opens."""
    from sqlalchemy import event

    statements: list[str] = []
    engine = db.engine

    def trace(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    event.listen(engine, "connect", trace)
    engine.dispose()  # new connections, traced
    try:
        action()
    finally:
        event.remove(engine, "connect", trace)
        engine.dispose()
    plans = []
    with raw_connection(db) as connection:
        for sql in {s for s in statements if s.lstrip().upper().startswith("SELECT")
                    and "deleted_at IS NULL" in s}:
            plan = " ; ".join(row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql))
            plans.append(f"{sql} -> {plan}")
    return plans


def test_matching_queries_use_the_keys_indexes(db, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("External ID,Name,Email,Phone\n" + "".join(
        f"X{i},Person {i},p{i}@example.com,+1 415 555 {i:04d}\n" for i in range(50)),
        encoding="utf-8")
    run_import(db, people)
    orders = tmp_path / "orders.csv"
    orders.write_text("number,customer_name,ordered_at,total\nSO-1,Person 1,2024-01-02,10\n",
                      encoding="utf-8")
    plans = _plans(db, lambda: (run_import(db, people), run_import(db, orders, kind="orders")))
    assert len(plans) >= 3
    assert not [plan for plan in plans if "deleted_at" in plan.split(" -> ")[1]], plans
