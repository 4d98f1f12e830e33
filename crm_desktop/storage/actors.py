"""Who the audit log names: the app's user stored in the database, this machine, the OS account.

`Database.actor` is the stored user (`stored_actor`, set when the database is created and
changed with `services.audit.set_actor`), else the OS account (`default_actor`); `machine_name`
is recorded beside it.
"""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine


def stored_actor(engine: Engine) -> str | None:
    """The app's user as stored in the settings (None before revision 0005 or when unset)."""
    import json

    from sqlalchemy import text

    from crm_desktop.models.audit import ACTOR_SETTING

    try:
        with engine.connect() as connection:
            value = connection.execute(
                text("SELECT value FROM settings WHERE key = :key"), {"key": ACTOR_SETTING}
            ).scalar()
    except Exception:  # no settings table: not a current database
        return None
    if value is None:
        return None
    name = json.loads(value) if isinstance(value, str) else value
    return str(name) if name else None


def machine_name() -> str:
    import socket

    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


def default_actor() -> str:
    """The OS account: only when the database stores no user (see revision 0005)."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes and services
        return os.environ.get("USER", "unknown")
