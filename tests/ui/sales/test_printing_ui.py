"""Print / PDF from the quotes and orders tabs: the PDF holds the quote's number and the
company's name typed in the company dialog; that edit is undone with Ctrl+Z."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from crm_desktop.services import company_profile
from crm_desktop.storage import sales
from crm_desktop.ui.sales.sales_page import SalesPage
from tests.ui.page_helpers import click_save, make_customer, open_dialog, shown_page, type_into

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")


@pytest.fixture
def page(qtbot, context):
    widget = shown_page(qtbot, SalesPage, context)
    yield widget
    widget.shutdown()


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@needs_poppler
def test_company_details_then_quote_and_invoice_pdfs(qtbot, db, context, page, tmp_path):
    customer = make_customer(db, "Globex Corporation")
    with db.session() as session:
        quote = sales.create_quote(session, {"customer_id": customer},
                                   [sales.LineInput("Consulting", 2, "100")])
        quote_id, number = quote.id, quote.number
        order = sales.create_order(session, {"customer_id": customer},
                                   [sales.LineInput("Toner", 3, "59.90")])
        order_id, order_number = order.id, order.number
    button = page.print_buttons["quotes"]
    assert not button.isEnabled()  # nothing shown yet
    page.show_record(quote_id)
    assert button.isEnabled()

    button.edit_company()
    dialog = open_dialog(button, qtbot)
    type_into(qtbot, dialog.field("name"), "Northwind Trading")
    type_into(qtbot, dialog.field("default_currency"), "XX")
    click_save(qtbot, dialog)
    assert dialog.error_text("default_currency")
    type_into(qtbot, dialog.field("default_currency"), "EUR")
    dialog.load_logo(str(tmp_path))  # a folder is not an image: named under the field
    assert dialog.error_text("logo")
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    assert company_profile.load_profile(db).name == "Northwind Trading"

    english = button.save("quote", "en", tmp_path / "q.pdf")
    assert english is not None
    text = pdf_text(english)
    assert number in text and "Northwind Trading" in text and "Consulting" in text
    chinese = button.save("quote", "zh_CN", tmp_path / "q-zh.pdf")
    assert "报价单" in pdf_text(chinese) or "报价" in pdf_text(chinese)

    page.show_record(order_id, "orders")
    invoice = page.print_buttons["orders"].save("invoice", "en", tmp_path / "i.pdf")
    assert invoice is not None
    assert order_number in pdf_text(invoice) and "Invoice" in pdf_text(invoice)

    context.undo_stack.undo()
    assert company_profile.load_profile(db).name == ""
    context.undo_stack.redo()
    assert company_profile.load_profile(db).name == "Northwind Trading"


@needs_poppler
def test_ctrl_p_prints_the_quote_shown_through_the_print_dialog(qtbot, db, context, page,
                                                                tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    customer = make_customer(db, "Initech Shanghai")
    with db.session() as session:
        quote = sales.create_quote(session, {"customer_id": customer},
                                   [sales.LineInput("Network audit", 3, "250")])
        quote_id, number = quote.id, quote.number
    out = tmp_path / "printed.pdf"
    asked = []

    def accept(dialog):  # the user picks "Print to file (PDF)" and presses Print
        asked.append(dialog.windowTitle())
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert page.print_shown() is None  # nothing shown: no dialog
    assert not asked
    page.show_record(quote_id)
    page.print_buttons["quotes"].setFocus()
    qtbot.keyClick(page.print_buttons["quotes"], Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked and number in asked[0]
    assert out.stat().st_size > 1000
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    text = pdf_text(out)
    assert number in text and "Initech Shanghai" in text and "Network audit" in text


def test_a_cancelled_print_dialog_prints_nothing(qtbot, db, context, page, tmp_path,
                                                 monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    customer = make_customer(db, "Umbrella Ltd")
    with db.session() as session:
        order = sales.create_order(session, {"customer_id": customer},
                                   [sales.LineInput("Toner", 1, "59.90")])
        order_id = order.id
    out = tmp_path / "never.pdf"

    def cancel(dialog):
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", cancel)
    page.show_record(order_id, "orders")
    assert page.print_buttons["orders"].print_with_dialog("invoice", "en") is None
    assert not out.exists()
