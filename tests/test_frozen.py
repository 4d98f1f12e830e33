"""The frozen app's start-up settings (crm_desktop/frozen.py): nothing written beside the
executable, matplotlib's font list kept in the user's cache folder by the one-folder app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from crm_desktop import frozen


@pytest.fixture
def as_frozen(monkeypatch, tmp_path):
    """Pretend to be a PyInstaller executable; returns a function laying out the bundle."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "pyinstaller-temp"))

    def layout(executable: str, bundle: str) -> None:
        monkeypatch.setattr(sys, "executable", str(tmp_path / executable))
        monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / bundle), raising=False)

    return layout


def test_from_source_nothing_changes(monkeypatch, tmp_path):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mine"))
    before = sys.dont_write_bytecode
    frozen.configure()
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "mine")
    assert sys.dont_write_bytecode == before
    assert not frozen.is_frozen() and not frozen.is_one_folder()


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux cache folder")
@pytest.mark.parametrize(("executable", "bundle"), [
    ("dist/crm-desktop/crm-desktop", "dist/crm-desktop/_internal"),
    ("crm-desktop.app/Contents/MacOS/crm-desktop", "crm-desktop.app/Contents/Frameworks"),
])
def test_one_folder_keeps_the_font_list_in_the_user_cache(as_frozen, tmp_path, executable,
                                                         bundle):
    as_frozen(executable, bundle)
    assert frozen.is_one_folder()
    frozen.configure()
    assert sys.dont_write_bytecode  # no __pycache__ beside the bundled migration scripts
    config = Path(os.environ["MPLCONFIGDIR"])
    assert config == tmp_path / "cache" / "crm-desktop" / "matplotlib"
    assert config.is_dir()
    assert not (tmp_path / "dist" / "crm-desktop" / "matplotlib").exists()


def test_one_file_keeps_pyinstallers_temporary_folder(as_frozen, tmp_path):
    as_frozen("dist/crm-desktop", "tmp/_MEI123456")
    assert not frozen.is_one_folder()
    frozen.configure()
    assert sys.dont_write_bytecode
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "pyinstaller-temp")
