"""The names users gave behaviour segments (the ``settings`` row ``segment_names``: a JSON
object name key -> name, e.g. {"frequent_high_spenders": "Our regulars"}).

A segment is known by its name key (``analytics.segment_profiles``: chosen from its profile,
numbered by revenue when two segments share one: ``lapsed_frequent_2``). Running the
segmentation again gives a segment whose profile reads the same the same key, so a name the
user gave stays with it; a segment whose profile changed enough to get another key shows its
automatic name until it is renamed. No table of its own: the names are few, and a setting is
audited and undone like any other change (written by ``services.segment_names``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

SETTING_KEY = "segment_names"
MAX_LENGTH = 60  # a name fits a table column, a chart axis and a combo box


def parsed(value: Any) -> dict[str, str]:
    """The stored value (JSON text or already decoded) as name key -> name."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if isinstance(v, str) and v.strip()}


def segment_names(database: Database | None) -> dict[str, str]:
    """Name key -> the name the user gave ({} without a database or any name)."""
    if database is None:
        return {}
    with database.engine.connect() as connection:
        row = connection.execute(text("SELECT value FROM settings WHERE key = :key"),
                                 {"key": SETTING_KEY}).first()
    return {} if row is None else parsed(row[0])


def names_in(session: Session) -> dict[str, str]:
    """The same, read in a session (a write's transaction)."""
    from crm_desktop.storage.database_settings import get_setting

    return parsed(get_setting(session, SETTING_KEY, {}))
