"""Table specs and detail text of the Quotes & Orders page (quotes, orders, contracts, products).

A quote's total in the list is worked out in SQL with integer arithmetic on the stored minor
units, rounding half up per line exactly as `storage.sales.line_amounts` does.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from crm_desktop.models.sales import CONTRACT_STATUSES, ORDER_STATUSES, QUOTE_STATUSES
from crm_desktop.services.sales import (
    ContractDetail,
    Detail,
    OrderDetail,
    ProductDetail,
    QuoteDetail,
)
from crm_desktop.storage.lists.sales import (
    contract_list,
    order_list,
    product_list,
    quote_list,
)
from crm_desktop.ui.dialogs.choices import label
from crm_desktop.ui.item_models import ColumnSpec, TableSpec
from crm_desktop.ui.pages.page_tools import SOON, esc, facts
from crm_desktop.ui.qt_typed import translate
from crm_desktop.ui.widgets.display import day, moment, money
from crm_desktop.ui.widgets.filter_bar import FilterField

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter



def cents(value: Any, currency: str | None = None) -> str:
    """Integer minor units as money with the row's currency."""
    return money(Decimal(int(value or 0)) / 100, currency)


def _statuses(codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((label(code), code) for code in codes)


def quote_spec() -> TableSpec:
    return TableSpec(
        quote_list(),
        (
            ColumnSpec("number", translate("SalesPage", "Quote"), width=90),
            ColumnSpec("customer", translate("SalesPage", "Customer"), width=160),
            ColumnSpec("status", translate("SalesPage", "Status"), label, width=80),
            ColumnSpec("issued_on", translate("SalesPage", "Issued"), day, width=95),
            ColumnSpec("valid_until", translate("SalesPage", "Valid until"), day, width=95),
            ColumnSpec("total", translate("SalesPage", "Total"), cents, RIGHT, width=120, currency="currency"),
        ),
    )


def order_spec() -> TableSpec:
    return TableSpec(
        order_list(),
        (
            ColumnSpec("number", translate("SalesPage", "Order"), width=95),
            ColumnSpec("customer", translate("SalesPage", "Customer"), width=160),
            ColumnSpec("ordered_at", translate("SalesPage", "Ordered"), moment, width=130),
            ColumnSpec("status", translate("SalesPage", "Status"), label, width=80),
            ColumnSpec("total", translate("SalesPage", "Total"), money, RIGHT, width=120, currency="currency"),
        ),
    )




def days_text(value: Any) -> str:
    days = int(value)
    if days < 0:
        return translate("SalesPage", "%1 d ago").replace("%1", str(-days))
    return translate("SalesPage", "today") if days == 0 else translate("SalesPage", "in %1 d").replace("%1", str(days))


def contract_spec() -> TableSpec:
    return TableSpec(
        contract_list(),
        (
            ColumnSpec("number", translate("SalesPage", "Contract"), width=90),
            ColumnSpec("title", translate("SalesPage", "Title"), width=170),
            ColumnSpec("customer", translate("SalesPage", "Customer"), width=150),
            ColumnSpec("renewal_date", translate("SalesPage", "Renewal"), day, width=95),
            ColumnSpec("renews_in", translate("SalesPage", "Renews in"), days_text, RIGHT, width=80),
            ColumnSpec("end_date", translate("SalesPage", "Ends"), day, width=95),
            ColumnSpec("value", translate("SalesPage", "Value"), money, RIGHT, width=110, currency="currency"),
            ColumnSpec("status", translate("SalesPage", "Status"), label, width=75),
            ColumnSpec("renews_soon", translate("SalesPage", "Soon"), lambda v: "●" if v else "", Qt.AlignmentFlag.AlignCenter, width=40),
        ),
    )


def product_spec() -> TableSpec:
    return TableSpec(
        product_list(),
        (
            ColumnSpec("name", translate("SalesPage", "Product"), width=220),
            ColumnSpec("sku", translate("SalesPage", "SKU"), width=100),
            ColumnSpec("category", translate("SalesPage", "Category"), width=120),
            ColumnSpec("unit_price", translate("SalesPage", "Price"), money, RIGHT, width=110, currency="currency"),
            ColumnSpec("tax_pct", translate("SalesPage", "Tax %"), str, RIGHT, width=60),
            ColumnSpec("active", translate("SalesPage", "Active"), lambda v: "✓" if v else "", Qt.AlignmentFlag.AlignCenter, width=55),
        ),
    )


def filters(kind: str) -> list[FilterField]:
    if kind == "quotes":
        return [FilterField("status", translate("SalesPage", "Status"), _statuses(QUOTE_STATUSES))]
    if kind == "orders":
        return [FilterField("status", translate("SalesPage", "Status"), _statuses(ORDER_STATUSES))]
    if kind == "contracts":
        return [FilterField("status", translate("SalesPage", "Status"), _statuses(CONTRACT_STATUSES)),
                FilterField("renews_soon", translate("SalesPage", "Renewal"),
                            ((translate("SalesPage", "Renewing in 60 days"), 1),))]
    return [FilterField("active", translate("SalesPage", "Active"), ((translate("SalesPage", "Active"), True), (translate("SalesPage", "Inactive"), False)))]


def contract_colours(row: Any) -> str | None:
    """Live contracts renewing within 60 days are highlighted (`renews_soon`, from SQL)."""
    return SOON if getattr(row, "renews_soon", 0) else None


def _lines_html(record: QuoteDetail | OrderDetail) -> str:
    currency = record.currency
    head = "".join(f"<th align='{a}'>{esc(t)}</th>" for t, a in (
        (translate("SalesPage", "Description"), "left"), (translate("SalesPage", "Qty"), "right"), (translate("SalesPage", "Price"), "right"),
        (translate("SalesPage", "Disc."), "right"), (translate("SalesPage", "Tax"), "right"), (translate("SalesPage", "Total"), "right")))
    rows = "".join(
        f"<tr><td>{esc(ln.description)}</td><td align='right'>{ln.quantity.normalize():f}</td>"
        f"<td align='right'>{esc(money(ln.unit_price, currency))}</td>"
        f"<td align='right'>{ln.discount_pct.normalize():f}%</td>"
        f"<td align='right'>{ln.tax_pct.normalize():f}%</td>"
        f"<td align='right'>{esc(money(ln.total, currency))}</td></tr>"
        for ln in record.lines
    )
    t = record.totals
    sums = " · ".join(f"{esc(k)} {esc(money(v, currency))}" for k, v in (
        (translate("SalesPage", "Subtotal"), t.subtotal), (translate("SalesPage", "Discount"), t.discount), (translate("SalesPage", "Tax"), t.tax)))
    total = translate("SalesPage", "Total %1").replace("%1", money(t.total, currency))
    return (f"<table width='100%' cellspacing='0' cellpadding='3'><tr class='head'>"
            f"{head}</tr>{rows}</table><p align='right'>{sums}<br><b>{esc(total)}</b></p>")


def record_html(row: Detail) -> tuple[str, str]:
    """(title, HTML) of the detail pane for a quote, order, contract or product."""
    if isinstance(row, QuoteDetail):
        body = facts([(translate("SalesPage", "Customer"), row.customer_name), (translate("SalesPage", "Status"), label(row.status)),
                      (translate("SalesPage", "Issued"), day(row.issued_on)),
                      (translate("SalesPage", "Valid until"), day(row.valid_until)),
                      (translate("SalesPage", "Became order"), row.order_number)])
        return translate("SalesPage", "Quote %1").replace("%1", row.number), body + _lines_html(row)
    if isinstance(row, OrderDetail):
        body = facts([(translate("SalesPage", "Customer"), row.customer_name), (translate("SalesPage", "Status"), label(row.status)),
                      (translate("SalesPage", "Ordered"), moment(row.ordered_at)), (translate("SalesPage", "Notes"), row.notes)])
        return translate("SalesPage", "Order %1").replace("%1", row.number), body + _lines_html(row)
    if isinstance(row, ContractDetail):
        return f"{row.number} · {row.title}", facts([
            (translate("SalesPage", "Customer"), row.customer_name), (translate("SalesPage", "Status"), label(row.status)),
            (translate("SalesPage", "Start"), day(row.start_date)), (translate("SalesPage", "End"), day(row.end_date)),
            (translate("SalesPage", "Renewal date"), day(row.renewal_date)),
            (translate("SalesPage", "Auto renew"), translate("SalesPage", "yes") if row.auto_renew else translate("SalesPage", "no")),
            (translate("SalesPage", "Value"), money(row.value, row.currency))])
    assert isinstance(row, ProductDetail)
    return row.name, facts([
        (translate("SalesPage", "SKU"), row.sku), (translate("SalesPage", "Category"), row.category),
        (translate("SalesPage", "Price"), money(row.unit_price, row.currency)), (translate("SalesPage", "Tax"), f"{row.tax_pct}%"),
        (translate("SalesPage", "Active"), translate("SalesPage", "yes") if row.active else translate("SalesPage", "no")),
        (translate("SalesPage", "Description"), row.description)])
