"""The command line on encrypted databases: `--passphrase-env NAME` on every command that opens
one, `encrypt` / `decrypt` / `passphrase`, backups that stay encrypted, exports that need
`--allow-plaintext`, and files readable by the user only."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop.cli import build_parser, main
from crm_desktop.storage import encryption

NAMES = ("Zhang Weiming Trading", "北京星辰科技有限公司")


@pytest.fixture
def passphrases(monkeypatch):
    monkeypatch.setenv("CRM_TEST_KEY", "first secret")
    monkeypatch.setenv("CRM_TEST_NEW_KEY", "second secret")


@pytest.fixture
def secret_db(tmp_path, passphrases, capsys):
    path = tmp_path / "secret.db"
    assert main(["demo", "--db", str(path), "--customers", "20", "--passphrase-env",
                 "CRM_TEST_KEY"]) == 0
    from crm_desktop.services.customers import CustomerForm, save_customer
    from crm_desktop.storage.database import open_database

    with open_database(path, passphrase="first secret") as database:
        for name in NAMES:
            save_customer(database, None, CustomerForm({"name": name}))
    capsys.readouterr()
    return path


def _stats(capsys, path: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["stats", "--db", str(path), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_command_that_takes_db_takes_passphrase_env():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    missing = [name for name, sub in subparsers.choices.items()
               if any(a.dest == "db" for a in sub._actions)
               and not any(a.dest == "passphrase_env" for a in sub._actions)]
    assert missing == []


def test_stats_reads_an_encrypted_database_with_its_passphrase(capsys, secret_db):
    data = secret_db.read_bytes()
    assert not any(name.encode() in data for name in NAMES)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(secret_db).execute("SELECT * FROM customers").fetchall()
    code, out, _err = _stats(capsys, secret_db, "--passphrase-env", "CRM_TEST_KEY")
    assert code == 0 and "customers" in out and "22" in out


def test_missing_wrong_and_unset_passphrases_are_one_line(capsys, secret_db, monkeypatch):
    code, _out, err = _stats(capsys, secret_db)
    assert code == 1 and err.count("\n") == 1
    assert "is encrypted: a passphrase is needed" in err
    code, _out, err = _stats(capsys, secret_db, "--passphrase-env", "CRM_TEST_NEW_KEY")
    assert code == 1 and err.count("\n") == 1 and "wrong passphrase" in err
    code, _out, err = _stats(capsys, secret_db, "--passphrase-env", "CRM_NOT_SET")
    assert code == 1 and "CRM_NOT_SET is not set" in err


def test_wrong_passphrase_in_a_fresh_process_prints_only_one_line(secret_db, passphrases):
    """SQLCipher logs a failed HMAC check on stderr: the one line must be the only one."""
    result = subprocess.run(
        [sys.executable, "-m", "crm_desktop", "stats", "--db", str(secret_db),
         "--passphrase-env", "CRM_TEST_NEW_KEY"],
        capture_output=True, text=True, timeout=120, env=os.environ.copy())
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"crm-desktop: error: {secret_db}: wrong passphrase (or the file is not a crm-desktop "
        "database)"]


def test_passphrase_then_decrypt_then_encrypt(capsys, secret_db, tmp_path):
    assert main(["passphrase", "--db", str(secret_db), "--passphrase-env", "CRM_TEST_KEY",
                 "--new-passphrase-env", "CRM_TEST_NEW_KEY"]) == 0
    assert _stats(capsys, secret_db, "--passphrase-env", "CRM_TEST_KEY")[0] == 1
    assert _stats(capsys, secret_db, "--passphrase-env", "CRM_TEST_NEW_KEY")[0] == 0

    assert main(["decrypt", "--db", str(secret_db), "--passphrase-env", "CRM_TEST_NEW_KEY"]) == 0
    code, plain_out, _err = _stats(capsys, secret_db)
    assert code == 0 and any(name.encode() in secret_db.read_bytes() for name in NAMES)

    assert main(["encrypt", "--db", str(secret_db), "--new-passphrase-env", "CRM_TEST_KEY"]) == 0
    assert not any(name.encode() in secret_db.read_bytes() for name in NAMES)
    code, out, _err = _stats(capsys, secret_db, "--passphrase-env", "CRM_TEST_KEY")
    assert code == 0 and out == plain_out


def test_encrypt_reports_and_deletes_plain_backups(capsys, db, db_path, passphrases):
    db.close()
    assert main(["backup", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["encrypt", "--db", str(db_path), "--new-passphrase-env", "CRM_TEST_KEY"]) == 0
    assert "1 unencrypted backups remain" in capsys.readouterr().err
    assert main(["decrypt", "--db", str(db_path), "--passphrase-env", "CRM_TEST_KEY"]) == 0
    assert main(["encrypt", "--db", str(db_path), "--new-passphrase-env", "CRM_TEST_KEY",
                 "--delete-plain-backups"]) == 0
    assert "deleted 1 unencrypted backups" in capsys.readouterr().err
    assert list((db_path.parent / "backups").iterdir()) == []


def test_backup_stays_encrypted(capsys, secret_db, tmp_path):
    out = tmp_path / "copy.db"
    assert main(["backup", "--db", str(secret_db), "--out", str(out), "--passphrase-env",
                 "CRM_TEST_KEY"]) == 0
    assert encryption.is_encrypted(out)
    assert not any(name.encode() in out.read_bytes() for name in NAMES)
    capsys.readouterr()
    assert main(["backup", "--db", str(secret_db), "--out", str(tmp_path / "x.db")]) == 1
    assert "passphrase is needed" in capsys.readouterr().err


def test_export_needs_allow_plaintext(capsys, secret_db, tmp_path):
    out = tmp_path / "customers.csv"
    assert main(["export", "--db", str(secret_db), "--passphrase-env", "CRM_TEST_KEY",
                 "--out", str(out)]) == 1
    assert "--allow-plaintext" in capsys.readouterr().err and not out.exists()
    assert main(["export", "--db", str(secret_db), "--passphrase-env", "CRM_TEST_KEY",
                 "--out", str(out), "--allow-plaintext"]) == 0
    assert NAMES[1] in out.read_text(encoding="utf-8-sig")


def test_files_written_are_readable_by_the_user_only(tmp_path):
    """Under a permissive umask, the command line still writes the database, its WAL/SHM,
    backups and (Qt) settings as 0600."""
    script = f"""
