"""What the forms suggest while typing: the owners, industries, lead sources and categories
already used, and the names of the custom fields every customer is offered.

    owners(database)                -> ("Ana", "Bo", ...)    customers' and opportunities' owners
    customer_suggestions(database)  -> CustomerSuggestions   everything the customer dialog offers

Each list is the distinct values in use (trash left out), sorted, at most `LIMIT`; the owner
and category columns are indexed, so reading them is an index walk. SQLAlchemy and the models
are imported inside the functions (the customers page imports this before they load).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

LIMIT = 500


@dataclass(frozen=True)
class CustomerSuggestions:
    owners: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    lead_sources: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    custom_field_keys: tuple[str, ...] = ()


def owners(database: Database) -> tuple[str, ...]:
    """The owners of customers and opportunities, sorted without regard to case."""
    with database.session() as session:
        return _owners(session)


def customer_suggestions(database: Database) -> CustomerSuggestions:
    from crm_desktop.models import Customer

    with database.session() as session:
        return CustomerSuggestions(
            owners=_owners(session),
            industries=_sorted(_distinct(session, Customer, "industry")),
            lead_sources=_sorted(_distinct(session, Customer, "lead_source")),
            categories=_sorted(_distinct(session, Customer, "category")),
            custom_field_keys=_custom_field_keys(session),
        )


def custom_field_keys(database: Database) -> tuple[str, ...]:
    """The custom fields offered for every customer: those defined in the dialog before (in the
    order they were defined), then any other name an import brought in."""
    with database.session() as session:
        return _custom_field_keys(session)


def _owners(session: Session) -> tuple[str, ...]:
    from crm_desktop.models import Customer, Opportunity

    return _sorted(_distinct(session, Customer, "owner") | _distinct(session, Opportunity, "owner"))


def _distinct(session: Session, model: Any, column: str) -> set[str]:
    from sqlalchemy import select

    attribute = getattr(model, column)
    statement = (select(attribute).where(attribute.is_not(None), model.deleted_at.is_(None))
                 .distinct().limit(LIMIT))
    return {value.strip() for value in session.scalars(statement) if str(value).strip()}


def _sorted(values: set[str]) -> tuple[str, ...]:
    return tuple(sorted(values, key=lambda value: (value.casefold(), value)))


def _custom_field_keys(session: Session) -> tuple[str, ...]:
    from sqlalchemy import text

    from crm_desktop.storage.customers import stored_custom_field_keys

    keys = stored_custom_field_keys(session)
    folded = {key.casefold() for key in keys}
    # SQLite's json_each over the rows that have custom fields (kept inside storage).
    used = session.scalars(text(
        "SELECT DISTINCT je.key FROM customers, json_each(customers.custom_fields) AS je "
        "WHERE customers.custom_fields IS NOT NULL AND customers.deleted_at IS NULL "
        "AND json_type(customers.custom_fields) = 'object' LIMIT :limit"),
        {"limit": LIMIT})
    others = sorted({str(key) for key in used if str(key).casefold() not in folded},
                    key=str.casefold)
    return tuple(keys + others)
