"""Merging two customers into one, and undoing it.

`merge_customers(session, survivor_id, loser_id, choices)` keeps the survivor, takes the fields
the user chose from the loser, moves the loser's contact points (those the survivor does not
already have) and every record that points at the loser (orders, quotes, opportunities,
contracts, tickets, interactions, survey responses, campaign memberships, relationships, the
people of a company) to the survivor, and moves the loser to the trash. Everything goes
through the ORM session, so the audit log records each change.

Before changing anything it records a snapshot in one audit entry (action 'merge', the JSON in
`new_value`): both customers' columns, their contact points, and which rows were moved,
trashed or folded together. `undo_merge(session, merge_id)` puts all of that back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, select
from sqlalchemy.orm import Session

from crm_desktop.models import (
    AuditEntry,
    Base,
    CampaignMember,
    ContactPoint,
    Customer,
    Relationship,
    utcnow,
)
from crm_desktop.storage import audit_chain, query
from crm_desktop.storage.audit import add_entry
from crm_desktop.storage.errors import NotFound, StorageError, ValidationError

SNAPSHOT_VERSION = 1
# Columns the user picks between; the others are bookkeeping.
MERGE_FIELDS = tuple(
    c.name for c in Customer.__table__.columns
    if c.name not in ("id", "uuid", "created_at", "updated_at", "deleted_at", "churned_at")
)
COMBINABLE = ("tags", "notes", "needs")
# Tables whose rows stay with the loser: derived data, recomputed anyway.
_LEFT_BEHIND = {"contact_points", "analytics_results", "graph_layout", "campaign_members"}
_STEPS = ("targeted_at", "sent_at", "responded_at", "converted_at")


@dataclass(frozen=True)
class FieldChoice:
    field: str
    survivor: Any
    loser: Any
    default: str  # "survivor", "loser" or "both"


def _model_for(table_name: str) -> Any:
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == table_name:
            return mapper.class_
    raise KeyError(table_name)


def references() -> list[tuple[Any, str]]:
    """(model, column) for every foreign key to customers whose rows move with a merge."""
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name in _LEFT_BEHIND:
            continue
        for column in table.columns:
            if any(fk.column.table.name == "customers" for fk in column.foreign_keys):
                found.append((_model_for(table.name), column.name))
    return found


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decode(column: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Integer) and not isinstance(value, bool):
        return int(value)
    if isinstance(kind, Float):
        return float(value)
    return value


def _row(obj: Any) -> dict[str, Any]:
    return {c.name: _encode(getattr(obj, c.key)) for c in obj.__table__.columns}


def _restore(obj: Any, saved: dict[str, Any]) -> None:
    for column in obj.__table__.columns:
        if column.name in saved and column.name != "id":
            setattr(obj, column.key, _decode(column, saved[column.name]))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == {}


def field_choices(session: Session, survivor_id: int, loser_id: int) -> list[FieldChoice]:
    """What the merge dialog shows: each field's two values and the suggested pick."""
    survivor = query.get(session, Customer, survivor_id)
    loser = query.get(session, Customer, loser_id)
    choices = []
    for name in (*MERGE_FIELDS, "email", "phone"):
        if name in ("email", "phone"):
            one, two = getattr(survivor, f"primary_{name}"), getattr(loser, f"primary_{name}")
        else:
            one, two = getattr(survivor, name), getattr(loser, name)
        if _empty(one) and not _empty(two):
            default = "loser"
        elif name in COMBINABLE and not _empty(two) and one != two:
            default = "both"
        else:
            default = "survivor"
        choices.append(FieldChoice(name, one, two, default))
    return choices


def _combined(name: str, one: Any, two: Any) -> Any:
    if _empty(one):
        return two
    if _empty(two) or one == two:
        return one
    if name == "tags":
        from crm_desktop.storage.validation import normalize_tags

        return normalize_tags(f"{one}, {two}")
    return f"{one}\n\n{two}"


def merge_customers(session: Session, survivor_id: int, loser_id: int,
                    choices: dict[str, str] | None = None) -> int:
    """Merge `loser_id` into `survivor_id`; returns the merge id for `undo_merge`.

    `choices` maps a field (or "email"/"phone": whose primary wins) to "survivor", "loser" or,
    for tags, notes and needs, "both"; fields not named take the suggested pick.
    """
    if survivor_id == loser_id:
        raise ValidationError("customer", "cannot merge a customer with itself")
    survivor = query.get(session, Customer, survivor_id)
    loser = query.get(session, Customer, loser_id)
    picks = {c.field: c.default for c in field_choices(session, survivor_id, loser_id)}
    for name, pick in (choices or {}).items():
        if name not in picks or pick not in ("survivor", "loser", "both"):
            raise ValidationError(name, f"cannot choose {pick!r} for {name}")
        picks[name] = pick
    contacts = list(survivor.contacts) + list(loser.contacts)
    snapshot: dict[str, Any] = {
        "version": SNAPSHOT_VERSION, "survivor_id": survivor_id, "loser_id": loser_id,
        "survivor": _row(survivor), "loser": _row(loser),
        "contacts": [_row(c) for c in contacts], "moved": {}, "trashed": [],
        "members_removed": [], "members_changed": [],
    }
    for name in MERGE_FIELDS:
        pick = picks[name]
        if pick == "loser":
            value = getattr(loser, name)
        elif pick == "both":
            value = _combined(name, getattr(survivor, name), getattr(loser, name))
        else:
            continue
        if name == "company_id" and value == survivor_id:
            continue
        setattr(survivor, name, value)
    _move_contacts(survivor, loser, picks)
    _move_references(session, survivor_id, loser_id, snapshot)
    _fold_memberships(session, survivor_id, loser_id, snapshot)
    loser.deleted_at = utcnow()
    return add_entry(session, "customers", survivor_id, "merge", entity_uuid=survivor.uuid,
                     field=f"merged {loser_id}",
                     new_value=json.dumps(snapshot, ensure_ascii=False))


