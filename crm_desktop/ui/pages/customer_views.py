"""The customers list: its table spec (columns, SQL expressions, search) and filter fields.

The expressions are `Lazy` and the default view also exists as plain SQL (`_fast_page`), so
the first customer rows can be shown at start-up before SQLAlchemy and the models are imported.
A test checks that both give the same rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from crm_desktop.ui.item_models import ColumnSpec, Lazy, TableSpec
from crm_desktop.ui.table_spec import parse_time
from crm_desktop.ui.widgets.display import moment
from crm_desktop.ui.widgets.filter_bar import FilterField

STATUSES = ("lead", "prospect", "customer", "churned")  # models.LIFECYCLE_STATUSES


def _tr(text: str) -> str:
    return QCoreApplication.translate("customers", text)


def status_label(status: str) -> str:
    return {"lead": _tr("Lead"), "prospect": _tr("Prospect"), "customer": _tr("Customer"),
            "churned": _tr("Churned")}.get(status, status)


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
    from crm_desktop.storage.global_search import customer_filter

    return customer_filter(text)


_CONTACT_SQL = ("(SELECT value FROM contact_points WHERE customer_id = c.id AND kind = '{0}'"
                " ORDER BY is_primary DESC, id LIMIT 1)")
FAST_PAGE_SQL = (
    "SELECT c.id, c.name, (SELECT p.name FROM customers p WHERE p.id = c.company_id), "
    + _CONTACT_SQL.format("email") + ", " + _CONTACT_SQL.format("phone") + ", "
    "c.city, c.status, c.category, c.rating, c.owner, c.updated_at FROM customers c "
    "WHERE coalesce(c.deleted_at, c.deleted_at) IS NULL ORDER BY c.name, c.id LIMIT ?"
)


def _fast_page(connection: Any, limit: int) -> list[tuple[Any, ...]]:
    rows = connection.execute(FAST_PAGE_SQL, (limit,)).fetchall()
    return [(*row[:-1], parse_time(row[-1])) for row in rows]


def _fast_count(connection: Any) -> int:
    return int(connection.execute(
        "SELECT count(*) FROM customers WHERE deleted_at IS NULL").fetchone()[0])


def customer_spec() -> TableSpec:
    center = Qt.AlignmentFlag.AlignCenter
    return TableSpec(
        "customers", Lazy(_model),
        (
            ColumnSpec("name", _tr("Name"), _attribute("name"), width=200),
            ColumnSpec("company", _tr("Company"), _company(), sortable=False, width=160),
            ColumnSpec("email", _tr("Email"), _contact("email"), sortable=False, width=200),
            ColumnSpec("phone", _tr("Phone"), _contact("phone"), sortable=False, width=130),
            ColumnSpec("city", _tr("City"), _attribute("city"), width=110),
            ColumnSpec("status", _tr("Status"), _attribute("status"), status_label, width=80),
            ColumnSpec("category", _tr("Category"), _attribute("category"), width=100),
            ColumnSpec("rating", _tr("Rating"), _attribute("rating"), lambda v: "★" * v,
                       alignment=center, width=70),
            ColumnSpec("owner", _tr("Owner"), _attribute("owner"), width=90),
            ColumnSpec("updated_at", _tr("Updated"), _attribute("updated_at"), moment,
                       width=120),
        ),
        default_sort="name",
        search=_search,
        fast_page=_fast_page,
        fast_count=_fast_count,
    )


def customer_filter_fields() -> list[FilterField]:
    return [
        FilterField("status", _tr("Status"), tuple((status_label(s), s) for s in STATUSES)),
        FilterField("kind", _tr("Kind"), ((_tr("People"), "person"),
                                          (_tr("Companies"), "company"))),
        FilterField("rating", _tr("Rating"),
                    tuple((_tr("{0}+ stars").format(n), n) for n in (5, 4, 3, 2, 1)), op="ge"),
    ]
