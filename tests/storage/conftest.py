"""Fixtures of the integrity-stamp tests (test_check_stamps, test_stamp_keeping)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_desktop.storage import check_stamps, integrity


@pytest.fixture
def stamps(tmp_path, monkeypatch) -> Path:
    """A stamp folder of the test's own (not the user's cache)."""
    folder = tmp_path / "stamps"
    monkeypatch.setenv(check_stamps.CHECK_STAMPS_ENV, str(folder))
    return folder


@pytest.fixture
def full_checks(monkeypatch) -> list[Path]:
    """The files `PRAGMA quick_check` read, in order."""
    seen: list[Path] = []
    real = integrity.quick_check

    def counted(path, *args, **kwargs):
        seen.append(Path(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(integrity, "quick_check", counted)
    return seen
