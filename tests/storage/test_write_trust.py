"""A command that writes trusts a stamp only while the file's last full read is recent
(storage.check_stamps.RECENT_READ): adding one row to a large file does not read it all first
when it was read whole within the day; an older read, a changed file, or damage still make it
read everything (and damage still stops the write). Our refresh after the write keeps the
stamp's read time, so trust does not renew itself without a full read."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from crm_desktop.cli import main
from crm_desktop.storage import check_stamps
from crm_desktop.storage.database import open_database
from tests.conftest import demo_database_file
from tests.reliability.faults import corrupt

PAGE = 4096
AN_HOUR_AGO = time.time() - 3600


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    return demo_database_file(tmp_path_factory, template_db, "write-trust", 200, seed=11)


@pytest.fixture
def stamped(tmp_path, demo, stamps, full_checks, capsys) -> Path:
    """A copy of the demo last written an hour ago, read whole (and stamped) just now."""
    path = tmp_path / "crm.db"
    shutil.copyfile(demo, path)
    path.chmod(0o600)
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    assert main(["stats", "--db", str(path)]) == 0
    assert full_checks == [path]
    full_checks.clear()
    capsys.readouterr()
    return path


@pytest.fixture
def one_row(tmp_path) -> Path:
    csv = tmp_path / "one.csv"
    csv.write_text("name,email\nZed Quux,zed.quux@example.org\n", encoding="utf-8")
    return csv


def _import(path: Path, csv: Path) -> int:
    return main(["import", str(csv), "--db", str(path)])


def _has_zed(path: Path) -> bool:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT count(*) FROM customers WHERE name = 'Zed Quux'").fetchone()[0] == 1
    finally:
        connection.close()


def _stamp_of(path: Path, stamps: Path) -> dict:
    data = json.loads((stamps / check_stamps.FILE_NAME).read_text(encoding="utf-8"))
    return data["stamps"][str(path.resolve())]


def _age_the_read(path: Path, stamps: Path, seconds: float) -> None:
    file = stamps / check_stamps.FILE_NAME
    data = json.loads(file.read_text(encoding="utf-8"))
    data["stamps"][str(path.resolve())]["read_at"] = time.time() - seconds
    file.write_text(json.dumps(data), encoding="utf-8")


def test_a_write_after_a_recent_full_read_does_not_read_again(capsys, stamped, stamps,
                                                               full_checks, one_row):
    read_at = _stamp_of(stamped, stamps)["read_at"]
    assert _import(stamped, one_row) == 0
    assert full_checks == []
    assert _has_zed(stamped)
    assert check_stamps.is_trusted(stamped)  # our own write refreshed the stamp...
    assert _stamp_of(stamped, stamps)["read_at"] == read_at  # ...but not the read's time
    assert main(["search", "Zed", "--db", str(stamped)]) == 0
    assert "Zed Quux" in capsys.readouterr().out
    assert full_checks == []


def test_a_write_reads_the_whole_file_when_the_last_read_is_a_day_old(stamped, stamps,
                                                                      full_checks, one_row):
    _age_the_read(stamped, stamps, check_stamps.RECENT_READ + 60)
    assert check_stamps.is_trusted(stamped)  # the quick reads still trust it
    assert not check_stamps.is_trusted(stamped, read_within=check_stamps.RECENT_READ)
    assert _import(stamped, one_row) == 0
    assert full_checks == [stamped]
    assert time.time() - _stamp_of(stamped, stamps)["read_at"] < 60  # read now: renewed


def test_a_stamp_from_before_read_times_is_not_trusted_for_writes(stamped, stamps,
                                                                  full_checks, one_row):
    file = stamps / check_stamps.FILE_NAME
    data = json.loads(file.read_text(encoding="utf-8"))
    del data["stamps"][str(stamped.resolve())]["read_at"]
    file.write_text(json.dumps(data), encoding="utf-8")
    assert _import(stamped, one_row) == 0
    assert full_checks == [stamped]


def test_a_foreign_change_makes_a_write_read_everything(stamped, full_checks, one_row):
    connection = sqlite3.connect(stamped)
    with connection:
        connection.execute("UPDATE products SET name = 'Foreign' WHERE id = 1")
    connection.close()
    assert _import(stamped, one_row) == 0
    assert full_checks == [stamped]


def test_damage_after_the_stamp_stops_the_write(capsys, stamped, one_row):
    corrupt(stamped, stamped.stat().st_size // 2 // PAGE * PAGE, PAGE)
    assert _import(stamped, one_row) == 1
    assert "is damaged" in capsys.readouterr().err
    assert not check_stamps.is_trusted(stamped)


def test_the_app_still_reads_the_whole_file_before_its_first_write(stamped, full_checks):
    database = open_database(stamped)  # the app's way: no trust in a stamp
    database.close()
    assert full_checks == [stamped]
