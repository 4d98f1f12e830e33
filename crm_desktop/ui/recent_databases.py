"""The databases opened lately (File > Open recent), newest first, kept in the settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recent/databases"
MAX_RECENT = 8


def listed(settings: QSettings) -> list[str]:
    value = settings.value(KEY, [])
    if isinstance(value, str):  # QSettings gives one remembered path back as a plain string
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def remember(settings: QSettings, path: Path | str | None) -> None:
    """Put ``path`` first (an in-memory database, None, is not remembered)."""
    if path is None:
        return
    resolved = str(Path(path).resolve())
    recent = [p for p in listed(settings) if p != resolved]
    settings.setValue(KEY, [resolved, *recent][:MAX_RECENT])
