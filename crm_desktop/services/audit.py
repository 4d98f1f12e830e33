"""Who the audit log names: the app's user, stored in the database's settings.

`identity(database)` is (actor, machine); `set_actor(database, name)` changes the name (one
audited transaction: the log records who renamed whom). The OS account is stored when the
database is created (revision 0005), not read from the environment at every write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from crm_desktop.models import Setting
from crm_desktop.models.audit import ACTOR_SETTING
from crm_desktop.services.outcome import Outcome, write
from crm_desktop.storage.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

MAX_ACTOR_LENGTH = 100


def identity(database: Database) -> tuple[str, str]:
    """(the name the audit log records, this computer's name)."""
    return database.actor, database.machine


def clean_actor(name: str) -> str:
    """The name as stored, or a `ValidationError` for the field 'actor'."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError("actor", "the name cannot be empty")
    if len(cleaned) > MAX_ACTOR_LENGTH:
        raise ValidationError("actor", f"the name is longer than {MAX_ACTOR_LENGTH} characters")
    if any(not ch.isprintable() for ch in cleaned):
        raise ValidationError("actor", "the name contains control characters")
    return cleaned


def set_actor(database: Database, name: str) -> Outcome[str]:
    """Store `name` as the app's user; later writes are recorded under it."""
    cleaned = clean_actor(name)

    def work(session: Session) -> str:
        row = session.scalars(select(Setting).where(Setting.key == ACTOR_SETTING)).one_or_none()
        if row is None:
            session.add(Setting(key=ACTOR_SETTING, value=cleaned))
        else:
            row.value = cleaned
        return cleaned

    outcome = write(database, work)
    database.actor = cleaned
    return outcome
