"""The rows an export writes: curated columns for the main lists, all columns for the others.

Customers carry their contacts in the importer's columns (primary email/phone with its label,
the others by label); records that belong to a customer carry the customer's name, primary
email and phone and external id, which is what the importer matches them back on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from crm_desktop.models import (
    ContactPoint,
    Customer,
    Interaction,
    Opportunity,
    Order,
    Stage,
    Ticket,
)
from crm_desktop.storage import query
from crm_desktop.storage.errors import StorageError

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

Progress = Callable[[float, str], None]
BATCH = 2000

CONTACT_HEADERS = (
    "email", "email_label", "email_work", "email_home", "email_other",
    "phone", "phone_label", "phone_work", "phone_home", "phone_mobile", "phone_other",
)
_CUSTOMER_BEFORE = ("id", "uuid", "name", "kind", "company", "company_role", "job_title",
                    "department")
_CUSTOMER_AFTER = (
    "street", "city", "region", "postal_code", "country", "birthday", "website", "industry",
    "lead_source", "status", "churned_at", "rating", "owner", "category", "tags", "needs", "notes",
    "external_id", "touch_every_days", "custom_fields", "created_at", "updated_at",
)
CUSTOMER_HEADERS = (*_CUSTOMER_BEFORE, *CONTACT_HEADERS, *_CUSTOMER_AFTER)
_REF_HEADERS = ("customer_name", "customer_email", "customer_phone", "customer_external_id")
RECORD_COLUMNS = {
    "orders": (Order, ("number", "ordered_at", "status", "currency", "total", "notes")),
    "opportunities": (Opportunity, (
        "name", "stage", "status", "amount", "currency", "expected_close",
        "probability_override", "owner", "lead_source", "close_reason", "closed_at", "notes",
    )),
    "tickets": (Ticket, (
        "number", "subject", "body", "type", "category", "priority", "status", "channel",
        "owner", "opened_at", "first_response_at", "resolved_at", "sla_due", "satisfaction",
        "feedback",
    )),
    "interactions": (Interaction, (
        "kind", "subject", "body", "outcome", "occurred_at", "due_at", "done", "owner",
    )),
}


def table_rows(database: Database, kind: str, filters: Iterable[Any] = (), *,
               trash: bool = False, progress: Progress | None = None
               ) -> tuple[list[str], Iterator[Sequence[Any]]]:
    """Headers and a lazy iterator of rows (the database is read while the rows are written)."""
    filters = list(filters)
    if kind == "customers":
        return list(CUSTOMER_HEADERS), _customer_rows(database, filters, trash, progress)
    if kind in RECORD_COLUMNS:
        model, columns = RECORD_COLUMNS[kind]
        headers = ["id", columns[0], *_REF_HEADERS, *columns[1:]]
        return headers, _record_rows(database, kind, filters, trash, progress)
    from crm_desktop.storage.maintenance import ENTITIES

    if kind not in ENTITIES:
        raise StorageError(f"cannot export {kind!r}: unknown list")
    model = ENTITIES[kind]
    names = [c.key for c in model.__mapper__.column_attrs]
    stmt = query.filtered(model, filters, trash=trash,
                          statement=select(*[getattr(model, n) for n in names]))
    return names, _stream(database, stmt.order_by(model.id), progress)


def _stream(database: Database, stmt: Select[Any], progress: Progress | None,
            ) -> Iterator[Sequence[Any]]:
    total = _count(database, stmt)
    done = 0
    with database.session() as session:
        for partition in session.execute(stmt.execution_options(yield_per=BATCH)).partitions():
            for row in partition:
                yield tuple(row)
            done += len(partition)
            if progress:
                progress(done / max(1, total), "exporting")


def _count(database: Database, stmt: Select[Any]) -> int:
    from sqlalchemy import func

    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def _customer_rows(database: Database, filters: list[Any], trash: bool,
                   progress: Progress | None) -> Iterator[Sequence[Any]]:
    company = aliased(Customer)
    columns = [getattr(Customer, n) if n != "company" else company.name.label("company")
               for n in (*_CUSTOMER_BEFORE, *_CUSTOMER_AFTER)]
    stmt = query.filtered(Customer, filters, trash=trash, statement=select(*columns).outerjoin(
        company, company.id == Customer.company_id
    )).order_by(Customer.id)
    before = len(_CUSTOMER_BEFORE)
    batch: list[Sequence[Any]] = []
    for row in _stream(database, stmt, progress):
        batch.append(row)
        if len(batch) >= BATCH:
            yield from _with_contacts(database, batch, before)
            batch = []
    yield from _with_contacts(database, batch, before)


def _with_contacts(database: Database, batch: list[Sequence[Any]],
                   before: int) -> Iterator[Sequence[Any]]:
    if not batch:
        return
    ids = [row[0] for row in batch]
    contacts: dict[int, list[ContactPoint]] = {}
    with database.session() as session:
        for contact in session.scalars(
            select(ContactPoint).where(ContactPoint.customer_id.in_(ids))
            .order_by(ContactPoint.id)
        ):
            contacts.setdefault(contact.customer_id, []).append(contact)
    for row in batch:
        cells = contact_cells(contacts.get(row[0], []))
        yield (*row[:before], *cells, *row[before:])


def contact_cells(contacts: list[ContactPoint]) -> list[str | None]:
    """The values of CONTACT_HEADERS for one customer's contact points."""
    values: dict[str, list[str]] = {}
    for kind in ("email", "phone"):
        of_kind = [c for c in contacts if c.kind == kind]
        primary = next((c for c in of_kind if c.is_primary), of_kind[0] if of_kind else None)
        if primary is None:
            continue
        values[kind] = [primary.value]
        values[f"{kind}_label"] = [primary.label]
        for contact in of_kind:
            if contact is primary:
                continue
            label = contact.label
            column = f"{kind}_{label}" if f"{kind}_{label}" in CONTACT_HEADERS else f"{kind}_other"
            values.setdefault(column, []).append(contact.value)
    return ["; ".join(values[h]) if h in values else None for h in CONTACT_HEADERS]


def _primary(kind: str) -> Any:
    return (
        select(ContactPoint.value)
        .where(ContactPoint.customer_id == Customer.id, ContactPoint.kind == kind)
        .order_by(ContactPoint.is_primary.desc(), ContactPoint.id)
        .limit(1)
        .scalar_subquery()
    )


def _record_rows(database: Database, kind: str, filters: list[Any], trash: bool,
                 progress: Progress | None) -> Iterator[Sequence[Any]]:
    model, names = RECORD_COLUMNS[kind]
    columns: list[Any] = [model.id, getattr(model, names[0]), Customer.name,
                          _primary("email"), _primary("phone"), Customer.external_id]
    for name in names[1:]:
        columns.append(Stage.name if name == "stage" else getattr(model, name))
    base = select(*columns).join(Customer, Customer.id == model.customer_id)  # type: ignore[attr-defined]
    if kind == "opportunities":
        base = base.join(Stage, Stage.id == Opportunity.stage_id)
    stmt = query.filtered(model, filters, trash=trash, statement=base).order_by(model.id)
    yield from _stream(database, stmt, progress)
