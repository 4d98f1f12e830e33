"""Print a quote, order or invoice on a printer the user chose in Qt's print dialog (or on a
QPrinter writing a PDF file): the same pages, fonts and footers as `documents.render_pdf`,
painted on the QPrinter instead of a QPdfWriter. In the ui, not in documents: QtPrintSupport
needs QtWidgets, which the command line's documents never load.

    printer = new_printer()
    if QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted:
        print_document(print_job(database, "quote", 7), printer, language="zh_CN")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QPageLayout
from PySide6.QtPrintSupport import QPrinter

from crm_desktop.documents.pdf import MARGINS_MM, document_title, ensure_gui, paint_document
from crm_desktop.documents.text_map import fix_text_map, radical_twins
from crm_desktop.documents.texts import Texts

if TYPE_CHECKING:
    from crm_desktop.services.printing import PrintJob


def new_printer() -> QPrinter:
    """A high-resolution printer (the system's default one) with the documents' margins; the
    print dialog lets the user pick another printer, the paper and the copies."""
    ensure_gui()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    return printer


def print_document(job: PrintJob, printer: QPrinter, language: str = "en") -> int:
    """Print ``job`` on ``printer`` in ``language`` ('en' or 'zh_CN'); the number of pages.
    OSError when the printer cannot be painted on. A printer writing a PDF file gets the
    same searchable text as :func:`render_pdf`."""
    ensure_gui()
    texts = Texts(language)
    printer.setDocName(document_title(job, texts))
    printer.setCreator("crm-desktop")
    pages, font, shown = paint_document(job, texts, printer, printer.resolution(),
                                        printer.newPage)
    out = printer.outputFileName()
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and out:
        bold = QFont(font)
        bold.setBold(True)
        fix_text_map(Path(out), radical_twins((font, bold), shown))
    return pages
