"""'Likely to buy next' in the customer detail: the products the basket analysis suggests for
this customer (stored by its Apply), each with what it goes with, and a link that plans a
campaign at every customer to whom that product is suggested (undoable), then opens it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from crm_desktop.storage.next_products import NextProduct
    from crm_desktop.ui.context import AppContext

SHOWN = 3  # suggestions listed; the rest are in the analysis' table


class NextProductsLabel(QLabel):
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerNextProducts")
        self.setAccessibleName(self.tr("Likely to buy next"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.linkActivated.connect(lambda link: self.offer(int(link.removeprefix("offer:"))))
        self.context = context
        self.customer_id: int | None = None
        self.products: tuple[NextProduct, ...] = ()
        self.hide()

    def show_customer(self, customer_id: int | None) -> None:
        self.customer_id = customer_id
        if customer_id is None:
            self._show(None, ())
            return
        # Imported here: the customers page is the first shown, before SQLAlchemy is loaded.
        from crm_desktop.storage.next_products import next_products

        self.context.runner.run(next_products, self.context.database, customer_id, owner=self,
                                key="next", description=self.tr("Loading suggestions"),
                                on_finished=lambda found: self._show(customer_id, found))

    def _show(self, customer_id: int | None, found: tuple[NextProduct, ...]) -> None:
        if customer_id != self.customer_id:
            return
        self.products = found
        self.setVisible(bool(found))
        parts = []
        offer = html.escape(self.tr("offer to all…"))
        for product in found[:SHOWN]:
            name = html.escape(product.name)
            because = html.escape(self.tr("with {0}").format(product.because)) \
                if product.because else ""
            link = (f" <a href='offer:{product.product_id}'>"
                    f"{offer}</a>"
                    if product.product_id is not None else "")
            parts.append(f"<b>{name}</b> <span style='color:palette(placeholder-text)'>"
                         f"{because}</span>{link}")
        self.setText(html.escape(self.tr("Likely to buy next:")) + " " + " · ".join(parts))
        self.setToolTip(self.tr(
            "From the 'What sells together' analysis: products often bought with what this "
            "customer bought, not bought yet. 'offer to all…' plans a campaign at every "
            "customer to whom the product is suggested."))
        self.loaded.emit()

    def offer(self, product_id: int) -> int | None:
        """Plan the campaign (undo moves it and its saved filter to the trash) and open it."""
        from crm_desktop.ui.campaigns.suggested_campaign import plan_for_product

        made = plan_for_product(self.context, self, product_id)
        if made is not None:
            self.context.open_record("campaigns", made)
        return made
