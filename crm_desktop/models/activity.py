"""Interactions: calls, meetings, emails, visits, notes and tasks (follow-ups with a due date)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Entity, SoftDeletable, utcnow

INTERACTION_KINDS = ("call", "meeting", "email", "visit", "note", "task")


class Interaction(SoftDeletable, Entity):
    __tablename__ = "interactions"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('call', 'meeting', 'email', 'visit', 'note', 'task')", name="kind"
        ),
    )

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("tickets.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10), default="note")
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(300))
    occurred_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # Tasks and follow-ups: due date and done flag (other kinds leave them empty).
    due_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    owner: Mapped[str | None] = mapped_column(String(100))
