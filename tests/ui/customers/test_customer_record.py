"""The customer dialog edits every field of a customer, custom fields included, and the detail
pane shows them all (issue 12, "Complete records, easy to enter")."""

from __future__ import annotations

from datetime import date

from crm_desktop.models import Customer
from crm_desktop.storage.customers import CUSTOM_FIELD_KEYS
from crm_desktop.storage.database_settings import get_setting
from crm_desktop.ui.customers.customer_detail import CustomerDetail
from crm_desktop.ui.customers.customer_dialog import CustomerDialog
from crm_desktop.ui.preferences import Preferences
from tests.ui.page_helpers import click_save, make_customer, type_into


def _fill(qtbot, dialog: CustomerDialog, values: dict[str, str]) -> None:
    for key, text in values.items():
        type_into(qtbot, dialog.field(key), text)


def test_a_new_customer_with_every_field_and_a_custom_field(qtbot, context, db):
    make_customer(db, "Old", owner="Ana", industry="Retail")  # offered in the combos
    dialog = CustomerDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.field("owner").findText("Ana") >= 0
    assert dialog.field("industry").findText("Retail") >= 0
    _fill(qtbot, dialog, {
        "name": "Mei Chen", "company": "Chen Trading", "company_role": "Buyer",
        "job_title": "Purchasing lead", "department": "Procurement",
        "emails": "mei@example.com", "phones": "+86 138 0013 8000", "owner": "Ana",
        "street": "1 Nanjing Road", "postal_code": "200001", "city": "Shanghai",
        "region": "Shanghai", "country": "China", "website": "chen.example.cn",
        "industry": "Retail", "lead_source": "Trade fair", "category": "Wholesale",
        "tags": "vip", "birthday": "1990-05-17", "needs": "Fast delivery",
        "notes": "Met in Canton",
    })
    dialog.custom_fields.add_row("Shoe size", "38")
    click_save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.general_error.text()
    with db.session() as session:
        mei = session.get(Customer, dialog.saved_id)
        assert (mei.company_role, mei.department, mei.street, mei.postal_code, mei.region,
                mei.country, mei.website, mei.industry, mei.lead_source, mei.needs,
                mei.birthday, mei.owner, mei.custom_fields) == (
            "Buyer", "Procurement", "1 Nanjing Road", "200001", "Shanghai", "CN",
            "https://chen.example.cn", "Retail", "Trade fair", "Fast delivery",
            date(1990, 5, 17), "Ana", {"Shoe size": "38"})
        assert get_setting(session, CUSTOM_FIELD_KEYS) == ["Shoe size"]

    # The next customer is offered the same custom field; the pane shows every field.
    other = CustomerDialog(context)
    qtbot.addWidget(other)
    assert other.custom_fields.values() == {"Shoe size": ""}
    pane = CustomerDetail(context)
    qtbot.addWidget(pane)
    pane.show_customer(dialog.saved_id)
    qtbot.waitUntil(lambda: "Shoe size" in pane.details.text(), timeout=5000)
    shown = pane.details.text()
    for part in ("Buyer", "Procurement", "1 Nanjing Road", "200001", "(CN)",
                 "https://chen.example.cn", "Trade fair", "Fast delivery", "Ana", "38",
                 "mei@example.com"):
        assert part in shown, part


def test_a_bad_custom_field_is_named_on_its_tab(qtbot, context, db):
    dialog = CustomerDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.field("name"), "Nameless Field Co")
    dialog.custom_fields.add_row("", "a value without a name")
    click_save(qtbot, dialog)
    assert dialog.isVisible() and "no field name" in dialog.error_text("custom_fields")
    assert dialog.tabs.currentWidget().isAncestorOf(dialog.custom_fields)


def test_a_new_customer_starts_with_the_preferred_country_and_cadence(qtbot, context, db):
    Preferences(country="DE", touch_every_days=30).save(context.settings)
    dialog = CustomerDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.field("country").value() == "DE"
    assert dialog.field("touch_every_days").value() == 30
    edited = CustomerDialog(context, make_customer(db, "No Cadence"))  # an edit keeps its own
    qtbot.addWidget(edited)
    assert edited.field("touch_every_days").value() == 0
