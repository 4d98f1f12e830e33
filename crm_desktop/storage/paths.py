"""Where files live by default (platformdirs: the right folder on Windows, macOS and Linux)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "crm-desktop"


def data_dir() -> Path:
    path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "crm.db"
