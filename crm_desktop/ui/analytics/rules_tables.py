"""The two tables of the scoring rules dialog: the ordered rules and the score weights.

`RulesTable` edits rules as rows of widgets (field, operator offered per field type, value,
category, points, note); `rule_data()` returns the JSON shape storage validates, with values
parsed leniently (text that is not a number stays text, so storage names the problem).
`WeightsTable` has one row per number field: weight and "lower is better".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from crm_desktop.storage.scoring_rules import (
    FIELDS,
    LIST_OPERATORS,
    NO_VALUE,
    NUMBER,
    PERCENT_OPERATORS,
    operators_for,
)
from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP, named, translate
from crm_desktop.ui.theme import invalid_style, spin_box_look, style_item_view

if TYPE_CHECKING:
    from crm_desktop.analytics.scoring import Rule, WeightedScore

CONTEXT = "RulesDialog"
FIELD, OPERATOR, VALUE, CATEGORY, POINTS, NOTE = range(6)
W = TypeVar("W", bound=QWidget)

FIELD_LABELS = {
    "recency_days": QT_TRANSLATE_NOOP("RulesDialog", "Days since last order"),
    "frequency": QT_TRANSLATE_NOOP("RulesDialog", "Orders"),
    "monetary": QT_TRANSLATE_NOOP("RulesDialog", "Spend"),
    "avg_order_value": QT_TRANSLATE_NOOP("RulesDialog", "Average order value"),
    "tenure_days": QT_TRANSLATE_NOOP("RulesDialog", "Days as customer"),
    "orders_recent": QT_TRANSLATE_NOOP("RulesDialog", "Orders in last 90 days"),
    "ticket_count": QT_TRANSLATE_NOOP("RulesDialog", "Tickets"),
    "complaint_count": QT_TRANSLATE_NOOP("RulesDialog", "Complaints"),
    "mean_satisfaction": QT_TRANSLATE_NOOP("RulesDialog", "Satisfaction (1-5)"),
    "interaction_count": QT_TRANSLATE_NOOP("RulesDialog", "Interactions"),
    "days_since_interaction": QT_TRANSLATE_NOOP("RulesDialog", "Days since last contact"),
    "nps_score": QT_TRANSLATE_NOOP("RulesDialog", "NPS score (0-10)"),
    "status": QT_TRANSLATE_NOOP("RulesDialog", "Status"),
    "category": QT_TRANSLATE_NOOP("RulesDialog", "Category"),
    "kind": QT_TRANSLATE_NOOP("RulesDialog", "Person or company"),
    "industry": QT_TRANSLATE_NOOP("RulesDialog", "Industry"),
    "city": QT_TRANSLATE_NOOP("RulesDialog", "City"),
    "country": QT_TRANSLATE_NOOP("RulesDialog", "Country"),
    "lead_source": QT_TRANSLATE_NOOP("RulesDialog", "Lead source"),
    "tags": QT_TRANSLATE_NOOP("RulesDialog", "Tags"),
    "rating": QT_TRANSLATE_NOOP("RulesDialog", "Rating (0-5)"),
}
OPERATOR_LABELS = {
    "==": QT_TRANSLATE_NOOP("RulesDialog", "="),
    "!=": QT_TRANSLATE_NOOP("RulesDialog", "≠"),
    ">": QT_TRANSLATE_NOOP("RulesDialog", ">"),
    ">=": QT_TRANSLATE_NOOP("RulesDialog", "≥"),
    "<": QT_TRANSLATE_NOOP("RulesDialog", "<"),
    "<=": QT_TRANSLATE_NOOP("RulesDialog", "≤"),
    "between": QT_TRANSLATE_NOOP("RulesDialog", "between"),
    "top %": QT_TRANSLATE_NOOP("RulesDialog", "in top %"),
    "bottom %": QT_TRANSLATE_NOOP("RulesDialog", "in bottom %"),
    "in": QT_TRANSLATE_NOOP("RulesDialog", "is one of"),
    "not in": QT_TRANSLATE_NOOP("RulesDialog", "is none of"),
    "contains": QT_TRANSLATE_NOOP("RulesDialog", "contains"),
    "is empty": QT_TRANSLATE_NOOP("RulesDialog", "is empty"),
    "is not empty": QT_TRANSLATE_NOOP("RulesDialog", "is not empty"),
}



def field_label(name: str) -> str:
    return translate("RulesDialog", FIELD_LABELS.get(name, name))


def value_hint(operator: str, kind: str) -> str:
    """Placeholder of the value editor for this operator."""
    if operator in NO_VALUE:
        return ""
    if operator == "between":
        return translate("RulesDialog", "low, high")
    if operator in PERCENT_OPERATORS:
        return translate("RulesDialog", "percent, e.g. 20")
    if operator in LIST_OPERATORS:
        return translate("RulesDialog", "values, separated by commas")
    return translate("RulesDialog", "number") if kind == NUMBER else translate("RulesDialog", "text")


def _number(text: str) -> Any:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text  # storage says "must be a number"


def parse_value(text: str, operator: str, kind: str) -> Any:
    """The value typed for ``operator`` as storage wants it (lists split at commas)."""
    text = text.strip()
    if operator in NO_VALUE:
        return None
    if operator == "between" or operator in LIST_OPERATORS:
        parts = [part.strip() for part in text.split(",")] if text else []
        return [_number(p) for p in parts] if kind == NUMBER else parts
    return _number(text) if kind == NUMBER or operator in PERCENT_OPERATORS else text


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class RuleRow:
    field: str = "monetary"
    operator: str = ">="
    value: str = ""
    category: str = ""
    points: float = 0.0
    note: str = ""

    @classmethod
    def of(cls, rule: Rule) -> RuleRow:
        return cls(rule.field, rule.operator, format_value(rule.value), rule.category or "",
                   rule.points, rule.name)

    def to_data(self) -> dict[str, Any]:
        kind = FIELDS.get(self.field, NUMBER)
        return {"field": self.field, "operator": self.operator,
                "value": parse_value(self.value, self.operator, kind),
                "category": self.category.strip() or None, "points": self.points,
                "name": self.note.strip()}


class RulesTable(QTableWidget):
    """Ordered rules, one row of editors each. Insert adds a rule; Delete (on the table or a
    row's field/operator box) removes the current one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        style_item_view(self)
        self.setObjectName("rulesTable")
        self.setAccessibleName(self.tr("Rules"))
        self.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Operator"), self.tr("Value"),
                                        self.tr("Category"), self.tr("Points"), self.tr("Note")])
        note_header = self.horizontalHeaderItem(NOTE)
        assert note_header is not None  # made by setHorizontalHeaderLabels just above
        note_header.setToolTip(self.tr("Names the rule in the results (column 'matched rules')"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setDefaultSectionSize(32)
        header = self.horizontalHeader()
        for column, width in ((FIELD, 190), (OPERATOR, 115), (VALUE, 130), (CATEGORY, 120),
                              (POINTS, 80)):
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)

    # Rows ------------------------------------------------------------------------------------
    def rows(self) -> list[RuleRow]:
        return [self.row_at(r) for r in range(self.rowCount())]

    def row_at(self, row: int) -> RuleRow:
        return RuleRow(self._combo(row, FIELD).currentData(),
                       self._combo(row, OPERATOR).currentData(), self._edit(row, VALUE).text(),
                       self._edit(row, CATEGORY).text(), self._at(row, POINTS, QDoubleSpinBox).value(),
                       self._edit(row, NOTE).text())

    def set_rows(self, rows: list[RuleRow]) -> None:
        self.setRowCount(0)
        for row in rows:
            self.add_rule(row, focus=False)

    def add_rule(self, rule: RuleRow | None = None, *, focus: bool = True) -> int:
        rule = rule or RuleRow()
        row = self.rowCount()
        self.insertRow(row)
        fields = named(QComboBox(), f"ruleField{row}")
        for name in FIELDS:
            fields.addItem(field_label(name), name)
            fields.setItemData(fields.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        fields.setCurrentIndex(max(fields.findData(rule.field), 0))
        operators = named(QComboBox(), f"ruleOperator{row}")
        value = named(QLineEdit(rule.value), f"ruleValue{row}")
        category = named(QLineEdit(rule.category), f"ruleCategory{row}")
        points = named(spin_box_look(QDoubleSpinBox()), f"rulePoints{row}")
        points.setRange(-1_000_000, 1_000_000)
        points.setDecimals(1)
        points.setValue(rule.points)
        points.setAlignment(Qt.AlignmentFlag.AlignRight)
        note = named(QLineEdit(rule.note), f"ruleNote{row}")
        number = str(row + 1)
        cells: tuple[tuple[QWidget, str], ...] = (
            (fields, self.tr("Field of rule %1")), (operators, self.tr("Operator of rule %1")),
            (value, self.tr("Value of rule %1")), (category, self.tr("Category of rule %1")),
            (points, self.tr("Points of rule %1")), (note, self.tr("Note of rule %1")))
        for column, (widget, what) in enumerate(cells):
            widget.setAccessibleName(what.replace("%1", number))
            widget.installEventFilter(self)
            self.setCellWidget(row, column, widget)
        self._fill_operators(row, rule.operator)
        fields.currentIndexChanged.connect(lambda _i, w=fields: self._field_changed(w))
        operators.currentIndexChanged.connect(lambda _i, w=operators: self._operator_changed(w))
        if focus:
            self.setCurrentCell(row, FIELD)
            fields.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def remove_current(self) -> None:
        self.remove_row(self.currentRow())

    def remove_row(self, row: int) -> None:
        """Remove a rule (its editors are deleted later by Qt, so a filter may call this)."""
        if 0 <= row < self.rowCount():
            self.removeRow(row)
            if self.rowCount():
                self.setCurrentCell(min(row, self.rowCount() - 1), FIELD)

    def move_current(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.rowCount():
            return
        rows = self.rows()
        rows[row], rows[target] = rows[target], rows[row]
        self.set_rows(rows)
        self.setCurrentCell(target, FIELD)

    def mark_invalid(self, row: int) -> None:
        """Select the rule an error names and outline its editors."""
        if 0 <= row < self.rowCount():
            self.setCurrentCell(row, VALUE)
            for column in range(self.columnCount()):
                self.cellWidget(row, column).setStyleSheet(invalid_style())
            self._edit(row, VALUE).setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_marks(self) -> None:
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                self.cellWidget(row, column).setStyleSheet("")

    # Helpers ---------------------------------------------------------------------------------
    def _combo(self, row: int, column: int) -> QComboBox:
        return self._at(row, column, QComboBox)

    def _edit(self, row: int, column: int) -> QLineEdit:
        return self._at(row, column, QLineEdit)

    def _at(self, row: int, column: int, kind: type[W]) -> W:
        widget = self.cellWidget(row, column)
        assert isinstance(widget, kind)
        return widget

    def _cell_of(self, widget: QObject) -> tuple[int, int]:
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                if self.cellWidget(row, column) is widget:
                    return row, column
        return -1, -1

    def _row_of(self, widget: QObject) -> int:
        return self._cell_of(widget)[0]

    def _fill_operators(self, row: int, current: str) -> None:
        name = self._combo(row, FIELD).currentData()
        box = self._combo(row, OPERATOR)
        box.blockSignals(True)
        box.clear()
        for operator in operators_for(name):
            box.addItem(translate("RulesDialog", OPERATOR_LABELS[operator]), operator)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)
        self._update_value(row)

    def _update_value(self, row: int) -> None:
        operator = self._combo(row, OPERATOR).currentData()
        edit = self._edit(row, VALUE)
        edit.setPlaceholderText(value_hint(operator, FIELDS[self._combo(row, FIELD).currentData()]))
        edit.setEnabled(operator not in NO_VALUE)
        if operator in NO_VALUE:
            edit.clear()

    def _field_changed(self, box: QComboBox) -> None:
        row = self._row_of(box)
        if row >= 0:
            self._fill_operators(row, self._combo(row, OPERATOR).currentData())

    def _operator_changed(self, box: QComboBox) -> None:
        row = self._row_of(box)
        if row >= 0:
            self._update_value(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn:
            row, column = self._cell_of(watched)
            if row >= 0 and row != self.currentRow():
                self.setCurrentCell(row, column)
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Insert:
                self.add_rule()
                return True
            if event.key() == Qt.Key.Key_Delete and isinstance(watched, QComboBox):
                self.remove_row(self._row_of(watched))
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Insert:
            self.add_rule()
        elif event.key() == Qt.Key.Key_Delete:
            self.remove_current()
        else:
            super().keyPressEvent(event)

class WeightsTable(QTableWidget):
    """One row per number field: the weight (0 = not used) and "lower is better"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        style_item_view(self)
        self.setObjectName("weightsTable")
        self.setAccessibleName(self.tr("Weights"))
        self.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Weight"),
                                        self.tr("Lower is better")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(30)
        self.names = [name for name, kind in FIELDS.items() if kind == NUMBER]
        self.setRowCount(len(self.names))
        for row, name in enumerate(self.names):
            label = QTableWidgetItem(field_label(name))
            label.setToolTip(name)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.setItem(row, 0, label)
            spin = named(spin_box_look(QDoubleSpinBox()), f"weight_{name}")
            spin.setRange(0, 1000)
            spin.setDecimals(2)
            spin.setSingleStep(0.5)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setAccessibleName(self.tr("Weight of %1").replace("%1", field_label(name)))
            self.setCellWidget(row, 1, spin)
            lower = QTableWidgetItem("")
            lower.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                           | Qt.ItemFlag.ItemIsSelectable)
            lower.setCheckState(Qt.CheckState.Unchecked)
            self.setItem(row, 2, lower)
        for column, width in enumerate((210, 100, 120)):
            self.setColumnWidth(column, width)
        self.horizontalHeader().setStretchLastSection(True)
        self.setMinimumWidth(210 + 100 + 120 + self.verticalScrollBar().sizeHint().width() + 4)
        self.setMaximumWidth(self.minimumWidth() + 40)

    def spin(self, name: str) -> QDoubleSpinBox:
        widget = self.cellWidget(self.names.index(name), 1)
        assert isinstance(widget, QDoubleSpinBox)
        return widget

    def lower_item(self, name: str) -> QTableWidgetItem:
        item = self.item(self.names.index(name), 2)
        assert item is not None
        return item

    def set_weights(self, weights: WeightedScore) -> None:
        for name in self.names:
            self.spin(name).setValue(weights.weights.get(name, 0.0))
            checked = name in weights.lower_is_better
            self.lower_item(name).setCheckState(
                Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def weight_data(self) -> dict[str, Any]:
        """The JSON shape storage validates (fields with weight 0 are left out)."""
        weights = {name: self.spin(name).value() for name in self.names
                   if self.spin(name).value() > 0}
        lower = [name for name in self.names
                 if self.lower_item(name).checkState() == Qt.CheckState.Checked]
        return {"weights": weights, "lower_is_better": lower}
