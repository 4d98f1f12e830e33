"""The bulk writer's INSERT statements (customer_load): into a table the load outgrows, a chunk's
rows go in as statements of a few sizes only, so that SQLite compiles each size once instead of
one new statement per chunk; into a big table, as few statements as the parameter limit allows
(each statement journals the existing pages it changes); every row lands either way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crm_desktop.storage.importing.customer_load import BulkCustomerWriter, _Statements
from crm_desktop.storage.sqlite_functions import configure_connection

STAMP = "2026-12-07 12:00:00.000000"


@pytest.mark.parametrize(("limit", "width"), [(65536, 10), (65536, 7), (999, 10), (100, 6),
                                              (5, 10)])
def test_the_sizes_are_powers_of_two_within_the_limit_and_add_up(limit, width):
    statements = _Statements(limit)
    block = statements.block(width)
    assert block & (block - 1) == 0
    assert block <= max(1, limit // width) < 2 * block
    for rows in (0, 1, 2, 3, block - 1, block, block + 1, 3 * block + 5, 4931, 9862):
        assert sum(statements.whole(rows, width)) == rows
        sizes = statements.sizes(rows, width)
        assert sum(sizes) == rows
        assert all(size & (size - 1) == 0 and 0 < size <= block for size in sizes)
        # at most one statement of each size below a full one
        partial = [size for size in sizes if size < block]
        assert len(partial) == len(set(partial)) <= block.bit_length()


def _write_chunks(db_path: Path, rebuild: bool) -> list[int]:
    """Chunks of several sizes through the writer (100 parameters a statement, 6 a row): the
    row counts of its INSERT statements."""
    raw = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    configure_connection(raw)
    raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)
    statements: list[str] = []  # as run, with their values (the trace expands them)
    raw.set_trace_callback(statements.append)
    try:
        raw.execute("BEGIN IMMEDIATE")
        writer = BulkCustomerWriter(raw, None, STAMP)
        writer.start(rebuild_indexes=rebuild)
        writer.stop()  # its helper thread: the statements run here
        head = ("INSERT INTO customers (company_id, id, uuid, kind, name, status, created_at, "
                "updated_at) VALUES")
        next_id = 1
        for rows in CHUNKS:
            values: list[object] = []
            for customer_id in range(next_id, next_id + rows):
                values += [None, customer_id, f"uuid-{customer_id}", "person",
                           f"Person {customer_id}", "lead"]
            writer._insert(head, 6, True, values)
            next_id += rows
        got = raw.execute("SELECT count(*), min(id), max(id), count(DISTINCT uuid), "
                          "min(created_at), max(updated_at) FROM customers").fetchone()
        assert got == (sum(CHUNKS), 1, sum(CHUNKS), sum(CHUNKS), STAMP, STAMP)
        raw.execute("ROLLBACK")
    finally:
        raw.close()
    return [s.count("), (") + 1 for s in statements if s.startswith("INSERT INTO customers")]


CHUNKS = (37, 1000, 777, 16, 999, 5)


def test_into_a_table_the_load_outgrows_chunks_of_any_size_reuse_a_few_statements(db_path):
    counts = _write_chunks(db_path, rebuild=True)
    # statements of 16 rows and smaller powers of two only, where one statement per chunk
    # made a new size (37, 1000, 777, ...) each time
    assert set(counts) <= {16, 8, 4, 2, 1}
    assert sum(counts) == sum(CHUNKS)


def test_into_a_big_table_each_chunk_takes_as_few_statements_as_the_limit_allows(db_path):
    counts = _write_chunks(db_path, rebuild=False)
    expected = [min(16, rows - start) for rows in CHUNKS for start in range(0, rows, 16)]
    assert counts == expected


def test_a_repeated_uuid_is_still_refused_and_its_statement_writes_nothing(db_path: Path):
    raw = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    configure_connection(raw)
    raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)
    try:
        raw.execute("BEGIN IMMEDIATE")
        writer = BulkCustomerWriter(raw, None, STAMP)
        writer.start(rebuild_indexes=True)
        writer.stop()
        head = ("INSERT INTO customers (id, uuid, kind, name, status, created_at, updated_at) "
                "VALUES")
        values: list[object] = []
        for customer_id in range(1, 38):  # 37 rows: statements of 16, 16, 4 and 1 rows
            uuid = "uuid-3" if customer_id == 35 else f"uuid-{customer_id}"
            values += [customer_id, uuid, "person", f"Person {customer_id}", "lead"]
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            writer._insert(head, 5, True, values)
        # the two full statements went in; the one holding the repeat wrote none of its rows
        assert raw.execute("SELECT count(*), max(id) FROM customers").fetchone() == (32, 32)
        raw.execute("ROLLBACK")
        assert raw.execute("SELECT count(*) FROM customers").fetchone() == (0,)
    finally:
        raw.close()
