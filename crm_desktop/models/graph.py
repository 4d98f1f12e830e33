"""Cached positions of the relationship graph, so reopening the graph page is instant."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Entity, utcnow


class GraphLayout(Entity):
    __tablename__ = "graph_layout"
    __table_args__ = (UniqueConstraint("layout_key", "customer_id"),)

    # Identifies the graph the layout was computed for (filters + a hash of the edges).
    layout_key: Mapped[str] = mapped_column(String(64), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
