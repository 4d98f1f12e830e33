"""The "Scoring rules and weights" dialog: edit through the widgets, save, reopen; bad input."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from crm_desktop.analytics.scoring import Rule
from crm_desktop.services import scoring as store
from crm_desktop.ui.analytics.rules_dialog import RulesDialog, edit_rules
from crm_desktop.ui.analytics.rules_tables import CATEGORY, FIELD, NOTE, OPERATOR, POINTS, VALUE

DEFAULT_COUNT = len(store.DEFAULT_RULES.rules)


def open_dialog(qtbot, context) -> RulesDialog:
    dialog = RulesDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def cell(dialog: RulesDialog, row: int, column: int):
    return dialog.rules.cellWidget(row, column)


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not offered"
    combo.setCurrentIndex(index)


def click_ok(qtbot, dialog: RulesDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def add_rule(qtbot, dialog, field, operator, value, category="", points=0.0, note="") -> int:
    qtbot.keyClick(dialog.rules, Qt.Key.Key_Insert)
    row = dialog.rules.rowCount() - 1
    choose(cell(dialog, row, FIELD), field)
    choose(cell(dialog, row, OPERATOR), operator)
    qtbot.keyClicks(cell(dialog, row, VALUE), value)
    qtbot.keyClicks(cell(dialog, row, CATEGORY), category)
    cell(dialog, row, POINTS).setValue(points)
    qtbot.keyClicks(cell(dialog, row, NOTE), note)
    return row


def test_shows_the_defaults(qtbot, context):
    dialog = open_dialog(qtbot, context)
    assert dialog.rules.rowCount() == DEFAULT_COUNT
    assert cell(dialog, 2, FIELD).currentData() == "monetary"
    assert cell(dialog, 2, OPERATOR).currentData() == "top %"
    assert cell(dialog, 2, VALUE).text() == "20"
    assert dialog.default_category.text() == "Occasional"
    assert dialog.weights.spin("monetary").value() == 2.0
    assert dialog.weights.lower_item("recency_days").checkState() == Qt.CheckState.Checked


def test_operators_follow_the_field_type(qtbot, context):
    dialog = open_dialog(qtbot, context)
    row = add_rule(qtbot, dialog, "monetary", "top %", "")
    operators = cell(dialog, row, OPERATOR)
    offered = {operators.itemData(i) for i in range(operators.count())}
    assert {"top %", ">", "between"} <= offered and "contains" not in offered
    choose(cell(dialog, row, FIELD), "city")
    offered = {operators.itemData(i) for i in range(operators.count())}
    assert "contains" in offered and ">" not in offered and "top %" not in offered
    choose(operators, "is empty")
    assert not cell(dialog, row, VALUE).isEnabled()


def test_add_rule_save_and_reopen(qtbot, context):
    seen: list[str] = []
    context.changed.connect(seen.append)
    dialog = open_dialog(qtbot, context)
    row = add_rule(qtbot, dialog, "city", "in", "Paris, Lyon", "French", 7.5, "in France")
    assert row == DEFAULT_COUNT
    qtbot.keyClicks(dialog.default_category, " customers")
    dialog.weights.spin("nps_score").setValue(3)
    click_ok(qtbot, dialog)
    assert dialog.error_text() == "" and dialog.saved and not dialog.isVisible()
    assert seen == ["settings"]
    rules = store.load_rules(context.database)
    assert rules.rules[-1] == Rule("city", "in", ["Paris", "Lyon"], "French", 7.5, "in France")
    assert rules.default_category == "Occasional customers"
    assert store.load_weights(context.database).weights["nps_score"] == 3.0

    again = open_dialog(qtbot, context)
    assert again.rules.rowCount() == DEFAULT_COUNT + 1
    assert cell(again, row, FIELD).currentData() == "city"
    assert cell(again, row, OPERATOR).currentData() == "in"
    assert cell(again, row, VALUE).text() == "Paris, Lyon"
    assert cell(again, row, CATEGORY).text() == "French"
    assert cell(again, row, POINTS).value() == 7.5
    assert again.weights.spin("nps_score").value() == 3.0


def test_bad_value_shows_an_error_and_stores_nothing(qtbot, context):
    dialog = open_dialog(qtbot, context)
    row = add_rule(qtbot, dialog, "monetary", ">", "lots", "Rich", note="rich")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and not dialog.saved
    assert not dialog.rules_error.isHidden()
    assert f"rule {row + 1} (rich): value must be a number for '>', not 'lots'" in (
        dialog.rules_error.text())
    assert dialog.rules.currentRow() == row
    assert store.is_stored(context.database) == {"rules": False, "weights": False}
    # nothing the user typed is lost; fixing it saves
    assert cell(dialog, row, VALUE).text() == "lots" and cell(dialog, row, CATEGORY).text()
    cell(dialog, row, VALUE).setText("5000")
    click_ok(qtbot, dialog)
    assert dialog.saved and dialog.error_text() == ""
    assert store.load_rules(context.database).rules[-1].value == 5000


def test_all_weights_zero_is_refused(qtbot, context):
    dialog = open_dialog(qtbot, context)
    for name in dialog.weights.names:
        dialog.weights.spin(name).setValue(0)
    click_ok(qtbot, dialog)
    assert "at least one weight must be above zero" in dialog.weights_error.text()
    assert dialog.rules_error.isHidden() and dialog.isVisible()
    assert store.is_stored(context.database) == {"rules": False, "weights": False}


def test_delete_move_and_reset(qtbot, context):
    dialog = open_dialog(qtbot, context)
    names = [r.name for r in store.DEFAULT_RULES.rules]
    dialog.rules.setCurrentCell(0, FIELD)
    dialog.rules.setFocus()
    qtbot.keyClick(dialog.rules, Qt.Key.Key_Delete)
    assert [r.note for r in dialog.rules.rows()] == names[1:]
    dialog.rules.setCurrentCell(0, FIELD)
    qtbot.mouseClick(dialog.findChild(QPushButton, "moveDownButton"), Qt.MouseButton.LeftButton)
    assert [r.note for r in dialog.rules.rows()] == [names[2], names[1], *names[3:]]
    assert dialog.rules.currentRow() == 1
    click_ok(qtbot, dialog)
    assert [r.name for r in store.load_rules(context.database).rules] == [
        names[2], names[1], *names[3:]]

    again = open_dialog(qtbot, context)
    qtbot.mouseClick(again.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults),
                     Qt.MouseButton.LeftButton)
    assert [r.note for r in again.rules.rows()] == names
    click_ok(qtbot, again)
    # the defaults unchanged: the stored settings are forgotten, not copied
    assert store.is_stored(context.database) == {"rules": False, "weights": False}


def test_edit_rules_returns_whether_saved(qtbot, context):
    def press(button: QDialogButtonBox.StandardButton) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RulesDialog)
        if button == QDialogButtonBox.StandardButton.Ok:
            dialog.weights.spin("tenure_days").setValue(1)
        dialog.buttons.button(button).click()

    QTimer.singleShot(0, lambda: press(QDialogButtonBox.StandardButton.Cancel))
    assert edit_rules(context) is False
    assert store.is_stored(context.database)["weights"] is False
    QTimer.singleShot(0, lambda: press(QDialogButtonBox.StandardButton.Ok))
    assert edit_rules(context) is True
    assert store.load_weights(context.database).weights["tenure_days"] == 1.0


def test_keyboard_on_the_row_editors(qtbot, context):
    dialog = open_dialog(qtbot, context)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(cell(dialog, 3, NOTE), Qt.MouseButton.LeftButton)
    assert dialog.rules.currentRow() == 3  # clicking into a rule's editor selects the rule
    qtbot.keyClick(cell(dialog, 3, NOTE), Qt.Key.Key_Delete)  # edits the text, keeps the rule
    assert dialog.rules.rowCount() == DEFAULT_COUNT
    qtbot.keyClick(cell(dialog, 1, FIELD), Qt.Key.Key_Delete)  # on a rule's box: removes it
    assert [r.note for r in dialog.rules.rows()] == [
        r.name for i, r in enumerate(store.DEFAULT_RULES.rules) if i != 1]
    qtbot.keyClick(cell(dialog, 0, VALUE), Qt.Key.Key_Insert)
    assert dialog.rules.rowCount() == DEFAULT_COUNT
    assert dialog.rules.currentRow() == DEFAULT_COUNT - 1


def test_problems_in_both_tables_show_together(qtbot, context):
    dialog = open_dialog(qtbot, context)
    add_rule(qtbot, dialog, "rating", "between", "4")
    for name in dialog.weights.names:
        dialog.weights.spin(name).setValue(0)
    click_ok(qtbot, dialog)
    assert "'between' needs two numbers" in dialog.rules_error.text()
    assert "at least one weight" in dialog.weights_error.text()
    assert store.is_stored(context.database) == {"rules": False, "weights": False}
