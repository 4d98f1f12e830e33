"""Every user-visible text in the UI goes through Qt's translation (tests/i18n/untranslated.py
says which calls count as user-visible)."""

from __future__ import annotations

from pathlib import Path

from tests.i18n.untranslated import scan, scan_file


def test_every_ui_text_is_translatable() -> None:
    found = scan()
    assert not found, (
        "user-visible texts not wrapped in self.tr()/translate()/QT_TRANSLATE_NOOP() "
        "(see docs/translating.md):\n" + "\n".join(map(str, found)))


PLANTED = '''
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from crm_desktop.ui.qt_typed import translate

def build(self, label, name, count):
    label.setText("Hello world")
    label.setToolTip(f"{count} customers selected")
    QPushButton("Save", self)
    QMessageBox.warning(self, "Oops", "Could not save " + name)
    ColumnSpec("amount", "Amount", width=90)
    self.setWindowTitle("Edit {0}".format(name))
    label.setText(self.tr("Fine"))
    label.setText(translate("Ctx", "Also fine {0}").format(name))
    label.setText(name)
    label.setObjectName("customerLabel")
    label.setText("…")
    label.setText("crm-desktop")  # notr: the product's name
    FilterField("status", self.tr("Status"), ((self.tr("Open"), "open"),))
    label.setText(f"<b>{self.tr('Hidden from lupdate')}</b>")
'''


def test_the_scan_finds_untranslated_texts(tmp_path: Path) -> None:
    path = tmp_path / "planted.py"
    path.write_text(PLANTED)
    found = {(item.call, item.text) for item in scan_file(path)}
    assert found == {
        ("setText", "Hello world"), ("setToolTip", " customers selected"),
        ("QPushButton", "Save"), ("warning", "Oops"), ("warning", "Could not save "),
        ("ColumnSpec", "Amount"), ("setWindowTitle", "Edit {0}"),
        ("f-string", "Hidden from lupdate"),
    }


def test_translation_marks_name_their_context_literally():
    """pyside6-lupdate reads `QT_TRANSLATE_NOOP("Context", "text")` only with both as string
    literals: a context in a variable (or the function under another name) hides the text from
    the .ts file, so it is never translated and the completeness test cannot see it (the whole
    insights phrasebook was missed that way)."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "crm_desktop"
    marks = {"QT_TRANSLATE_NOOP", "QT_TRANSLATE_N_NOOP", "translate"}
    found = []
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) \
                    and node.value.id in marks - {"translate"}:
                found.append(f"{path.name}:{node.lineno} renames {node.value.id}")
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in marks - {"translate"} and len(node.args) >= 2):
                continue
            if not all(isinstance(arg, ast.Constant) for arg in node.args[:2]):
                found.append(f"{path.name}:{node.lineno}")
    assert not found, found
