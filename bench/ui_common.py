"""What bench/ui.py's parent and child processes share: running a child, making the app's
window as the crm-desktop command does, and waiting on the event loop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEAVY = ("pandas", "sklearn", "matplotlib", "networkx", "scipy", "igraph")
ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], timeout: float = 300) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    result = subprocess.run([sys.executable, *args], capture_output=True, text=True,
                            timeout=timeout, env=env, cwd=ROOT)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"child failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(lines[-1])


# Child: the app ----------------------------------------------------------------------------------
def _launch(db: str, settings_name: str, start_page: str, **values: str) -> Any:
    """The app's main window as the crm-desktop command makes it, with its settings in the
    bench's temporary folder (light theme, plus `values`)."""
    from PySide6.QtCore import QSettings

    import crm_desktop.cli  # noqa: F401 - what the crm-desktop command imports first
    from crm_desktop.app import launch

    settings = QSettings(str(Path(os.environ["BENCH_TMP"]) / settings_name),
                         QSettings.Format.IniFormat)
    settings.setValue("view/theme", "light")
    for key, value in values.items():
        settings.setValue(key.replace("__", "/"), value)
    window = launch(db, settings=settings, start_page=start_page, offer_demo=False)
    assert window is not None
    return window


def _wait(predicate: Callable[[], bool], timeout: float = 60.0, step_ms: int = 5) -> bool:
    """Run the event loop in `step_ms` slices until `predicate()` holds (False at timeout)."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if predicate():
            return True
        loop = QEventLoop()
        QTimer.singleShot(step_ms, loop.quit)
        loop.exec()
    return False
