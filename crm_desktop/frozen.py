"""Start-up settings of the frozen app (PyInstaller, see build.spec); nothing from source.

The frozen app writes nothing next to its executable, where it may be installed read-only
(Program Files, /Applications) or shared:

- Alembic reads the migration scripts as .py files from the bundle, and Python would leave a
  ``__pycache__`` beside them: bytecode is not written at all.
- PyInstaller's matplotlib hook points MPLCONFIGDIR at a new temporary folder on every start, so
  the font list (a scan of every installed font, seconds with CJK fonts) would be rebuilt before
  each session's first chart. The one-folder app, whose files stay where they are, keeps it in
  the user's cache folder instead. (The one-file app unpacks into a new folder each time, so a
  kept font list would point at files gone: it keeps PyInstaller's temporary folder.)

Settings (QSettings: the registry, ~/Library/Preferences, ~/.config), the database and its
backups (the user data folder, :mod:`crm_desktop.storage.paths`) are where they are from source.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "crm-desktop"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def is_one_folder() -> bool:
    """The bundle's files live beside the executable (one-folder: ``_internal/``, or a macOS
    .app's ``Contents/Frameworks``), not in a folder the one-file app unpacked itself into."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:
        return False
    bundle_path = Path(bundle).resolve()
    executable = Path(sys.executable).resolve()
    # The one-file app unpacks into a new _MEIxxxxxx folder (in the temporary folder) each time.
    return not bundle_path.name.startswith("_MEI") and \
        bundle_path.parent in (executable.parent, executable.parent.parent)


def matplotlib_config_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "matplotlib"


def configure() -> None:
    """Called first thing by the entry point (``crm_desktop/__main__.py``), in every process of
    the frozen app; does nothing when running from source."""
    if not is_frozen():
        return
    sys.dont_write_bytecode = True
    if is_one_folder():
        folder = matplotlib_config_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # keep PyInstaller's temporary folder
        os.environ["MPLCONFIGDIR"] = str(folder)
