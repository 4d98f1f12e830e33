"""A damaged database at start (finding 1): the app checks it in the background after the
window shows, then offers the newest good backup, reading it read-only, or quitting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from crm_desktop.app import launch
from crm_desktop.services.customers import CustomerForm, save_customer
from crm_desktop.storage.backup import auto_backup, backups
from crm_desktop.storage.errors import ReadOnlyDatabase
from crm_desktop.storage.maintenance import row_counts
from crm_desktop.ui import read_only_banner
from tests.conftest import demo_database_file
from tests.reliability.faults import corrupt, integrity


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    return demo_database_file(tmp_path_factory, template_db, "damaged-ui", 200, seed=11)


@pytest.fixture
def damaged(tmp_path: Path, demo: Path) -> tuple[Path, Path]:
    path = tmp_path / "crm.db"
    shutil.copyfile(demo, path)
    good = auto_backup(path, keep=3)
    assert good is not None
    corrupt(path, path.stat().st_size // 2 // 4096 * 4096)
    assert integrity(path)
    return path, good


def _damaged_box() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "damagedDatabase"
             and w.isVisible()]
    return boxes[0] if boxes else None


def _button(box: QMessageBox, text: str):
    return next(b for b in box.buttons() if b.text() == text)


def test_the_app_offers_the_newest_good_backup(qtbot, damaged, settings):
    path, good = damaged
    window = launch(path, settings=settings, start_page="customers", offer_demo=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: _damaged_box() is not None, timeout=30_000)
    box = _damaged_box()
    assert {b.text() for b in box.buttons()} >= {
        "Open anyway read-only", "Quit", "Restore newest good backup"}
    assert good.name in box.informativeText()
    with qtbot.waitSignal(window.databaseChanged, timeout=60_000):
        _button(box, "Restore newest good backup").click()
    assert integrity(path) == []
    assert row_counts(window.context.database)["customers"] == 200
    information = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible()]
    for shown in information:
        shown.close()
    window.close()
    window.context.database.close()


def test_open_anyway_reads_and_refuses_writes(qtbot, damaged, settings):
    path, good = damaged
    window = launch(path, settings=settings, start_page="customers", offer_demo=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: _damaged_box() is not None, timeout=30_000)
    _button(_damaged_box(), "Open anyway read-only").click()
    bar = read_only_banner.banner(window)
    qtbot.waitUntil(lambda: bar is not None and bar.isVisible(), timeout=5000)
    with pytest.raises(ReadOnlyDatabase):
        save_customer(window.context.database, None, CustomerForm({"name": "Not saved"}))
    assert backups(path.parent / "backups") == [good]  # nothing backed up over it
    window.close()
    window.context.database.close()


def test_quit_closes_the_window(qtbot, damaged, settings):
    path, _good = damaged
    window = launch(path, settings=settings, start_page="customers", offer_demo=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: _damaged_box() is not None, timeout=30_000)
    _button(_damaged_box(), "Quit").click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    window.context.database.close()
