"""Table specs and detail text of the Quotes & Orders page (quotes, orders, contracts, products).

A quote's total in the list is worked out in SQL with integer arithmetic on the stored minor
units, rounding half up per line exactly as `storage.sales.line_amounts` does.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from sqlalchemy import Integer, case, cast, func, select, type_coerce

from crm_desktop.models import Contract, Customer, Order, Product, Quote, QuoteLine
from crm_desktop.models.sales import CONTRACT_STATUSES, ORDER_STATUSES, QUOTE_STATUSES
from crm_desktop.storage import sales
from crm_desktop.storage.database import Database
from crm_desktop.ui.dialogs.choices import label
from crm_desktop.ui.item_models import ColumnSpec, TableSpec
from crm_desktop.ui.pages.page_tools import SOON_BACKGROUND, esc, facts
from crm_desktop.ui.widgets.display import day, moment, money
from crm_desktop.ui.widgets.filter_bar import FilterField

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RENEWAL_DAYS = 60


def tr(text: str) -> str:
    return QCoreApplication.translate("SalesPage", text)


def _raw(column: Any) -> Any:
    return type_coerce(column, Integer)


def quote_total_cents() -> Any:
    """Sum of line totals in cents: q (1/1000) x price (cents), discount and tax (1/100 %)."""
    gross_x1000 = _raw(QuoteLine.quantity) * _raw(QuoteLine.unit_price)
    gross = (gross_x1000 + 500) // 1000
    discount = (gross_x1000 * _raw(QuoteLine.discount_pct) + 5_000_000) // 10_000_000
    net = gross - discount
    tax = (net * _raw(QuoteLine.tax_pct) + 5000) // 10000
    return (
        select(func.coalesce(func.sum(net + tax), 0))
        .where(QuoteLine.quote_id == Quote.id).correlate(Quote).scalar_subquery()
    )


def cents(value: Any) -> str:
    return money(Decimal(int(value or 0)) / 100, None)


def plain_money(value: Any) -> str:
    return money(value, None)


def _statuses(codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((label(code), code) for code in codes)


def quote_spec() -> TableSpec:
    return TableSpec(
        "quotes", Quote,
        (
            ColumnSpec("number", tr("Quote"), Quote.number, searchable=True, width=90),
            ColumnSpec("customer", tr("Customer"), Customer.name, searchable=True, width=200),
            ColumnSpec("status", tr("Status"), Quote.status, label, width=80),
            ColumnSpec("issued_on", tr("Issued"), Quote.issued_on, day, width=95),
            ColumnSpec("valid_until", tr("Valid until"), Quote.valid_until, day, width=95),
            ColumnSpec("total", tr("Total"), quote_total_cents(), cents, RIGHT, width=110),
            ColumnSpec("currency", tr("Cur."), Quote.currency, width=45),
        ),
        default_sort="number", default_descending=True,
        source=lambda: Quote.__table__.join(Customer.__table__,
                                            Customer.id == Quote.customer_id),
    )


def order_spec() -> TableSpec:
    return TableSpec(
        "orders", Order,
        (
            ColumnSpec("number", tr("Order"), Order.number, searchable=True, width=95),
            ColumnSpec("customer", tr("Customer"), Customer.name, searchable=True, width=200),
            ColumnSpec("ordered_at", tr("Ordered"), Order.ordered_at, moment, width=130),
            ColumnSpec("status", tr("Status"), Order.status, label, width=80),
            ColumnSpec("total", tr("Total"), Order.total, plain_money, RIGHT, width=110),
            ColumnSpec("currency", tr("Cur."), Order.currency, width=45),
        ),
        default_sort="ordered_at", default_descending=True,
        source=lambda: Order.__table__.join(Customer.__table__,
                                            Customer.id == Order.customer_id),
    )


def renews_in_days() -> Any:
    return cast(func.julianday(Contract.renewal_date) - func.julianday(func.date("now")),
                Integer)


def days_text(value: Any) -> str:
    days = int(value)
    if days < 0:
        return tr("%1 d ago").replace("%1", str(-days))
    return tr("today") if days == 0 else tr("in %1 d").replace("%1", str(days))


def contract_spec() -> TableSpec:
    soon = case((renews_in_days().between(0, RENEWAL_DAYS), 1), else_=0)
    return TableSpec(
        "contracts", Contract,
        (
            ColumnSpec("number", tr("Contract"), Contract.number, searchable=True, width=90),
            ColumnSpec("title", tr("Title"), Contract.title, searchable=True, width=170),
            ColumnSpec("customer", tr("Customer"), Customer.name, searchable=True, width=150),
            ColumnSpec("renewal_date", tr("Renewal"), Contract.renewal_date, day, width=95),
            ColumnSpec("renews_in", tr("Renews in"), renews_in_days(), days_text, RIGHT,
                       width=80),
            ColumnSpec("end_date", tr("Ends"), Contract.end_date, day, width=95),
            ColumnSpec("value", tr("Value"), Contract.value, plain_money, RIGHT, width=100),
            ColumnSpec("status", tr("Status"), Contract.status, label, width=75),
            ColumnSpec("renews_soon", tr("Soon"), soon, lambda v: "●" if v else "",
                       Qt.AlignmentFlag.AlignCenter, width=40),
        ),
        default_sort="renewal_date",
        source=lambda: Contract.__table__.join(Customer.__table__,
                                               Customer.id == Contract.customer_id),
    )


def product_spec() -> TableSpec:
    return TableSpec(
        "products", Product,
        (
            ColumnSpec("name", tr("Product"), Product.name, searchable=True, width=220),
            ColumnSpec("sku", tr("SKU"), Product.sku, searchable=True, width=100),
            ColumnSpec("category", tr("Category"), Product.category, searchable=True,
                       width=120),
            ColumnSpec("unit_price", tr("Price"), Product.unit_price, plain_money, RIGHT,
                       width=100),
            ColumnSpec("tax_pct", tr("Tax %"), Product.tax_pct, str, RIGHT, width=60),
            ColumnSpec("currency", tr("Cur."), Product.currency, width=45),
            ColumnSpec("active", tr("Active"), Product.active, lambda v: "✓" if v else "",
                       Qt.AlignmentFlag.AlignCenter, width=55),
        ),
        default_sort="name",
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
    """Contracts renewing within 60 days are highlighted."""
    renews = getattr(row, "renewal_date", None)
    if renews is None or getattr(row, "status", "") not in ("active", "draft"):
        return None
    return (SOON_BACKGROUND, None) if date.today() <= renews <= date.today() + timedelta(
        days=RENEWAL_DAYS) else None


def _lines_html(lines: list[Any], currency: str) -> str:
    head = "".join(f"<th align='{a}'>{esc(t)}</th>" for t, a in (
        (tr("Description"), "left"), (tr("Qty"), "right"), (tr("Price"), "right"),
        (tr("Disc."), "right"), (tr("Tax"), "right"), (tr("Total"), "right")))
    rows = "".join(
        f"<tr><td>{esc(ln.description)}</td><td align='right'>{ln.quantity.normalize():f}</td>"
        f"<td align='right'>{esc(money(ln.unit_price, currency))}</td>"
        f"<td align='right'>{ln.discount_pct.normalize():f}%</td>"
        f"<td align='right'>{ln.tax_pct.normalize():f}%</td>"
        f"<td align='right'>{esc(money(sales.line_amounts(ln).total, currency))}</td></tr>"
        for ln in lines
    )
    t = sales.totals(lines)
    sums = " · ".join(f"{esc(k)} {esc(money(v, currency))}" for k, v in (
        (tr("Subtotal"), t.subtotal), (tr("Discount"), t.discount), (tr("Tax"), t.tax)))
    return (f"<table width='100%' cellspacing='0' cellpadding='3'><tr style='background:#eee'>"
            f"{head}</tr>{rows}</table><p align='right'>{sums}<br><b>{esc(tr('Total'))} "
            f"{esc(money(t.total, currency))}</b></p>")


def record_html(database: Database, kind: str, record_id: int) -> tuple[str, str] | None:
    """(title, HTML) of the detail pane for a quote, order, contract or product."""
    with database.session() as session:
        model = {"quotes": Quote, "orders": Order, "contracts": Contract,
                 "products": Product}[kind]
        row = session.get(model, record_id)
        if row is None:
            return None
        customer_id = getattr(row, "customer_id", None)
        customer = session.get(Customer, customer_id) if customer_id else None
        name = customer.name if customer else ""
        if isinstance(row, Quote):
            order = session.scalars(select(Order.number).where(Order.quote_id == row.id)).first()
            body = facts([(tr("Customer"), name), (tr("Status"), label(row.status)),
                          (tr("Issued"), day(row.issued_on)),
                          (tr("Valid until"), day(row.valid_until)),
                          (tr("Became order"), order)])
            return tr("Quote %1").replace("%1", row.number), body + _lines_html(
                list(row.lines), row.currency)
        if isinstance(row, Order):
            body = facts([(tr("Customer"), name), (tr("Status"), label(row.status)),
                          (tr("Ordered"), moment(row.ordered_at)), (tr("Notes"), row.notes)])
            return tr("Order %1").replace("%1", row.number), body + _lines_html(
                list(row.lines), row.currency)
        if isinstance(row, Contract):
            return f"{row.number} · {row.title}", facts([
                (tr("Customer"), name), (tr("Status"), label(row.status)),
                (tr("Start"), day(row.start_date)), (tr("End"), day(row.end_date)),
                (tr("Renewal date"), day(row.renewal_date)),
                (tr("Auto renew"), tr("yes") if row.auto_renew else tr("no")),
                (tr("Value"), money(row.value, row.currency))])
        assert isinstance(row, Product)
        return row.name, facts([
            (tr("SKU"), row.sku), (tr("Category"), row.category),
            (tr("Price"), money(row.unit_price, row.currency)), (tr("Tax"), f"{row.tax_pct}%"),
            (tr("Active"), tr("yes") if row.active else tr("no")),
            (tr("Description"), row.description)])
