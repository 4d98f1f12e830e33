"""A query's rows into a DataFrame a chunk at a time, each repeated string kept once.

`cursor.fetchall()` on 3.3 million orders makes a tuple per row and a Python object per value
(about 400 bytes a row: 1.3 GB) before pandas sees any of it, and every text value is a string
object of its own, so an order's currency "EUR" costs a 52-byte string in every row. Here rows
come :data:`CHUNK_ROWS` at a time; each chunk becomes columns at once (numbers in numpy arrays,
timestamps parsed), and the repeated strings of a column (currency, status, city...) all point to
one string object: 8 bytes a row. Columns whose values are mostly distinct (names, uuids, texts)
are left as they are.

The frame is the one pandas makes from all the rows at once: same dtypes, same values, same
index (tests/storage/test_frame_chunks.py compares the two on every frame). A column whose
chunks disagree in a way that could change its dtype (text in one chunk, numbers in another)
makes :func:`read_chunks` return None, and the caller reads the query whole.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
import pandas as pd

CHUNK_ROWS = 100_000


def convert(frame: pd.DataFrame, datetimes: Collection[str],
            booleans: Collection[str]) -> pd.DataFrame:
    """Timestamps from SQLite's ISO text (naive, `datetime64[ns]`), booleans from 0/1/NULL."""
    for name in frame.columns:
        if name in datetimes:
            frame[name] = pd.to_datetime(frame[name], format="ISO8601", errors="coerce")
        elif name in booleans:
            frame[name] = frame[name].fillna(0).astype(bool)
    return frame


def read_query(connection: Any, sql: str, parameters: Sequence[Any] = (), *,
               datetimes: Collection[str] = (), booleans: Collection[str] = ()) -> pd.DataFrame:
    """The rows of `sql` on a DBAPI connection as a frame, a chunk at a time."""
    cursor = connection.cursor()
    try:
        cursor.execute(sql, parameters)
        names = [description[0] for description in cursor.description]
        frame = read_chunks(cursor, names, datetimes, booleans)
        if frame is None:  # chunks that disagree on a column's type: read it whole
            cursor.execute(sql, parameters)
            frame = convert(pd.DataFrame.from_records(cursor.fetchall(), columns=names),
                            datetimes, booleans)
        return frame
    finally:
        cursor.close()


def read_chunks(cursor: Any, names: Sequence[str], datetimes: Collection[str],
                booleans: Collection[str], chunk_rows: int = CHUNK_ROWS) -> pd.DataFrame | None:
    """The rows of an executed `cursor` as one frame (None: read them whole instead)."""
    chunks: list[dict[str, pd.Series]] = []
    shared: dict[str, dict[str, str]] = {name: {} for name in names}
    while rows := cursor.fetchmany(chunk_rows):
        chunk = convert(pd.DataFrame.from_records(rows, columns=list(names)), datetimes,
                        booleans)
        del rows
        chunks.append(_columns(chunk, names, shared))
        del chunk
    if not chunks:
        return convert(pd.DataFrame.from_records([], columns=list(names)), datetimes, booleans)
    dtypes = [_common_dtype([chunk[name] for chunk in chunks]) for name in names]
    if any(dtype is None for dtype in dtypes):
        return None
    return _joined(chunks, names, dtypes)


def _columns(chunk: pd.DataFrame, names: Sequence[str],
             shared: dict[str, dict[str, str]]) -> dict[str, pd.Series]:
    """The chunk's columns, each with an array of its own (pandas keeps columns of one dtype
    in one block, which lives while any of them does), repeated strings shared."""
    columns = {}
    for name in names:
        column = chunk[name]
        part = _share(column, shared[name]) if _is_text(column.dtype) else column
        columns[name] = column.copy() if part is column else part
    return columns


def _joined(chunks: list[dict[str, pd.Series]], names: Sequence[str],
            dtypes: list[Any]) -> pd.DataFrame:
    """The chunks one under the other, a column at a time, each chunk's part of it let go as
    soon as it is copied: ``pd.concat`` of the chunks as frames held all of them and the whole
    frame at once (at 3.2 million orders 130 MB of chunks beside the 130 MB frame, the
    analysis process' largest step while loading them). Each column is then a block of its
    own, which ``pd.concat`` would have joined by dtype: the values, dtypes and index are the
    same."""
    frame = pd.DataFrame(index=pd.RangeIndex(sum(len(chunk[names[0]]) for chunk in chunks)))
    for name, dtype in zip(names, dtypes, strict=True):
        parts = [chunk.pop(name) for chunk in chunks]
        parts = [part if part.dtype == dtype else part.astype(dtype) for part in parts]
        frame[name] = pd.concat(parts, ignore_index=True)
        del parts
    return frame


def _common_dtype(parts: list[pd.Series]) -> Any:
    """The dtype pandas would have given the column read whole, or None when unsure.

    A chunk of NULLs only says nothing about the column. pandas makes a column of ints int64,
    of ints with NULLs or floats float64 (NaN), of text with NULLs `str` (NaN), of timestamps
    the finest resolution any needs (pandas 3 parses ISO text to microseconds; NULLs alone to
    seconds).
    """
    dtypes = {part.dtype for part in parts}
    if len(dtypes) == 1:
        return next(iter(dtypes))
    nulls = [bool(part.isna().all()) for part in parts]
    known = {part.dtype for part, null in zip(parts, nulls, strict=True) if not null}
    if not known:
        return None
    if all(d.kind == "M" for d in dtypes if isinstance(d, np.dtype)) and all(
            isinstance(d, np.dtype) for d in dtypes):
        return max(known, key=lambda d: _UNITS.index(np.datetime_data(d)[0]))
    if known <= {np.dtype("int64"), np.dtype("float64")}:
        return np.dtype("float64")  # ints next to NULLs or floats
    if len(known) == 1 and isinstance(next(iter(known)), pd.StringDtype):
        return next(iter(known))  # text with a chunk of NULLs only: text with NaN
    return None


_UNITS = ("s", "ms", "us", "ns")


def _is_text(dtype: Any) -> bool:
    """Python objects or pandas' `str` (held as Python strings without pyarrow)."""
    return bool(dtype == np.dtype(object)) or (
        isinstance(dtype, pd.StringDtype) and dtype.storage == "python")


def _share(column: pd.Series, shared: dict[str, str]) -> pd.Series:
    """`column` with each repeated string one object (from `shared`, kept across chunks);
    NULLs as they were. Left alone unless every value is a string or NULL and at most half are
    distinct."""
    values = column.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(values, skipna=True) != "string":
        return column
    codes, uniques = pd.factorize(values)
    if len(uniques) > len(values) // 2:
        return column
    canonical = np.empty(len(uniques) + 1, dtype=object)  # the last for NULL's code, -1
    canonical[:-1] = [shared.setdefault(str(u), str(u)) for u in uniques]
    result = np.where(codes >= 0, canonical[codes], values)
    return pd.Series(result, index=column.index, name=column.name, dtype=column.dtype)
