"""A line edit that finds a customer as you type (storage.search.customers, FTS index lookups).

Typing fills a completer with the best matches; picking one (mouse, arrows + Enter) sets
`customer_id`. Leaving the field with text that matches exactly one customer, or one name
exactly, picks that customer too, so keyboard-only entry works without the popup.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from crm_desktop.storage.database import Database
from crm_desktop.storage.search.customers import SearchHit, find_customers

log = logging.getLogger(__name__)

LIMIT = 15


def describe_hit(hit: SearchHit) -> str:
    extra = ", ".join(part for part in (hit.company, hit.city, hit.email) if part)
    return f"{hit.name} ({extra})" if extra else hit.name


class CustomerPicker(QLineEdit):
    customerChanged = Signal(int)  # 0 when cleared

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPicker")
        self.setAccessibleName(self.tr("Customer"))
        self.setPlaceholderText(self.tr("Type a name, email, phone or city…"))
        self._database = database
        self._hits: list[SearchHit] = []
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        # the QModelIndex overload of the signal (the stubs do not index signals)
        completer.activated[QModelIndex].connect(self._chosen)  # type: ignore[index]
        self.setCompleter(completer)
        self.customer_id: int | None = None
        self.textEdited.connect(self._search)
        self.editingFinished.connect(self._settle)

    def set_customer(self, customer_id: int | None, name: str = "") -> None:
        self.customer_id = customer_id
        self.setText(name)
        self.customerChanged.emit(customer_id or 0)

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def _search(self, text: str) -> None:
        self.customer_id = None
        if len(text.strip()) < 1:
            self._hits = []
        else:
            try:
                self._hits = find_customers(self._database, text, limit=LIMIT)
            except Exception:  # noqa: BLE001 - a malformed FTS query shows no suggestions
                log.exception("customer search failed for %r", text)
                self._hits = []
        self._model.setStringList([describe_hit(hit) for hit in self._hits])
        if self._hits and self.hasFocus():
            self.completer().complete()

    def _chosen(self, index: QModelIndex) -> None:
        row = index.row()
        # The popup shows a proxy of our model: map back by text.
        text = index.data()
        labels = [describe_hit(hit) for hit in self._hits]
        if text in labels:
            row = labels.index(text)
        if 0 <= row < len(self._hits):
            self.pick(self._hits[row])

    def pick(self, hit: SearchHit) -> None:
        self.customer_id = hit.id
        self.setText(hit.name)
        self.customerChanged.emit(hit.id)

    def _settle(self) -> None:
        if self.customer_id is not None or not self.text().strip():
            return
        text = self.text().strip()
        exact = [hit for hit in self._hits if hit.name == text or describe_hit(hit) == text]
        if len(exact) == 1:
            self.pick(exact[0])
        elif len(self._hits) == 1:
            self.pick(self._hits[0])
