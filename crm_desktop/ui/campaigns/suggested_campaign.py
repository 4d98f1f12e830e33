"""Plan a campaign at the customers to whom a product is suggested (the basket analysis'
"likely to buy next"), undoably: one place for the campaigns page's "From a suggestion" menu
and the customer detail's "offer to all…" link."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_desktop.storage.errors import StorageError
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.qt_typed import translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from crm_desktop.ui.context import AppContext


def plan_for_product(context: AppContext, parent: QWidget, product_id: int) -> int | None:
    """The new campaign's id (None when refused: the reason is shown). Undo moves the campaign
    and its saved filter to the trash; redo brings both back."""
    from crm_desktop.services import records
    from crm_desktop.services.suggested_campaigns import campaign_for_product
    from crm_desktop.ui.undo import push_done

    database = context.database
    try:
        outcome = campaign_for_product(database, product_id)
    except StorageError as error:
        show_error(parent, error)
        return None
    made = outcome.value

    def redo() -> object:
        records.restore(database, "segments", [made.segment_id])
        return records.restore(database, "campaigns", [made.campaign_id])

    def undo() -> object:
        records.trash(database, "segments", [made.segment_id])
        return records.trash(database, "campaigns", [made.campaign_id])

    push_done(context, translate("CampaignsPage", "Campaign for %1").replace("%1", made.product),
              redo, undo, outcome.changes)
    return made.campaign_id
