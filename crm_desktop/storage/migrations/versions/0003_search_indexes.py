"""Case-insensitive indexes for global search of opportunity names and ticket subjects.

Revision ID: 0003_search_indexes
Revises: 0002_graph_layout
"""

from __future__ import annotations

from alembic import op

revision = "0003_search_indexes"
down_revision = "0002_graph_layout"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_opportunities_name_nocase "
        "ON opportunities (name COLLATE NOCASE)"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_tickets_subject_nocase ON tickets (subject COLLATE NOCASE)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_tickets_subject_nocase")
    op.execute("DROP INDEX IF EXISTS ix_opportunities_name_nocase")
