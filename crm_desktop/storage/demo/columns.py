"""Vectorised column builders of the demo generator, and the writer that bulk-inserts them.

Times are int64 microseconds since the Unix epoch (naive UTC) while generating, and become the
strings SQLAlchemy writes for `DateTime` ('YYYY-MM-DD HH:MM:SS.ffffff') and `Date` ('YYYY-MM-DD')
only when inserted. UUIDs are version 4 built from the seeded generator's bytes, so the same seed
gives the same UUIDs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np

SECOND = 1_000_000
HOUR = 3600 * SECOND
DAY = 24 * HOUR

_HEX = np.frombuffer(b"0123456789abcdef", np.uint8)
_UUID_DIGITS = np.array([i for i in range(36) if i not in (8, 13, 18, 23)])


def micros(moment: datetime) -> int:
    return int((moment - datetime(1970, 1, 1)).total_seconds()) * SECOND + moment.microsecond


def uuids(rng: np.random.Generator, n: int, ordered: bool = False) -> list[str]:
    """`n` random version-4 UUID strings from `rng`; `ordered`: handed out in ascending order.

    Ascending order does not make them less random, but lets a batch go into a large UNIQUE
    index in one sweep over its pages instead of `n` jumps to random pages.
    """
    raw = np.frombuffer(rng.bytes(16 * n), np.uint8).reshape(n, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    if ordered and n > 1:
        halves = raw.view(">u8")
        raw = raw[np.lexsort((halves[:, 1], halves[:, 0]))]
    nibbles = np.empty((n, 32), np.uint8)
    nibbles[:, 0::2] = raw >> 4
    nibbles[:, 1::2] = raw & 0x0F
    text = np.full((n, 36), ord("-"), np.uint8)
    text[:, _UUID_DIGITS] = _HEX[nibbles]
    return _split(text.tobytes().decode("ascii"), 36)


def stamps(us: np.ndarray) -> list[str]:
    """DateTime column values: 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    if len(us) == 0:
        return []
    text = np.asarray(us, np.int64).astype("datetime64[us]").astype("S26")
    text.view(np.uint8).reshape(len(text), 26)[:, 10] = ord(" ")
    return _split(text.tobytes().decode("ascii"), 26)


def dates(us: np.ndarray) -> list[str]:
    """Date column values: 'YYYY-MM-DD'."""
    if len(us) == 0:
        return []
    text = np.asarray(us, np.int64).astype("datetime64[us]").astype("datetime64[D]").astype("S10")
    return _split(text.tobytes().decode("ascii"), 10)


