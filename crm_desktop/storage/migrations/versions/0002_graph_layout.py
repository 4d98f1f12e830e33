"""Cache of relationship-graph node positions (so reopening the graph page is instant).

Revision ID: 0002_graph_layout
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_graph_layout"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "graph_layout",
        sa.Column("layout_key", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("x", sa.Float(), nullable=False),
        sa.Column("y", sa.Float(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_graph_layout_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_graph_layout")),
        sa.UniqueConstraint("layout_key", "customer_id", name=op.f("uq_graph_layout_layout_key")),
        sa.UniqueConstraint("uuid", name=op.f("uq_graph_layout_uuid")),
    )
    with op.batch_alter_table("graph_layout", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_graph_layout_layout_key"), ["layout_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("graph_layout", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_graph_layout_layout_key"))

    op.drop_table("graph_layout")
