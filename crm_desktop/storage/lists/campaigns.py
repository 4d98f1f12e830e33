"""The campaigns list (with member and conversion counts) and a campaign's members."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from crm_desktop.models import Campaign, CampaignMember, Customer
from crm_desktop.storage.lists.core import ListColumn, ListDefinition, with_customer


def _count(column: Any = None) -> Any:
    counted = func.count(column) if column is not None else func.count(CampaignMember.id)
    return (select(counted).where(CampaignMember.campaign_id == Campaign.id)
            .correlate(Campaign).scalar_subquery())


def campaign_list() -> ListDefinition:
    return ListDefinition(
        "campaigns", Campaign,
        (
            ListColumn("name", Campaign.name, searchable=True),
            ListColumn("channel", Campaign.channel),
            ListColumn("status", Campaign.status),
            ListColumn("start_date", Campaign.start_date),
            ListColumn("end_date", Campaign.end_date),
            ListColumn("budget", Campaign.budget),
            ListColumn("currency", Campaign.currency),
            ListColumn("members", _count()),
            ListColumn("converted", _count(CampaignMember.converted_at)),
        ),
        default_sort="start_date", default_descending=True,
    )


def member_step() -> Any:
    return case(
        (CampaignMember.converted_at.is_not(None), "converted"),
        (CampaignMember.responded_at.is_not(None), "responded"),
        (CampaignMember.sent_at.is_not(None), "sent"),
        else_="targeted",
    )


def member_list() -> ListDefinition:
    """Members of campaigns; the page filters on `campaign_id`."""
    return ListDefinition(
        "campaign_members", CampaignMember,
        (
            ListColumn("customer", Customer.name, searchable=True),
            ListColumn("step", member_step()),
            ListColumn("holdout", CampaignMember.holdout),
            ListColumn("sent_at", CampaignMember.sent_at),
            ListColumn("responded_at", CampaignMember.responded_at),
            ListColumn("converted_at", CampaignMember.converted_at),
            ListColumn("response", CampaignMember.response, searchable=True),
        ),
        default_sort="customer",
        source=with_customer(CampaignMember),
    )
