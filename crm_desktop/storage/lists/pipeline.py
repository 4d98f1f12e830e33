"""The opportunities list of the pipeline page (the board is `storage.board`)."""

from __future__ import annotations

from sqlalchemy import func

from crm_desktop.models import Customer, Opportunity, Stage
from crm_desktop.storage.lists.core import ListColumn, ListDefinition


def opportunity_list() -> ListDefinition:
    probability = func.coalesce(Opportunity.probability_override, Stage.probability)
    return ListDefinition(
        "opportunities", Opportunity,
        (
            ListColumn("name", Opportunity.name, searchable=True),
            ListColumn("customer", Customer.name, searchable=True),
            ListColumn("stage", Stage.name),
            ListColumn("amount", Opportunity.amount),
            ListColumn("currency", Opportunity.currency),
            ListColumn("probability", probability),
            ListColumn("expected_close", Opportunity.expected_close),
            ListColumn("owner", Opportunity.owner, searchable=True),
            ListColumn("status", Opportunity.status),
        ),
        default_sort="amount", default_descending=True,
        source=lambda: Opportunity.__table__.join(
            Customer.__table__, Customer.id == Opportunity.customer_id
        ).join(Stage.__table__, Stage.id == Opportunity.stage_id),
    )
