"""Table specs and detail text of the Quotes & Orders page (quotes, orders, contracts, products).

A quote's total in the list is worked out in SQL with integer arithmetic on the stored minor
units, rounding half up per line exactly as `storage.sales.line_amounts` does.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

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
from crm_desktop.ui.pages.page_tools import SOON_BACKGROUND, esc, facts
from crm_desktop.ui.widgets.display import day, moment, money
from crm_desktop.ui.widgets.filter_bar import FilterField

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def tr(text: str) -> str:
    return QCoreApplication.translate("SalesPage", text)


def cents(value: Any) -> str:
    return money(Decimal(int(value or 0)) / 100, None)


def plain_money(value: Any) -> str:
    return money(value, None)


def _statuses(codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((label(code), code) for code in codes)


def quote_spec() -> TableSpec:
    return TableSpec(
        quote_list(),
        (
            ColumnSpec("number", tr("Quote"), width=90),
            ColumnSpec("customer", tr("Customer"), width=200),
            ColumnSpec("status", tr("Status"), label, width=80),
            ColumnSpec("issued_on", tr("Issued"), day, width=95),
            ColumnSpec("valid_until", tr("Valid until"), day, width=95),
            ColumnSpec("total", tr("Total"), cents, RIGHT, width=110),
            ColumnSpec("currency", tr("Cur."), width=45),
        ),
    )


def order_spec() -> TableSpec:
    return TableSpec(
        order_list(),
        (
            ColumnSpec("number", tr("Order"), width=95),
            ColumnSpec("customer", tr("Customer"), width=200),
            ColumnSpec("ordered_at", tr("Ordered"), moment, width=130),
            ColumnSpec("status", tr("Status"), label, width=80),
            ColumnSpec("total", tr("Total"), plain_money, RIGHT, width=110),
            ColumnSpec("currency", tr("Cur."), width=45),
        ),
    )




def days_text(value: Any) -> str:
    days = int(value)
    if days < 0:
        return tr("%1 d ago").replace("%1", str(-days))
    return tr("today") if days == 0 else tr("in %1 d").replace("%1", str(days))


def contract_spec() -> TableSpec:
    return TableSpec(
        contract_list(),
        (
            ColumnSpec("number", tr("Contract"), width=90),
            ColumnSpec("title", tr("Title"), width=170),
            ColumnSpec("customer", tr("Customer"), width=150),
            ColumnSpec("renewal_date", tr("Renewal"), day, width=95),
            ColumnSpec("renews_in", tr("Renews in"), days_text, RIGHT, width=80),
            ColumnSpec("end_date", tr("Ends"), day, width=95),
            ColumnSpec("value", tr("Value"), plain_money, RIGHT, width=100),
            ColumnSpec("status", tr("Status"), label, width=75),
            ColumnSpec("renews_soon", tr("Soon"), lambda v: "●" if v else "", Qt.AlignmentFlag.AlignCenter, width=40),
        ),
    )


def product_spec() -> TableSpec:
    return TableSpec(
        product_list(),
        (
            ColumnSpec("name", tr("Product"), width=220),
            ColumnSpec("sku", tr("SKU"), width=100),
            ColumnSpec("category", tr("Category"), width=120),
            ColumnSpec("unit_price", tr("Price"), plain_money, RIGHT, width=100),
            ColumnSpec("tax_pct", tr("Tax %"), str, RIGHT, width=60),
            ColumnSpec("currency", tr("Cur."), width=45),
            ColumnSpec("active", tr("Active"), lambda v: "✓" if v else "", Qt.AlignmentFlag.AlignCenter, width=55),
        ),
    )


def filters(kind: str) -> list[FilterField]:
    if kind == "quotes":
        return [FilterField("status", tr("Status"), _statuses(QUOTE_STATUSES))]
    if kind == "orders":
        return [FilterField("status", tr("Status"), _statuses(ORDER_STATUSES))]
    if kind == "contracts":
        return [FilterField("status", tr("Status"), _statuses(CONTRACT_STATUSES)),
                FilterField("renews_soon", tr("Renewal"),
                            ((tr("Renewing in 60 days"), 1),))]
    return [FilterField("active", tr("Active"), ((tr("Active"), True), (tr("Inactive"), False)))]


def contract_colours(row: Any) -> tuple[Any, Any] | None:
    """Live contracts renewing within 60 days are highlighted (`renews_soon`, from SQL)."""
    return (SOON_BACKGROUND, None) if getattr(row, "renews_soon", 0) else None


def _lines_html(record: QuoteDetail | OrderDetail) -> str:
    currency = record.currency
    head = "".join(f"<th align='{a}'>{esc(t)}</th>" for t, a in (
        (tr("Description"), "left"), (tr("Qty"), "right"), (tr("Price"), "right"),
        (tr("Disc."), "right"), (tr("Tax"), "right"), (tr("Total"), "right")))
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
        (tr("Subtotal"), t.subtotal), (tr("Discount"), t.discount), (tr("Tax"), t.tax)))
    return (f"<table width='100%' cellspacing='0' cellpadding='3'><tr style='background:#eee'>"
            f"{head}</tr>{rows}</table><p align='right'>{sums}<br><b>{esc(tr('Total'))} "
            f"{esc(money(t.total, currency))}</b></p>")


def record_html(row: Detail) -> tuple[str, str]:
    """(title, HTML) of the detail pane for a quote, order, contract or product."""
    if isinstance(row, QuoteDetail):
        body = facts([(tr("Customer"), row.customer_name), (tr("Status"), label(row.status)),
                      (tr("Issued"), day(row.issued_on)),
                      (tr("Valid until"), day(row.valid_until)),
                      (tr("Became order"), row.order_number)])
        return tr("Quote %1").replace("%1", row.number), body + _lines_html(row)
    if isinstance(row, OrderDetail):
        body = facts([(tr("Customer"), row.customer_name), (tr("Status"), label(row.status)),
                      (tr("Ordered"), moment(row.ordered_at)), (tr("Notes"), row.notes)])
        return tr("Order %1").replace("%1", row.number), body + _lines_html(row)
    if isinstance(row, ContractDetail):
        return f"{row.number} · {row.title}", facts([
            (tr("Customer"), row.customer_name), (tr("Status"), label(row.status)),
            (tr("Start"), day(row.start_date)), (tr("End"), day(row.end_date)),
            (tr("Renewal date"), day(row.renewal_date)),
            (tr("Auto renew"), tr("yes") if row.auto_renew else tr("no")),
            (tr("Value"), money(row.value, row.currency))])
    assert isinstance(row, ProductDetail)
    return row.name, facts([
        (tr("SKU"), row.sku), (tr("Category"), row.category),
        (tr("Price"), money(row.unit_price, row.currency)), (tr("Tax"), f"{row.tax_pct}%"),
        (tr("Active"), tr("yes") if row.active else tr("no")),
        (tr("Description"), row.description)])
