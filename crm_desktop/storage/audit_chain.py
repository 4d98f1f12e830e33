"""The audit log as a hash chain: every entry is sealed, so a changed, added or deleted entry
is found by `chain_problems` (the `check` command) and a tampered merge snapshot is refused.

Each row of ``audit_log`` stores ``prev_hash`` (the seal of the entry before it, or `GENESIS`)
and ``hash`` = SHA-256 of ``prev_hash`` and the row's content (`CONTENT` in that order, each
value as text, exactly as SQLite returns it). The one-row table ``audit_chain`` holds the id and
seal of the newest entry, so deleting entries at the end is found too.

Every audit entry is written by `append` (the session hook, the bulk paths, merges, imports,
demo data): it reads the head, numbers and seals the rows, inserts them and moves the head, in
the caller's transaction. It works on a DBAPI (sqlite3) cursor so bulk paths keep their speed;
`cursor_of(session)` gives the cursor of a session's transaction.

This makes tampering evident, not impossible: someone who edits the file and recomputes every
seal after the change is not caught (that needs a key kept outside the file).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

GENESIS = "0" * 64
# The sealed columns after `id`, in the order rows are given to `append`.
CONTENT = ("uuid", "created_at", "updated_at", "entity", "entity_id", "entity_uuid", "action",
           "field", "old_value", "new_value", "at", "actor", "machine")
_INSERT = (f"INSERT INTO audit_log (id, {', '.join(CONTENT)}, prev_hash, hash) "
           f"VALUES ({', '.join('?' * (len(CONTENT) + 3))})")
_SELECT = f"SELECT id, {', '.join(CONTENT)}, prev_hash, hash FROM audit_log"
HEAD_TABLE_SQL = ("CREATE TABLE IF NOT EXISTS audit_chain (id INTEGER PRIMARY KEY CHECK (id = 1), "
                  "last_id INTEGER NOT NULL, last_hash TEXT NOT NULL)")


def digest(previous: str, row: Sequence[Any]) -> str:
    """The seal of `row` (id followed by the `CONTENT` values) after the seal `previous`."""
    values = [previous, *(None if value is None else str(value) for value in row)]
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def cursor_of(target: Session | Connection) -> Any:
    """A sqlite3 cursor in the transaction of a session or SQLAlchemy connection."""
    from sqlalchemy.orm import Session

    connection = target.connection() if isinstance(target, Session) else target
    return connection.connection.driver_connection.cursor()  # type: ignore[union-attr]


def head(cursor: Any) -> tuple[int, str]:
    """(id, seal) of the newest entry; (0, GENESIS) for an empty log."""
    row = cursor.execute("SELECT last_id, last_hash FROM audit_chain WHERE id = 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def append(cursor: Any, rows: Sequence[Sequence[Any]]) -> list[int]:
    """Insert audit rows (tuples of `CONTENT` values, as sqlite3 stores them) sealed onto the
    chain, in the cursor's transaction; returns their ids."""
    if not rows:
        return []
    last_id, seal = head(cursor)
    newest = cursor.execute("SELECT max(id) FROM audit_log").fetchone()[0] or 0
    first = max(int(newest), last_id) + 1
    sealed = []
    for number, row in enumerate(rows, start=first):
        content = (number, *row)
        previous, seal = seal, digest(seal, content)
        sealed.append((*content, previous, seal))
    cursor.executemany(_INSERT, sealed)
    move_head(cursor, first + len(rows) - 1, seal)
    return list(range(first, first + len(rows)))


def move_head(cursor: Any, last_id: int, last_hash: str) -> None:
    cursor.execute("INSERT INTO audit_chain (id, last_id, last_hash) VALUES (1, ?, ?) "
                   "ON CONFLICT(id) DO UPDATE SET last_id = excluded.last_id, "
                   "last_hash = excluded.last_hash", (last_id, last_hash))


