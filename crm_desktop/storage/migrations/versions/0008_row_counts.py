"""Live rows per entity table, kept by triggers (storage/row_counts.py): `stats` and the status
bar read them instead of counting millions of rows.

The ``row_counts`` table and its triggers, filled here by counting every table once (about a
second at a million customers).

Revision ID: 0008_row_counts
Revises: 0007_report_indexes
"""

from __future__ import annotations

from alembic import op

from crm_desktop.storage import audit_chain, row_counts

revision = "0008_row_counts"
down_revision = "0007_report_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in row_counts.schema_sql():
        op.execute(statement)
    row_counts.recount(audit_chain.cursor_of(op.get_bind()))


def downgrade() -> None:
    for statement in row_counts.drop_sql():
        op.execute(statement)
