"""Products, the sales pipeline, quotes, orders (the purchase history) and contracts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm_desktop.models.base import Entity, Money, Percent, Quantity, SoftDeletable, utcnow

OPPORTUNITY_STATUSES = ("open", "won", "lost")
QUOTE_STATUSES = ("draft", "sent", "accepted", "rejected", "expired")
ORDER_STATUSES = ("open", "paid", "refunded", "cancelled")
CONTRACT_STATUSES = ("draft", "active", "expired", "cancelled", "renewed")
# Default pipeline: (name, probability %, kind). Won/lost stages close the opportunity.
DEFAULT_STAGES = (
    ("Qualification", 10, "open"),
    ("Needs analysis", 25, "open"),
    ("Proposal", 50, "open"),
    ("Negotiation", 75, "open"),
    ("Won", 100, "won"),
    ("Lost", 0, "lost"),
)


class Product(SoftDeletable, Entity):
    __tablename__ = "products"

    sku: Mapped[str | None] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(100), index=True)
    unit_price: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    tax_pct: Mapped[Decimal] = mapped_column(Percent(), default=Decimal(0))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str | None] = mapped_column(Text)


class Pipeline(Entity):
    __tablename__ = "pipelines"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    stages: Mapped[list[Stage]] = relationship(
        back_populates="pipeline", order_by="Stage.position", cascade="all, delete-orphan"
    )


class Stage(Entity):
    __tablename__ = "stages"
    __table_args__ = (
        UniqueConstraint("pipeline_id", "name"),
        CheckConstraint("probability BETWEEN 0 AND 100", name="probability"),
        CheckConstraint("kind IN ('open', 'won', 'lost')", name="kind"),
    )

    pipeline_id: Mapped[int] = mapped_column(ForeignKey("pipelines.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    probability: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), default="open")
    pipeline: Mapped[Pipeline] = relationship(back_populates="stages")


class Opportunity(SoftDeletable, Entity):
    __tablename__ = "opportunities"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'won', 'lost')", name="status"),
        CheckConstraint(
            "probability_override IS NULL OR probability_override BETWEEN 0 AND 100",
            name="probability_override",
        ),
        # Global search matches names by prefix, case-insensitively: this index answers it.
        Index("ix_opportunities_name_nocase", text("name COLLATE NOCASE")),
    )

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    pipeline_id: Mapped[int] = mapped_column(ForeignKey("pipelines.id"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    probability_override: Mapped[int | None] = mapped_column(Integer)
    expected_close: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    # indexed for the deal totals of the sales reports (storage/report_summary.py)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    close_reason: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(100), index=True)
    lead_source: Mapped[str | None] = mapped_column(String(50))
    source_campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str | None] = mapped_column(Text)
    # The win-probability model's estimate (0..1) and when it was stored: derived data written
    # in bulk when the analysis is applied (not audited per deal, like analytics_results).
    win_probability: Mapped[float | None] = mapped_column(Float)
    win_probability_at: Mapped[datetime | None] = mapped_column(DateTime)

    stage: Mapped[Stage] = relationship()


class StageChange(Entity):
    """Stage history of an opportunity: what the funnel and cycle-length analytics read."""

    __tablename__ = "stage_changes"

    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    from_stage_id: Mapped[int | None] = mapped_column(ForeignKey("stages.id"))
    to_stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id"))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Quote(SoftDeletable, Entity):
    __tablename__ = "quotes"
    __table_args__ = (
        CheckConstraint(
            "status IN ('draft', 'sent', 'accepted', 'rejected', 'expired')", name="status"
        ),
    )

    number: Mapped[str] = mapped_column(String(30), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(10), default="draft")
    issued_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    notes: Mapped[str | None] = mapped_column(Text)
    lines: Mapped[list[QuoteLine]] = relationship(
        back_populates="quote", cascade="all, delete-orphan", order_by="QuoteLine.position"
    )


class LineMixin:
    position: Mapped[int] = mapped_column(Integer, default=0)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    description: Mapped[str] = mapped_column(String(300), default="")
    quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    unit_price: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    discount_pct: Mapped[Decimal] = mapped_column(Percent(), default=Decimal(0))
    tax_pct: Mapped[Decimal] = mapped_column(Percent(), default=Decimal(0))


class QuoteLine(LineMixin, Entity):
    __tablename__ = "quote_lines"

    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    quote: Mapped[Quote] = relationship(back_populates="lines")


class Order(SoftDeletable, Entity):
    """A purchase: RFM, lifetime value and revenue KPIs read `ordered_at` and `total`."""

    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'paid', 'refunded', 'cancelled')", name="status"),
        # Covering indexes of the sales reports (storage/reports.py): each report reads one
        # narrow index instead of the wide rows (at 1,000,000 orders several times faster).
        Index("ix_orders_report_month", "currency", "ordered_at", "status", "total",
              "deleted_at", "customer_id"),
        Index("ix_orders_report_customer", "customer_id", "currency", "opportunity_id",
              "status", "ordered_at", "total", "deleted_at"),
        Index("ix_orders_report_lookup", "id", "status", "deleted_at", "ordered_at",
              "currency", "customer_id"),
    )

    number: Mapped[str] = mapped_column(String(30), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id", ondelete="SET NULL"))
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )
    ordered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    status: Mapped[str] = mapped_column(String(10), default="paid")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    # Sum of the line totals, kept by storage.sales so lists and analytics need no join.
    total: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    notes: Mapped[str | None] = mapped_column(Text)
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.position"
    )


class OrderLine(LineMixin, Entity):
    __tablename__ = "order_lines"
    __table_args__ = (
        # Sales reports by product or category read the lines from this index alone.
        Index("ix_order_lines_report", "product_id", "order_id", "quantity", "unit_price",
              "discount_pct"),
    )

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    order: Mapped[Order] = relationship(back_populates="lines")


class Contract(SoftDeletable, Entity):
    __tablename__ = "contracts"
    __table_args__ = (
        CheckConstraint(
            "status IN ('draft', 'active', 'expired', 'cancelled', 'renewed')", name="status"
        ),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),
    )

    number: Mapped[str] = mapped_column(String(30), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    renewal_date: Mapped[date | None] = mapped_column(Date, index=True)
    value: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    status: Mapped[str] = mapped_column(String(10), default="active")
    auto_renew: Mapped[bool] = mapped_column(Boolean, default=False)
