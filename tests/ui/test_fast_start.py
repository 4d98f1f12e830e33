"""Start-up before SQLAlchemy: the plain-SQL first page equals the SQLAlchemy one, the lazy
database opens on first use, and the schema check reads the right head."""

from __future__ import annotations

from crm_desktop.models import Customer
from crm_desktop.storage import query
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.database import SCHEMA_HEAD
from crm_desktop.ui.item_models import SqlTableModel
from crm_desktop.ui.lazy_database import LazyDatabase, expected_schema, ready_to_open_later
from crm_desktop.ui.pages.customer_views import customer_spec
from crm_desktop.ui.table_spec import ListQuery, run_fast_count, run_fast_page, run_page


def test_fast_page_matches_the_sqlalchemy_page(db, db_path):
    with db.session() as session:
        acme = create_customer(session, {"name": "Acme", "kind": "company"})
        for i, name in enumerate(["Zoe", "adam", "Bea", "王伟", "Bea"]):
            create_customer(session, {"name": name, "company_id": acme.id, "rating": i % 6,
                                      "city": "Oslo"},
                            emails=[f"p{i}@example.com"], phones=["+1 415 555 0100"])
        gone = create_customer(session, {"name": "Gone"})
        query.soft_delete(session, Customer, gone.id)
    spec = customer_spec()
    slow = run_page(db, ListQuery(spec, sort_key="name"), (0, 200, False), lambda: False)
    fast = run_fast_page(db_path, spec, 200)
    assert fast == slow and len(fast) == 6
    assert run_fast_count(db_path, spec) == 6


def test_schema_head_and_lazy_database(qtbot, db_path):
    assert expected_schema() == SCHEMA_HEAD
    assert ready_to_open_later(db_path)
    assert not ready_to_open_later(db_path.with_name("missing.db"))
    lazy = LazyDatabase(db_path)
    assert not lazy.is_open
    model = SqlTableModel(lazy, customer_spec())
    model.start()
    qtbot.waitUntil(lambda: model.total() == 0 and not model.isLoading(), timeout=5000)
    assert not lazy.is_open  # the default view came from plain sqlite3
    with lazy.session() as session:
        create_customer(session, {"name": "Later"})
    assert lazy.is_open
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.row(0) is not None, timeout=5000)
    model.shutdown()
    lazy.close()
