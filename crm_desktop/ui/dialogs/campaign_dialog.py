"""Plan a campaign: channel, budget, dates and the target (a saved customer filter)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from crm_desktop.models import CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES, Campaign, Segment
from crm_desktop.storage import query
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import FormDialog, combo, date_text, line, notes

FIELDS = ("name", "channel", "status", "budget", "actual_cost", "expected_revenue", "currency",
          "start_date", "end_date", "target_segment_id", "description")


def customer_segments(database: Database) -> list[tuple[str, int]]:
    with database.session() as session:
        rows = session.execute(
            select(Segment.name, Segment.id)
            .where(Segment.deleted_at.is_(None), Segment.entity == "customers")
            .order_by(Segment.name)
        ).all()
    return [(name, sid) for name, sid in rows]


class CampaignDialog(FormDialog):
    field_aliases = {"target": "target_segment_id"}

    def __init__(self, database: Database, campaign_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        title = self.tr("New campaign") if campaign_id is None else self.tr("Edit campaign")
        super().__init__(title, "campaignDialog", parent)
        self.database = database
        self.campaign_id = campaign_id
        with database.session() as session:
            c = query.get(session, Campaign, campaign_id) if campaign_id else None
            self._old = {key: getattr(c, key) for key in FIELDS} if c else {}
        self.add_field("name", self.tr("Name"), line(c.name if c else None), required=True)
        self.add_field("channel", self.tr("Channel"),
                       combo(items(CAMPAIGN_CHANNELS), c.channel if c else "email"))
        self.add_field("status", self.tr("Status"),
                       combo(items(CAMPAIGN_STATUSES), c.status if c else "planned"))
        self.add_field("start_date", self.tr("Start"),
                       line(date_text(c.start_date) if c else None), hint="YYYY-MM-DD")
        self.add_field("end_date", self.tr("End"), line(date_text(c.end_date) if c else None),
                       hint="YYYY-MM-DD")
        self.add_field("budget", self.tr("Budget"), line(c.budget if c else None), hint="0.00")
        self.add_field("actual_cost", self.tr("Actual cost"), line(c.actual_cost if c else None),
                       hint="0.00")
        self.add_field("expected_revenue", self.tr("Expected revenue"),
                       line(c.expected_revenue if c else None), hint="0.00")
        self.add_field("currency", self.tr("Currency"), line(c.currency if c else "USD"))
        segments = [(self.tr("(none)"), None), *customer_segments(database)]
        self.add_field("target_segment_id", self.tr("Target (saved filter)"),
                       combo(segments, c.target_segment_id if c else None))
        self.add_field("description", self.tr("Description"),
                       notes(c.description if c else None))
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        name = self.text("name", required=True)
        start, end = self.date("start_date"), self.date("end_date")
        if start and end and end < start:
            raise ValidationError("end_date", self.tr("ends before it starts"))
        budget = self.money("budget")
        if budget < 0:
            raise ValidationError("budget", self.tr("cannot be negative"))
        return {
            "name": name, "channel": self.choice("channel"), "status": self.choice("status"),
            "start_date": start, "end_date": end, "budget": budget,
            "actual_cost": self.money("actual_cost"),
            "expected_revenue": self.money("expected_revenue"),
            "currency": (self.text("currency") or "USD").upper()[:3],
            "target_segment_id": self.choice("target_segment_id"),
            "description": self.text("description"),
        }

    def save(self) -> None:
        values = self.values()
        with self.database.session() as session:
            if self.campaign_id is None:
                campaign = query.create(session, Campaign, **values)
                self.saved_id, self.created = campaign.id, True
            else:
                query.update(session, Campaign, self.campaign_id, **values)
                self.saved_id = self.campaign_id
                self.record_changes(self._old, values)
