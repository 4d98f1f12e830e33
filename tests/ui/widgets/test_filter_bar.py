"""Saved filters: saved as a Segment of the list's entity, offered again, applied to the list."""

from __future__ import annotations

from sqlalchemy import select

from crm_desktop.models import Segment
from crm_desktop.storage.customers import create_customer
from crm_desktop.ui.customers.customer_views import customer_filter_fields, customer_spec
from crm_desktop.ui.widgets.record_list import RecordList


def test_save_and_apply_a_filter(qtbot, db, context):
    with db.session() as session:
        create_customer(session, {"name": "Ann", "status": "lead", "city": "Oslo"})
        create_customer(session, {"name": "Bob", "status": "customer", "city": "Rome"})
    records = RecordList(context, customer_spec(), customer_filter_fields())
    qtbot.addWidget(records)
    bar, model = records.filter_bar, records.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=5000)
    bar.combos["status"].setCurrentIndex(bar.combos["status"].findData("lead"))
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not model.isLoading(), timeout=5000)
    with qtbot.waitSignal(bar.savedLoaded, timeout=5000):
        bar.save_as("Leads")
    with db.session() as session:
        segment = session.scalars(select(Segment).where(Segment.name == "Leads")).one()
        assert segment.entity == "customers"
        assert segment.rules["filters"] == [["status", "eq", "lead"]]
    assert bar.saved.currentText() == "Leads"
    bar.combos["status"].setCurrentIndex(0)
    qtbot.waitUntil(lambda: model.rowCount() == 2 and not model.isLoading(), timeout=5000)
    bar.saved.activated.emit(bar.saved.findText("Leads"))
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not model.isLoading(), timeout=5000)
    assert model.row(0).name == "Ann"
    records.shutdown()
