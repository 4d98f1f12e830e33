"""Monthly totals for the sales reports, kept up to date by triggers.

* ``ix_opportunities_closed_at``: deals closed in a month, by range.
* The ``report_summary_*`` tables and the triggers that mark the months a change touches
  (storage/report_summary.py), filled here for every month of the orders and deals.

Revision ID: 0007_report_indexes
Revises: 0006_email_index
"""

from __future__ import annotations

from alembic import op

from crm_desktop.storage import audit_chain, report_summary

revision = "0007_report_indexes"
down_revision = "0006_email_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_opportunities_closed_at", "opportunities", ["closed_at"], unique=False)
    for statement in report_summary.schema_sql():
        op.execute(statement)
    report_summary.rebuild_in(audit_chain.cursor_of(op.get_bind()))


def downgrade() -> None:
    for statement in report_summary.drop_sql():
        op.execute(statement)
    op.drop_index("ix_opportunities_closed_at", table_name="opportunities")
