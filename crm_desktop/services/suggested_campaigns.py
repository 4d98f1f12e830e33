"""A campaign at the customers to whom a product is suggested ("likely to buy next", stored by
the basket analysis' Apply): one transaction saves the customers as a filter (a snapshot of
who is suggested the product today) and plans a campaign targeting it; its members are then
added as for any campaign (with a holdout when wanted).

    outcome = campaign_for_product(database, product_id)
    outcome.value   # SuggestedCampaign(campaign_id, segment_id, product, customers)
    undo: records.trash(database, "campaigns", [id]) and the same for "segments"
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from crm_desktop.services.campaigns import clean_campaign
from crm_desktop.services.outcome import Outcome, write
from crm_desktop.storage import campaigns as store
from crm_desktop.storage import query
from crm_desktop.storage.errors import ValidationError
from crm_desktop.storage.next_products import (
    SuggestedProduct,
    customers_suggested,
    suggested_products,
)
from crm_desktop.storage.query_filter import Filter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

__all__ = ["SuggestedCampaign", "SuggestedProduct", "campaign_for_product",
           "find_suggested_product", "suggested_products"]


@dataclass(frozen=True)
class SuggestedCampaign:
    campaign_id: int
    segment_id: int
    product: str
    customers: int


def find_suggested_product(database: Database, typed: str) -> SuggestedProduct:
    """A suggested product by id or by name (case-insensitive); ValidationError otherwise."""
    products = suggested_products(database)
    text = typed.strip()
    found = [p for p in products if (text.isdigit() and p.product_id == int(text))
             or p.name.casefold() == text.casefold()]
    if not found:
        raise ValidationError("product", f"{typed!r} is suggested to no customer (run the "
                                         "'basket' analysis and apply it first)")
    return found[0]


def campaign_for_product(database: Database, product_id: int, name: str | None = None,
                         today: date | None = None) -> Outcome[SuggestedCampaign]:
    """Plan a campaign targeting the live customers to whom the product is suggested."""
    from crm_desktop.models import Campaign, Product

    customers = customers_suggested(database, product_id)
    day = (today or date.today()).isoformat()

    def work(session: Session) -> SuggestedCampaign:
        product = query.get(session, Product, product_id)
        if not customers:
            raise ValidationError("product", f"{product.name} is suggested to no customer")
        segment = store.save_filter(session, f"Likely to buy {product.name} ({day})",
                                    "customers", [Filter("id", "in", customers)])
        values = clean_campaign({"name": name or f"Offer: {product.name}",
                                 "target_segment_id": segment.id,
                                 "description": f"Customers to whom {product.name} is "
                                                f"suggested ({len(customers)}, {day})"})
        campaign = query.create(session, Campaign, **values)
        return SuggestedCampaign(campaign.id, segment.id, product.name, len(customers))

    return write(database, work)
