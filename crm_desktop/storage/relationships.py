"""Relationships between customers: create, edit, trash and restore (audited, through the ORM).

A relationship is stored directed (``source -> target``, which matters for ``reports_to``) and
analysed undirected. One live relationship per pair and kind: linking the same two customers
again with the same kind (in either direction) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from crm_desktop.models import RELATIONSHIP_KINDS, Customer, Relationship
from crm_desktop.storage import query
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.validation import parse_date


@dataclass(frozen=True)
class RelationshipRow:
    """A relationship seen from one customer: the other side, kind, strength, direction."""

    id: int
    other_id: int
    other_name: str
    kind: str
    strength: float
    since: date | None
    outgoing: bool  # True when the customer is the source


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(values)
    if "kind" in cleaned:
        kind = (cleaned["kind"] or "other").strip().lower()
        if kind not in RELATIONSHIP_KINDS:
            raise ValidationError("kind", QT_TRANSLATE_NOOP("errors", "must be one of {0}"), ', '.join(RELATIONSHIP_KINDS))
        cleaned["kind"] = kind
    if "strength" in cleaned:
        try:
            strength = float(cleaned["strength"])
        except (TypeError, ValueError):
            raise ValidationError("strength", QT_TRANSLATE_NOOP("errors", "must be a number between 0 and 1")) from None
        if not 0.0 <= strength <= 1.0:
            raise ValidationError("strength", QT_TRANSLATE_NOOP("errors", "must be between 0 and 1"))
        cleaned["strength"] = strength
    if "since" in cleaned:
        cleaned["since"] = parse_date(cleaned["since"], "since")
    return cleaned


def _check_pair(session: Session, source_id: int, target_id: int, kind: str,
                exclude: int | None = None) -> None:
    if source_id == target_id:
        raise ValidationError("target", QT_TRANSLATE_NOOP("errors", "a customer cannot be linked to itself"))
    query.get(session, Customer, source_id)
    try:
        query.get(session, Customer, target_id)
    except Exception as error:
        raise ValidationError("target", str(error)) from error
    pair = or_(
        and_(Relationship.source_id == source_id, Relationship.target_id == target_id),
        and_(Relationship.source_id == target_id, Relationship.target_id == source_id),
    )
    stmt = select(Relationship.id).where(
        pair, Relationship.kind == kind, Relationship.deleted_at.is_(None)
    )
    if exclude is not None:
        stmt = stmt.where(Relationship.id != exclude)
    if session.scalar(stmt.limit(1)) is not None:
        raise ValidationError("target", QT_TRANSLATE_NOOP("errors", "these two customers are already linked as {0}"), kind)


def create_relationship(
    session: Session,
    source_id: int,
    target_id: int,
    kind: str = "other",
    strength: float = 0.5,
    since: date | str | None = None,
    notes: str | None = None,
) -> Relationship:
    """A new relationship ``source -> target``; raises ``ValidationError`` naming the field."""
    values = _clean({"kind": kind, "strength": strength, "since": since})
    _check_pair(session, source_id, target_id, values["kind"])
    return query.create(
        session, Relationship, source_id=source_id, target_id=target_id, notes=notes or None,
        **values,
    )


def update_relationship(session: Session, relationship_id: int, **values: Any) -> Relationship:
    """Change kind, strength, since, notes or the target of a live relationship."""
    current = query.get(session, Relationship, relationship_id)
    cleaned = _clean(values)
    source = int(cleaned.get("source_id", current.source_id))
    target = int(cleaned.get("target_id", current.target_id))
    kind = str(cleaned.get("kind", current.kind))
    if {"source_id", "target_id", "kind"} & cleaned.keys():
        _check_pair(session, source, target, kind, exclude=relationship_id)
    return query.update(session, Relationship, relationship_id, **cleaned)


def relationships_of(session: Session, customer_id: int) -> list[RelationshipRow]:
    """Live relationships of a customer in both directions, strongest first."""
    other = aliased(Customer)
    rows = []
    for outgoing, mine, theirs in (
        (True, Relationship.source_id, Relationship.target_id),
        (False, Relationship.target_id, Relationship.source_id),
    ):
        stmt = (
            select(Relationship, other.id, other.name)
            .join(other, other.id == theirs)
            .where(mine == customer_id, Relationship.deleted_at.is_(None),
                   other.deleted_at.is_(None))
        )
        for rel, other_id, other_name in session.execute(stmt):
            rows.append(RelationshipRow(rel.id, other_id, other_name, rel.kind,
                                        float(rel.strength), rel.since, outgoing))
    rows.sort(key=lambda r: (-r.strength, r.other_name, r.id))
    return rows
