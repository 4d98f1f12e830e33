"""The analysis background process ends with the app however the app ends (finding 6: after
SIGTERM it kept running, ~400 MB, for minutes): SIGTERM closes the app cleanly, which stops
the child; kill -9 of the app leaves the child to notice its parent is gone and exit."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.faults import ROOT, environment, needs_sigkill

pytestmark = [pytest.mark.reliability, needs_sigkill]

PARENT = r"""
import sys, time
from crm_desktop.ui.child_process import ChildService
from tests.ui.child_targets import child_pid
service = ChildService(sys.argv[1])
print(service.call(child_pid), flush=True)
time.sleep(600)
"""

APP = r"""
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import crm_desktop.app as app
from tests.ui.child_targets import child_pid

def start_child():
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
    service = window.context.background
    threading.Thread(target=lambda: print(service.call(child_pid), flush=True),
                     daemon=True).start()

app.make_application()
QTimer.singleShot(500, start_child)
sys.exit(app.run(sys.argv[1], offer_demo=False))
"""


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"  # exited, not yet reaped
    except FileNotFoundError:
        return True
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False


def _wait_gone(pid: int, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.1)
    return False


def _start(script: str, db_path: Path, home: Path) -> tuple[subprocess.Popen[str], int]:
    env = environment()
    env["HOME"] = str(home)
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    process = subprocess.Popen([sys.executable, "-c", script, str(db_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, cwd=ROOT)
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 120)
    line = process.stdout.readline() if ready else ""
    if not line.strip().isdigit():
        process.kill()
        raise AssertionError(f"no child started: {line!r} {process.communicate()[1][-2000:]}")
    return process, int(line)


def test_the_child_ends_when_the_app_is_killed(db, db_path, tmp_path):
    db.close()
    parent, child = _start(PARENT, db_path, tmp_path)
    assert not _gone(child)
    parent.send_signal(signal.SIGKILL)
    parent.communicate(timeout=30)
    assert _wait_gone(child), "the background process outlived the app"


def test_sigterm_closes_the_app_and_its_child(db, db_path, tmp_path):
    db.close()
    app, child = _start(APP, db_path, tmp_path)
    assert not _gone(child)
    app.send_signal(signal.SIGTERM)
    _, err = app.communicate(timeout=60)
    assert app.returncode == 0, err[-2000:]  # closed as the user would, not killed
    assert _wait_gone(child, 5), "the background process outlived the app"
