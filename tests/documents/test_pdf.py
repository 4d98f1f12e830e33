"""Quotes, orders and invoices as PDF: the text in the file (pdftotext) holds the number, the
customer, every line and the total with its currency, in English and in Chinese."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from crm_desktop.documents import check_language, render_pdf
from crm_desktop.services import company_profile, sales
from crm_desktop.services.outcome import write
from crm_desktop.services.printing import print_job
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import NotFound
from crm_desktop.storage.sales import LineInput

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")
LINES = [
    LineInput("Office Suite License", 5, "149.00"),
    LineInput("Premium Support (annual)", 4, "1800.00", discount_pct=5, tax_pct=13),
    LineInput("安装服务 Installation", 1, "300.00", tax_pct=6),
]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_fonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout


def png_logo() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f4e79"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.fixture
def shop(db, qapp):
    """A company with a logo and terms, a Chinese customer, a quote of three lines (one with
    a discount and tax) and the order it became."""
    company_profile.save_profile(db, {
        "name": "Northwind Trading Ltd", "address": "12 Harbour Road\nLondon EC1A 1BB",
        "tax_id": "GB123456789", "email": "sales@northwind.example",
        "terms": "Payment within 30 days.", "logo": png_logo()})
    customer = write(db, lambda s: create_customer(s, {
        "name": "上海远航教育有限公司", "city": "上海", "street": "解放路157号",
        "country": "CN"}, emails=["buy@yuanhang.example"]).id).value
    quote = sales.create_quote(db, {"customer_id": customer, "currency": "CNY",
                                    "issued_on": date(2026, 12, 6),
                                    "valid_until": date(2027, 1, 5), "notes": "Thank you!"},
                               LINES).value
    order = sales.accept_quote(db, quote).value.order_id
    return db, quote, order


@needs_poppler
def test_english_quote(shop, tmp_path):
    db, quote, _order = shop
    job = print_job(db, "quote", quote)
    done = render_pdf(job, tmp_path / "quote.pdf")
    assert done.pages == 1 and done.path.read_bytes().startswith(b"%PDF")
    text = pdf_text(done.path)
    for expected in ("Northwind Trading Ltd", "Tax ID: GB123456789", "Quote", job.document.number,
                     "6 December 2026", "Valid until", "5 January 2027", "上海远航教育有限公司",
                     "解放路157号", "buy@yuanhang.example", "Office Suite License",
                     "Premium Support (annual)", "安装服务 Installation", "¥745.00",
                     "¥7,729.20", "¥318.00", "5%", "13%", "Subtotal", "¥8,245.00", "Discount",
                     "-¥360.00", "Tax",
                     "Total (CNY)", "Thank you!", "Payment within 30 days.", "Page 1 of 1"):
        assert expected in text, expected
    totals = job.document.totals
    assert totals.total == Decimal("8792.20")  # 745 + 6,840 x 1.13 + 300 x 1.06
    assert "¥8,792.20" in text and "¥907.20" in text  # total and tax
    images = subprocess.run(["pdfimages", "-list", str(done.path)], capture_output=True,
                            text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 3  # two header lines, one image: the logo


@needs_poppler
def test_chinese_quote_uses_chinese_labels_dates_and_a_cjk_font(shop, tmp_path):
    db, quote, _order = shop
    job = print_job(db, "quote", quote)
    done = render_pdf(job, tmp_path / "quote-zh.pdf", "zh_CN")
    text = pdf_text(done.path)
    for expected in ("报价单", "报价单号", job.document.number, "2026年12月6日", "有效期至",
                     "2027年1月5日", "客户", "品名及描述", "数量", "单价", "折扣", "税率", "金额",
                     "小计", "税额", "总计 (CNY)", "¥8,792.20", "备注", "条款", "税号：GB123456789",
                     "第 1 页，共 1 页", "安装服务 Installation"):
        assert expected in text, expected
    assert "Quote number" not in text and "Subtotal" not in text
    radicals = [ch for ch in text if 0x2E80 <= ord(ch) < 0x2FE0]  # 日 copied as ⽇ (Kangxi)
    assert radicals == []
    assert done.font == "Noto Sans CJK SC" and "NotoSansCJK" in pdf_fonts(done.path)


@needs_poppler
def test_order_printed_as_invoice_and_as_order(shop, tmp_path):
    db, _quote, order = shop
    invoice = print_job(db, "invoice", order)
    text = pdf_text(render_pdf(invoice, tmp_path / "invoice.pdf").path)
    assert "Invoice" in text and "Invoice number" in text and "BILL TO" in text
    assert invoice.document.number in text and "¥8,792.20" in text
    text = pdf_text(render_pdf(print_job(db, "order", order), tmp_path / "order.pdf",
                               "zh").path)
    assert "订单" in text and "订单号" in text and "订单日期" in text and "发票" not in text


@needs_poppler
def test_many_lines_run_over_pages_with_numbered_footers(db, qapp, tmp_path):
    customer = write(db, lambda s: create_customer(s, {"name": "Big Buyer"}).id).value
    lines = [LineInput(f"Item number {i:03d}", 1, "10.00") for i in range(1, 91)]
    quote = sales.create_quote(db, {"customer_id": customer, "currency": "EUR"}, lines).value
    done = render_pdf(print_job(db, "quote", quote), tmp_path / "long.pdf")
    text = pdf_text(done.path)
    assert done.pages >= 2 and f"Page {done.pages} of {done.pages}" in text
    assert all(f"Item number {i:03d}" in text for i in range(1, 91))
    assert "€900.00" in text


def test_refusals(shop, tmp_path):
    db, quote, _order = shop
    with pytest.raises(NotFound, match="no quote with id 999"):
        print_job(db, "quote", 999)
    with pytest.raises(ValueError, match="cannot print a 'contract'"):
        print_job(db, "contract", 1)
    with pytest.raises(ValueError, match="no document texts in 'fr'"):
        check_language("fr")
    with pytest.raises(OSError, match="does not exist"):
        render_pdf(print_job(db, "quote", quote), tmp_path / "missing" / "q.pdf")
