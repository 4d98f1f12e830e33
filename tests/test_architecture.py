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
