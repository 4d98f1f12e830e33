"""UI fixtures: settings in a temporary folder, an AppContext over the test database, and a
check that no worker thread outlives its test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

import crm_desktop.ui  # noqa: F401 - installs the PySide6 work-arounds before any test
from crm_desktop.storage.database import Database


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, qapp: object) -> Iterator[None]:
    """Every QSettings() of a test reads and writes a file under tmp_path, never ~/.config."""
    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("crm-desktop-tests")
    QCoreApplication.setApplicationName("crm-desktop-tests")
    folder = str(tmp_path / "settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    yield


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def context(db: Database, settings: QSettings) -> Iterator[object]:
    """An AppContext (own undo stack and runner); its jobs are stopped when the test ends."""
    from crm_desktop.ui.context import AppContext

    ctx = AppContext(db, settings=settings)
    yield ctx
    assert ctx.runner.shutdown(timeout_ms=10_000), "a worker thread did not stop"
    ctx.close_background()
