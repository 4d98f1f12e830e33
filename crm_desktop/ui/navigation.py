"""The main window's navigation: the list of pages on the left (one row per `pages.PAGES`
entry, its title translated in context "pages"), its icons, and its compact form for a narrow
window (icons only, the names in tooltips).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QWidget

from crm_desktop.ui import icons, theme
from crm_desktop.ui.pages import PAGES

COMPACT_NAVIGATION_WIDTH = 52


def make_navigation(parent: QWidget) -> QListWidget:
    """The list of pages, a row per page; each row's UserRole is the page's name."""
    navigation = QListWidget(parent)
    navigation.setObjectName("navigation")
    navigation.setStyleSheet(theme.NAVIGATION_STYLE)
    navigation.setAccessibleName("navigation")
    navigation.setIconSize(QSize(18, 18))
    navigation.setMinimumWidth(200)
    navigation.setMaximumWidth(260)
    navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for entry in PAGES:
        title = QCoreApplication.translate("pages", entry.title)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, entry.name)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        navigation.addItem(item)
    return navigation


def set_page_icons(navigation: QListWidget, palette: QPalette) -> None:
    """Each page's icon in the palette's colours (the icon font must be loaded)."""
    for row, entry in enumerate(PAGES):
        navigation.item(row).setIcon(icons.icon(icons.PAGE_ICONS[entry.name], palette))


def show_compact(navigation: QListWidget, splitter: QSplitter, compact: bool,
                 icons_only: bool) -> None:
    """The navigation as icons only (`icons_only`: names in tooltips), narrower when
    `compact`, or back; the room it leaves goes to the page beside it in `splitter`."""
    for row, entry in enumerate(PAGES):
        item = navigation.item(row)
        title = QCoreApplication.translate("pages", entry.title)
        item.setText("" if icons_only else title)
        item.setToolTip(title if icons_only else "")
    if icons_only:
        navigation.setMinimumWidth(COMPACT_NAVIGATION_WIDTH)
        navigation.setMaximumWidth(COMPACT_NAVIGATION_WIDTH)
    else:
        navigation.setMaximumWidth(260)
        navigation.setMinimumWidth(150 if compact else 200)
    # the splitter keeps its sizes: give the room the navigation left to the page
    total = sum(splitter.sizes())
    width = min(max(splitter.sizes()[0], navigation.minimumWidth()), navigation.maximumWidth())
    splitter.setSizes([width, max(total - width, 0)])
