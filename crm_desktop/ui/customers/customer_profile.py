"""The detail pane's Details tab: every field of the customer the header does not show, the
custom fields included, as a two-column table (empty fields left out).

    profile_html(summary)   # "<table>…Role at the company | Buyer…Shoe size | 38…</table>"
"""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale

from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP, translate
from crm_desktop.ui.widgets.regions import country_name

if TYPE_CHECKING:
    from crm_desktop.storage.timeline import CustomerSummary

CONTEXT = "CustomerProfile"
# The label of each field, in the order shown.
LABELS: dict[str, str] = {
    "emails": QT_TRANSLATE_NOOP("CustomerProfile", "Emails"),
    "phones": QT_TRANSLATE_NOOP("CustomerProfile", "Phones"),
    "company_role": QT_TRANSLATE_NOOP("CustomerProfile", "Role at the company"),
    "department": QT_TRANSLATE_NOOP("CustomerProfile", "Department"),
    "owner": QT_TRANSLATE_NOOP("CustomerProfile", "Owner"),
    "street": QT_TRANSLATE_NOOP("CustomerProfile", "Street"),
    "postal_code": QT_TRANSLATE_NOOP("CustomerProfile", "Postal code"),
    "city": QT_TRANSLATE_NOOP("CustomerProfile", "City"),
    "region": QT_TRANSLATE_NOOP("CustomerProfile", "Region"),
    "country": QT_TRANSLATE_NOOP("CustomerProfile", "Country"),
    "website": QT_TRANSLATE_NOOP("CustomerProfile", "Website"),
    "industry": QT_TRANSLATE_NOOP("CustomerProfile", "Industry"),
    "lead_source": QT_TRANSLATE_NOOP("CustomerProfile", "Lead source"),
    "birthday": QT_TRANSLATE_NOOP("CustomerProfile", "Birthday"),
    "needs": QT_TRANSLATE_NOOP("CustomerProfile", "Needs"),
    "notes": QT_TRANSLATE_NOOP("CustomerProfile", "Notes"),
}



def local_date(value: date | None, locale: QLocale | None = None) -> str:
    """A day in the locale's short format ("3/4/2026", "2026/3/4")."""
    if value is None:
        return ""
    return (locale or QLocale()).toString(QDate(value.year, value.month, value.day),
                                          QLocale.FormatType.ShortFormat)


def _shown(key: str, value: Any) -> str:
    """The value as HTML (escaped; a web address as a link, lines kept)."""
    if key == "birthday":
        return html.escape(local_date(value))
    if key == "country":
        name = country_name(value)
        return html.escape(f"{name} ({value})" if name != value else str(value))
    if key == "website":
        address = html.escape(str(value), quote=True)
        return f"<a href='{address}'>{address}</a>"
    if isinstance(value, bool):
        return html.escape(translate("CustomerProfile", "yes") if value else translate("CustomerProfile", "no"))
    return html.escape(str(value)).replace("\n", "<br>")


def profile_rows(s: CustomerSummary) -> list[tuple[str, str]]:
    """(label, value HTML) for each field that has a value, then each custom field."""
    values: dict[str, Any] = {**s.profile, "owner": s.owner, "city": s.city,
                              "emails": ", ".join(s.emails), "phones": ", ".join(s.phones)}
    rows = [(translate("CustomerProfile", label), _shown(key, values[key])) for key, label in LABELS.items()
            if values.get(key) not in (None, "")]
    rows += [(html.escape(str(key)), _shown(str(key), value))
             for key, value in s.custom_fields.items() if value not in (None, "")]
    return rows


def profile_html(s: CustomerSummary) -> str:
    rows = profile_rows(s)
    if not rows:
        return html.escape(translate("CustomerProfile", "Nothing more is recorded about this customer yet."))
    cells = "".join(f"<tr><td style='color:palette(mid); padding-right:12px'>{label}</td>"
                    f"<td>{value}</td></tr>" for label, value in rows)
    return f"<table cellspacing='2'>{cells}</table>"
