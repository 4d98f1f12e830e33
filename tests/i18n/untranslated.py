"""Finds user-visible string literals in the UI code that do not pass through Qt's translation.

A literal counts as user-visible when it is an argument of a Qt text setter (`setText`,
`setToolTip`, `addAction`, ...), of a widget/item constructor (`QLabel("...")`), of a
`QMessageBox`/`QFileDialog`/`QInputDialog` static call, or the title of a `ColumnSpec` /
`FilterField`. It is translatable when it is wrapped in `tr`/`self.tr`/`translate`/
`QCoreApplication.translate`/`QT_TRANSLATE_NOOP` (a variable is trusted: its literals are checked
where they are written, if they are written in one of these places). A tr() inside an
f-string's braces counts as untranslated: lupdate does not see it. Text without letters
("…", "·", "%", numbers) needs no translation. A line may opt out with a `# notr` comment, e.g.
for a product name.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "crm_desktop"
SCANNED = [PACKAGE / "ui", PACKAGE / "app.py"]

TEXT_METHODS = {
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle",
    "setPlaceholderText", "setTitle", "setLabelText", "setHeaderLabels", "setHeaderLabel",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "addItem", "addItems",
    "insertItem", "setItemText", "addTab", "insertTab", "setTabText", "setTabToolTip",
    "addMenu", "addAction", "addSection", "setSuffix", "setPrefix", "setSpecialValueText",
    "showMessage", "setButtonText", "setInformativeText", "setDetailedText",
    "setAccessibleName", "setAccessibleDescription", "setCancelButtonText", "setSubTitle",
    "addRow", "insertRow", "setWindowIconText", "setEmptyText", "setHtml", "addButton",
    "setNameFilter", "setNameFilters", "set_busy", "set_title", "set_message", "setFormat",
    "set_axis_title", "set_xlabel", "set_ylabel",
}
# constructors whose string arguments are shown
TEXT_CLASSES = {
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox",
    "QAction", "QMenu", "QListWidgetItem", "QTreeWidgetItem", "QTableWidgetItem",
    "QStandardItem", "QCommandLinkButton", "QWizardPage", "QProgressDialog", "QMessageBox",
    "ColumnSpec", "FilterField", "QShortcut",
}
# static dialogs: every string argument is shown (captions, texts, file filters)
STATIC_DIALOGS = {"QMessageBox", "QFileDialog", "QInputDialog", "QColorDialog",
                  "QFontDialog"}
# arguments that are never shown: identifiers, keys, object names
QUIET_KEYWORDS = {"objectName", "key", "name", "field", "column", "icon", "kind", "data",
                  "userData", "shortcut", "role", "code", "value", "settings_key", "op"}
# ColumnSpec("field", "Title", ...) / FilterField("field", "Label", ...): the first is a key
KEY_FIRST = {"ColumnSpec", "FilterField", "addItem", "insertItem"}
TRANSLATORS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "qsTr"}


@dataclass(frozen=True)
class Untranslated:
    path: Path
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(PACKAGE.parent)}:{self.line}: {self.call}({self.text!r})"


def _name(func: ast.expr) -> tuple[str, str]:
    """(callee, owner) of a call: ("setText", "label"), ("QLabel", ""), ("information",
    "QMessageBox")."""
    if isinstance(func, ast.Attribute):
        owner = func.value
        owner_name = owner.id if isinstance(owner, ast.Name) else (
            owner.attr if isinstance(owner, ast.Attribute) else "")
        return func.attr, owner_name
    if isinstance(func, ast.Name):
        return func.id, ""
    return "", ""


_TAGS = re.compile(r"<[^>]*>|&[a-z]+;|%\d|\{[^}]*\}|%[sdn]|\\n")


# an identifier ("mainWindow", "{0}Page") or a file name ("dashboard.csv"): not prose
_IDENTIFIER = re.compile(r"^(\{\w*\})?[a-z]*([A-Z][a-z]*)*$|^[\w-]+\.\w*$")


def _wordy(text: str) -> bool:
    """Whether a literal reads as words (not punctuation, numbers, markup, a placeholder, an
    identifier or a file name)."""
    if " " not in text and _IDENTIFIER.match(text) and text[:1].islower():
        return False
    return bool(re.search(r"[A-Za-z]{2,}", _TAGS.sub(" ", text)))


def _bare_texts(node: ast.expr) -> Iterator[str]:
    """Literal text in `node` that reaches the screen without translation."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _wordy(node.value):
            yield node.value
    elif isinstance(node, ast.JoinedStr):
        literal = "".join(part.value for part in node.values
                          if isinstance(part, ast.Constant) and isinstance(part.value, str))
        if _wordy(literal):
            yield literal
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                yield from _bare_texts(part.value)
    elif isinstance(node, ast.BinOp):
        yield from _bare_texts(node.left)
        yield from _bare_texts(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _bare_texts(node.body)
        yield from _bare_texts(node.orelse)
    elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and \
            isinstance(node.elts[0], ast.Call):
        yield from _bare_texts(node.elts[0])  # (label, code): a choice; the code is a key
    elif isinstance(node, (ast.List, ast.Tuple)):
        for item in node.elts:
            yield from _bare_texts(item)
    elif isinstance(node, ast.Call):
        callee, _owner = _name(node.func)
        if callee in TRANSLATORS:
            return
        if callee in ("format", "join") and isinstance(node.func, ast.Attribute):
            yield from _bare_texts(node.func.value)  # "Hello {0}".format(...)
            for arg in node.args:
                yield from _bare_texts(arg)


def _shown_arguments(call: ast.Call) -> Iterator[ast.expr] | None:
    callee, owner = _name(call.func)
    if owner in STATIC_DIALOGS and callee[:1].islower():
        args = list(call.args)
    elif callee in TEXT_METHODS or callee in TEXT_CLASSES:
        args = list(call.args)
        if callee in KEY_FIRST and args:
            args = args[1:] if callee in ("ColumnSpec", "FilterField") else args[:1]
    else:
        return None
    args += [kw.value for kw in call.keywords if kw.arg not in QUIET_KEYWORDS]
    return iter(args)


def scan_file(path: Path) -> list[Untranslated]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.JoinedStr):
            found += _hidden_in_fstring(path, node)
        if not isinstance(node, ast.Call):
            continue
        arguments = _shown_arguments(node)
        if arguments is None:
            continue
        if any("# notr" in lines[number - 1]
               for number in range(node.lineno, (node.end_lineno or node.lineno) + 1)):
            continue
        callee, _owner = _name(node.func)
        for argument in arguments:
            for text in _bare_texts(argument):
                found.append(Untranslated(path, argument.lineno, callee, text))
    return found


def _hidden_in_fstring(path: Path, node: ast.JoinedStr) -> list[Untranslated]:
    """tr()/translate() calls inside an f-string's braces: lupdate does not look there, so
    their texts never reach the .ts (translate first, then put the result in the f-string)."""
    hidden = []
    for part in node.values:
        for call in ast.walk(part):
            if isinstance(call, ast.Call) and _name(call.func)[0] in TRANSLATORS:
                texts = [arg.value for arg in call.args
                         if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
                hidden.append(Untranslated(path, call.lineno, "f-string", texts[-1] if texts
                                           else ast.unparse(call)))
    return hidden


def scan(paths: list[Path] | None = None) -> list[Untranslated]:
    files: list[Path] = []
    for root in paths or SCANNED:
        files += sorted(root.rglob("*.py")) if root.is_dir() else [root]
    return [item for path in files for item in scan_file(path)]


if __name__ == "__main__":
    for item in scan():
        print(item)
