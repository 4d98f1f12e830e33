"""The customers list: its columns as SQL, search, and the default view in plain SQL.

The expressions are `Lazy` and the default view also exists as plain SQL (`_fast_page`), so
the first customer rows can be shown at start-up before SQLAlchemy and the models are imported.
A test checks that both give the same rows.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from crm_desktop.storage.lists.core import Lazy, ListColumn, ListDefinition, parse_time


def _model() -> Any:
    from crm_desktop.models import Customer

    return Customer


def _attribute(name: str) -> Lazy:
    return Lazy(lambda: getattr(_model(), name))


def _contact(kind: str) -> Lazy:
    def make() -> Any:
        from sqlalchemy import select

        from crm_desktop.models import ContactPoint

        customer = _model()
        return (
            select(ContactPoint.value)
            .where(ContactPoint.customer_id == customer.id, ContactPoint.kind == kind)
            .order_by(ContactPoint.is_primary.desc(), ContactPoint.id)
            .limit(1)
            .scalar_subquery()
        )
    return Lazy(make)


def _company() -> Lazy:
    def make() -> Any:
        from sqlalchemy import select

        customer = _model()
        company = customer.__table__.alias("company")
        return (select(company.c.name).where(company.c.id == customer.company_id)
                .scalar_subquery())
    return Lazy(make)


def _search(text: str) -> Any:
    from crm_desktop.storage.search.everything import customer_filter

    return customer_filter(text)


_CONTACT_SQL = ("(SELECT value FROM contact_points WHERE customer_id = c.id AND kind = '{0}'"
                " ORDER BY is_primary DESC, id LIMIT 1)")
FAST_PAGE_SQL = (
    "SELECT c.id, c.name, (SELECT p.name FROM customers p WHERE p.id = c.company_id), "
    + _CONTACT_SQL.format("email") + ", " + _CONTACT_SQL.format("phone") + ", "
    "c.city, c.status, c.category, c.rating, c.owner, c.updated_at FROM customers c "
    "WHERE coalesce(c.deleted_at, c.deleted_at) IS NULL ORDER BY c.name, c.id LIMIT ?"
)


def _fast_page(connection: sqlite3.Connection, limit: int) -> list[tuple[Any, ...]]:
    rows = connection.execute(FAST_PAGE_SQL, (limit,)).fetchall()
    return [(*row[:-1], parse_time(row[-1])) for row in rows]


def _fast_count(connection: sqlite3.Connection) -> int:
    return int(connection.execute(
        "SELECT count(*) FROM customers WHERE deleted_at IS NULL").fetchone()[0])


def customer_list() -> ListDefinition:
    return ListDefinition(
        "customers", Lazy(_model),
        (
            ListColumn("name", _attribute("name")),
            ListColumn("company", _company(), sortable=False),
            ListColumn("email", _contact("email"), sortable=False),
            ListColumn("phone", _contact("phone"), sortable=False),
            ListColumn("city", _attribute("city")),
            ListColumn("status", _attribute("status")),
            ListColumn("category", _attribute("category")),
            ListColumn("rating", _attribute("rating")),
            ListColumn("owner", _attribute("owner")),
            ListColumn("updated_at", _attribute("updated_at")),
        ),
        default_sort="name",
        search=_search,
        fast_page=_fast_page,
        fast_count=_fast_count,
    )
