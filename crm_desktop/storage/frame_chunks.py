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
    chunks: list[pd.DataFrame] = []
    shared: dict[str, dict[str, str]] = {name: {} for name in names}
    while rows := cursor.fetchmany(chunk_rows):
        chunk = convert(pd.DataFrame.from_records(rows, columns=list(names)), datetimes,
                        booleans)
        del rows
        for name in names:
            if _is_text(chunk[name].dtype):
                chunk[name] = _share(chunk[name], shared[name])
        chunks.append(chunk)
    if not chunks:
        return convert(pd.DataFrame.from_records([], columns=list(names)), datetimes, booleans)
    if len(chunks) == 1:
        return chunks[0]
    for name in names:
        dtype = _common_dtype([chunk[name] for chunk in chunks])
        if dtype is None:
            return None
        for chunk in chunks:
            if chunk[name].dtype != dtype:
                chunk[name] = chunk[name].astype(dtype)
    return pd.concat(chunks, ignore_index=True)


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
