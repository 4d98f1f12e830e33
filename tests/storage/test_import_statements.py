"""The bulk writer's INSERT statements (customer_load): a chunk's rows go in as statements of a
few sizes only, so that SQLite compiles each size once instead of one new statement per chunk,
and every row lands whatever the sizes of the chunks."""

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
        sizes = statements.sizes(rows, width)
        assert sum(sizes) == rows
        assert all(size & (size - 1) == 0 and 0 < size <= block for size in sizes)
        # at most one statement of each size below a full one
        partial = [size for size in sizes if size < block]
        assert len(partial) == len(set(partial)) <= block.bit_length()


def test_chunks_of_any_size_reuse_a_few_statements_and_write_every_row(db_path: Path):
    raw = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    configure_connection(raw)
    raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)
    statements: list[str] = []  # as run, with their values (the trace expands them)
    raw.set_trace_callback(statements.append)
    try:
        raw.execute("BEGIN IMMEDIATE")
        writer = BulkCustomerWriter(raw, None, STAMP)
        head = ("INSERT INTO customers (company_id, id, uuid, kind, name, status, created_at, "
                "updated_at) VALUES")
        next_id = 1
        chunks = (37, 1000, 777, 16, 999, 5)
        for rows in chunks:
            values: list[object] = []
            for customer_id in range(next_id, next_id + rows):
                values += [None, customer_id, f"uuid-{customer_id}", "person",
                           f"Person {customer_id}", "lead"]
            writer._insert(head, 6, True, values)
            next_id += rows
        inserts = [s for s in statements if s.startswith("INSERT INTO customers")]
        counts = {s.count("), (") + 1 for s in inserts}
        # 100 parameters, 6 a row: statements of 16 rows and smaller powers of two only, where
        # one statement per chunk made a new size (37, 1000, 777, ...) each time
        assert counts <= {16, 8, 4, 2, 1}
        got = raw.execute("SELECT count(*), min(id), max(id), count(DISTINCT uuid), "
                          "min(created_at), max(updated_at) FROM customers").fetchone()
        assert got == (sum(chunks), 1, sum(chunks), sum(chunks), STAMP, STAMP)
        raw.execute("ROLLBACK")
    finally:
        raw.close()
