"""Per-customer analysis results (table ``analytics_results``) and applying them to customers.

* :func:`save_results` upserts one row per customer for one ``kind`` ('churn', 'clv', 'rfm',
  'segment', 'value_score', ...) in one statement (SQLite ``INSERT ... ON CONFLICT DO UPDATE``).
  Results are derived data: written in bulk and not audited row by row.
* :func:`apply_categories` writes predicted categories/segments into ``customers.category`` for
  live customers that have none yet, and records one summary entry in the audit log.
* :func:`load_results` reads one kind back as a DataFrame.

The writes take the database (one transaction each) or a connection in a transaction of the
caller's (applying an analysis writes several kinds and the categories in one).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, cast

import numpy as np
import pandas as pd
from sqlalchemy import Connection, DateTime, Table, bindparam, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from crm_desktop.models import AnalyticsResult, AuditEntry, Customer, new_uuid, utcnow
from crm_desktop.storage import audit_chain
from crm_desktop.storage.database import Database, raw_connection
from crm_desktop.storage.frame_chunks import read_query

DEFAULT_MODEL_VERSION = "analytics-1"
_CHUNK = 5_000


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _plain(value: Any) -> Any:
    """JSON-able value (numpy numbers and NaN/NaT become Python numbers / None; lists and
    dicts, such as a customer's reasons, are kept with their items made plain)."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value if isinstance(value, (int, float, str, bool)) else str(value)


@contextlib.contextmanager
def _transaction(target: Database | Connection) -> Iterator[Connection]:
    """A connection in a transaction: the caller's, or a new one committed at the end."""
    if isinstance(target, Connection):
        yield target
    else:
        with target.engine.begin() as connection:
            yield connection


def result_upsert() -> Any:
    """INSERT of analytics results that replaces a customer's earlier result of the kind."""
    stmt = sqlite_insert(AnalyticsResult)
    return stmt.on_conflict_do_update(
        index_elements=["customer_id", "kind"],
        set_={c: stmt.excluded[c] for c in
              ("value", "label", "details", "model_version", "computed_at", "updated_at")},
    )


def save_results(
    target: Database | Connection,
    kind: str,
    frame: pd.DataFrame,
    value_col: str | None,
    label_col: str | None = None,
    model_version: str = DEFAULT_MODEL_VERSION,
    *,
    customer_col: str = "customer_id",
    detail_cols: tuple[str, ...] = (),
    convert: Mapping[str, Callable[[pd.Series], Sequence[Any]]] | None = None,
) -> int:
    """Upsert one ``analytics_results`` row per customer of ``frame`` for ``kind``.

    The customer id is ``frame[customer_col]`` (or the index when there is no such column).
    ``value_col`` and ``label_col`` fill value/label; ``detail_cols`` go into details, each
    through ``convert[column]`` when given (called a chunk of rows at a time, so that what it
    makes of a million rows never exists at once). Customers that do not exist (any more) are
    skipped. Returns the rows written.
    """
    ids = frame[customer_col] if customer_col in frame.columns else frame.index.to_series()
    at = utcnow()
    stmt = result_upsert()
    written = 0
    with _transaction(target) as connection:
        known = customer_ids(connection)
        # The rows are built and written _CHUNK at a time: all of a million customers' rows at
        # once (a dict each, with details) took over a gigabyte of the background process.
        for start in range(0, len(frame), _CHUNK):
            part = slice(start, start + _CHUNK)
            values = frame[value_col].iloc[part].tolist() if value_col else None
            labels = frame[label_col].iloc[part].tolist() if label_col else None
            details = (_detail_records(frame[list(detail_cols)].iloc[part], convert or {})
                       if detail_cols else None)
            rows: list[dict[str, Any]] = []
            chunk_ids = ids.iloc[part]
            exists = known.holds(chunk_ids)
            for i, cid in enumerate(chunk_ids.tolist()):
                if not exists[i]:
                    continue
                value = values[i] if values is not None else None
                label = labels[i] if labels is not None else None
                label_text = None if label is None or pd.isna(label) else str(label)[:100]
                rows.append({
                    "uuid": new_uuid(), "customer_id": int(cid), "kind": kind,
                    "value": _number(value), "label": label_text,
                    "details": _details(details[i]) if details else None,
                    "model_version": model_version, "computed_at": at, "created_at": at,
                    "updated_at": at,
                })
            if rows:
                connection.execute(stmt, rows)
                written += len(rows)
    return written


class CustomerIds:
    """The ids of the customers table as one sorted numpy array (a set of a million Python
    ints was 60 MB of the analysis process)."""

    def __init__(self, ids: np.ndarray) -> None:
        self.ids = np.sort(ids.astype(np.int64))

    def holds(self, values: pd.Series) -> np.ndarray:
        """Per value: an existing customer's id (False for None/NaN and for ids not there)."""
        numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
        known = ~np.isnan(numbers)
        found = np.zeros(len(numbers), dtype=bool)
        wanted = numbers[known].astype(np.int64)
        at = np.searchsorted(self.ids, wanted)
        found[known] = (at < len(self.ids)) & (self.ids[np.minimum(at, len(self.ids) - 1)]
                                               == wanted) if len(self.ids) else False
        return found


def customer_ids(connection: Any) -> CustomerIds:
    """Every customer's id (soft-deleted ones too), read a chunk at a time."""
    result = connection.execute(text("SELECT id FROM customers"))
    parts = [np.array([i for (i,) in rows], dtype=np.int64)
             for rows in iter(lambda: result.fetchmany(100_000), [])]
    return CustomerIds(np.concatenate(parts) if parts else np.empty(0, np.int64))


def _detail_records(part: pd.DataFrame,
                    convert: Mapping[str, Callable[[pd.Series], Sequence[Any]]]
                    ) -> list[dict[str, Any]]:
    """The detail columns of a chunk of rows as one dict per row, converted."""
    columns = {name: convert[name](part[name]) if name in convert else part[name].tolist()
               for name in part.columns}
    return [dict(zip(columns, values, strict=True))
            for values in zip(*columns.values(), strict=True)]


def _details(values: dict[str, Any]) -> dict[str, Any] | None:
    """A row's details without its empty entries (a customer without reasons stores none)."""
    kept = {k: _plain(v) for k, v in values.items()}
    kept = {k: v for k, v in kept.items() if v is not None and v != []}
    return kept or None


def save_win_probabilities(target: Database | Connection, frame: pd.DataFrame) -> list[int]:
    """Store each live open deal's win probability (``frame``: opportunity_id,
    win_probability 0..1) on the opportunity, with the time. Derived data written in bulk:
    not audited per deal, and ``updated_at`` is left alone (nobody edited the deal). Returns
    the ids of the deals written."""
    at = utcnow()
    wanted = {int(i): _number(p) for i, p in zip(frame["opportunity_id"].tolist(),
                                                   frame["win_probability"].tolist(),
                                                   strict=True) if i is not None}
    with _transaction(target) as connection:
        live = {int(i) for (i,) in connection.execute(text(
            "SELECT id FROM opportunities WHERE deleted_at IS NULL AND status = 'open'"))}
        written = [i for i in wanted if i in live]
        if written:
            connection.execute(text(
                "UPDATE opportunities SET win_probability = :p, win_probability_at = :at "
                "WHERE id = :oid").bindparams(bindparam("at", type_=DateTime)),
                [{"oid": i, "p": wanted[i], "at": at} for i in written])
    return written


def load_results(database: Database, kind: str) -> pd.DataFrame:
    """Stored results of ``kind``: customer_id, value, label, details, model_version,
    computed_at (empty frame with those columns when none)."""
    columns = ["customer_id", "value", "label", "details", "model_version", "computed_at"]
    stmt = select(
        AnalyticsResult.customer_id, AnalyticsResult.value, AnalyticsResult.label,
        AnalyticsResult.details, AnalyticsResult.model_version, AnalyticsResult.computed_at,
    ).where(AnalyticsResult.kind == kind).order_by(AnalyticsResult.customer_id)
    with database.engine.connect() as connection:
        rows = connection.execute(stmt).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def result_values(database: Database, kind: str) -> pd.Series:
    """The stored values of ``kind`` (float, NaN when none was stored), in customer order: what
    a histogram of them needs, without the details and texts :func:`load_results` reads (at a
    million customers those are most of a gigabyte of Python objects)."""
    with raw_connection(database) as connection:
        frame = read_query(connection, "SELECT value FROM analytics_results WHERE kind = ? "
                           "ORDER BY customer_id", (kind,))
    return frame["value"].astype("float64")


# A coordinate of the projection in the details JSON: a number (true/false count as 1/0, as
# Python's float() takes them), anything else NULL.
_COMPONENT = """CASE json_type(details, '$.{key}') WHEN 'integer' THEN json_extract(details, '$.{key}')
    WHEN 'real' THEN json_extract(details, '$.{key}') WHEN 'true' THEN 1.0 WHEN 'false' THEN 0.0
    END"""


def result_projection(database: Database, kind: str = "segment") -> pd.DataFrame:
    """customer_id, label and the projection ``pc1``, ``pc2`` stored in the details of
    ``kind`` (NaN where a row has none), in customer order; the details are read by SQLite's
    JSON functions, not turned into a Python dict per customer."""
    sql = (f"SELECT customer_id, label, "
           f"CASE WHEN json_valid(details) THEN {_COMPONENT.format(key='pc1')} END AS pc1, "
           f"CASE WHEN json_valid(details) THEN {_COMPONENT.format(key='pc2')} END AS pc2 "
           "FROM analytics_results WHERE kind = ? ORDER BY customer_id")
    with raw_connection(database) as connection:
        frame = read_query(connection, sql, (kind,))
    for name in ("pc1", "pc2"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    return frame


def apply_categories(
    target: Database | Connection,
    frame: pd.DataFrame | Mapping[int, str],
    label_col: str = "label",
    *,
    customer_col: str = "customer_id",
    source: str = "analytics",
    actor: str | None = None,
) -> int:
    """Set ``customers.category`` from predicted labels where a live customer has none.

    ``frame`` is a DataFrame (``customer_col`` or index -> ``label_col``) or a mapping
    customer id -> category. Writes one summary audit entry (entity 'customers', field
    'category'; by ``actor``, default the database's). Returns the number of customers
    updated.
    """
    if isinstance(frame, pd.DataFrame):
        ids = frame[customer_col] if customer_col in frame.columns else frame.index.to_series()
        mapping = dict(zip(ids.tolist(), frame[label_col].tolist(), strict=True))
    else:
        mapping = dict(frame)
    wanted = {int(k): str(v)[:100] for k, v in mapping.items()
              if k is not None and v is not None and not pd.isna(v) and str(v)}
    if not wanted:
        return 0
    at = utcnow()
    if actor is None and isinstance(target, Database):
        actor = target.actor
    with _transaction(target) as connection:
        empty = {int(i) for (i,) in connection.execute(
            select(Customer.id).where(
                Customer.deleted_at.is_(None),
                (Customer.category.is_(None)) | (Customer.category == ""),
            )
        )}
        params = [{"cid": cid, "cat": cat} for cid, cat in wanted.items() if cid in empty]
        if not params:
            return 0

        customers = cast(Table, Customer.__table__)
        connection.execute(
            update(customers).where(customers.c.id == bindparam("cid"))
            .values(category=bindparam("cat"), updated_at=at),
            params,
        )
        stamp = AuditEntry.__table__.c.at.type.dialect_impl(connection.dialect).bind_processor(
            connection.dialect)
        stored = stamp(at) if stamp is not None else at
        machine = target.machine if isinstance(target, Database) else None
        audit_chain.append(audit_chain.cursor_of(connection), [(
            new_uuid(), stored, stored, "customers", 0, None, "update", "category", None,
            f"{len(params)} customers categorised by {source}", stored, actor, machine,
        )])
    return len(params)
