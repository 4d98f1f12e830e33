"""`screenshot`: render one page of the main window offscreen to a PNG."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.cli.common import add_db_argument, open_existing

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

PAGE_NAMES = ("dashboard", "today", "customers", "pipeline", "sales", "reports", "campaigns",
              "tickets",
              "activities", "graph", "analytics")


def register(subparsers: Any) -> None:
    shot = subparsers.add_parser("screenshot", help="render a page of the app to a PNG file")
    add_db_argument(shot)
    shot.add_argument("--page", required=True, choices=PAGE_NAMES, metavar="NAME",
                      help="one of: " + ", ".join(PAGE_NAMES))
    shot.add_argument("--out", type=Path, required=True, metavar="FILE.png")
    shot.add_argument("--size", default="1280x800", metavar="WxH")
    shot.add_argument("--theme", choices=("light", "dark"), default="light")
    shot.add_argument("--no-select", action="store_true",
                      help="do not select the first row of the page's list")
    shot.add_argument("--timeout", type=float, default=30.0, metavar="S",
                      help="longest wait for the page to finish loading")
    shot.set_defaults(handler=run_screenshot)


def _size(text: str) -> tuple[int, int]:
    from crm_desktop.cli import CommandError

    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise CommandError(f"--size {text!r}: expected WIDTHxHEIGHT, e.g. 1280x800") from None
    if width < 200 or height < 200:
        raise CommandError("--size: at least 200x200")
    return width, height


def run_screenshot(args: argparse.Namespace) -> int:
    from crm_desktop.cli import CommandError

    width, height = _size(args.size)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    database = open_existing(args)
    try:
        image = render_page(database, args.page, width, height, args.theme,
                            select_first=not args.no_select, timeout=args.timeout)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(args.out)):
            raise CommandError(f"cannot write {args.out}")
    finally:
        database.close()
    print(args.out)
    return 0


def render_page(database: Database, page: str, width: int, height: int, theme_name: str = "light",
                select_first: bool = True, timeout: float = 30.0) -> Any:
    """The main window showing `page`, once its background work is done, as a QImage."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QTableView

    from crm_desktop.app import make_application
    from crm_desktop.ui import theme
    from crm_desktop.ui.language import install_translations
    from crm_desktop.ui.main_window import MainWindow

    app = make_application()
    install_translations(app)
    theme.apply_theme(app, theme_name)
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(database, settings, start_page=page)
        window.resize(width, height)
        window.show()
        try:
            _settle(app, window, timeout, page)
            shown = window.page(page)
            table = shown.findChild(QTableView) if shown is not None else None
            if select_first and table is not None and table.isVisible() \
                    and table.model() is not None and table.model().rowCount() > 0:
                table.selectRow(0)
                _settle(app, window, timeout, page)
            return window.grab().toImage()
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()


def _settle(app: Any, window: Any, timeout: float, page: str) -> None:
    """Process events until the page exists and no background job has run for a short while
    (longer than the pages' own short delays before they load, e.g. the dashboard's 0.4 s), and
    the icons, which load after the first rows, are on."""
    from crm_desktop.ui import icons

    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        app.processEvents()
        shown = window.page(page)
        busy = bool(window.runner.jobs()) or shown is None or _charts_busy(shown) \
            or not icons.ready()
        now = time.monotonic()
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif now - quiet_since > 0.8:
            break
        time.sleep(0.01)
    app.processEvents()


def _charts_busy(page: Any) -> bool:
    """A chart of the page is still being built or painted (a few items per event-loop step)."""
    from PySide6.QtWidgets import QWidget

    return any(callable(getattr(child, "busy", None)) and child.busy()
               for child in page.findChildren(QWidget))
