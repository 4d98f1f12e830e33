"""Plan a campaign: channel, budget, dates and the target (a saved customer filter).

The dialog collects what was typed; `services.campaigns` checks it (dates in order, no negative
amounts, a currency code through `services.money`) and saves it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from crm_desktop.models import CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES
from crm_desktop.services import campaigns
from crm_desktop.services.money import default_currency
from crm_desktop.storage.campaign_details import campaign_info, customer_segments
from crm_desktop.storage.database import Database
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import combo, date_field, line, notes
from crm_desktop.ui.dialogs.record_dialog import RecordDialog
from crm_desktop.ui.widgets.choice_boxes import CurrencyBox


class CampaignDialog(RecordDialog):
    entity = "campaigns"

    field_aliases = {"target": "target_segment_id"}

    def __init__(self, database: Database, campaign_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        title = self.tr("New campaign") if campaign_id is None else self.tr("Edit campaign")
        super().__init__(database, title, "campaignDialog", parent)
        self.campaign_id = campaign_id
        info = campaign_info(database, campaign_id) if campaign_id else None
        c: dict[str, Any] = info.values() if info is not None else {}
        self.currency = c.get("currency") or default_currency(database)
        self.add_field("name", self.tr("Name"), line(c.get("name")), required=True)
        self.add_field("channel", self.tr("Channel"),
                       combo(items(CAMPAIGN_CHANNELS), c.get("channel", "email")))
        self.add_field("status", self.tr("Status"),
                       combo(items(CAMPAIGN_STATUSES), c.get("status", "planned")))
        self.add_field("start_date", self.tr("Start"), date_field(c.get("start_date")))
        self.add_field("end_date", self.tr("End"), date_field(c.get("end_date")))
        self.add_field("budget", self.tr("Budget"), line(c.get("budget")), hint="0.00")
        self.add_field("actual_cost", self.tr("Actual cost"), line(c.get("actual_cost")),
                       hint="0.00")
        self.add_field("expected_revenue", self.tr("Expected revenue"),
                       line(c.get("expected_revenue")), hint="0.00")
        self.add_field("currency", self.tr("Currency"), CurrencyBox(self.currency))
        segments = [(self.tr("(none)"), None), *customer_segments(database)]
        self.add_field("target_segment_id", self.tr("Target (saved filter)"),
                       combo(segments, c.get("target_segment_id")))
        self.add_field("description", self.tr("Description"), notes(c.get("description")))
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {
            "name": self.text("name", required=True), "channel": self.choice("channel"),
            "status": self.choice("status"), "start_date": self.date("start_date"),
            "end_date": self.date("end_date"), "budget": self.money("budget"),
            "actual_cost": self.money("actual_cost"),
            "expected_revenue": self.money("expected_revenue"),
            "currency": self.text("currency") or self.currency,
            "target_segment_id": self.choice("target_segment_id"),
            "description": self.text("description"),
        }

    def save(self) -> None:
        values = self.values()
        if self.campaign_id is None:
            self.saved_new(campaigns.create_campaign(self.database, values))
        else:
            self.saved_edit(campaigns.update_campaign(self.database, self.campaign_id, values),
                            campaigns.update_campaign)
