"""Render the insights screenshots of docs/insights.md: the churn result (high-risk band
chosen), the behaviour segments with their names and profiles (the largest renamed, as a user
would), and Today, from a demo database, at 1024x640.

    crm-desktop demo --db /tmp/demo.db --customers 2000 --seed 1
    python scripts/insights_screenshots.py /tmp/demo.db docs/screenshots [--theme dark]

Writes to the database (the rename, the applied churn scores): use a copy.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SIZE = (1024, 640)
RENAMED = "Our regulars"  # the name given to the largest segment


def _wait(app: Any, until: Any, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.01)


def _settle(app: Any, window: Any, seconds: float = 1.0) -> None:
    """Until no background job ran and no chart painted for ``seconds``."""
    from crm_desktop.cli.commands_screenshot import _charts_busy

    quiet = None
    while True:
        app.processEvents()
        page = window.current_page()
        busy = bool(window.runner.jobs()) or (page is not None and _charts_busy(page))
        now = time.monotonic()
        if busy:
            quiet = None
        elif quiet is None:
            quiet = now
        elif now - quiet > seconds:
            return
        time.sleep(0.01)


def _run(app: Any, window: Any, name: str, params: dict[str, int] | None = None) -> Any:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.show_page("analytics")
    page = window.page("analytics")
    page.combo.setCurrentIndex(page.combo.findData(name))
    for key, value in (params or {}).items():
        page.panel.editors[key].setValue(value)
    before = page.outcome()
    QTest.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    _wait(app, lambda: page.outcome() is not before and page.run_button.isEnabled())
    _settle(app, window)
    return page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings

    from crm_desktop.app import make_application
    from crm_desktop.storage.database import open_database
    from crm_desktop.ui import theme
    from crm_desktop.ui.language import install_translations
    from crm_desktop.ui.main_window import MainWindow

    app = make_application()
    install_translations(app)
    theme.apply_theme(app, args.theme)
    database = open_database(args.db)
    suffix = "-dark" if args.theme == "dark" else ""
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(database, settings, start_page="analytics")
        window.resize(*SIZE)
        window.show()
        _settle(app, window)

        page = _run(app, window, "churn")
        actions = page.result_actions
        actions.group.setCurrentIndex(actions.group.findData("high"))
        page.apply_results()  # Today ranks by the stored scores
        _settle(app, window)
        window.grab().save(str(args.out / f"insights-churn{suffix}.png"))

        page = _run(app, window, "segments", {"k_min": 3, "k_max": 5})
        key = str(page.detail_model.frame()["name"].iloc[0])
        page.segment_tools.rename(key, RENAMED)
        page.detail.selectRow(0)
        _settle(app, window)
        window.grab().save(str(args.out / f"insights-segments{suffix}.png"))
        page.segment_tools.map_button.setChecked(True)
        _settle(app, window)
        window.grab().save(str(args.out / f"insights-segments-map{suffix}.png"))

        window.show_page("today")
        today = window.page("today")
        _wait(app, lambda: len(today.rows()) > 0)
        today.table.selectRow(0)
        _settle(app, window)
        window.grab().save(str(args.out / f"insights-today{suffix}.png"))
        window.close()
    database.close()
    for name in ("churn", "segments", "segments-map", "today"):
        print(args.out / f"insights-{name}{suffix}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
