"""SqlTableModel: Qt's model tester, paging from both ends, sort, filter, search and trash."""

from __future__ import annotations

from PySide6.QtCore import Qt

from crm_desktop.models import Customer
from crm_desktop.storage import query
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.lists.core import ListColumn, ListDefinition
from crm_desktop.storage.query_filter import Filter
from crm_desktop.ui.item_models import ID_ROLE, ROW_ROLE, ColumnSpec, SqlTableModel, TableSpec


def _spec(page_size: int = 50) -> TableSpec:
    source = ListDefinition(
        "customers", Customer,
        (ListColumn("name", Customer.name, searchable=True),
         ListColumn("city", Customer.city, searchable=True),
         ListColumn("rating", Customer.rating)),
        default_sort="name",
    )
    return TableSpec(
        source,
        (ColumnSpec("name", "Name"), ColumnSpec("city", "City"),
         ColumnSpec("rating", "Rating", formatter=lambda v: "★" * v,
                    alignment=Qt.AlignmentFlag.AlignRight)),
        page_size=page_size,
    )


def _fill(db, count: int) -> None:
    with db.session() as session:
        for i in range(count):
            create_customer(session, {"name": f"Customer {i:03d}",
                                      "city": "Berlin" if i % 3 == 0 else "Paris",
                                      "rating": i % 6})


def _loaded(qtbot, model: SqlTableModel) -> None:
    qtbot.waitUntil(lambda: not model.isLoading() and model.total() is not None, timeout=5000)


def test_model_passes_qt_model_tester(qtmodeltester, qtbot, db):
    _fill(db, 120)
    model = SqlTableModel(db, _spec())
    qtmodeltester.check(model)
    model.start()
    _loaded(qtbot, model)
    qtmodeltester.check(model)
    assert model.rowCount() == 120
    assert model.data(model.index(0, 0)) == "Customer 000"
    model.sort(0, Qt.SortOrder.DescendingOrder)
    _loaded(qtbot, model)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "Customer 119"
    model.shutdown()


def test_pages_load_on_demand_from_the_end(qtbot, db):
    _fill(db, 230)
    model = SqlTableModel(db, _spec(page_size=50))
    model.start()
    _loaded(qtbot, model)
    assert model.data(model.index(229, 0)) == "Loading…"
    qtbot.waitUntil(lambda: model.data(model.index(229, 0)) == "Customer 229", timeout=5000)
    assert model.data(model.index(200, 0)) == "Customer 200"
    row = model.data(model.index(229, 0), ROW_ROLE)
    assert row.name == "Customer 229" and model.row_id(229) == row.id
    assert model.data(model.index(229, 2)) == "★" * (229 % 6)
    assert model.data(model.index(229, 0), ID_ROLE) == row.id
    model.shutdown()


def test_filter_search_and_trash_run_in_sql(qtbot, db):
    _fill(db, 30)
    model = SqlTableModel(db, _spec())
    model.setFilters([Filter("city", "eq", "Berlin")])
    _loaded(qtbot, model)
    assert model.rowCount() == 10
    model.setQuery([Filter("city", "eq", "Berlin")], "customer 00")
    _loaded(qtbot, model)
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        "Customer 000", "Customer 003", "Customer 006", "Customer 009"]
    first = model.row_id(0)
    with db.session() as session:
        query.soft_delete(session, Customer, first)
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
    model.setFilters([])
    model.setTrash(True)
    _loaded(qtbot, model)
    assert model.rowCount() == 1 and model.row_id(0) == first
    model.shutdown()


def test_a_count_before_the_first_page_does_not_read_page_zero_again(qtbot, db, monkeypatch):
    """The count's rows make a shown table ask for the top rows while the first page's job is
    still running: that page is not read a second time (nor painted twice)."""
    import time

    from PySide6.QtWidgets import QTableView

    from crm_desktop.ui import item_models

    _fill(db, 120)
    reads: list[object] = []
    real = item_models.fetch_warm

    def slow_first(*args):
        reads.append(args[-1])  # the page's (offset, limit, reverse), or the fast path's size
        time.sleep(0.4)  # the count (not slowed) lands first
        return real(*args)

    monkeypatch.setattr(item_models, "fetch_warm", slow_first)
    model = SqlTableModel(db, _spec())
    view = QTableView()
    view.setModel(model)
    view.resize(400, 600)
    view.show()
    model.start()
    qtbot.waitUntil(lambda: model.total() is not None, timeout=5000)
    assert model.row(0) is None  # counted, the first page not there yet
    _loaded(qtbot, model)
    qtbot.wait(50)
    assert model.data(model.index(0, 0)) == "Customer 000"
    assert len(reads) == 1, reads
    model.shutdown()
