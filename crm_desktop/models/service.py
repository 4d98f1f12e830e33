"""Customer service: tickets with their conversation, and survey (NPS) responses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm_desktop.models.base import Entity, SoftDeletable, utcnow

TICKET_TYPES = ("consultation", "complaint", "refund", "exchange")
TICKET_PRIORITIES = ("low", "normal", "high", "urgent")
TICKET_STATUSES = ("open", "pending", "resolved", "closed")
TICKET_CHANNELS = ("phone", "email", "chat", "web", "visit", "social")
# Hours until a ticket of this priority must be resolved (SLA due = opened + hours).
SLA_HOURS = {"urgent": 4, "high": 24, "normal": 72, "low": 168}


class Ticket(SoftDeletable, Entity):
    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint(
            "type IN ('consultation', 'complaint', 'refund', 'exchange')", name="type"
        ),
        CheckConstraint("priority IN ('low', 'normal', 'high', 'urgent')", name="priority"),
        CheckConstraint("status IN ('open', 'pending', 'resolved', 'closed')", name="status"),
        CheckConstraint(
            "satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction"
        ),
        # Global search matches subjects by prefix, case-insensitively: this index answers it.
        Index("ix_tickets_subject_nocase", text("subject COLLATE NOCASE")),
    )

    number: Mapped[str] = mapped_column(String(30), unique=True)
    # A ticket always belongs to a customer: NOT NULL plus the foreign key.
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    type: Mapped[str] = mapped_column(String(15), default="consultation")
    category: Mapped[str | None] = mapped_column(String(100))
    priority: Mapped[str] = mapped_column(String(10), default="normal", index=True)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    channel: Mapped[str] = mapped_column(String(10), default="email")
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(100))
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    sla_due: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    feedback: Mapped[str | None] = mapped_column(Text)

    messages: Mapped[list[TicketMessage]] = relationship(
        back_populates="ticket", cascade="all, delete-orphan", order_by="TicketMessage.sent_at"
    )


class TicketMessage(Entity):
    """One message of a ticket's conversation (from the customer or from us)."""

    __tablename__ = "ticket_messages"
    __table_args__ = (CheckConstraint("direction IN ('in', 'out')", name="direction"),)

    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[str] = mapped_column(String(3), default="in")
    author: Mapped[str | None] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ticket: Mapped[Ticket] = relationship(back_populates="messages")


class SurveyResponse(Entity):
    """A Net Promoter Score answer: 0-10, 9-10 promoters, 0-6 detractors."""

    __tablename__ = "survey_responses"
    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 10", name="score"),)

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"))
    score: Mapped[int] = mapped_column(Integer)
    responded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)
