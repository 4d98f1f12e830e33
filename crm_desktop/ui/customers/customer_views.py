"""The customers list as shown (titles, formats, widths; the SQL is `storage.lists.customers`)
and its filter fields. Nothing here imports SQLAlchemy: the list is the start page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from crm_desktop.storage.lists.customers import customer_list
from crm_desktop.ui.item_models import ColumnSpec, TableSpec
from crm_desktop.ui.qt_typed import translate
from crm_desktop.ui.widgets.display import moment, phone
from crm_desktop.ui.widgets.filter_bar import FilterField

STATUSES = ("lead", "prospect", "customer", "churned")  # models.LIFECYCLE_STATUSES


def status_label(status: str) -> str:
    return {"lead": translate("customers", "Lead"), "prospect": translate("customers", "Prospect"), "customer": translate("customers", "Customer"),
            "churned": translate("customers", "Churned")}.get(status, status)


def customer_spec() -> TableSpec:
    center = Qt.AlignmentFlag.AlignCenter
    return TableSpec(
        customer_list(),
        (
            ColumnSpec("name", translate("customers", "Name"), width=200),
            ColumnSpec("company", translate("customers", "Company"), width=160),
            ColumnSpec("email", translate("customers", "Email"), width=200),
            ColumnSpec("phone", translate("customers", "Phone"), phone, width=140,
                       warm_in_worker=True),
            ColumnSpec("city", translate("customers", "City"), width=110),
            ColumnSpec("status", translate("customers", "Status"), status_label, width=80),
            ColumnSpec("category", translate("customers", "Category"), width=100),
            ColumnSpec("rating", translate("customers", "Rating"), lambda v: "★" * v, alignment=center, width=70),
            ColumnSpec("owner", translate("customers", "Owner"), width=90),
            ColumnSpec("updated_at", translate("customers", "Updated"), moment, width=120),
        ),
    )


def customer_filter_fields() -> list[FilterField]:
    return [
        FilterField("status", translate("customers", "Status"), tuple((status_label(s), s) for s in STATUSES)),
        FilterField("kind", translate("customers", "Kind"), ((translate("customers", "People"), "person"),
                                          (translate("customers", "Companies"), "company"))),
        FilterField("rating", translate("customers", "Rating"),
                    tuple((translate("customers", "{0}+ stars").format(n), n) for n in (5, 4, 3, 2, 1)), op="ge"),
    ]
