"""The import contracts catch what they forbid: each planted import
breaks its contract (and only a copy of the package is changed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI_CLI = "ui and cli are independent (only the gui and screenshot commands start the UI)"
STORAGE = "storage imports no analytics"
UI_SQL = "the ui runs no SQL: no sqlalchemy, no sqlite3"


@pytest.mark.parametrize(("module", "source", "contract"), [
    ("ui/planted.py", "from crm_desktop.cli import analytics_commands\n", UI_CLI),
    ("cli/planted.py", "def start():\n    from crm_desktop.ui import main_window\n", UI_CLI),
    ("storage/planted.py", "from crm_desktop.analytics import scoring\n", STORAGE),
    ("ui/planted.py", "def rows():\n    from sqlalchemy import select\n", UI_SQL),
    ("ui/planted.py", "import sqlite3\n", UI_SQL),
])
def test_a_planted_import_breaks_its_contract(tmp_path, module, source, contract):
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "crm_desktop", copy / "crm_desktop",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "pyproject.toml", copy / "pyproject.toml")
    linter = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(copy)}

    def lint() -> str:
        result = subprocess.run([str(linter), "--no-cache", "--config", "pyproject.toml"],
                                cwd=copy, env=env, capture_output=True, text=True, timeout=300)
        return result.stdout + result.stderr

    assert f"{contract} KEPT" in lint()
    (copy / "crm_desktop" / module).write_text(source, encoding="utf-8")
    assert f"{contract} BROKEN" in lint()
