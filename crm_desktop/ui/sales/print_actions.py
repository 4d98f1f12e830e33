"""Printing quotes, orders and invoices: a "Print / PDF" button with a menu on the detail pane
of a quote or an order. "Print…" opens Qt's print dialog (printer, pages, copies; Ctrl+P on the
sales page prints the quote or order shown); "Open to print…" renders the PDF into a temporary
folder and opens it in the system's viewer; "Save as PDF…" asks where. Each in English or
Chinese (the document's own language, whatever the window's); "Company details…" edits what
the header and footer print.

The PDF is `documents.render_pdf(services.printing.print_job(...))`: QTextDocument and
QPdfWriter, a few hundred milliseconds on the GUI thread (the documents package builds Qt text
objects, which belong to the GUI thread).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QPushButton, QWidget

from crm_desktop.services import company_profile, printing
from crm_desktop.ui.dialogs.form import FormDialog
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.pages.page_tools import open_form
from crm_desktop.ui.qt_typed import named, translate
from crm_desktop.ui.sales.company_dialog import CompanyDialog
from crm_desktop.ui.undo import push_done

if TYPE_CHECKING:
    from crm_desktop.documents import RenderedDocument
    from crm_desktop.ui.context import AppContext

LANGUAGES = ("en", "zh_CN")



def language_titles() -> dict[str, str]:
    return {"en": translate("print", "English"), "zh_CN": translate("print", "Chinese (中文)")}


def window_language() -> str:
    """The document language that matches the window's (Chinese or English)."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def render(context: AppContext, kind: str, record_id: int, path: Path | str,
           language: str) -> RenderedDocument:
    """Write the PDF of one quote / order / invoice (raises StorageError/NotFound)."""
    from crm_desktop.documents import render_pdf

    return render_pdf(printing.print_job(context.database, kind, record_id), Path(path),
                      language=language)


def file_name(kind: str, number: str) -> str:
    safe = re.sub(r"[^\w.-]+", "-", number).strip("-") or kind
    return f"{kind}-{safe}.pdf"


class PrintButton(QPushButton):
    """'Print / PDF ▾' with the actions for `kinds` (("quote",) or ("order", "invoice"))."""

    def __init__(self, context: AppContext, kinds: tuple[str, ...],
                 record: Callable[[], tuple[int, str] | None], name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("print", "&Print / PDF"), parent)
        named(self, name)
        self.setAccessibleName(translate("print", "Print or save as PDF"))
        self.context = context
        self.kinds = kinds
        self.record = record  # (id, number) of the record shown, or None
        self.last_path: Path | None = None
        menu = QMenu(self)
        titles = {"quote": translate("print", "Quote"), "order": translate("print", "Order"), "invoice": translate("print", "Invoice")}
        for kind in kinds:
            for language in (window_language(), *[x for x in LANGUAGES
                                                   if x != window_language()]):
                words = titles[kind], language_titles()[language]
                menu.addAction(translate("print", "Print %1 (%2)…").replace("%1", words[0])
                               .replace("%2", words[1]),
                               self._action(self.print_with_dialog, kind, language))
                menu.addAction(translate("print", "Open %1 to print (%2)…").replace("%1", words[0])
                               .replace("%2", words[1]),
                               self._action(self.preview, kind, language))
                menu.addAction(translate("print", "Save %1 as PDF (%2)…").replace("%1", words[0])
                               .replace("%2", words[1]),
                               self._action(self.ask_save, kind, language))
            menu.addSeparator()
        menu.addAction(translate("print", "Company details…"), self.edit_company)
        self.setMenu(menu)

    @staticmethod
    def _action(fn: Callable[[str, str], object], kind: str,
                language: str) -> Callable[[], None]:
        def run() -> None:
            fn(kind, language)

        return run

    def preview(self, kind: str, language: str) -> Path | None:
        """Render into a temporary folder and open it in the PDF viewer (print from there)."""
        shown = self.record()
        if shown is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="crm-print-"))
        path = self.save(kind, language, folder / file_name(kind, shown[1]))
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def print_with_dialog(self, kind: str, language: str) -> int | None:
        """Ask for the printer in Qt's print dialog and print there; the pages printed (None:
        nothing shown, cancelled or failed, with the reason in a message)."""
        from crm_desktop.ui.sales.printer import new_printer, print_document

        shown = self.record()
        if shown is None:
            return None
        try:
            job = printing.print_job(self.context.database, kind, shown[0])
        except Exception as error:  # noqa: BLE001 - one message naming the record and why
            show_error(self, error, translate("print", "The document could not be printed"))
            return None
        printer = new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(translate("print", "Print %1").replace("%1", shown[1]))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            return print_document(job, printer, language)
        except Exception as error:  # noqa: BLE001 - a printer that went away: say so
            show_error(self, error, translate("print", "The document could not be printed"))
            return None

    def ask_save(self, kind: str, language: str) -> None:
        shown = self.record()
        if shown is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, translate("print", "Save as PDF"),
                                              file_name(kind, shown[1]), translate("print", "PDF (*.pdf)"))
        if path:
            self.save(kind, language, Path(path))

    def save(self, kind: str, language: str, path: Path) -> Path | None:
        shown = self.record()
        if shown is None:
            return None
        try:
            render(self.context, kind, shown[0], path, language)
        except Exception as error:  # noqa: BLE001 - one message naming the file and why
            show_error(self, error, translate("print", "The PDF could not be made"))
            return None
        self.last_path = path
        return path

    def edit_company(self) -> None:
        dialog = CompanyDialog(self.context.database, self.window())
        open_form(self, dialog, self._company_saved)

    def _company_saved(self, dialog: FormDialog) -> None:
        assert isinstance(dialog, CompanyDialog)
        if dialog.outcome is None:
            return
        database = self.context.database
        before = company_profile.profile_changes(dialog.before_profile)
        after = company_profile.profile_changes(dialog.outcome.value)
        push_done(self.context, translate("print", "Company details"),
                  lambda: company_profile.save_profile(database, after),
                  lambda: company_profile.save_profile(database, before),
                  dialog.outcome.changes)
