"""What a printed quote, order or invoice is made of: the record (storage.printable) and the
business's profile (services.company_profile), in one plain object the renderer in
:mod:`crm_desktop.documents` turns into a PDF. An invoice is an order printed as "Invoice"
(there is no invoice table yet).

    job = print_job(database, "invoice", order_id)
    documents.render_pdf(job, Path("invoice.pdf"), language="zh_CN")
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from crm_desktop.services.company_profile import CompanyProfile, load_profile
from crm_desktop.storage.printable import Printable, printable

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

DOCUMENT_KINDS = ("quote", "order", "invoice")


@dataclass(frozen=True)
class PrintJob:
    """A document to print: ``kind`` 'quote', 'order' or 'invoice' (an order as invoice)."""

    kind: str
    document: Printable
    company: CompanyProfile


def print_job(database: Database, kind: str, record_id: int) -> PrintJob:
    """The quote (kind 'quote') or order ('order', 'invoice') with the company profile;
    NotFound names a missing record."""
    if kind not in DOCUMENT_KINDS:
        raise ValueError(f"cannot print a {kind!r}; one of {', '.join(DOCUMENT_KINDS)}")
    document = printable(database, "quote" if kind == "quote" else "order", record_id)
    return PrintJob(kind, document, load_profile(database))
