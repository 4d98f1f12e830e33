"""Faster imports: the search backlog (storage/search/backlog.py).

* ``customer_search_backlog``: the id ranges of customers a bulk import added whose rows of the
  search indexes are written after its commit (recorded in the import's own transaction).

Revision ID: 0009_import_speed
Revises: 0008_row_counts
"""

from __future__ import annotations

from alembic import op

from crm_desktop.storage.search import backlog, schema

revision = "0009_import_speed"
down_revision = "0008_row_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(backlog.CREATE)


def downgrade() -> None:
    # An older schema has no backlog: index what waits before forgetting it.
    bind = op.get_bind()
    waiting = bind.exec_driver_sql(f"SELECT first_id, last_id FROM {backlog.TABLE}").all()
    for low, high in waiting:
        for statement in schema.fill_statements(backlog.missing(low, high)):
            bind.exec_driver_sql(statement)
    op.execute(backlog.DROP)
