""""Scoring rules and weights": the rules and weights the "rules" analysis uses.

    if edit_rules(context, parent):     # True when saved
        ...                             # the views were told that "settings" changed

OK validates everything through ``services.scoring`` (the same checks as `crm-desktop
rules set`); a problem is shown next to its table, the rule it names is outlined and the
dialog stays open with every entry kept. Nothing is written unless all is valid. Saving the
defaults unchanged forgets the stored settings, so the database follows the defaults again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services import scoring as store
from crm_desktop.ui.analytics.rules_tables import RuleRow, RulesTable, WeightsTable
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import error_style

if TYPE_CHECKING:
    from crm_desktop.analytics.scoring import RuleSet, WeightedScore
    from crm_desktop.ui.context import AppContext

log = logging.getLogger(__name__)



def _error_label(name: str) -> QLabel:
    label = named(QLabel(), name)
    label.setStyleSheet(error_style())
    label.setWordWrap(True)
    label.hide()
    return label


class RulesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("rulesDialog")
        self.setWindowTitle(self.tr("Scoring rules and weights"))
        self.setAccessibleName(self.windowTitle())
        self.setModal(True)
        self.saved = False

        self.rules = RulesTable()
        self.default_category = named(QLineEdit(), "defaultCategory")
        self.default_category.setAccessibleName(self.tr("Category when no rule gives one"))
        self.rules_error = _error_label("rulesError")
        self.weights = WeightsTable()
        self.weights_error = _error_label("weightsError")

        rules_box = QGroupBox(self.tr("Rules"))
        rules_layout = QVBoxLayout(rules_box)
        intro = QLabel(self.tr(
            "Every customer is checked against every rule. A customer gets the category of the "
            "first matching rule that has one, and the points of all matching rules. "
            "\"In top %\" compares with all customers when the analysis runs."))
        intro.setWordWrap(True)
        rules_layout.addWidget(intro)
        rules_layout.addWidget(self.rules_error)
        rules_layout.addWidget(self.rules, 1)
        row = QHBoxLayout()
        for name, text, tip, slot in (
            ("addRuleButton", self.tr("&Add rule"), self.tr("Add a rule (Insert)"),
             lambda: self.rules.add_rule()),
            ("removeRuleButton", self.tr("&Remove"), self.tr("Remove the selected rule (Delete)"),
             self.rules.remove_current),
            ("moveUpButton", self.tr("Move &up"), self.tr("Check this rule earlier"),
             lambda: self.rules.move_current(-1)),
            ("moveDownButton", self.tr("Move &down"), self.tr("Check this rule later"),
             lambda: self.rules.move_current(1)),
        ):
            button = named(QPushButton(text), name)
            button.setToolTip(tip)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        caption = QLabel(self.tr("&Otherwise category:"))
        caption.setBuddy(self.default_category)
        row.addWidget(caption)
        row.addWidget(self.default_category)
        rules_layout.addLayout(row)

        weights_box = QGroupBox(self.tr("Score weights"))
        weights_layout = QHBoxLayout(weights_box)
        weights_layout.addWidget(self.weights)
        side = QVBoxLayout()
        explain = QLabel(self.tr(
            "Score (0-100) = sum(weight × value) / sum(weights), each value scaled to 0-1 "
            "across all customers.\n\nWeight 0 leaves a field out. Tick \"Lower is better\" "
            "where a small value is good (days since the last order)."))
        explain.setWordWrap(True)
        side.addWidget(explain)
        side.addWidget(self.weights_error)
        side.addStretch(1)
        weights_layout.addLayout(side, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("okButton")
        reset = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        reset.setObjectName("resetButton")
        reset.setText(self.tr("Reset to defaults"))
        reset.clicked.connect(self.show_defaults)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(rules_box, 5)
        layout.addWidget(weights_box, 4)
        layout.addWidget(self.buttons)
        self.resize(980, 720)
        self._load()
        self.rules.setFocus()

    # Contents --------------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            rules = store.load_rules(self.context.database)
            weights = store.load_weights(self.context.database)
        except store.ScoringRulesError as error:
            log.warning("stored scoring settings are invalid: %s", error)
            self.show_values(store.DEFAULT_RULES, store.DEFAULT_WEIGHTS)
            self._show_error(error, self.tr("The stored rules could not be read (%1); the "
                                            "defaults are shown.").replace("%1", str(error)))
            return
        self.show_values(rules, weights)

    def show_values(self, rules: RuleSet, weights: WeightedScore) -> None:
        self.rules.set_rows([RuleRow.of(rule) for rule in rules.rules])
        self.default_category.setText(rules.default_category or "")
        self.weights.set_weights(weights)

    def show_defaults(self) -> None:
        """Fill in the default rules and weights (stored only when OK is pressed)."""
        self._clear_errors()
        self.show_values(store.DEFAULT_RULES, store.DEFAULT_WEIGHTS)

    def rule_data(self) -> dict[str, object]:
        return {"rules": [row.to_data() for row in self.rules.rows()],
                "default_category": self.default_category.text().strip() or None}

    # Errors ----------------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        for label in (self.rules_error, self.weights_error):
            label.hide()
            label.clear()
        self.rules.clear_marks()

    def _show_error(self, error: store.ScoringRulesError, text: str | None = None) -> None:
        weights = error.field.startswith(("weight", "lower_is_better"))
        label = self.weights_error if weights else self.rules_error
        label.setText(text or str(error))
        label.show()
        if error.rule is not None:
            self.rules.mark_invalid(error.rule)

    def error_text(self) -> str:
        """The error shown, if any (for tests and accessibility)."""
        return " ".join(label.text() for label in (self.rules_error, self.weights_error)
                        if not label.isHidden())

    # Saving ----------------------------------------------------------------------------------
    def submit(self) -> None:
        """Check both tables (showing every problem at once), then store or forget."""
        self._clear_errors()
        problems: list[store.ScoringRulesError] = []
        rules = weights = None
        try:
            rules = store.parse_rules(self.rule_data())
        except store.ScoringRulesError as error:
            problems.append(error)
        try:
            weights = store.parse_weights(self.weights.weight_data())
        except store.ScoringRulesError as error:
            problems.append(error)
        for problem in reversed(problems):  # the rules' problem keeps the focus
            log.info("scoring rules not saved: %s", problem)
            self._show_error(problem)
        if rules is None or weights is None:
            return
        try:
            outcome = store.save_or_forget(self.context.database, rules, weights)
        except Exception as error:  # noqa: BLE001 - every failure reaches show_error and the log
            show_error(self, error)
            return
        self.saved = True
        self.context.apply(outcome.changes)
        self.accept()


def edit_rules(context: AppContext, parent: QWidget | None = None) -> bool:
    """Open the dialog; True when the rules and weights were saved."""
    dialog = RulesDialog(context, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved
    finally:
        dialog.deleteLater()
