"""The contracts list decides in SQL which contracts renew soon: live ones (active or draft)
with a renewal date in the next 60 days; the page colours the rows from that column."""

from __future__ import annotations

from datetime import date, timedelta

from crm_desktop.services import sales
from crm_desktop.services.outcome import write
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.lists.core import ListQuery, fetch_page
from crm_desktop.storage.lists.sales import contract_list


def test_renews_soon_only_for_live_contracts_in_the_window(db):
    customer = write(db, lambda s: create_customer(s, {"name": "Renew Ltd"}).id).value
    today = date.today()
    cases = {"soon": ("active", 30), "draft": ("draft", 10), "cancelled": ("cancelled", 30),
             "later": ("active", 200), "past": ("active", -5)}
    for title, (status, days) in cases.items():
        sales.create_contract(db, {"title": title, "customer_id": customer, "status": status,
                                   "start_date": today - timedelta(days=400),
                                   "renewal_date": today + timedelta(days=days)})
    rows = fetch_page(db, ListQuery.default(contract_list()), (0, 10, False))
    assert {row.title for row in rows if row.renews_soon} == {"soon", "draft"}
