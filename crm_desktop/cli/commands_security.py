"""`encrypt`, `decrypt` and `passphrase`: encryption at rest of a database file (SQLCipher).

Passphrases come from environment variables the user names (`--passphrase-env NAME`,
`--new-passphrase-env NAME`), never from the command line. Close the app on that database
first: the file is rewritten beside itself and renamed into place.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crm_desktop.cli.common import add_db_argument, add_passphrase_argument, passphrase_of
from crm_desktop.storage.errors import DatabaseError


def register(subparsers: Any) -> None:
    enc = subparsers.add_parser("encrypt", help="encrypt a plain database with a passphrase")
    add_db_argument(enc)
    add_passphrase_argument(enc, "--new-passphrase-env", "the new passphrase")
    enc.add_argument("--delete-plain-backups", action="store_true",
                     help="also delete the unencrypted backups in its backups folder")
    enc.set_defaults(handler=run_encrypt)

    dec = subparsers.add_parser("decrypt", help="turn an encrypted database into a plain one")
    add_db_argument(dec)
    dec.set_defaults(handler=run_decrypt)

    change = subparsers.add_parser("passphrase", help="change the passphrase of a database")
    add_db_argument(change)
    add_passphrase_argument(change, "--new-passphrase-env", "the new passphrase")
    change.set_defaults(handler=run_change)


def _new_passphrase(args: argparse.Namespace) -> str:
    new = passphrase_of(args, "new_passphrase_env")
    if new is None:
        raise DatabaseError("give the new passphrase with --new-passphrase-env NAME")
    return new


def _old_passphrase(args: argparse.Namespace) -> str:
    old = passphrase_of(args)
    if old is None:
        raise DatabaseError(f"{args.db} is encrypted: give its passphrase with "
                            "--passphrase-env NAME")
    return old


def run_encrypt(args: argparse.Namespace) -> int:
    from crm_desktop.storage import backup, encryption

    new = _new_passphrase(args)
    encryption.encrypt(args.db, new)
    print(f"{args.db} is now encrypted", file=sys.stderr)
    plain = [path for path in backup.backups(backup.default_folder(args.db))
             if not encryption.is_encrypted(path)]
    if plain and args.delete_plain_backups:
        for path in plain:
            path.unlink(missing_ok=True)
        print(f"deleted {len(plain)} unencrypted backups", file=sys.stderr)
    elif plain:
        print(f"warning: {len(plain)} unencrypted backups remain in "
              f"{backup.default_folder(args.db)} (--delete-plain-backups removes them)",
              file=sys.stderr)
    return 0


def run_decrypt(args: argparse.Namespace) -> int:
    from crm_desktop.storage import encryption

    encryption.decrypt(args.db, _old_passphrase(args))
    print(f"{args.db} is now unencrypted", file=sys.stderr)
    return 0


def run_change(args: argparse.Namespace) -> int:
    from crm_desktop.storage import encryption

    old, new = _old_passphrase(args), _new_passphrase(args)
    encryption.change_passphrase(args.db, old, new)
    print(f"the passphrase of {args.db} is changed (earlier backups keep the old one)",
          file=sys.stderr)
    return 0
