"""Integrity stamps (storage.check_stamps): a quick command reads the whole file once, then
trusts the stamp while the file is unchanged; any change to the file (a write, flipped bytes,
even with its modification time put back) makes the next one check again, and damage found
drops the stamp. `check --full` always reads the whole file."""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from crm_desktop.cli import main
from crm_desktop.storage import check_stamps, direct
from crm_desktop.storage.database import Database
from tests.conftest import demo_database_file
from tests.reliability.faults import corrupt
from tests.reliability.faults import integrity as integrity_problems

PAGE = 4096
AN_HOUR_AGO = time.time() - 3600


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    return demo_database_file(tmp_path_factory, template_db, "stamps", 200, seed=5)


@pytest.fixture
def settled(tmp_path, demo, stamps) -> Path:
    """A copy of the demo database last written an hour ago (not "racy")."""
    path = tmp_path / "crm.db"
    shutil.copyfile(demo, path)
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return path


@pytest.mark.parametrize("command", [["stats"], ["search", "a"], ["check"]])
def test_a_quick_command_checks_once_then_trusts_the_stamp(capsys, settled, full_checks,
                                                          command):
    assert main([*command, "--db", str(settled)]) == 0
    assert full_checks == [settled]
    assert check_stamps.is_trusted(settled)
    for _ in range(2):
        assert main([*command, "--db", str(settled)]) == 0
    assert full_checks == [settled]  # not read again
    assert main(["stats", "--db", str(settled)]) == 0
    assert full_checks == [settled]  # a stamp is shared by every quick command


def test_damage_after_the_stamp_is_caught(capsys, settled):
    assert main(["stats", "--db", str(settled)]) == 0
    assert check_stamps.is_trusted(settled)
    capsys.readouterr()
    corrupt(settled, settled.stat().st_size // 2 // PAGE * PAGE, PAGE)
    assert integrity_problems(settled) != []  # precondition: SQLite sees the damage
    assert main(["stats", "--db", str(settled)]) == 1
    assert "is damaged" in capsys.readouterr().err
    assert not check_stamps.is_trusted(settled)


def test_damage_with_its_time_put_back_is_caught(capsys, settled):
    """Flipped bytes with the modification time restored: the change time still tells."""
    assert main(["stats", "--db", str(settled)]) == 0
    before = settled.stat()
    corrupt(settled, before.st_size // 2 // PAGE * PAGE, PAGE)
    os.utime(settled, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert settled.stat().st_mtime_ns == before.st_mtime_ns
    capsys.readouterr()
    assert main(["search", "a", "--db", str(settled)]) == 1
    assert "is damaged" in capsys.readouterr().err


def test_a_write_makes_the_next_command_check_again(capsys, settled, full_checks):
    import sqlite3

    assert main(["stats", "--db", str(settled)]) == 0
    with sqlite3.connect(settled) as connection:
        connection.execute("UPDATE products SET name = name || ' 2' WHERE id = 1")
    connection.close()
    assert not check_stamps.is_trusted(settled)
    assert main(["stats", "--db", str(settled)]) == 0
    assert full_checks == [settled, settled]


def test_a_file_written_just_now_is_not_stamped(capsys, tmp_path, demo, stamps, full_checks):
    """Racy: a write in the same tick of the file system's clock could leave the times as
    they were, so a file modified within RACY_SECONDS is checked every time."""
    path = tmp_path / "fresh.db"
    shutil.copyfile(demo, path)  # modified now
    for _ in range(2):
        assert main(["stats", "--db", str(path)]) == 0
    assert full_checks == [path, path]
    assert not check_stamps.is_trusted(path)


def test_check_full_always_reads_everything(capsys, settled, monkeypatch):
    reads: list[int] = []
    real = direct.damage_found
    monkeypatch.setattr(direct, "damage_found", lambda c: reads.append(1) or real(c))
    assert main(["check", "--db", str(settled)]) == 0
    assert check_stamps.is_trusted(settled) and reads == []
    for _ in range(2):
        assert main(["check", "--full", "--db", str(settled)]) == 0
    assert reads == [1, 1]
    assert "ok" in capsys.readouterr().out


def test_the_full_check_stamps_and_damage_drops_the_stamp(capsys, settled):
    assert main(["check", "--full", "--db", str(settled)]) == 0
    assert check_stamps.is_trusted(settled)
    check_stamps.forget(settled)
    database = Database(None, settled)  # what the app's background check runs
    database.verify()
    assert check_stamps.is_trusted(settled)
    corrupt(settled, settled.stat().st_size // 2 // PAGE * PAGE, PAGE)
    assert main(["check", "--db", str(settled)]) == 1
    assert "NOT OK" in capsys.readouterr().out
    assert not check_stamps.is_trusted(settled)


def test_the_stamp_file_is_private_and_a_bad_one_is_ignored(capsys, settled, stamps,
                                                          full_checks):
    assert main(["stats", "--db", str(settled)]) == 0
    stamp_file = stamps / check_stamps.FILE_NAME
    data = json.loads(stamp_file.read_text(encoding="utf-8"))
    assert list(data["stamps"]) == [str(settled.resolve())]
    if os.name == "posix":
        assert stat.S_IMODE(stamp_file.stat().st_mode) == 0o600
    assert [p.name for p in stamps.iterdir()] == [check_stamps.FILE_NAME]  # no temporary left
    stamp_file.write_text("{not json", encoding="utf-8")
    assert main(["stats", "--db", str(settled)]) == 0
    assert full_checks == [settled, settled]  # checked again, and stamped again
    assert check_stamps.is_trusted(settled)


def test_a_copy_elsewhere_is_not_trusted(settled, tmp_path, stamps):
    assert direct.open_current(settled).close() is None
    assert check_stamps.is_trusted(settled)
    other = tmp_path / "copy.db"
    shutil.copy2(settled, other)  # same size and times, another file
    assert not check_stamps.is_trusted(other)


def test_only_the_newest_stamps_are_kept(tmp_path, stamps, monkeypatch):
    monkeypatch.setattr(check_stamps, "KEEP", 3)
    files = []
    for i in range(5):
        path = tmp_path / f"f{i}.db"
        path.write_bytes(b"x" * 100)
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
        assert check_stamps.record(path, check_stamps.state_of(path))
        files.append(path)
    assert [check_stamps.is_trusted(path) for path in files] == [False, False, True, True, True]
