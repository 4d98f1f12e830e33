"""Damaged files (finding 1): 4 KB of flipped bytes are caught before use. The commands that
open a database refuse it with one line naming the newest good backup and the restore command;
a damaged database is never backed up, so rotation never replaces the good backups; the damage
injected at random offsets is reported whenever SQLite can see it."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop.cli import main
from crm_desktop.storage.backup import auto_backup, backups, inspect_backup, restore
from crm_desktop.storage.database import open_database
from crm_desktop.storage.errors import DamagedDatabase, DatabaseError, StorageError
from crm_desktop.storage.maintenance import check
from tests.conftest import demo_database_file
from tests.reliability.faults import ROOT, corrupt, environment, integrity, seeds

pytestmark = pytest.mark.reliability
PAGE = 4096


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    return demo_database_file(tmp_path_factory, template_db, "corruption", 300, seed=3)


@pytest.fixture
def damaged(tmp_path, demo):
    """A copy of the demo database with three good automatic backups, then 4 KB in the middle
    of the file flipped."""
    path = tmp_path / "crm.db"
    shutil.copyfile(demo, path)
    good = [auto_backup(path, keep=3) for _ in range(3)]
    size = path.stat().st_size
    corrupt(path, size // 2 // PAGE * PAGE, PAGE)
    assert integrity(path) != []  # precondition: SQLite sees the damage
    return path, good


def _one_line_naming_backup(err: str, path: Path, newest: Path) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0] and "damaged" in lines[0]
    assert str(newest) in lines[0] and "crm-desktop restore --db" in lines[0]


@pytest.mark.parametrize("command", [
    ["stats"], ["search", "Kunde"], ["export", "--out", "{tmp}/out.csv"],
    ["import", "{tmp}/in.csv"], ["analytics", "kpis"],
    ["screenshot", "--page", "customers", "--out", "{tmp}/shot.png"],
])
def test_commands_refuse_a_damaged_database(capsys, tmp_path, damaged, command):
    path, good = damaged
    (tmp_path / "in.csv").write_text("Name,Email\nZed,zed@example.com\n", encoding="utf-8")
    code = main([*(part.format(tmp=tmp_path) for part in command), "--db", str(path)])
    out, err = capsys.readouterr()
    assert code != 0
    _one_line_naming_backup(err, path, good[-1])
    assert not (tmp_path / "shot.png").exists() and not (tmp_path / "out.csv").exists()


def test_the_real_command_exits_non_zero(damaged):
    path, good = damaged
    result = subprocess.run([sys.executable, "-m", "crm_desktop", "stats", "--db", str(path)],
                            capture_output=True, text=True, env=environment(), cwd=ROOT,
                            timeout=120)
    assert result.returncode == 1 and result.stdout == ""
    _one_line_naming_backup(result.stderr, path, good[-1])


def test_check_reports_the_damage_and_the_backup(capsys, damaged):
    path, good = damaged
    assert main(["check", "--db", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "NOT OK" in out, err and str(good[-1]) in out


def test_three_startup_backups_keep_the_good_ones(damaged, tmp_path):
    """Three starts of the app on the damaged database: no backup is made, none is deleted
    (before, rotation replaced all three good backups with copies of the damaged file)."""
    from PySide6.QtCore import QSettings

    from crm_desktop.ui.backup_actions import auto_backup_if_due

    path, good = damaged
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("backup/keep", 3)
    for _ in range(3):
        assert auto_backup_if_due(path, "startup", settings) is None
    assert backups(path.parent / "backups") == good
    assert all(inspect_backup(made).customers == 300 for made in good)
    with pytest.raises(DamagedDatabase):
        auto_backup(path, keep=3)


def test_restoring_the_named_backup_brings_everything_back(damaged, demo):
    path, good = damaged
    with pytest.raises(DamagedDatabase) as caught:
        open_database(path)
    assert caught.value.backup == good[-1]
    safety = restore(path, caught.value.backup)
    assert safety is not None and safety.name.startswith("damaged-")  # kept, never "good"
    database = open_database(path)
    try:
        assert check(database).ok
    finally:
        database.close()
    assert integrity(path) == []
    with pytest.raises(DamagedDatabase) as again:  # the kept damaged copy is not a backup
        open_database(safety)
    assert again.value.backup != safety


@pytest.mark.parametrize("seed", seeds(8))
def test_corruption_at_a_random_offset(tmp_path, demo, seed):
    """4 KB of random bytes at a random offset: when SQLite's full integrity check can see the
    damage, opening reports it (one line) and no backup is made over the good ones; otherwise
    (bytes inside a text value: SQLite keeps no checksums) the file still works."""
    rng = random.Random(seed)
    path = tmp_path / "crm.db"
    shutil.copyfile(demo, path)
    good = [auto_backup(path, keep=3) for _ in range(3)]
    corrupt(path, rng.randrange(0, path.stat().st_size - 1), PAGE, seed=seed)
    visible = integrity(path) != []
    try:
        database = open_database(path)
    except DatabaseError as error:
        assert visible, f"reported damage integrity_check does not see: {error}"
        assert "\n" not in str(error) and str(path) in str(error)
    else:
        database.close()
        assert not visible, "damage integrity_check sees was not reported on opening"
    try:
        auto_backup(path, keep=3)
    except StorageError as error:
        assert visible, f"a backup of a file integrity_check finds whole failed: {error}"
    else:
        assert not visible, "a damaged database was backed up"
    kept = backups(path.parent / "backups")
    assert all(made in kept for made in good) or not visible
    assert all(inspect_backup(made).customers == 300 for made in kept)
