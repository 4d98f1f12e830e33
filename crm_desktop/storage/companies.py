"""Companies are customers of kind "company"; a person is linked to one by name.

`find_or_create_company(session, "Acme")` links to the live company of that name (the same
spelling first, then the same letters in another case: "ACME" finds "Acme"), and creates it
(status "customer") when there is none.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.models import Customer
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.validation import require


def find_company(session: Session, name: str) -> int | None:
    """The id of the live company called `name` (the oldest when several are), or None."""
    name = name.strip()
    live = (Customer.kind == "company", Customer.deleted_at.is_(None))
    for same in (Customer.name == name, func.lower(Customer.name) == name.lower()):
        found = session.scalar(select(Customer.id).where(same, *live)
                               .order_by(Customer.id).limit(1))
        if found is not None:
            return int(found)
    return None


def find_or_create_company(session: Session, name: str, own_id: int | None = None) -> int:
    """The company a person typed as "company": found by name, or created. `own_id` is the
    customer being edited: a customer is never made its own company."""
    name = require(name, "company")
    found = find_company(session, name)
    if found is not None and found != own_id:
        return found
    return create_customer(session, {"name": name, "kind": "company", "status": "customer"}).id
