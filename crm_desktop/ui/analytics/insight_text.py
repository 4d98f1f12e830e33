"""The insights' sentences and cells as the user reads them: templates of the phrasebook
(services.insights.phrasebook) translated in the context "insights", numbers in the user's
locale, money with the database's currency sign."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale

from crm_desktop.services.insights import cells, phrasebook
from crm_desktop.services.insights.render import (
    Sentence,
    money_decimals,
    percent_decimals,
    render,
)
from crm_desktop.services.money import currency_symbol

if TYPE_CHECKING:
    from crm_desktop.services.insights.reason_book import ReasonBook


def translate(text: str, n: int | None) -> str:
    """A phrasebook template in the user's language (``n``: the plural count)."""
    if n is not None:
        user_locale()  # Qt writes the count in with the default locale
    return QCoreApplication.translate(phrasebook.CONTEXT, text, None, -1 if n is None else n)


class LocaleFormats:
    """Numbers in the user's locale (QLocale's default): 1,234 / 1.234; money with the
    currency's sign before it or its code after; percentages."""

    def __init__(self, currency: str = "USD") -> None:
        self.currency = currency
        self.locale = user_locale()

    def count(self, value: int) -> str:
        return self.locale.toString(int(value))

    def number(self, value: float, decimals: int) -> str:
        return self.locale.toString(float(value), "f", decimals)

    def money(self, value: float) -> str:
        amount = self.locale.toString(abs(float(value)), "f", money_decimals(float(value)))
        sign = "-" if float(value) < 0 else ""
        symbol = currency_symbol(self.currency)
        return f"{sign}{symbol}{amount}" if symbol else f"{sign}{amount} {self.currency}"

    def percent(self, share: float) -> str:
        digits = percent_decimals(float(share))
        return self.locale.toString(100 * float(share), "f", digits) + "%"

    def date(self, text: str) -> str:
        from PySide6.QtCore import QDate

        found = QDate.fromString(str(text)[:10], "yyyy-MM-dd")
        return self.locale.toString(found, QLocale.FormatType.ShortFormat) if found.isValid() \
            else str(text)


def user_locale() -> QLocale:
    """The user's locale with thousands separators; English where none is set (the "C"
    locale of a bare environment prints 1965682)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        # Qt fills a translated text's %Ln with the default locale's digits: the same.
        QLocale.setDefault(locale)
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return locale


def sentence_text(sentence: Sentence, currency: str = "USD",
                  names: Mapping[str, str] | None = None) -> str:
    """``names``: the segment names the user gave (name key -> name)."""
    return render(sentence, translate, LocaleFormats(currency), names)


def cell(kind: str | None, value: Any, formats: LocaleFormats,
         names: Mapping[str, str] | None = None, reasons: ReasonBook | None = None) -> str:
    """``reasons``: the book a reasons column points into (AnalysisOutcome.reasons)."""
    return cells.cell_text(kind, value, translate, formats, names, reasons)
