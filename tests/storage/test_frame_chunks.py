"""Frames read a chunk at a time equal the frames pandas makes from all the rows at once (dtypes,
values, index), and a column's repeated strings are one object."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from crm_desktop.storage import frame_chunks, frames
from crm_desktop.storage.database import open_database, raw_connection
from tests.conftest import demo_database_file

FRAMES = ("customers", "orders", "order_lines", "opportunities", "tickets", "interactions",
          "relationships", "campaigns", "campaign_members", "survey_responses", "contacts")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, template_db: Path):
    database = open_database(demo_database_file(tmp_path_factory, template_db, "chunks", 300,
                                                seed=5))
    yield database
    database.close()


def _whole(database, sql: str) -> pd.DataFrame:
    """The frame as it was read before chunks: every row fetched, then converted (and its ids
    and codes made compact as every frame's are)."""
    with raw_connection(database) as connection:
        cursor = connection.cursor()
        cursor.execute(sql)
        names = [d[0] for d in cursor.description]
        frame = pd.DataFrame.from_records(cursor.fetchall(), columns=names)
    return frames.compact_codes(frames.compact_ids(
        frame_chunks.convert(frame, frames._DATETIMES, frames._BOOLEANS)))


@pytest.mark.parametrize("name", FRAMES)
def test_every_frame_read_in_small_chunks_equals_the_frame_read_whole(demo, name, monkeypatch):
    monkeypatch.setattr(frame_chunks, "CHUNK_ROWS", 37)  # many chunks, some with NULLs only
    monkeypatch.setattr(frame_chunks.read_chunks, "__defaults__", (37,))
    whole = _whole(demo, getattr(frames, f"_{name.upper()}"))
    chunked = getattr(frames, name)(demo)
    assert len(whole) > 37 or name == "campaigns"
    assert list(chunked.dtypes) == list(whole.dtypes)
    pd.testing.assert_frame_equal(chunked, whole)


def _read(rows: list[tuple], names: list[str], chunk_rows: int = 2) -> pd.DataFrame | None:
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE TABLE t ({', '.join(names)})")
    connection.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(names))})", rows)
    cursor = connection.execute("SELECT * FROM t ORDER BY rowid")
    try:
        return frame_chunks.read_chunks(cursor, names, {"at"}, {"flag"}, chunk_rows)
    finally:
        connection.close()


def test_chunks_of_nulls_only_take_the_dtype_of_the_whole_column():
    rows = [(1, "a", None, 1), (2, "b", "2024-01-02", None), (None, None, None, None),
            (None, None, None, None), (5, "a", "2024-03-04 05:06:07", 0)]
    names = ["n", "s", "at", "flag"]
    chunked = _read(rows, names)
    whole = frame_chunks.convert(pd.DataFrame.from_records(rows, columns=names), {"at"},
                                 {"flag"})
    assert chunked is not None
    pd.testing.assert_frame_equal(chunked, whole)
    assert chunked["n"].dtype == "float64" and chunked["flag"].tolist() == [1, 0, 0, 0, 0]


def test_a_column_of_text_in_one_chunk_and_numbers_in_another_is_read_whole():
    assert _read([("x",), ("y",), (1,), (2,)], ["v"]) is None  # the caller reads it whole


def test_repeated_strings_are_one_object_across_chunks():
    rows = [("EUR", f"name {i}") for i in range(6)]
    frame = _read(rows, ["currency", "name"])
    assert frame is not None
    currencies = frame["currency"].to_numpy(dtype=object)
    assert all(value is currencies[0] for value in currencies)
    assert frame["currency"].tolist() == ["EUR"] * 6
    assert frame["name"].tolist() == [f"name {i}" for i in range(6)]


def test_no_rows_give_the_empty_frame_with_converted_columns():
    frame = _read([], ["n", "at", "flag"])
    assert frame is not None and len(frame) == 0
    assert str(frame["at"].dtype).startswith("datetime64") and frame["flag"].dtype == bool


def test_ids_are_int32_when_they_fit_and_int64_above():
    """Every frame's integer ids are 4 bytes a row when all of them fit (checked at each load);
    an id above 2**31 keeps its column int64; ids with NULLs (float) and other integers stay."""
    import numpy as np

    frame = frames.compact_ids(pd.DataFrame({
        "id": np.array([1, 2, 3], dtype=np.int64),
        "customer_id": np.array([7, 2**31 - 1, 0], dtype=np.int64),
        "campaign_id": [1.0, np.nan, 2.0],
        "target": np.array([1, 2**31, 3], dtype=np.int64),
        "quantity": np.array([1, 2, 3], dtype=np.int64)}))
    assert frame.dtypes.astype(str).tolist() == ["int32", "int32", "float64", "int64", "int64"]
    assert frame["customer_id"].tolist() == [7, 2**31 - 1, 0]
    assert frame["target"].tolist() == [1, 2**31, 3]
    empty = frames.compact_ids(pd.DataFrame({"id": np.array([], dtype=np.int64)}))
    assert empty["id"].dtype == np.int64


def test_the_demo_frames_have_int32_ids_and_categorical_codes(demo):
    """The cached frames' bulk: 3.3 million orders at a million customers."""
    orders = frames.orders(demo, ["id", "customer_id", "amount", "status", "currency"])
    assert orders["id"].dtype == "int32" and orders["customer_id"].dtype == "int32"
    assert orders["status"].dtype == "category" and orders["currency"].dtype == "category"
    assert list(orders["status"].cat.categories) == sorted(set(orders["status"].dropna()))
    customers = frames.customers(demo, ["id", "name", "status", "kind"])
    assert customers["id"].dtype == "int32"
    assert customers["status"].dtype == "category" and customers["kind"].dtype == "category"
    assert customers["name"].dtype != "category"  # names are not codes


def test_the_chunks_are_let_go_a_column_at_a_time_as_the_frame_is_made():
    """Joining the chunks held every chunk and the whole frame at once (twice the frame: at
    3.2 million orders 130 MB more than needed); a column at a time it is the frame, one
    column more and one chunk's rows."""
    import tracemalloc

    names = [f"c{i}" for i in range(8)]
    rows = [tuple(float(i + j) for j in range(8)) for i in range(100_000)]
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE TABLE t ({', '.join(names)})")
    connection.executemany(f"INSERT INTO t VALUES ({', '.join('?' * 8)})", rows)
    del rows
    cursor = connection.execute("SELECT * FROM t ORDER BY rowid")
    tracemalloc.start()
    try:
        frame = frame_chunks.read_chunks(cursor, names, (), (), 2_500)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        connection.close()
    assert frame is not None and frame["c7"].tolist()[:2] == [7.0, 8.0]
    size = int(frame.memory_usage(index=False).sum())  # 6.4 MB
    assert peak < 1.5 * size, (peak, size)
