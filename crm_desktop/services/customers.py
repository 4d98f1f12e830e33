"""Customer operations shared by the UI and the command line: create and edit with emails and
phones, link a person to a company by name, the stay-in-touch cadence, relationships between
customers, merging two customers and undoing a merge.

Each write is one audited transaction returning an `Outcome`; what an undo needs comes back in
its value (an edit returns the state before and after, a cadence change what it replaced).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from crm_desktop.services.customer_fields import clean_form_values
from crm_desktop.services.editing import Edit, edit_fields
from crm_desktop.services.outcome import Outcome, write
from crm_desktop.storage import activities, query, relationships
from crm_desktop.storage import customers as store
from crm_desktop.storage import merge as merging
from crm_desktop.storage.companies import find_or_create_company
from crm_desktop.storage.customer_details import CustomerState, customer_state
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.validation import DEFAULT_REGION

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database


@dataclass(frozen=True)
class CustomerForm:
    """What the customer dialog (or a command) gives: `values` are EDITABLE_FIELDS as typed;
    `company` is the company's name for a person (found, or created when new)."""

    values: Mapping[str, Any]
    emails: Sequence[str] = ()
    phones: Sequence[str] = ()
    company: str | None = None
    region: str = DEFAULT_REGION


@dataclass(frozen=True)
class SavedCustomer:
    id: int
    created: bool
    before: CustomerState | None  # None for a new customer
    after: CustomerState


def save_customer(database: Database, customer_id: int | None,
                  form: CustomerForm) -> Outcome[SavedCustomer]:
    """Create (`customer_id` None) or edit a customer with its emails and phones.

    An edit writes only what changed, so an unchanged status keeps its `churned_at`. With a
    stay-in-touch cadence the next follow-up task is scheduled. A custom field used for the
    first time joins the fields offered for every customer (`storage.suggestions`)."""
    values = clean_form_values(form.values)

    def work(session: Session) -> SavedCustomer:
        kind = values.get("kind", "person")
        values["company_id"] = (find_or_create_company(session, form.company, customer_id)
                                if form.company and kind == "person" else None)
        if customer_id is None:
            new_id = store.create_customer(session, values, list(form.emails),
                                           list(form.phones), form.region).id
            before = None
        else:
            new_id = customer_id
            before = customer_state(session, customer_id)
            changed = {key: value for key, value in values.items()
                       if before.values.get(key) != value}
            emails = list(form.emails) if list(form.emails) != before.emails() else None
            phones = list(form.phones) if list(form.phones) != before.phones() else None
            store.update_customer(session, customer_id, changed, emails, phones, form.region)
        if values.get("touch_every_days"):
            activities.schedule_follow_up(session, new_id)
        if values.get("custom_fields"):
            store.remember_custom_field_keys(session, values["custom_fields"])
        return SavedCustomer(new_id, customer_id is None, before, customer_state(session, new_id))

    return write(database, work)


def restore_customer(database: Database, state: CustomerState) -> Outcome[int]:
    """Write a customer's saved state back (the undo and redo of an edit): every field,
    `churned_at` included, and the contacts with their labels."""
    def work(session: Session) -> int:
        contacts = {kind: [store.ContactInput(c.kind, c.value, c.label, c.is_primary)
                           for c in state.contacts if c.kind == kind]
                    for kind in ("email", "phone")}
        store.update_customer(session, state.id, dict(state.values), contacts["email"],
                              contacts["phone"])
        return state.id

    return write(database, work)


# Stay in touch -------------------------------------------------------------------------------
@dataclass(frozen=True)
class CadenceChange:
    """What `set_cadence` replaced: the previous cadence and the follow-up task it created or
    moved (with that task's previous due time)."""

    customer_id: int
    previous_days: int | None
    created_task: int | None = None
    moved_task: tuple[int, datetime | None] | None = None


def set_cadence(database: Database, customer_id: int,
                days: int | None) -> Outcome[CadenceChange]:
    """Stay in touch every `days` days (None or 0: stop); schedules the next follow-up."""
    if days is not None and days < 0:
        raise ValidationError("touch_every_days", QT_TRANSLATE_NOOP("errors", "cannot be negative"))
    from crm_desktop.models import Customer

    def work(session: Session) -> CadenceChange:
        previous = query.get(session, Customer, customer_id).touch_every_days
        existing = activities.open_follow_up(session, customer_id)
        old_due = (existing.id, existing.due_at) if existing is not None else None
        query.update(session, Customer, customer_id, touch_every_days=days or None)
        task = activities.schedule_follow_up(session, customer_id) if days else None
        if task is None:
            return CadenceChange(customer_id, previous)
        if old_due is not None and task.id == old_due[0]:
            return CadenceChange(customer_id, previous, moved_task=old_due)
        return CadenceChange(customer_id, previous, created_task=task.id)

    return write(database, work)


def revert_cadence(database: Database, change: CadenceChange) -> Outcome[int]:
    """Undo `set_cadence`: the previous cadence back, its follow-up task removed or moved back."""
    from crm_desktop.models import Customer, Interaction

    def work(session: Session) -> int:
        query.update(session, Customer, change.customer_id,
                     touch_every_days=change.previous_days)
        if change.created_task is not None:
            task = session.get(Interaction, change.created_task)
            if task is not None:
                session.delete(task)
        if change.moved_task is not None:
            task_id, due = change.moved_task
            moved = session.get(Interaction, task_id)
            if moved is not None:
                moved.due_at = due
        return change.customer_id

    return write(database, work)


# Relationships -------------------------------------------------------------------------------
@dataclass(frozen=True)
class LinkValues:
    kind: str = "other"
    strength: float = 0.5
    since: Any = None  # a date, or text storage parses
    notes: str | None = None


def link_customers(database: Database, source_id: int, target_id: int,
                   values: LinkValues = LinkValues()) -> Outcome[int]:
    """A new relationship source -> target (undo: `records.trash("relationships", ...)`)."""
    return write(database, lambda session: relationships.create_relationship(
        session, source_id, target_id, values.kind, values.strength, values.since,
        values.notes).id)


def update_relationship(database: Database, relationship_id: int,
                        values: Mapping[str, Any]) -> Outcome[Edit[dict[str, Any]]]:
    """Change kind, strength, since, notes or the target of a relationship (checked as a new
    link is); the value says what changed, for the undo."""
    from crm_desktop.models import Relationship

    def work(session: Session) -> Edit[dict[str, Any]]:
        current = query.get(session, Relationship, relationship_id)
        return edit_fields(current, values, lambda changed: relationships.update_relationship(
            session, relationship_id, **changed))

    return write(database, work)


# Merge ---------------------------------------------------------------------------------------
def merge_customers(database: Database, survivor_id: int, loser_id: int,
                    choices: Mapping[str, str] | None = None) -> Outcome[int]:
    """Merge `loser_id` into `survivor_id` (see storage.merge); the value is the merge id that
    `unmerge` takes."""
    return write(database, lambda session: merging.merge_customers(
        session, survivor_id, loser_id, dict(choices or {})))


def unmerge(database: Database, merge_id: int) -> Outcome[tuple[int, int]]:
    """Undo a merge: both customers and everything that moved are put back."""
    return write(database, lambda session: merging.undo_merge(session, merge_id))
