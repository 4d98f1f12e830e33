"""The words, dates and amounts of a printed document, in the document's language.

Every text is marked with ``QT_TRANSLATE_NOOP("documents", ...)``, so ``pyside6-lupdate``
collects them into the translators' files under the context "documents". A document is
printed in its own language, which need not be the app's: an English quote can be printed
from a Chinese window. So the texts are translated with a translator loaded for that language
(``resources/translations/crm_desktop_<language>.qm``, context "documents"), not with the one
the app installed; until that file has them, Chinese comes from :data:`BUILT_IN`.
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTranslator

CONTEXT = "documents"
LANGUAGES = ("en", "zh_CN")

TITLE = {
    "quote": str(QT_TRANSLATE_NOOP("documents", "Quote")),
    "order": str(QT_TRANSLATE_NOOP("documents", "Order")),
    "invoice": str(QT_TRANSLATE_NOOP("documents", "Invoice")),
}
NUMBER = {
    "quote": str(QT_TRANSLATE_NOOP("documents", "Quote number")),
    "order": str(QT_TRANSLATE_NOOP("documents", "Order number")),
    "invoice": str(QT_TRANSLATE_NOOP("documents", "Invoice number")),
}
DATE = {
    "quote": str(QT_TRANSLATE_NOOP("documents", "Date")),
    "order": str(QT_TRANSLATE_NOOP("documents", "Order date")),
    "invoice": str(QT_TRANSLATE_NOOP("documents", "Invoice date")),
}
VALID_UNTIL = str(QT_TRANSLATE_NOOP("documents", "Valid until"))
CUSTOMER = str(QT_TRANSLATE_NOOP("documents", "Customer"))
BILL_TO = str(QT_TRANSLATE_NOOP("documents", "Bill to"))
TAX_ID = str(QT_TRANSLATE_NOOP("documents", "Tax ID"))
EMAIL = str(QT_TRANSLATE_NOOP("documents", "Email"))
PHONE = str(QT_TRANSLATE_NOOP("documents", "Phone"))
ITEM = str(QT_TRANSLATE_NOOP("documents", "Description"))
QUANTITY = str(QT_TRANSLATE_NOOP("documents", "Quantity"))
UNIT_PRICE = str(QT_TRANSLATE_NOOP("documents", "Unit price"))
DISCOUNT = str(QT_TRANSLATE_NOOP("documents", "Discount"))
TAX = str(QT_TRANSLATE_NOOP("documents", "Tax"))
TAX_RATE = str(QT_TRANSLATE_NOOP("documents", "Tax rate"))
LINE_TOTAL = str(QT_TRANSLATE_NOOP("documents", "Amount"))
SUBTOTAL = str(QT_TRANSLATE_NOOP("documents", "Subtotal"))
TOTAL = str(QT_TRANSLATE_NOOP("documents", "Total"))
CURRENCY = str(QT_TRANSLATE_NOOP("documents", "Currency"))
NOTES = str(QT_TRANSLATE_NOOP("documents", "Notes"))
TERMS = str(QT_TRANSLATE_NOOP("documents", "Terms"))
NO_LINES = str(QT_TRANSLATE_NOOP("documents", "No lines"))
# %1 = a label such as "Tax ID", %2 = its value
LABELLED = str(QT_TRANSLATE_NOOP("documents", "%1: %2"))
# %1 = this page, %2 = all pages
PAGE = str(QT_TRANSLATE_NOOP("documents", "Page %1 of %2"))

# Chinese (Simplified) until resources/translations/crm_desktop_zh_CN.qm carries them.
BUILT_IN: dict[str, dict[str, str]] = {"zh_CN": {
    "Quote": "报价单", "Order": "订单", "Invoice": "发票",
    "Quote number": "报价单号", "Order number": "订单号", "Invoice number": "发票号码",
    "Date": "日期", "Order date": "订单日期", "Invoice date": "开票日期",
    "Valid until": "有效期至", "Customer": "客户", "Bill to": "付款方", "Tax ID": "税号",
    "Email": "电子邮件", "Phone": "电话", "Description": "品名及描述", "Quantity": "数量",
    "Unit price": "单价", "Discount": "折扣", "Tax": "税额", "Tax rate": "税率",
    "Amount": "金额", "%1: %2": "%1：%2",
    "Subtotal": "小计", "Total": "总计", "Currency": "币种", "Notes": "备注",
    "Terms": "条款", "No lines": "无明细", "Page %1 of %2": "第 %1 页，共 %2 页",
}}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # not the C library's locale
# Signs shown before an amount; other currencies are written after it as their code.
SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥", "HKD": "HK$",
         "TWD": "NT$", "SGD": "S$", "AUD": "A$", "CAD": "C$", "KRW": "₩", "INR": "₹"}


def _translations_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    here = Path(__file__).resolve().parent.parent
    for candidate in ([Path(bundle) / "resources"] if bundle else []) + [
            here / "resources", here.parent / "resources"]:
        if candidate.is_dir():
            return candidate / "translations"
    return here.parent / "resources" / "translations"


@lru_cache(maxsize=4)
def _translator(language: str) -> QTranslator | None:
    translator = QTranslator()
    if translator.load(f"crm_desktop_{language}", str(_translations_dir())):
        return translator
    return None


def check_language(language: str) -> str:
    """'en' or 'zh_CN' ('zh', 'zh-CN', 'zh_Hans' are Chinese too); ValueError otherwise."""
    wanted = language.replace("-", "_")
    if wanted in LANGUAGES:
        return wanted
    if wanted.lower().startswith("zh"):
        return "zh_CN"
    if wanted.lower().startswith("en"):
        return "en"
    raise ValueError(f"no document texts in {language!r}; choose {' or '.join(LANGUAGES)}")


class Texts:
    """The texts, dates and amounts of one document language."""

    def __init__(self, language: str) -> None:
        self.language = check_language(language)

    @property
    def chinese(self) -> bool:
        return self.language == "zh_CN"

    def tr(self, source: str, *args: object) -> str:
        """``source`` in this language, with %1, %2, ... replaced by ``args``."""
        text = source
        if self.language != "en":
            translator = _translator(self.language)
            found = translator.translate(CONTEXT, source) if translator is not None else ""
            text = found or BUILT_IN.get(self.language, {}).get(source, source)
        for number, value in enumerate(args, start=1):
            text = text.replace(f"%{number}", str(value))
        return text

    def day(self, value: date | None) -> str:
        """'6 December 2026', or 2026年12月6日 in Chinese ('' for none)."""
        if value is None:
            return ""
        if self.chinese:
            return f"{value.year}年{value.month}月{value.day}日"
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"

    def money(self, amount: Decimal, currency: str) -> str:
        """'$1,234.50', '¥1,234.50', '1,234.50 CHF' (negative: '-$5.00')."""
        sign = "-" if amount < 0 else ""
        number = f"{abs(amount):,.2f}"
        symbol = SIGNS.get(currency.upper())
        return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {currency}"

    @staticmethod
    def quantity(value: Decimal) -> str:
        """1, 2.5, 0.125 (no trailing zeros)."""
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
        return text or "0"

    @staticmethod
    def percent(value: Decimal) -> str:
        """'10%', '12.5%' ('' for none)."""
        if not value:
            return ""
        return f"{value:.2f}".rstrip("0").rstrip(".") + "%"
