"""Settings that belong to a database, not to the computer (the `settings` table, JSON values):
the default currency, the custom fields offered for customers, the scoring rules, ...

Each write goes through the session, so the audit hook records it and it is undone like any
other change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.models import Setting


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return default if value is None else value


def put_setting(session: Session, key: str, value: Any) -> bool:
    """Store `value` under `key` (None removes the setting); True when something changed."""
    row = session.scalars(select(Setting).where(Setting.key == key)).one_or_none()
    if value is None:
        if row is None:
            return False
        session.delete(row)
        return True
    if row is None:
        session.add(Setting(key=key, value=value))
        return True
    if row.value == value:
        return False
    row.value = value  # a new object, so the change (and its audit entry) is seen
    return True