import os
os.umask(0o022)
from crm_desktop.cli import main
db = {str(tmp_path / "crm.db")!r}
assert main(["demo", "--db", db, "--customers", "5"]) == 0
assert main(["backup", "--db", db]) == 0
from crm_desktop.storage.database import open_database
database = open_database(db)
database.engine.connect().exec_driver_sql("SELECT 1").all()  # keep -wal/-shm in place
from PySide6.QtCore import QSettings
settings = QSettings({str(tmp_path / "settings.ini")!r}, QSettings.Format.IniFormat)
settings.setValue("a", 1)
settings.sync()
import logging
logging.getLogger("x").addHandler(logging.FileHandler({str(tmp_path / "crm.log")!r}))
logging.getLogger("x").warning("logged")
import stat
for folder in ({str(tmp_path)!r}, {str(tmp_path / "backups")!r}):
    for name in sorted(os.listdir(folder)):
        print(name, oct(stat.S_IMODE(os.stat(os.path.join(folder, name)).st_mode)))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    modes = dict(line.split() for line in result.stdout.splitlines() if line.count(" ") == 1)
    written = {"crm.db", "crm.db-wal", "crm.db-shm", "settings.ini", "crm.log"}
    assert written <= set(modes), modes
    assert any(name.startswith("crm-backup-") for name in modes), modes
    assert modes.pop("backups") == "0o700"
    assert set(modes.values()) == {"0o600"}, modes


def test_an_existing_world_readable_database_is_made_private(db, db_path):
    db.close()
    os.chmod(db_path, 0o644)
    from crm_desktop.storage.database import open_database

    open_database(db_path).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_report_out_needs_allow_plaintext(capsys, secret_db, tmp_path):
    out = tmp_path / "report.csv"
    args = ["report", "sales", "--by", "owner", "--db", str(secret_db), "--passphrase-env", "CRM_TEST_KEY",
            "--out", str(out)]
    assert main(args) == 1
    assert "--allow-plaintext" in capsys.readouterr().err and not out.exists()
    assert main([*args, "--allow-plaintext"]) == 0 and out.exists()
