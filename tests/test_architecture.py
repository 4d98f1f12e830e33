"""The layer rules of DESIGN.md, enforced by import-linter (contracts in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_imports_pyplot():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "crm_desktop").rglob("*.py")
        if "matplotlib.pyplot" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_engine_is_created_in_one_place():
    creators = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "crm_desktop").rglob("*.py")
        if "create_engine(" in path.read_text(encoding="utf-8")
    ]
    assert creators == ["crm_desktop/storage/database.py"]


def test_documents_use_qt_gui_and_core_only():
    """crm_desktop.documents prints with QtGui and QtCore: no widgets (it runs in the command
    line with an offscreen QGuiApplication, where a QApplication is not wanted)."""
    import ast

    used = set()
    for path in (ROOT / "crm_desktop" / "documents").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                used.add(node.module)
            elif isinstance(node, ast.Import):
                used.update(alias.name for alias in node.names)
    qt = {name for name in used if name.startswith("PySide6")}
    assert qt and qt <= {"PySide6.QtCore", "PySide6.QtGui"}, qt
