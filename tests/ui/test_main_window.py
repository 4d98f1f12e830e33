"""The shell: named widgets, lazy pages and placeholders, persistence of window state,
trash view, and no thread left running after close."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QListWidget, QSplitter, QTableView, QWidget

from crm_desktop.models import Customer
from crm_desktop.storage import query
from crm_desktop.storage.customers import create_customer
from crm_desktop.ui import recent_databases
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.pages import PAGES


def _window(qtbot, db, settings, page="customers") -> MainWindow:
    main = MainWindow(db, settings, start_page=page)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_names_for_automation_and_lazy_pages(qtbot, db, settings):
    main = _window(qtbot, db, settings)
    assert main.objectName() == "mainWindow" and main.accessibleName() == "mainWindow"
    nav = main.findChild(QListWidget, "navigation")
    assert nav.accessibleName() == "navigation" and nav.count() == len(PAGES)
    assert main.findChild(QWidget, "globalSearch") is not None
    assert main.findChild(QWidget, "customerFilter") is not None
    assert main.page("customers") is not None and main.page("analytics") is None
    for row, entry in enumerate(PAGES):
        built = main.page(entry.name) is not None
        nav.setCurrentRow(row)
        if not built:
            # Built in steps of the event loop (chart pages after their libraries loaded in a
            # worker): "Loading…" first, so the window repaints at once.
            assert main.page(entry.name) is None
            assert main.findChild(QWidget, "pageLoading").isVisible()
            qtbot.waitUntil(lambda name=entry.name: main.page(name) is not None
                            and main.page(name).isVisible(), timeout=20_000)
        page = main.page(entry.name)
        assert page is not None and page.isVisible()
        assert page.objectName() == f"{entry.name}Page" == page.accessibleName()
        assert main.findChild(QWidget, "pageLoading") is None or not \
            main.findChild(QWidget, "pageLoading").isVisible()
    main.close()
    assert main.runner.jobs() == []


def test_window_state_persists(qtbot, db, settings, tmp_path):
    main = _window(qtbot, db, settings, page="tickets")
    main.resize(1234, 777)
    table = main.show_page("customers").findChild(QTableView, "customerTable")
    table.horizontalHeader().resizeSection(0, 333)
    splitter = main.page("customers").findChild(QSplitter, "customersSplitter")
    splitter.setSizes([500, 400])
    splitter_state = splitter.saveState()
    main.close()
    geometry = main.saveGeometry()
    reopened = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    # (the offscreen screen is 800x600, so a restored window is clamped: compare what is saved)
    assert reopened.value("window/geometry") == geometry
    assert reopened.value("window/page") == "customers"
    again = _window(qtbot, db, reopened, page=None)
    assert again.current_page() is again.page("customers")
    table = again.findChild(QTableView, "customerTable")
    assert table.horizontalHeader().sectionSize(0) == 333
    assert reopened.value("lists/customers/splitter") == splitter_state
    again.close()


def test_trash_view_restores(qtbot, db, settings):
    with db.session() as session:
        gone = create_customer(session, {"name": "Gone Girl"})
        create_customer(session, {"name": "Still Here"})
        query.soft_delete(session, Customer, gone.id)
    main = _window(qtbot, db, settings)
    page = main.page("customers")
    main.actions_by_name["show_trash"].trigger()
    assert page.trash_mode()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row(0) is not None,
                    timeout=5000)
    page.table.selectRow(0)
    qtbot.mouseClick(page.list.restore_button, Qt.MouseButton.LeftButton)
    with db.session() as session:
        assert session.get(Customer, gone.id).deleted_at is None
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    main.close()


def test_switch_database_and_recent_list(qtbot, db, db_path, settings, tmp_path, template_db):
    import shutil

    other = tmp_path / "other.db"
    shutil.copyfile(template_db, other)
    from crm_desktop.storage.database import open_database

    with open_database(other) as second, second.session() as session:
        create_customer(session, {"name": "In the other file"})
    main = _window(qtbot, db, settings)
    with qtbot.waitSignal(main.databaseChanged, timeout=10_000):
        main.switch_database(other)
    page = main.page("customers")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row(0) is not None,
                    timeout=5000)
    assert page.model.row(0).name == "In the other file"
    assert recent_databases.listed(main.settings)[:2] == [str(other.resolve()), str(db_path.resolve())]
    assert "other.db" in main.windowTitle()
    main.close()
    main.context.database.close()


def test_a_page_left_before_it_was_built_is_built_when_chosen_again(qtbot, db, settings):
    main = _window(qtbot, db, settings)
    names = [entry.name for entry in PAGES]
    main.navigation.setCurrentRow(names.index("tickets"))
    main.navigation.setCurrentRow(names.index("campaigns"))  # before the tickets page's step
    qtbot.waitUntil(lambda: main.page("campaigns") is not None
                    and main.page("campaigns").isVisible(), timeout=10_000)
    assert main.page("tickets") is None or not main.page("tickets").isVisible()
    main.navigation.setCurrentRow(names.index("tickets"))
    qtbot.waitUntil(lambda: main.page("tickets") is not None
                    and main.page("tickets").isVisible(), timeout=10_000)
    assert main.current_page() is main.page("tickets")
    assert not main.findChild(QWidget, "ticketsHolder").findChild(QWidget, "pageLoading") \
        or not main.findChild(QWidget, "ticketsHolder").findChild(QWidget,
                                                                  "pageLoading").isVisible()
    main.close()


def test_the_warm_up_prepares_the_pages_so_choosing_one_starts_no_preparation(qtbot, db,
                                                                              settings):
    """While the window is idle after start, the warm-up imports the pages' modules and runs
    their `prepare` steps (pandas, the charts): run when the page was chosen, their imports
    held the GIL while the GUI thread built the page (80-270 ms gaps)."""
    main = _window(qtbot, db, settings)
    prepares = {entry.prepare for entry in PAGES if entry.prepare is not None}
    main._warm_up()  # (as the window's timer does a moment after start)
    qtbot.waitUntil(lambda: prepares <= main._prepared, timeout=60_000)
    started = []
    run = main.runner.run

    def spy(fn, *args, **kwargs):
        started.append(kwargs.get("key"))
        return run(fn, *args, **kwargs)

    main.runner.run = spy
    main.navigation.setCurrentRow([entry.name for entry in PAGES].index("pipeline"))
    qtbot.waitUntil(lambda: main.page("pipeline") is not None
                    and main.page("pipeline").isVisible(), timeout=20_000)
    assert "prepare-pipeline" not in started
    main.close()


def test_the_warm_up_makes_the_reads_of_the_pipeline_pages_build(qtbot, db, settings):
    """The pipeline page reads its stages while it is built, on the GUI thread: the warm-up
    makes that read first, in its worker (SQLAlchemy compiles the statements once per
    process: 15-20 ms of the build), which also makes the default pipeline of a new file."""
    from sqlalchemy import func, select

    from crm_desktop.models import Pipeline

    def pipelines() -> int:
        with db.session() as session:
            return session.scalar(select(func.count()).select_from(Pipeline)) or 0

    main = _window(qtbot, db, settings)
    assert pipelines() == 0
    main._warm_up()
    qtbot.waitUntil(lambda: not main.runner.jobs(), timeout=60_000)
    assert pipelines() == 1 and main.page("pipeline") is None
    main.close()