def _split(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def where(values: Sequence[Any], keep: np.ndarray) -> list[Any]:
    """`values` with None where `keep` is false (a nullable column)."""
    return [v if k else None for v, k in zip(values, keep.tolist(), strict=True)]


def pick(rng: np.random.Generator, weights: Sequence[float] | np.ndarray, n: int) -> np.ndarray:
    """`n` indices drawn with the given (unnormalised) weights."""
    cumulative = np.cumsum(np.asarray(weights, np.float64))
    drawn: np.ndarray = np.searchsorted(cumulative, rng.random(n) * cumulative[-1],
                                        side="right").astype(np.int64)
    return drawn


def pick_rows(rng: np.random.Generator, table: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One index per element of `rows`, drawn with the weights of `table[rows]` (2-D table)."""
    cumulative = np.cumsum(table, axis=1)
    cumulative /= cumulative[:, -1:]
    draws = rng.random(len(rows))
    chosen = (cumulative[rows] < draws[:, None]).sum(axis=1)
    indices: np.ndarray = np.minimum(chosen, table.shape[1] - 1).astype(np.int64)
    return indices


def between(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Uniform int64 times in [low, high] (element-wise; high below low gives low)."""
    span = np.maximum(np.asarray(high, np.int64) - low, 0)
    times: np.ndarray = low + (rng.random(len(span)) * span).astype(np.int64)
    return times


def round_div(numerator: np.ndarray, denominator: int) -> np.ndarray:
    """numerator / denominator rounded half up, for non-negative integers (Decimal's HALF_UP)."""
    return (2 * numerator + denominator) // (2 * denominator)


def texts(rng: np.random.Generator, pools: tuple[Sequence[str], Sequence[str]],
          cn: np.ndarray, **fields: Sequence[Any]) -> list[str]:
    """One template per row, English or Chinese by `cn`, formatted with the row's fields."""
    english, chinese = pools
    which = [
        chinese[i % len(chinese)] if c else english[i % len(english)]
        for i, c in zip(rng.integers(0, 1 << 30, len(cn)).tolist(), cn.tolist(), strict=True)
    ]
    if not fields:
        return which
    names = list(fields)
    columns = [fields[name] for name in names]
    return [
        template.format(**dict(zip(names, row, strict=True))) if "{" in template else template
        for template, *row in zip(which, *columns, strict=True)
    ]


def _max_variables(connection: Any) -> int:
    """How many parameters one statement may have (at most 32,766: more gains nothing)."""
    try:
        return int(min(connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), 32766))
    except (AttributeError, sqlite3.Error):  # an older Python or another DBAPI module
        return 999


class Writer:
    """Inserts column dicts with multi-row INSERTs, hands out row ids and counts rows per
    table."""

    def __init__(self, cursor: Any, rng: np.random.Generator,
                 max_variables: int | None = None) -> None:
        self.cursor = cursor
        self.rng = rng
        self.counts: dict[str, int] = {}
        self._next: dict[str, int] = {}
        self._statements: dict[tuple[str, int], str] = {}
        self._max_variables = (max_variables if max_variables is not None
                               else _max_variables(cursor.connection))

    def ids(self, table: str, n: int) -> np.ndarray:
        """The ids the next `n` rows of `table` will get (after any rows already there)."""
        if table not in self._next:
            row = self.cursor.execute(f"SELECT max(id) FROM {table}").fetchone()
            self._next[table] = (row[0] or 0) + 1
        start = self._next[table]
        self._next[table] += n
        return np.arange(start, start + n, dtype=np.int64)

    def insert(self, table: str, n: int, columns: dict[str, Any],
               order: np.ndarray | None = None) -> None:
        """Insert `n` rows; each column is a list/array of n values or one value for all rows.

        A `uuid` column is added; `created_at` / `updated_at` given as int64 arrays become
        DateTime strings (`updated_at` defaults to `created_at`). `order`: the positions of the
        rows in the order they are to be inserted.
        """
        self.counts[table] = self.counts.get(table, 0) + n
        if n == 0:
            return
        columns = dict(columns)
        columns["uuid"] = uuids(self.rng, n, ordered=True)
        created = columns.pop("created_at")
        updated = columns.pop("updated_at", created)
        columns["created_at"] = stamps(created)
        columns["updated_at"] = columns["created_at"] if updated is created else stamps(updated)
        names = list(columns)
        values: list[list[Any] | None] = []
        constants: list[Any] = []
        for name in names:
            value = columns[name]
            if isinstance(value, np.ndarray):
                value = value.tolist()
            if isinstance(value, list):
                if len(value) != n:
                    raise ValueError(f"{table}.{name}: {len(value)} values for {n} rows")
                if order is not None and name != "uuid":
                    value = [value[i] for i in order.tolist()]
                values.append(value)
                constants.append(None)
            else:
                values.append(None)
                constants.append(value)
        width = len(names)
        per_statement = max(1, self._max_variables // width)
        head = f"INSERT INTO {table} ({', '.join(names)}) VALUES "
        # Many rows per statement: SQLite binds them in one C loop (measured faster than
        # `executemany`, which goes back to Python for every row). The statement's values are
        # laid out row after row by one strided slice assignment per column (C loops, no tuple
        # per row).
        for start in range(0, n, per_statement):
            rows = min(per_statement, n - start)
            flat: list[Any] = [None] * (rows * width)
            for position, (value, constant) in enumerate(zip(values, constants, strict=True)):
                if value is not None:
                    flat[position::width] = value[start : start + rows]
                elif constant is not None:
                    flat[position::width] = [constant] * rows
            self.execute_rows(head, width, rows, flat)

    def execute_rows(self, head: str, width: int, rows: int, values: list[Any]) -> None:
        """Run one multi-row INSERT: `head` ("INSERT INTO t (a, b) VALUES "), `rows` rows of
        `width` values, flat in `values` (the demo's helper process sends these)."""
        key = (head, rows)
        sql = self._statements.get(key)
        if sql is None:
            marks = f"({', '.join('?' * width)})"
            sql = self._statements[key] = head + ", ".join([marks] * rows)
        self.cursor.execute(sql, values)


class Context:
    """What every part of one generation run shares: the writer, "now" and reference rows."""

    def __init__(self, writer: Writer, now_us: int, customers: int) -> None:
        self.writer = writer
        self.now = now_us
        self.start = now_us - 3 * 365 * DAY
        self.customers = customers
        self.pipeline_id = 0
        self.stage_ids: list[int] = []
        self.product_ids = np.zeros(0, np.int64)
        self.segment_ids: list[int] = []
        # Campaign columns (index = campaign number): ids, start/end times, status, channel,
        # fraction of customers targeted.
        self.campaign_ids = np.zeros(0, np.int64)
        self.campaign_start = np.zeros(0, np.int64)
        self.campaign_end = np.zeros(0, np.int64)
        self.campaign_status: list[str] = []
        self.campaign_channel: list[str] = []
        self.campaign_reach = np.zeros(0, np.float64)
        # Open tasks still to hand out per owner (index = owner): due today, and overdue. A
        # team has a few of each whatever the number of customers.
        self.due_today = np.zeros(0, np.int64)
        self.overdue = np.zeros(0, np.int64)
