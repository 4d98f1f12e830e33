"""Printable documents: quotes, orders and invoices-to-be as PDF, with Qt's own printing
(QTextDocument + QPdfWriter; Qt GUI only, no widgets), in English or Chinese.

    from crm_desktop.documents import render_pdf
    from crm_desktop.services.printing import print_job

    render_pdf(print_job(database, "quote", 7), Path("Q-000007.pdf"), language="zh_CN")

* :mod:`.texts`: the words (translatable, context "documents"), dates and amounts.
* :mod:`.layout`: the page as HTML. :mod:`.pdf`: the PDF, pages and footers.
* The same pages on a printer chosen in Qt's print dialog: ``ui/sales/printer.py``
  (QtPrintSupport needs QtWidgets, which this package does not load).

The ui and the command line use this package; services and storage do not (import-linter).
"""

from __future__ import annotations

from crm_desktop.documents.pdf import RenderedDocument, ensure_gui, render_pdf
from crm_desktop.documents.texts import LANGUAGES, check_language

__all__ = ["LANGUAGES", "RenderedDocument", "check_language", "ensure_gui", "render_pdf"]
