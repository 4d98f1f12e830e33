"""The customers list as shown (titles, formats, widths; the SQL is `storage.lists.customers`)
and its filter fields. Nothing here imports SQLAlchemy: the list is the start page.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from crm_desktop.storage.lists.customers import customer_list
from crm_desktop.ui.item_models import ColumnSpec, TableSpec
from crm_desktop.ui.widgets.display import moment
from crm_desktop.ui.widgets.filter_bar import FilterField

STATUSES = ("lead", "prospect", "customer", "churned")  # models.LIFECYCLE_STATUSES


def _tr(text: str) -> str:
    return QCoreApplication.translate("customers", text)


def status_label(status: str) -> str:
    return {"lead": _tr("Lead"), "prospect": _tr("Prospect"), "customer": _tr("Customer"),
            "churned": _tr("Churned")}.get(status, status)


def customer_spec() -> TableSpec:
    center = Qt.AlignmentFlag.AlignCenter
    return TableSpec(
        customer_list(),
        (
            ColumnSpec("name", _tr("Name"), width=200),
            ColumnSpec("company", _tr("Company"), width=160),
            ColumnSpec("email", _tr("Email"), width=200),
            ColumnSpec("phone", _tr("Phone"), width=130),
            ColumnSpec("city", _tr("City"), width=110),
            ColumnSpec("status", _tr("Status"), status_label, width=80),
            ColumnSpec("category", _tr("Category"), width=100),
            ColumnSpec("rating", _tr("Rating"), lambda v: "★" * v, alignment=center, width=70),
            ColumnSpec("owner", _tr("Owner"), width=90),
            ColumnSpec("updated_at", _tr("Updated"), moment, width=120),
        ),
    )


def customer_filter_fields() -> list[FilterField]:
    return [
        FilterField("status", _tr("Status"), tuple((status_label(s), s) for s in STATUSES)),
        FilterField("kind", _tr("Kind"), ((_tr("People"), "person"),
                                          (_tr("Companies"), "company"))),
        FilterField("rating", _tr("Rating"),
                    tuple((_tr("{0}+ stars").format(n), n) for n in (5, 4, 3, 2, 1)), op="ge"),
    ]
