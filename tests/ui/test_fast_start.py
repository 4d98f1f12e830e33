"""Start-up before SQLAlchemy: the plain-SQL first page equals the SQLAlchemy one, a deferred
database opens on first use, and the schema check reads the right head."""

from __future__ import annotations

from crm_desktop.models import Customer
from crm_desktop.storage import query
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.database import Database, is_current
from crm_desktop.storage.lists.core import ListQuery, fast_count, fast_page, fetch_page
from crm_desktop.storage.lists.customers import customer_list
from crm_desktop.ui.customers.customer_views import customer_spec
from crm_desktop.ui.item_models import SqlTableModel


def test_fast_page_matches_the_sqlalchemy_page(db, db_path):
    with db.session() as session:
        acme = create_customer(session, {"name": "Acme", "kind": "company"})
        for i, name in enumerate(["Zoe", "adam", "Bea", "王伟", "Bea"]):
            create_customer(session, {"name": name, "company_id": acme.id, "rating": i % 6,
                                      "city": "Oslo"},
                            emails=[f"p{i}@example.com"], phones=["+1 415 555 0100"])
        gone = create_customer(session, {"name": "Gone"})
        query.soft_delete(session, Customer, gone.id)
    definition = customer_list()
    slow = fetch_page(db, ListQuery.default(definition), (0, 200, False))
    fast = fast_page(db_path, definition, 200)
    assert fast == slow and len(fast) == 6
    assert fast_count(db_path, definition) == 6


def test_current_schema_and_deferred_database(qtbot, db_path):
    assert is_current(db_path)
    assert not is_current(db_path.with_name("missing.db"))
    deferred = Database.deferred(db_path)
    assert not deferred.is_open
    model = SqlTableModel(deferred, customer_spec())
    model.start()
    qtbot.waitUntil(lambda: model.total() == 0 and not model.isLoading(), timeout=5000)
    assert not deferred.is_open  # the default view came from plain sqlite3
    with deferred.session() as session:
        create_customer(session, {"name": "Later"})
    assert deferred.is_open
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.row(0) is not None, timeout=5000)
    model.shutdown()
    deferred.close()