def _move_contacts(survivor: Customer, loser: Customer, picks: dict[str, str]) -> None:
    for kind in ("email", "phone"):
        have = {c.normalized: c for c in survivor.contacts if c.kind == kind}
        loser_primary = next((c for c in loser.contacts if c.kind == kind and c.is_primary),
                             None)
        for contact in [c for c in loser.contacts if c.kind == kind]:
            if contact.normalized in have:
                continue
            contact.is_primary = False
            contact.customer = survivor
            have[contact.normalized] = contact
        if picks.get(kind) == "loser" and loser_primary is not None:
            winner = have[loser_primary.normalized]
            for contact in have.values():
                contact.is_primary = contact is winner


def _move_references(session: Session, survivor_id: int, loser_id: int,
                     snapshot: dict[str, Any]) -> None:
    for model, column in references():
        attr = getattr(model, column)
        for obj in session.scalars(select(model).where(attr == loser_id)):
            if model is Customer and obj.id == survivor_id:
                continue
            if model is Relationship and survivor_id in (obj.source_id, obj.target_id):
                # A link between the two would point at itself: it goes to the trash.
                if obj.deleted_at is None:
                    obj.deleted_at = utcnow()
                    snapshot["trashed"].append(obj.id)
                continue
            _note_move(snapshot, f"{model.__tablename__}.{column}", obj)
            setattr(obj, column, survivor_id)


def _note_move(snapshot: dict[str, Any], key: str, obj: Any) -> None:
    """Remember a moved row (and when it last changed, which undo puts back too)."""
    snapshot["moved"].setdefault(key, []).append([obj.id, _encode(obj.updated_at)])


def _fold_memberships(session: Session, survivor_id: int, loser_id: int,
                      snapshot: dict[str, Any]) -> None:
    """Move campaign memberships; one campaign with both becomes one membership."""
    mine = {m.campaign_id: m for m in session.scalars(
        select(CampaignMember).where(CampaignMember.customer_id == survivor_id))}
    for member in list(session.scalars(
            select(CampaignMember).where(CampaignMember.customer_id == loser_id))):
        kept = mine.get(member.campaign_id)
        if kept is None:
            _note_move(snapshot, "campaign_members.customer_id", member)
            member.customer_id = survivor_id
            continue
        snapshot["members_changed"].append(_row(kept))
        snapshot["members_removed"].append(_row(member))
        for step in _STEPS:
            times = [t for t in (getattr(kept, step), getattr(member, step)) if t is not None]
            setattr(kept, step, min(times) if times else None)
        kept.response = kept.response or member.response
        session.delete(member)
    session.flush()


def merge_snapshot(session: Session, merge_id: int) -> dict[str, Any]:
    """The snapshot merge `merge_id` recorded, once its audit entry is found intact (see
    `audit_chain.is_intact`): a changed snapshot is refused, never applied."""
    entry = session.get(AuditEntry, merge_id)
    if entry is None or entry.action != "merge" or not entry.new_value:
        raise NotFound(f"no merge with id {merge_id}")
    if not audit_chain.is_intact(audit_chain.cursor_of(session), merge_id):
        raise StorageError(f"merge {merge_id}: its snapshot in the audit log was changed "
                           "after it was written; refusing to use it")
    snapshot: dict[str, Any] = json.loads(entry.new_value)
    return snapshot


def is_undone(session: Session, merge_id: int) -> bool:
    return session.scalars(select(AuditEntry.id).where(
        AuditEntry.action == "unmerge", AuditEntry.field == f"merge {merge_id}"
    )).first() is not None


def undo_merge(session: Session, merge_id: int) -> tuple[int, int]:
    """Restore both customers, their contacts and the ownership of every moved record."""
    snapshot = merge_snapshot(session, merge_id)
    if snapshot.get("version") != SNAPSHOT_VERSION:
        raise StorageError(f"merge {merge_id} was recorded by another version of the app")
    if is_undone(session, merge_id):
        raise StorageError(f"merge {merge_id} has already been undone")
    survivor_id, loser_id = snapshot["survivor_id"], snapshot["loser_id"]
    survivor = session.get(Customer, survivor_id)
    loser = session.get(Customer, loser_id)
    if survivor is None or loser is None:
        raise StorageError("a merged customer has since been deleted for good: cannot undo")
    for key, moved in snapshot["moved"].items():
        table, column = key.split(".")
        model = _model_for(table)
        stamps = {row_id: stamp for row_id, stamp in moved}
        for obj in session.scalars(select(model).where(model.id.in_(list(stamps)))):
            setattr(obj, column, loser_id)
            obj.updated_at = datetime.fromisoformat(stamps[obj.id])
    for relationship_id in snapshot["trashed"]:
        obj = session.get(Relationship, relationship_id)
        if obj is not None:
            obj.deleted_at = None
    for saved in snapshot["members_removed"]:
        member = CampaignMember(id=saved["id"])
        _restore(member, saved)
        session.add(member)
    for saved in snapshot["members_changed"]:
        kept = session.get(CampaignMember, saved["id"])
        if kept is not None:
            _restore(kept, saved)
    session.flush()
    for saved in snapshot["contacts"]:
        contact = session.get(ContactPoint, saved["id"])
        if contact is not None:
            _restore(contact, saved)
    _restore(survivor, snapshot["survivor"])
    _restore(loser, snapshot["loser"])
    add_entry(session, "customers", survivor_id, "unmerge", entity_uuid=survivor.uuid,
              field=f"merge {merge_id}")
    session.expire_all()
    return survivor_id, loser_id