def seal_all(cursor: Any, batch: int = 10_000) -> int:
    """Seal every row in id order from the start (the migration that brings the chain in);
    returns how many rows were sealed. Reads and updates a batch at a time, so a long log
    needs little memory."""
    seal, last_id, count = GENESIS, 0, 0
    select = f"SELECT id, {', '.join(CONTENT)} FROM audit_log WHERE id > ? ORDER BY id LIMIT ?"
    while rows := cursor.execute(select, (last_id, batch)).fetchall():
        updates = []
        for row in rows:
            previous, seal = seal, digest(seal, row)
            updates.append((previous, seal, int(row[0])))
        last_id = updates[-1][2]
        count += len(updates)
        cursor.executemany("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", updates)
    move_head(cursor, last_id, seal)
    return count


@dataclass
class _Walk:
    """State of `chain_problems` while it walks the rows in id order."""

    link: str = GENESIS  # the seal the next row must name as its prev_hash
    last_stored: str = GENESIS  # the seal stored on the row just before (maybe a changed one)
    last_id: int = 0  # the last row that belongs to the chain


def chain_problems(rows: Iterable[Sequence[Any]], chain_head: tuple[int, str] | None
                   ) -> list[str]:
    """Each changed, added or deleted entry, by id. `rows` are `(id, *CONTENT, prev_hash,
    hash)` in id order; `chain_head` is the stored (last id, last seal), None when missing."""
    problems: list[str] = []
    walk = _Walk()
    for row in rows:
        entry_id, previous, stored = int(row[0]), row[-2], row[-1]
        if previous is None or stored is None:
            problems.append(f"audit entry {entry_id} was added outside the app (it has no seal)")
            continue
        linked = previous in (walk.link, walk.last_stored)
        if digest(previous, row[:-2]) != stored:
            problems.append(f"audit entry {entry_id} was changed after it was written"
                            if linked else f"audit entry {entry_id} was added outside the app")
            if linked:  # a changed entry: the next one still names its stored seal
                walk = _Walk(walk.link, stored, entry_id)
            continue
        if not linked:
            problems.append(_gap(walk.last_id, entry_id))
        walk = _Walk(stored, stored, entry_id)
    if chain_head is None:
        problems.append("the audit log's chain head is missing")
    elif chain_head[0] > walk.last_id or (chain_head[0] == walk.last_id
                                          and chain_head[1] != walk.last_stored):
        problems.append(f"audit entries after entry {walk.last_id} were deleted "
                        f"(the log ended at entry {chain_head[0]})")
    elif chain_head[0] < walk.last_id:
        problems.append(f"audit entries after entry {chain_head[0]} were added outside the app")
    return problems


def _gap(before: int, after: int) -> str:
    if before == 0:
        return f"audit entries before entry {after} were deleted"
    return f"audit entries between entry {before} and entry {after} were deleted"


def verify(cursor: Any) -> list[str]:
    """`chain_problems` of the whole log (read in id order, in one pass)."""
    try:
        chain_head: tuple[int, str] | None = None
        row = cursor.execute("SELECT last_id, last_hash FROM audit_chain WHERE id = 1").fetchone()
        if row is not None:
            chain_head = (int(row[0]), str(row[1]))
    except Exception:  # the table itself was dropped
        chain_head = None
    return chain_problems(cursor.execute(f"{_SELECT} ORDER BY id"), chain_head)


def is_intact(cursor: Any, entry_id: int) -> bool:
    """Whether entry `entry_id` matches its seal and the chain still holds it: the next entry
    names its seal (or it is the head). Checked before a stored snapshot is used."""
    row = cursor.execute(f"{_SELECT} WHERE id = ?", (entry_id,)).fetchone()
    if row is None or row[-1] is None or row[-2] is None or digest(row[-2], row[:-2]) != row[-1]:
        return False
    following = cursor.execute(
        "SELECT prev_hash FROM audit_log WHERE id > ? AND hash IS NOT NULL ORDER BY id LIMIT 1",
        (entry_id,)).fetchone()
    if following is not None:
        return bool(following[0] == row[-1])
    return head(cursor) == (entry_id, row[-1])
