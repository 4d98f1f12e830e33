"""Which rows are already in the database, and which repeat an earlier row of the same file.

Customers match on external id (also our own UUID, so re-importing our export matches), then
email, then phone. Orders and tickets match on their number, opportunities on customer + name,
interactions on customer + kind + subject + time. The first row of the file that claims a
record wins; later rows that claim the same one are reported as in-file duplicates and skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from crm_desktop.storage.importing.rows import RecordRow, natural_key
from crm_desktop.storage.importing.validate import InvalidValue, parse_datetime

_CHUNK = 500


@dataclass
class Duplicate:
    row: int
    first_row: int
    key: str


@dataclass
class RecordPlan:
    new: list[RecordRow] = field(default_factory=list)
    updates: list[tuple[int, RecordRow]] = field(default_factory=list)
    matched_skipped: list[tuple[int, RecordRow]] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    invalid: list[InvalidValue] = field(default_factory=list)


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# The live customers with the (kind, normalized) keys of a JSON array: one lookup per key in
# ix_contact_points_normalized (normalized, kind, customer_id), which covers it
# (tests/storage/test_index_plans.py).
CONTACT_KEYS_SQL = (
    "SELECT cp.kind, cp.normalized, cp.customer_id FROM json_each(?) k "
    "CROSS JOIN contact_points cp ON cp.normalized = k.value ->> 1 "
    "AND cp.kind = k.value ->> 0 JOIN customers c ON c.id = cp.customer_id "
    "WHERE +c.deleted_at IS NULL ORDER BY cp.customer_id, cp.id")
# The live customers with the external ids (?1) or UUIDs (?2) of JSON arrays: lookups in
# ix_customers_external_id (partial: external_id IS NOT NULL) and the unique uuid index.
EXTERNAL_KEYS_SQL = (
    "SELECT id, external_id, uuid FROM customers WHERE +deleted_at IS NULL AND "
    "(external_id IN (SELECT value FROM json_each(?1)) "
    "OR uuid IN (SELECT value FROM json_each(?2))) ORDER BY id")


def existing_customer_keys(raw: Any, keys: Iterable[tuple[str, str]]
                           ) -> dict[tuple[str, str], int]:
    """(kind, key) -> live customer id, for the keys given (kind: external_id, email, phone;
    others are ignored). `raw` is a DBAPI connection. Two set-based queries, whatever the
    number of keys: the keys go in as one JSON array and are joined with the indexes. When
    several live customers have a key, the oldest (lowest id) wins.

    `+deleted_at IS NULL` (here and in the other matching queries) keeps SQLite from
    answering through the deleted_at index, which it otherwise picks on a database without
    statistics: that visits every live row (0.15-0.2 s a query at 100,000 customers, a query
    per chunk) instead of looking the keys up in their own indexes."""
    wanted = set(keys)
    contacts = sorted((kind, key) for kind, key in wanted if kind in ("email", "phone"))
    ids = sorted({key for kind, key in wanted if kind == "external_id"})
    found: dict[tuple[str, str], int] = {}
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    cursor = raw.cursor()
    try:
        if contacts:
            for kind, normalized, customer_id in cursor.execute(CONTACT_KEYS_SQL,
                                                                (dumps(contacts),)):
                found.setdefault((kind, normalized), customer_id)
        if ids:
            by_uuid: dict[str, list[str]] = {}
            for key in ids:
                by_uuid.setdefault(_bare_uuid(key), []).append(key)
            given = set(ids)
            for customer_id, external_id, uuid in cursor.execute(
                    EXTERNAL_KEYS_SQL, (dumps(ids), dumps(sorted(by_uuid)))):
                matched = [external_id] if external_id in given else []
                for key in matched + by_uuid.get(uuid, []):
                    found.setdefault(("external_id", key), customer_id)
    finally:
        cursor.close()
    return found


def _bare_uuid(value: str) -> str:
    return value[9:] if value.lower().startswith("urn:uuid:") else value


def _marks(values: list[Any], prefix: str = "p") -> str:
    return ", ".join(f":{prefix}{i}" for i in range(len(values)))


def _params(values: list[Any], prefix: str = "p") -> dict[str, Any]:
    return {f"{prefix}{i}": value for i, value in enumerate(values)}


def resolve_customers(conn: Connection, rows: list[RecordRow]) -> list[InvalidValue]:
    """Set `customer_id` on each row from its refs; problems for rows no customer matches."""
    wanted: list[tuple[str, str]] = []
    for row in rows:
        refs = row.refs
        if "customer_external_id" in refs:
            wanted.append(("external_id", refs["customer_external_id"]))
        if "customer_email" in refs:
            wanted.append(("email", refs["customer_email"]))
        if "customer_phone" in refs:
            wanted.append(("phone", refs["customer_phone"]))
    found = existing_customer_keys(conn.connection.driver_connection, wanted)
    names = sorted({row.refs["customer_name"] for row in rows if "customer_name" in row.refs})
    by_name: dict[str, list[int]] = {}
    for part in _chunks(names):
        sql = ("SELECT id, name FROM customers WHERE +deleted_at IS NULL "
               f"AND name IN ({_marks(part)})")
        for customer_id, name in conn.execute(text(sql), _params(part)):
            by_name.setdefault(name, []).append(customer_id)
    problems = []
    for row in rows:
        refs = row.refs
        for kind, ref in (("external_id", "customer_external_id"), ("email", "customer_email"),
                          ("phone", "customer_phone")):
            if ref in refs and (kind, refs[ref]) in found:
                row.customer_id = found[(kind, refs[ref])]
                break
        else:
            ids = by_name.get(refs.get("customer_name", ""), [])
            if len(ids) == 1:
                row.customer_id = ids[0]
            elif len(ids) > 1:
                problems.append(InvalidValue(row.row, "customer_name", refs["customer_name"],
                                             f"{len(ids)} customers have this name: give an email"))
            else:
                ref, value = next(iter(refs.items()))
                problems.append(InvalidValue(row.row, ref, value, "no customer matches it"))
    return problems


_TABLES = {"orders": "orders", "tickets": "tickets", "opportunities": "opportunities",
           "interactions": "interactions"}


def _existing_records(conn: Connection, kind: str, rows: list[RecordRow]) -> dict[Any, Any]:
    table = _TABLES[kind]
    found: dict[Any, Any] = {}
    if kind in ("orders", "tickets"):
        numbers = sorted({r.values["number"] for r in rows if r.values.get("number")})
        for part in _chunks(numbers):
            sql = f"SELECT id, number, deleted_at FROM {table} WHERE number IN ({_marks(part)})"
            for row_id, number, deleted in conn.execute(text(sql), _params(part)):
                found[(number,)] = (row_id, deleted)
        return found
    customers = sorted({r.customer_id for r in rows if r.customer_id})
    columns = "id, customer_id, name" if kind == "opportunities" else (
        "id, customer_id, kind, subject, occurred_at"
    )
    for part in _chunks(customers):
        sql = (f"SELECT {columns} FROM {table} WHERE +deleted_at IS NULL "
               f"AND customer_id IN ({_marks(part)})")
        for record in conn.execute(text(sql), _params(part)):
            if kind == "opportunities":
                probe = RecordRow(0, {"name": record[2]}, {}, customer_id=record[1])
            else:
                occurred = parse_datetime(str(record[4]), "occurred_at")
                values = {"kind": record[2], "subject": record[3], "occurred_at": occurred}
                probe = RecordRow(0, values, {}, customer_id=record[1])
            found.setdefault(natural_key(kind, probe), (record[0], None))
    return found


def plan_records(conn: Connection, kind: str, rows: list[RecordRow], on_match: str) -> RecordPlan:
    plan = RecordPlan()
    plan.invalid = resolve_customers(conn, rows)
    bad = {p.row for p in plan.invalid}
    rows = [r for r in rows if r.row not in bad]
    existing = _existing_records(conn, kind, rows)
    seen: dict[Any, int] = {}
    for row in rows:
        key = natural_key(kind, row)
        if key is not None and key in seen:
            plan.duplicates.append(Duplicate(row.row, seen[key], " ".join(map(str, key))))
            continue
        if key is not None:
            seen[key] = row.row
        match = existing.get(key) if key is not None else None
        if match is None:
            plan.new.append(row)
        elif match[1] is not None:
            plan.invalid.append(InvalidValue(row.row, "number", str(row.values["number"]),
                                             "is used by a record in the trash"))
        elif on_match == "update":
            plan.updates.append((match[0], row))
        else:
            plan.matched_skipped.append((match[0], row))
    return plan
