"""Start-up: an empty database gets the demo-data offer (generated in a worker with progress);
an existing one shows its first customers before SQLAlchemy is even imported."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from crm_desktop.app import launch


def test_first_start_offers_demo_data(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("crm_desktop.ui.demo_offer.DEMO_CUSTOMERS", 40)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = launch(tmp_path / "new.db", settings=settings, start_page="customers")
    qtbot.addWidget(window)
    assert window.context.database.is_open  # new file: made first

    def offer() -> QMessageBox | None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.objectName() == "demoOffer"
                 and w.isVisible()]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: offer() is not None, timeout=5000)
    yes = offer().button(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(isinstance(w, QProgressDialog) and w.objectName() ==
                                "demoProgress" for w in QApplication.topLevelWidgets()),
                    timeout=5000)
    page = window.page("customers")
    qtbot.waitUntil(lambda: page.model.total() == 40, timeout=30_000)
    window.close()
    window.context.database.close()


def test_existing_database_opens_after_the_window(db_path):
    code = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings, Qt
from crm_desktop.app import launch
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = launch(sys.argv[1], settings=settings, start_page="customers", offer_demo=False)
print("sqlalchemy" in sys.modules, window.context.database.is_open)
window.context.database.open()
print(window.context.database.is_open)
window.close()
"""
    result = subprocess.run([sys.executable, "-c", code, str(db_path),
                             str(db_path.with_suffix(".ini"))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True"]


def test_start_imports_only_the_shown_page(db_path):
    """Pages are loaded by functions with the import inside: start-up imports the shown page's
    module and no other (the rest are warmed up in a worker later), and not the validation
    libraries of the forms (phonenumbers, email_validator: about 50 ms)."""
    code = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from crm_desktop.app import launch
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = launch(sys.argv[1], settings=settings, start_page="customers", offer_demo=False)
modules = [name for name in sys.modules if name.startswith("crm_desktop.ui.")
           and name.rsplit(".", 1)[-1].endswith("_page")
           and not name.startswith("crm_desktop.ui.pages.")]
print(" ".join(sorted(modules)))
print("phonenumbers" in sys.modules, "email_validator" in sys.modules)
window.close()
"""
    result = subprocess.run([sys.executable, "-c", code, str(db_path),
                             str(db_path.with_suffix(".ini"))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    shown, validation = result.stdout.splitlines()
    assert shown.split() == ["crm_desktop.ui.customers.customers_page"]
    assert validation == "False False"  # the form's validation libraries load with a form
