"""The activity log: every interaction (calls, meetings, notes, tasks) with its customer."""

from __future__ import annotations

from crm_desktop.models import Customer, Interaction
from crm_desktop.storage.lists.core import ListColumn, ListDefinition, with_customer


def interaction_list() -> ListDefinition:
    return ListDefinition(
        "interactions", Interaction,
        (
            ListColumn("occurred_at", Interaction.occurred_at),
            ListColumn("kind", Interaction.kind),
            ListColumn("subject", Interaction.subject, searchable=True),
            ListColumn("customer", Customer.name, searchable=True),
            ListColumn("due_at", Interaction.due_at),
            ListColumn("done", Interaction.done),
            ListColumn("outcome", Interaction.outcome, searchable=True),
            ListColumn("owner", Interaction.owner),
        ),
        default_sort="occurred_at", default_descending=True,
        source=with_customer(Interaction),
    )
