"""mypy over the whole package finds no error: strictly typed analytics, storage and services,
checked ui and cli (the settings are in pyproject.toml, [tool.mypy]).

The cache (`.mypy_cache` in the repository) makes a run after small changes take seconds; the
first run on a fresh checkout takes about a minute.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_error():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "crm_desktop", "--cache-dir", ".mypy_cache",
         "--config-file", "pyproject.toml"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
