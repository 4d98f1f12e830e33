"""A tamper-evident audit log: the machine of each entry, a hash chain over the entries, and
the app's user stored as a setting.

* ``audit_log.machine``: the computer the entry was written on.
* ``audit_log.prev_hash`` / ``hash`` and the one-row table ``audit_chain`` (the newest entry's
  id and seal): see :mod:`crm_desktop.storage.audit_chain`. Existing entries are sealed here,
  in id order.
* The setting ``audit_actor``: the name the audit log records, from now on the OS account of
  whoever runs this upgrade (or creates the database) until changed in the app.

Revision ID: 0005_audit_chain
Revises: 0004_sales_targets_holdout
"""

from __future__ import annotations

import getpass
import json
import os
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from crm_desktop.storage import audit_chain

revision = "0005_audit_chain"
down_revision = "0004_sales_targets_holdout"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("machine", sa.String(length=255), nullable=True))
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("hash", sa.String(length=64), nullable=True))
    op.execute(audit_chain.HEAD_TABLE_SQL)
    cursor = audit_chain.cursor_of(op.get_bind())
    audit_chain.seal_all(cursor)
    _store_actor(cursor)


def _store_actor(cursor: object) -> None:
    """The OS account at first run becomes the app's user (not read again at every write)."""
    found = cursor.execute(  # type: ignore[attr-defined]
        "SELECT 1 FROM settings WHERE key = 'audit_actor'").fetchone()
    if found:
        return
    try:
        name = getpass.getuser()
    except Exception:  # no login name in some sandboxes and services
        name = os.environ.get("USER", "") or "unknown"
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    cursor.execute(  # type: ignore[attr-defined]
        "INSERT INTO settings (key, value, uuid, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        ("audit_actor", json.dumps(name), str(uuid.uuid4()), now, now))


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS audit_chain")
    op.execute("DELETE FROM settings WHERE key = 'audit_actor'")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("machine")
