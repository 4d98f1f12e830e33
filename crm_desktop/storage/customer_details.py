"""Reads for the customer screens, as plain frozen dataclasses (never ORM objects):

    customer_state(session, id)         the editable state of a customer (what an edit's undo
                                        writes back): fields, contacts with labels, company
    customer_form(database, id)         the same, read for a dialog's pre-fill
    detail_with_influence(database, id) what the detail pane shows (timeline, people, network)
    relationship_form(database, ...)    the names and values a link dialog starts with
    merge_preview(database, a, b)       the fields to choose between and what moves with a merge

The customers page (the start page) imports this module before SQLAlchemy is loaded, so
SQLAlchemy and the models are imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database
    from crm_desktop.storage.graph_store import InfluenceInfo
    from crm_desktop.storage.merge import FieldChoice
    from crm_desktop.storage.timeline import CustomerDetail

# The fields the customer dialog edits (and an edit's undo writes back): every field of a
# customer but its company (given by name), the import's external id and the churn time.
EDITABLE_FIELDS = ("kind", "name", "company_role", "job_title", "department", "status",
                   "category", "tags", "rating", "birthday", "website", "street", "city",
                   "region", "postal_code", "country", "industry", "lead_source", "owner",
                   "touch_every_days", "needs", "notes", "custom_fields")
# Also restored by an undo, though not typed in the dialog.
STATE_FIELDS = (*EDITABLE_FIELDS, "company_id", "churned_at")


@dataclass(frozen=True)
class ContactState:
    kind: str  # "email" or "phone"
    value: str
    label: str
    is_primary: bool


@dataclass(frozen=True)
class CustomerState:
    """A customer as an edit sees it: `values` holds STATE_FIELDS."""

    id: int
    values: Mapping[str, Any]
    contacts: tuple[ContactState, ...] = ()
    company: str | None = None  # the company's name, for display

    def emails(self) -> list[str]:
        return [c.value for c in self._sorted("email")]

    def phones(self) -> list[str]:
        return [c.value for c in self._sorted("phone")]

    def _sorted(self, kind: str) -> list[ContactState]:
        # The primary first: the dialog shows "first = primary".
        of_kind = [c for c in self.contacts if c.kind == kind]
        return sorted(of_kind, key=lambda c: not c.is_primary)


def customer_state(session: Session, customer_id: int) -> CustomerState:
    from crm_desktop.models import Customer
    from crm_desktop.storage import query

    customer = query.get(session, Customer, customer_id)
    contacts = tuple(ContactState(c.kind, c.value, c.label, bool(c.is_primary))
                     for c in sorted(customer.contacts, key=lambda c: c.id or 0))
    values = {key: getattr(customer, key) for key in STATE_FIELDS}
    if values["custom_fields"] is not None:  # a copy: the state must not change with the row
        values["custom_fields"] = dict(values["custom_fields"])
    return CustomerState(customer.id, values, contacts,
                         customer.company.name if customer.company else None)


def customer_form(database: Database, customer_id: int) -> CustomerState:
    """A live customer's state for the edit dialog (raises NotFound)."""
    with database.session() as session:
        return customer_state(session, customer_id)


def detail_with_influence(database: Database, customer_id: int
                          ) -> tuple[CustomerDetail, InfluenceInfo | None]:
    """The detail pane's content and the customer's place in the network (its worker runs it)."""
    from crm_desktop.storage.graph_store import influence_info
    from crm_desktop.storage.timeline import customer_detail

    with database.engine.connect() as connection:
        return customer_detail(connection, customer_id), influence_info(connection, customer_id)


@dataclass(frozen=True)
class RelationshipForm:
    """What the link dialog starts with (`relationship_id` None: a new link)."""

    relationship_id: int | None
    source_id: int
    source_name: str
    target_id: int | None
    target_name: str
    values: Mapping[str, Any] = field(default_factory=dict)  # kind, strength, since, notes


RELATIONSHIP_FIELDS = ("target_id", "kind", "strength", "since", "notes")


def relationship_form(database: Database, source_id: int, target_id: int | None = None,
                      relationship_id: int | None = None) -> RelationshipForm:
    """A new link from `source_id` (to `target_id` when given), or an existing link."""
    from crm_desktop.models import Customer, Relationship
    from crm_desktop.storage import query

    with database.session() as session:
        values: dict[str, Any] = {}
        if relationship_id is not None:
            rel = query.get(session, Relationship, relationship_id)
            source_id, target_id = rel.source_id, rel.target_id
            values = {key: getattr(rel, key) for key in RELATIONSHIP_FIELDS}
        source = query.get(session, Customer, source_id)
        target = session.get(Customer, target_id) if target_id else None
        return RelationshipForm(relationship_id, source_id, source.name,
                                target.id if target else None, target.name if target else "",
                                values)


@dataclass(frozen=True)
class MergePreview:
    survivor_id: int
    loser_id: int
    survivor_name: str
    loser_name: str
    choices: tuple[FieldChoice, ...]
    moving: tuple[tuple[str, int], ...]  # (table name, rows) that move to the survivor


def merge_preview(database: Database, survivor_id: int, loser_id: int) -> MergePreview:
    from sqlalchemy import func, select

    from crm_desktop.storage.merge import field_choices, references

    with database.session() as session:
        rows = field_choices(session, survivor_id, loser_id)
        moving = []
        for model, column in references():
            count = session.scalar(select(func.count()).select_from(model).where(
                getattr(model, column) == loser_id)) or 0
            if count:
                moving.append((str(model.__tablename__), int(count)))
    names = next(r for r in rows if r.field == "name")
    return MergePreview(survivor_id, loser_id, str(names.survivor), str(names.loser),
                        tuple(rows), tuple(moving))
