"""The lines of a quote or an order: product, description, quantity, price, discount, tax.

The products to choose from are given (`services.sales.product_choices`); the widget reads
nothing itself.

Totals are worked out by `storage.sales.totals` (the same rounding the stored order total
uses) every time a cell changes. `lines()` returns `LineInput`s or raises `ValidationError`
naming the line and the column.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.sales import LineInput, ProductChoice, SaleLine
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.sales import Totals, totals
from crm_desktop.storage.validation import parse_money
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import style_item_view, tones
from crm_desktop.ui.widgets.display import money

log = logging.getLogger(__name__)

PRODUCT, DESCRIPTION, QUANTITY, PRICE, DISCOUNT, TAX, TOTAL = range(7)
_COLUMN_OF = {"quantity": QUANTITY, "unit price": PRICE, "discount": DISCOUNT, "tax": TAX,
              "description": DESCRIPTION}


@dataclass
class _Line:
    """Duck-typed LineMixin for storage.sales.totals."""

    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal
    tax_pct: Decimal


def _decimal(text: str, field: str, *, low: Decimal | None = None,
             high: Decimal | None = None) -> Decimal:
    raw = text.replace("%", "").replace(",", "").strip() or "0"
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} is not a number"), text) from None
    if not value.is_finite() or (low is not None and value < low) or (
            high is not None and value > high):
        if high is not None:
            raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "must be between {0} and {1}"),
                                  low, high)
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "must be at least {0}"), low)
    return value


def _plain(value: Decimal | int | str) -> str:
    """3.000 -> 3, 8.50 -> 8.5 (what a person would type)."""
    try:
        return f"{Decimal(value).normalize():f}"
    except InvalidOperation:
        return str(value)


class LineEditor(QWidget):
    totalsChanged = Signal(object)  # Totals

    def __init__(self, products: Sequence[ProductChoice], currency: str = "USD",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.products = list(products)
        self._by_id = {p.id: p for p in self.products}
        self.table = QTableWidget(0, 7, self)
        style_item_view(self.table)
        self.table.setObjectName("quoteLines")
        self.table.setAccessibleName(self.tr("Lines"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Product"), self.tr("Description"), self.tr("Qty"), self.tr("Unit price"),
            self.tr("Disc. %"), self.tr("Tax %"), self.tr("Line total"),
        ])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((PRODUCT, 170), (QUANTITY, 60), (PRICE, 90), (DISCOUNT, 60),
                              (TAX, 60), (TOTAL, 100)):
            self.table.setColumnWidth(column, width)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(True)
        self.table.itemChanged.connect(self._recalculate)
        self.add_button = named(QPushButton(self.tr("&Add line")), "addLineButton")
        self.remove_button = named(QPushButton(self.tr("&Remove line")), "removeLineButton")
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button.clicked.connect(self.remove_current)
        self.totals_label = named(QLabel(), "quoteTotals")
        self.totals_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.totals_label.setAccessibleName(self.tr("Totals"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.totals_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.current_totals = Totals(*(Decimal("0.00"),) * 4)
        self._recalculate()

    # Rows ------------------------------------------------------------------------------------
    def add_line(self, product_id: int | None = None, description: str = "",
                 quantity: Decimal | int = 1, unit_price: Decimal | None = None,
                 discount_pct: Decimal | int = 0, tax_pct: Decimal | None = None) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        box = QComboBox()
        box.setObjectName(f"lineProduct{row}")
        box.setAccessibleName(self.tr("Product of line %1").replace("%1", str(row + 1)))
        box.addItem(self.tr("(no product)"), None)
        for choice in self.products:
            box.addItem(choice.name, choice.id)
        if product_id is not None:
            box.setCurrentIndex(max(box.findData(product_id), 0))
        self.table.setCellWidget(row, PRODUCT, box)
        product = self._by_id.get(product_id) if product_id else None
        price = unit_price if unit_price is not None else (product.unit_price if product else 0)
        tax = tax_pct if tax_pct is not None else (product.tax_pct if product else 0)
        values = {DESCRIPTION: description or (product.name if product else ""),
                  QUANTITY: _plain(quantity), PRICE: price, DISCOUNT: _plain(discount_pct),
                  TAX: _plain(tax)}
        for column, value in values.items():
            item = QTableWidgetItem(str(value))
            if column != DESCRIPTION:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        total = QTableWidgetItem("")
        total.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, TOTAL, total)
        self.table.blockSignals(False)
        box.currentIndexChanged.connect(lambda _i, b=box: self._product_chosen(b))
        self._recalculate()
        return row

    def set_lines(self, lines: Sequence[SaleLine]) -> None:
        self.table.setRowCount(0)
        for line in lines:
            self.add_line(line.product_id, line.description, line.quantity, line.unit_price,
                          line.discount_pct, line.tax_pct)

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0 and self.table.rowCount():
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            self._recalculate()

    def set_cell(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        assert item is not None
        item.setText(text)

    def _row_of(self, box: QComboBox) -> int:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, PRODUCT) is box:
                return row
        return -1

    def _product_chosen(self, box: QComboBox) -> None:
        row = self._row_of(box)
        product = self._by_id.get(box.currentData()) if box.currentData() else None
        if row < 0 or product is None:
            return
        self.table.blockSignals(True)
        self.set_cell(row, DESCRIPTION, product.name)
        self.set_cell(row, PRICE, str(product.unit_price))
        self.set_cell(row, TAX, str(product.tax_pct))
        self.table.blockSignals(False)
        self._recalculate()

    # Values ----------------------------------------------------------------------------------
    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _parse_row(self, row: int) -> tuple[LineInput, _Line]:
        n = row + 1
        quantity = _decimal(self._text(row, QUANTITY), f"line {n} quantity", low=Decimal("0.001"))
        price = parse_money(self._text(row, PRICE), f"line {n} unit price")
        discount = _decimal(self._text(row, DISCOUNT), f"line {n} discount", low=Decimal(0),
                            high=Decimal(100))
        tax = _decimal(self._text(row, TAX), f"line {n} tax", low=Decimal(0), high=Decimal(100))
        box = self.table.cellWidget(row, PRODUCT)
        product_id = box.currentData() if isinstance(box, QComboBox) else None
        description = self._text(row, DESCRIPTION).strip()
        if not description and product_id is None:
            raise ValidationError(f"line {n} description", QT_TRANSLATE_NOOP("errors", "is required without a product"))
        return (
            LineInput(description, quantity, price, discount, tax, product_id),
            _Line(quantity, price, discount, tax),
        )

    def lines(self) -> list[LineInput]:
        return [self._parse_row(row)[0] for row in range(self.table.rowCount())]

    def _recalculate(self, *_: object) -> None:
        parsed: list[_Line] = []
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            bad_column = -1
            try:
                line = self._parse_row(row)[1]
                parsed.append(line)
                text = money(totals([line]).total, self.currency)  # type: ignore[list-item]
            except ValidationError as error:
                bad_column, text = _COLUMN_OF.get(error.field.split(" ", 2)[-1], -1), "—"
            total_item = self.table.item(row, TOTAL)
            if total_item is not None:
                total_item.setText(text)
            for column in (DESCRIPTION, QUANTITY, PRICE, DISCOUNT, TAX):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(QBrush(QColor(tones().danger_bg)) if column == bad_column
                                      else QBrush())
        self.table.blockSignals(False)
        result = totals(parsed)  # type: ignore[arg-type]
        self.current_totals = result
        self.totals_label.setText(
            self.tr("Subtotal %1 · Discount %2 · Tax %3 · <b>Total %4</b>")
            .replace("%1", money(result.subtotal, self.currency))
            .replace("%2", money(result.discount, self.currency))
            .replace("%3", money(result.tax, self.currency))
            .replace("%4", money(result.total, self.currency))
        )
        self.totalsChanged.emit(result)
