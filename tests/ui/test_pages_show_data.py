"""Every page, opened from the navigation as a user does (built in steps, its data read in
the background), ends up showing its data: no "Loading…" left anywhere on it, its lists filled,
its detail pane shown, and no job left running."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from crm_desktop.storage.database import open_database
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.pages import PAGES
from tests.conftest import demo_database_file

LOADING = ("Loading", "…")  # "Loading…", "Loading who to contact today…", a list's count


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory, template_db):
    return demo_database_file(tmp_path_factory, template_db, "pages", customers=80, seed=3)


@pytest.fixture
def demo(demo_path, tmp_path):
    import shutil

    path = tmp_path / "demo.db"
    shutil.copyfile(demo_path, path)
    database = open_database(path)
    yield database
    database.close()


def _still_loading(page: QWidget) -> list[str]:
    """Texts of the visible labels on the page that say it is still loading."""
    return [label.text() for label in page.findChildren(QLabel)
            if label.isVisibleTo(page) and label.text().startswith(LOADING[0])]


def _filled(page: QWidget) -> bool:
    """What the page was opened for is there (by the kind of page)."""
    record_list = getattr(page, "list", None)
    if record_list is not None:
        detail, model = record_list.detail, record_list.model
        total = model.total()
        return (total is not None and not model.isLoading()
                and (model.rowCount() > 0 if total else model.rowCount() == 0)
                and (total == 0 or model.row(0) is not None)  # rows, not placeholders
                and (detail is None or detail.isVisible()))
    board = getattr(page, "board", None)
    if board is not None:
        return board.board is not None and len(board.findChildren(QWidget, "kanbanColumn")) \
            == len(board.columns()) > 0
    if hasattr(page, "view") and hasattr(page, "data"):  # the graph
        return page.data is not None and len(page.view.node_ids()) > 0
    views = [v for v in page.findChildren(QAbstractItemView) if v.isVisibleTo(page)]
    return all(v.model() is not None for v in views)


@pytest.mark.parametrize("name", [entry.name for entry in PAGES])
def test_a_page_opened_from_the_navigation_shows_its_data(qtbot, demo, tmp_path, name):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    start = "today" if name == "customers" else "customers"
    main = MainWindow(demo, settings, start_page=start)
    qtbot.addWidget(main)
    main.resize(1024, 640)
    main.show()
    qtbot.waitExposed(main)
    main.navigation.setCurrentRow([e.name for e in PAGES].index(name))

    def settled() -> bool:
        page = main.page(name)
        return (page is not None and page.isVisible() and main.runner.jobs() == []
                and not _still_loading(page) and _filled(page))

    try:
        qtbot.waitUntil(settled, timeout=60_000)
    except Exception:
        page = main.page(name)
        pytest.fail(f"{name}: built {page is not None}, jobs {main.runner.jobs()}, loading "
                    f"{_still_loading(page) if page else None}, filled "
                    f"{_filled(page) if page else None}")
    finally:
        main.close()
