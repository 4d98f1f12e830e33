"""`crm-desktop --self-test` from source, in a subprocess as a user (or CI) runs it: every step
passes on a healthy install, and a broken step gives exit 1 and names the step."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from crm_desktop.self_test import STEPS

ROOT = Path(__file__).resolve().parent.parent
# "ok    database     0.12 s  schema 0003" / "FAIL  analysis     0.80 s  ValueError: ..."
STEP_LINE = re.compile(r"^(ok|FAIL)\s+(\S+(?: \S+)?)\s+(\d+\.\d\d) s  (.+)$")


def _steps(lines: list[str]) -> list[tuple[str, str, float, str]]:
    parsed = [STEP_LINE.match(line) for line in lines]
    assert all(parsed), lines
    return [(m[1], m[2], float(m[3]), m[4]) for m in parsed if m]


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_self_test_passes_and_prints_each_step(tmp_path):
    result = _run(["-m", "crm_desktop", "--self-test"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("crm-desktop ") and "from source" in lines[0]
    steps = _steps(lines[1:-1])
    assert [name for _, name, _, _ in steps] == [name for name, _ in STEPS]
    assert all(status == "ok" and seconds >= 0 for status, _, seconds, _ in steps)
    assert "in a background process" in result.stdout
    assert lines[-1].startswith("self-test passed in ")
    assert "Traceback" not in result.stderr
    # Nothing left behind: not in the user's settings or data folders, not in the temp folder.
    assert _files(tmp_path / "config") == []
    assert _files(tmp_path / "data") == []
    assert _files(tmp_path / "tmp") == []


def test_a_failing_analysis_names_its_step_in_one_line(tmp_path):
    result = _run(["-m", "tests.self_test_targets", "analysis"], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    steps = _steps(lines[1:-1])
    assert [(status, name) for status, name, _, _ in steps] == \
        [("ok", "database"), ("ok", "demo data"), ("FAIL", "analysis")]
    assert steps[-1][3] == "ValueError: deliberately broken analysis"
    assert lines[-1].startswith('self-test failed at step "analysis" after ')
    assert "chart" not in result.stdout  # later steps are not run
    assert "Traceback" not in result.stdout + result.stderr
    assert _files(tmp_path / "tmp") == []  # the temporary database is gone


def test_verbose_adds_the_traceback(tmp_path):
    result = _run(["-m", "tests.self_test_targets", "database", "--verbose"], tmp_path)
    assert result.returncode == 1
    assert "FAIL  database" in result.stdout
    assert "OSError: deliberately broken step" in result.stdout
    assert "Traceback" in result.stderr and "_broken_step" in result.stderr


def test_a_blank_image_is_told_from_a_drawn_one(qapp):
    from PySide6.QtGui import QColor, QImage, QPainter

    from crm_desktop.self_test import distinct_colours, has_colour

    image = QImage(200, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    assert distinct_colours(image) == 1
    assert not has_colour(image, QColor("#1f77b4").rgb())
    painter = QPainter(image)
    painter.fillRect(20, 20, 60, 40, QColor("#1f77b4"))
    painter.drawText(100, 50, "Ab")
    painter.end()
    assert distinct_colours(image, step=1) >= 3
    assert has_colour(image, QColor("#1f77b4").rgb())
