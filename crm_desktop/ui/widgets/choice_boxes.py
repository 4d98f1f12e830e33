"""Fields that offer a list and accept typing: country, currency, owner and the like.

    box = CountryBox("DE")          # "Germany (DE)" / "德国 (DE)"; value() -> "DE"
    box = CurrencyBox("CNY")        # "CNY ¥"; value() -> "CNY"
    box = SuggestBox(["Ana", "Bo"], "Ana")   # any typed text, with the names used so far
    box = OwnerBox(database, "Ana")          # the owners of customers and opportunities

Each is an editable QComboBox whose list narrows to the items containing what is typed
(anywhere, without regard to case). `value()` is the code of the item whose text (or code, or
English name) was typed, else the text as typed: the service checks it and names the field
when it is not a country or currency code, so nothing typed is silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QSizePolicy, QWidget

from crm_desktop.ui.widgets.regions import countries, currencies

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database


class TypeAheadBox(QComboBox):
    """An editable combo of (text, value) items that filters its list as you type."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        # As wide as the form gives, never widened by a long name (the list shows it whole).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._aliases: dict[str, str] = {}
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)

    def set_items(self, items: Iterable[tuple[str, str, Sequence[str]]]) -> None:
        """(text, value, other names typed for it) per item; keeps what is shown."""
        shown = self.currentText()
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self._aliases = {}
        for text, value, aliases in items:
            self.addItem(text, value)
            for alias in (text, value, *aliases):
                self._aliases.setdefault(alias.casefold(), value)
        self.blockSignals(False)
        if current is not None and self.findData(current) >= 0:
            self.set_value(current)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(shown)

    def value(self) -> str | None:
        """The chosen item's value, the value of what was typed, or the typed text (None when
        empty)."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == self.currentText():
            return str(self.itemData(index))
        return self._aliases.get(text.casefold(), text)

    def set_value(self, value: str | None) -> None:
        index = self.findData(value) if value else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(value or "")


class CountryBox(TypeAheadBox):
    """ISO 3166 countries by name in the interface's language, with the code."""

    def __init__(self, value: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countryBox")
        self.set_items((country_text(c.name, c.code), c.code, (c.name, c.english))
                       for c in countries())
        self.set_value((value or "").upper() or None)


class CurrencyBox(TypeAheadBox):
    """ISO 4217 currencies: the code with its usual symbol."""

    def __init__(self, value: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("currencyBox")
        self.set_items((f"{c.code}  {c.symbol}" if c.symbol != c.code else c.code, c.code, ())
                       for c in currencies())
        self.set_value((value or "").upper() or None)


class SuggestBox(TypeAheadBox):
    """Free text with the values used before offered (owners, industries, lead sources)."""

    def __init__(self, suggestions: Iterable[str] = (), value: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_suggestions(suggestions)
        self.set_value(value)

    def set_suggestions(self, suggestions: Iterable[str]) -> None:
        self.set_items((text, text, ()) for text in suggestions)

    def set_value(self, value: str | None) -> None:
        if value and self.findData(value) < 0:
            self.addItem(value, value)  # a value no longer in use elsewhere is still offered
        super().set_value(value)


class OwnerBox(SuggestBox):
    """An owner: any name typed, with the owners of customers and opportunities offered."""

    def __init__(self, database: Database, value: str | None = None,
                 parent: QWidget | None = None) -> None:
        from crm_desktop.storage.suggestions import owners

        super().__init__(owners(database), value, parent)
        self.setObjectName("ownerBox")


def country_text(name: str, code: str) -> str:
    return QCoreApplication.translate("regions", "{0} ({1})").format(name, code)
