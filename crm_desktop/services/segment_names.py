"""Rename a behaviour segment (and undo it): the name is stored with the database
(``storage.segment_names``), audited, and shown wherever the segment shows (the result's
tables, charts and summary, the Act on list and the campaign named from it, the command line,
the customer's detail, the dashboard).

    out = rename_segment(db, "frequent_high_spenders", "Our regulars")
    undo_rename(db, out.value)       # back to what it was (the automatic name)
    rename_segment(db, "frequent_high_spenders", "")   # the automatic name again
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from crm_desktop.services.outcome import Outcome, write
from crm_desktop.storage.database_settings import put_setting
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.segment_names import MAX_LENGTH, SETTING_KEY, names_in

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database


@dataclass(frozen=True)
class Renamed:
    """A rename: the segment's key, its name before (None: the automatic one) and after."""

    key: str
    before: str | None
    after: str | None


def rename_segment(database: Database, key: str, name: str | None) -> Outcome[Renamed]:
    """Give segment ``key`` the name ``name`` (blank: its automatic name again). Raises
    ValidationError("name", ...) for a name too long or one another segment already has."""
    key = str(key).strip()
    if not key:
        raise ValidationError("segment", QT_TRANSLATE_NOOP("errors", "No segment chosen"))
    cleaned = " ".join(str(name or "").split()) or None
    if cleaned is not None and len(cleaned) > MAX_LENGTH:
        raise ValidationError("name", QT_TRANSLATE_NOOP(
            "errors", "A segment name has at most {0} characters (this one has {1})"),
            MAX_LENGTH, len(cleaned))

    def work(session: Session) -> Renamed:
        stored = names_in(session)
        if cleaned is not None:
            taken = [k for k, v in stored.items() if k != key and v.casefold() == cleaned.casefold()]
            if taken:
                raise ValidationError("name", QT_TRANSLATE_NOOP(
                    "errors", "Another segment is already called {0!r}"), cleaned)
        return _put(session, stored, key, cleaned)

    return write(database, work)


def undo_rename(database: Database, renamed: Renamed) -> Outcome[Renamed]:
    """Give the segment back the name it had before ``renamed``."""
    return write(database, lambda session: _put(session, names_in(session), renamed.key,
                                                renamed.before))


def _put(session: Session, stored: dict[str, str], key: str, name: str | None) -> Renamed:
    before = stored.get(key)
    if name is None:
        stored.pop(key, None)
    else:
        stored[key] = name
    put_setting(session, SETTING_KEY, dict(sorted(stored.items())) or None)
    return Renamed(key, before, name)
