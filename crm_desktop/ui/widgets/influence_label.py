"""A customer's place in the relationship network, for the customer detail and the dashboard.

    from crm_desktop.ui.widgets.influence_label import influence_text
    info = graph_store.influence_info(connection, customer_id)   # in the detail's worker
    label.setText(influence_text(info))                          # on the GUI thread

``influence_text`` says it in words: "Influence rank 3 of 1,102
· community 2 (87 people)", "No relationships", or a hint to open the graph page when the
metrics were never computed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_desktop.ui.qt_typed import translate

if TYPE_CHECKING:
    from crm_desktop.storage.graph_store import InfluenceInfo

def influence_text(info: InfluenceInfo | None) -> str:
    if info is None:
        return translate("influence", "Influence not computed yet (open the relationship graph)")
    if info.rank is None:
        return translate("influence", "No relationships")
    text = translate("influence", "Influence rank {0:,} of {1:,}").format(info.rank, info.of)
    if info.community is not None:
        text += " · " + translate("influence", "community {0} ({1:,} people)").format(
            info.community, info.community_size)
    return text
