"""Fewer indexes to write on import: contact points' two address indexes merged into one,
customers' external-id index only over the customers that have one.

* ``ix_contact_points_normalized`` becomes ``(normalized, kind, customer_id)``: import matching
  (``normalized = ? AND kind = ?``) and email search (a prefix range of ``normalized`` with
  ``kind = 'email'``) both read only this index; it replaces the plain index on ``normalized``
  and revision 0006's partial ``ix_contact_points_email`` (the same keys, emails only), so a
  new contact point writes one entry where it wrote two.
* ``ix_customers_external_id`` becomes partial (``WHERE external_id IS NOT NULL``): the
  matching query (``external_id IN (...)``) still uses it; customers without an external id
  (most, and every row of a file without the column) add no entry.
* ``ix_customers_companies`` (new, partial: companies only): an import reads every live
  company (id, name) before its first row; this small covering index answers that instead
  of a scan of every customer (0.7-1.5 s at a million customers, 10 % of them companies).

Measured on the import of 100,000 customers (docs/data-in-out.md, "Where the time goes").
The indexes a query uses are asserted by tests/storage/test_index_plans.py.

Revision ID: 0010_import7
Revises: 0009_import_speed
"""

from __future__ import annotations

from alembic import op

revision = "0010_import7"
down_revision = "0009_import_speed"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_contact_points_email")
    op.execute("DROP INDEX IF EXISTS ix_contact_points_normalized")
    op.execute("CREATE INDEX ix_contact_points_normalized "
               "ON contact_points (normalized, kind, customer_id)")
    op.execute("DROP INDEX IF EXISTS ix_customers_external_id")
    op.execute("CREATE INDEX ix_customers_external_id ON customers (external_id) "
               "WHERE external_id IS NOT NULL")
    op.execute("CREATE INDEX IF NOT EXISTS ix_customers_companies "
               "ON customers (kind, name, deleted_at) WHERE kind = 'company'")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_customers_companies")
    op.execute("DROP INDEX IF EXISTS ix_customers_external_id")
    op.execute("CREATE INDEX ix_customers_external_id ON customers (external_id)")
    op.execute("DROP INDEX IF EXISTS ix_contact_points_normalized")
    op.execute("CREATE INDEX ix_contact_points_normalized ON contact_points (normalized)")
    op.execute("CREATE INDEX ix_contact_points_email "
               "ON contact_points (normalized, customer_id, kind) WHERE kind = 'email'")
