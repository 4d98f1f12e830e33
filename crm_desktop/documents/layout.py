"""The page of a quote, order or invoice as the HTML subset QTextDocument lays out.

Top: the logo and the business (name, address, tax id, email, phone) on the left, the title
and the number and dates on the right. Then the customer, the lines (description, quantity,
unit price, discount, tax, amount), the totals (subtotal, discount, tax, total) and the notes
and terms. Every text that comes from the database is escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from crm_desktop.documents import texts as T

if TYPE_CHECKING:
    from crm_desktop.documents.texts import Texts
    from crm_desktop.services.printing import PrintJob

ACCENT = "#1f4e79"
MUTED = "#5f6b7a"
RULE = "#c9d3df"
SHADE = "#f1f5f9"
LOGO_URL = "logo:company"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _lines(text: str) -> str:
    """Several lines of user text as escaped HTML lines."""
    return "<br>".join(_e(line) for line in text.splitlines() if line.strip())


def _business(job: PrintJob, t: Texts, logo: tuple[int, int] | None) -> str:
    company = job.company
    parts = []
    if logo is not None:
        width, height = logo
        parts.append(f'<img src="{LOGO_URL}" width="{width}" height="{height}"><br>')
    if company.name:
        parts.append(f'<span style="font-size:13pt; font-weight:bold; color:{ACCENT}">'
                     f"{_e(company.name)}</span>")
    details = [_lines(company.address)] if company.address.strip() else []
    if company.tax_id:
        details.append(_e(t.tr(T.LABELLED, t.tr(T.TAX_ID), company.tax_id)))
    contact = [_e(x) for x in (company.email, company.phone, company.website) if x]
    if contact:
        details.append(" · ".join(contact))
    if details:
        parts.append(f'<br><span style="color:{MUTED}">' + "<br>".join(details) + "</span>")
    return "".join(parts)


def _heading(job: PrintJob, t: Texts) -> str:
    doc = job.document
    rows = [(t.tr(T.NUMBER[job.kind]), _e(doc.number)),
            (t.tr(T.DATE[job.kind]), _e(t.day(doc.issued_on)))]
    if job.kind == "quote" and doc.valid_until is not None:
        rows.append((t.tr(T.VALID_UNTIL), _e(t.day(doc.valid_until))))
    rows.append((t.tr(T.CURRENCY), _e(doc.currency)))
    cells = "".join(
        f'<tr><td align="right" style="color:{MUTED}; padding-right:8px">{_e(label)}</td>'
        f'<td align="right">{value}</td></tr>' for label, value in rows)
    return (f'<p align="right" style="margin:0"><span style="font-size:22pt; font-weight:bold; '
            f'color:{ACCENT}">{_e(t.tr(T.TITLE[job.kind]))}</span></p>'
            f'<table align="right" cellspacing="0" cellpadding="1">{cells}</table>')


def _customer(job: PrintJob, t: Texts) -> str:
    customer = job.document.customer
    label = t.tr(T.BILL_TO if job.kind == "invoice" else T.CUSTOMER)
    lines = [f'<span style="font-weight:bold">{_e(customer.name)}</span>']
    if customer.company and customer.company != customer.name:
        lines.append(_e(customer.company))
    lines += [_e(line) for line in customer.address_lines(largest_first=t.chinese)]
    if customer.email:
        lines.append(_e(t.tr(T.LABELLED, t.tr(T.EMAIL), customer.email)))
    if customer.phone:
        lines.append(_e(t.tr(T.LABELLED, t.tr(T.PHONE), customer.phone)))
    return _section(t, label) + f'<p style="margin-top:0">{"<br>".join(lines)}</p>'


def _section(t: Texts, title: str) -> str:
    """A small heading above a block (capitals in English)."""
    shown = title if t.chinese else title.upper()
    return (f'<p style="margin-top:14px; margin-bottom:2px; color:{MUTED}; font-size:8pt; '
            f'font-weight:bold">{_e(shown)}</p>')


def _items(job: PrintJob, t: Texts) -> str:
    doc = job.document
    heads = [("#", "right", 4), (t.tr(T.ITEM), "left", 33), (t.tr(T.QUANTITY), "right", 10),
             (t.tr(T.UNIT_PRICE), "right", 14), (t.tr(T.DISCOUNT), "right", 10),
             (t.tr(T.TAX_RATE), "right", 10), (t.tr(T.LINE_TOTAL), "right", 19)]
    head = "".join(
        f'<th align="{align}" width="{width}%" style="background-color:{ACCENT}; color:white; '
        f'font-weight:bold; font-size:8.5pt; white-space:nowrap">{_e(text)}</th>'
        for text, align, width in heads)
    rows = []
    for number, line in enumerate(doc.lines, start=1):
        shade = f' style="background-color:{SHADE}"' if number % 2 == 0 else ""
        cells = [str(number), _lines(line.description) or "&nbsp;",
                 _e(t.quantity(line.quantity)), _e(t.money(line.unit_price, doc.currency)),
                 _e(t.percent(line.discount_pct)), _e(t.percent(line.tax_pct)),
                 _e(t.money(line.total, doc.currency))]
        rows.append(f"<tr{shade}>{_cells(cells, heads)}</tr>")
    if not rows:
        rows.append(f'<tr><td colspan="7" align="center" style="color:{MUTED}">'
                    f"{_e(t.tr(T.NO_LINES))}</td></tr>")
    return (f'<table width="100%" cellspacing="0" cellpadding="5" style="margin-top:6px">'
            f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>")


def _totals(job: PrintJob, t: Texts) -> str:
    doc = job.document
    sums = doc.totals
    rows = [(t.tr(T.SUBTOTAL), t.money(sums.subtotal, doc.currency), False)]
    if sums.discount:
        rows.append((t.tr(T.DISCOUNT), t.money(-sums.discount, doc.currency), False))
    if sums.tax:
        rows.append((t.tr(T.TAX), t.money(sums.tax, doc.currency), False))
    rows.append((f"{t.tr(T.TOTAL)} ({doc.currency})", t.money(sums.total, doc.currency), True))
    cells = []
    for label, amount, strong in rows:
        style = (f' style="font-weight:bold; font-size:12pt; color:{ACCENT}; '
                 f'border-top:1px solid {RULE}"' if strong else "")
        cells.append(f'<tr><td align="right"{style}>{_e(label)}</td>'
                     f'<td align="right" width="45%"{style}>{_e(amount)}</td></tr>')
    return (f'<table align="right" width="50%" cellspacing="0" cellpadding="4" '
            f'style="margin-top:8px">{"".join(cells)}</table>')


def _paragraph(t: Texts, title: str, text: str | None) -> str:
    if not text or not text.strip():
        return ""
    return _section(t, title) + f'<p style="margin-top:0">{_lines(text)}</p>'


def _cells(cells: list[str], heads: list[tuple[str, str, int]]) -> str:
    return "".join(f'<td align="{align}" valign="top">{cell}</td>'
                   for cell, (_text, align, _width) in zip(cells, heads, strict=True))


def document_html(job: PrintJob, t: Texts, logo: tuple[int, int] | None = None) -> str:
    """The whole document; ``logo`` is the logo's (width, height) in layout pixels when the
    renderer added it as the resource :data:`LOGO_URL`."""
    top = (f'<table width="100%" cellspacing="0" cellpadding="0"><tr>'
           f'<td width="55%" valign="top">{_business(job, t, logo)}</td>'
           f'<td width="45%" valign="top" align="right">{_heading(job, t)}</td></tr></table>')
    notes = _paragraph(t, t.tr(T.NOTES), job.document.notes)
    terms = _paragraph(t, t.tr(T.TERMS), job.company.terms)
    return (f"<html><body>{top}{_customer(job, t)}{_items(job, t)}{_totals(job, t)}"
            f'<br clear="all">{notes}{terms}</body></html>')
