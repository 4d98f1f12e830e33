"""Sales targets, campaign holdout members, stored win probability, sales report indexes.

* ``sales_targets``: a money (and optional deals-won) target per owner (NULL = the whole
  business) per month or quarter.
* ``campaign_members.holdout``: the member belongs to the campaign's random control group
  and is never sent to (existing members: 0).
* ``opportunities.win_probability`` / ``win_probability_at``: the win-probability model's
  estimate, stored when the analysis is applied.
* Covering indexes the sales reports read instead of the wide order rows.

Columns are added with plain ALTER TABLE (no table copy: fast on a large database).

Revision ID: 0004_sales_targets_holdout
Revises: 0003_search_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_sales_targets_holdout"
down_revision = "0003_search_indexes"
branch_labels = None
depends_on = None

REPORT_INDEXES = (
    ("ix_orders_report_month", "orders",
     ["currency", "ordered_at", "status", "total", "deleted_at", "customer_id"]),
    ("ix_orders_report_customer", "orders",
     ["customer_id", "currency", "opportunity_id", "status", "ordered_at", "total",
      "deleted_at"]),
    ("ix_orders_report_lookup", "orders",
     ["id", "status", "deleted_at", "ordered_at", "currency", "customer_id"]),
    ("ix_order_lines_report", "order_lines",
     ["product_id", "order_id", "quantity", "unit_price", "discount_pct"]),
)


def upgrade() -> None:
    op.create_table(
        "sales_targets",
        sa.Column("owner", sa.String(length=100), nullable=True),
        sa.Column("period_kind", sa.String(length=10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("period_kind IN ('month', 'quarter')",
                           name=op.f("ck_sales_targets_period_kind")),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_sales_targets_period")),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_sales_targets_amount")),
        sa.CheckConstraint("deals IS NULL OR deals >= 0", name=op.f("ck_sales_targets_deals")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_targets")),
        sa.UniqueConstraint("uuid", name=op.f("uq_sales_targets_uuid")),
    )
    with op.batch_alter_table("sales_targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_targets_deleted_at"), ["deleted_at"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_sales_targets_owner"), ["owner"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_targets_period_start"), ["period_start"],
                              unique=False)
    op.add_column("campaign_members", sa.Column("holdout", sa.Boolean(), nullable=False,
                                                server_default=sa.false()))
    op.add_column("opportunities", sa.Column("win_probability", sa.Float(), nullable=True))
    op.add_column("opportunities", sa.Column("win_probability_at", sa.DateTime(),
                                             nullable=True))
    for name, table, columns in REPORT_INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(REPORT_INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_column("win_probability_at")
        batch_op.drop_column("win_probability")
    with op.batch_alter_table("campaign_members", schema=None) as batch_op:
        batch_op.drop_column("holdout")
    op.drop_table("sales_targets")
