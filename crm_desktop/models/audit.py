"""The audit log (one row per changed field), analytics results, settings, graph layout cache."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Entity, utcnow

AUDIT_ACTIONS = ("create", "update", "delete", "restore", "purge")
# The settings key of the name the audit log records as the actor (the app's user).
ACTOR_SETTING = "audit_actor"


class AuditEntry(Entity):
    __tablename__ = "audit_log"

    entity: Mapped[str] = mapped_column(String(50), index=True)
    entity_id: Mapped[int] = mapped_column(Integer, index=True)
    entity_uuid: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(100))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str | None] = mapped_column(String(100))
    # The computer the entry was written on (the actor names the app's user).
    machine: Mapped[str | None] = mapped_column(String(255))
    # The hash chain (storage/audit_chain.py): the seal of the entry before and of this one.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class AnalyticsResult(Entity):
    """The latest result of one analysis for one customer (segment, churn risk, CLV, ...)."""

    __tablename__ = "analytics_results"
    __table_args__ = (UniqueConstraint("customer_id", "kind"),)

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(50), index=True)
    value: Mapped[float | None] = mapped_column(Float)
    label: Mapped[str | None] = mapped_column(String(100))
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    model_version: Mapped[str] = mapped_column(String(50))
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Setting(Entity):
    """A user setting that belongs to the database (not the machine): churn days, SLA, ..."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[Any] = mapped_column(JSON)
