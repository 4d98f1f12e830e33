"""The look: one icon set, a theme switch applied live, a narrow window (1024x640) that keeps
every page usable, cut text with its full text in a tooltip, money with its currency, phone
numbers for reading, the reduced chart toolbar."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QListWidget, QStyleOptionViewItem, QTableView

from crm_desktop.ui import icons, main_actions
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.navigation import COMPACT_NAVIGATION_WIDTH
from crm_desktop.ui.pages import PAGES
from crm_desktop.ui.theme import ThemedLabel, apply_theme, tones
from crm_desktop.ui.widgets.display import phone, set_home_region
from crm_desktop.ui.widgets.elided_label import ElidedLabel
from crm_desktop.ui.widgets.table_delegate import ElidingDelegate, text_is_elided

LONG = "Pioneer Electronics Group International Holdings (Asia Pacific) Limited"


@pytest.fixture
def themes(qapp):
    """Switch themes as View > Theme does; put the test session's look back after."""
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    apply_theme(qapp, "light")
    yield lambda name: apply_theme(qapp, name)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def _window(qtbot, db, settings, page="customers") -> MainWindow:
    main = MainWindow(db, settings, start_page=page)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(icons.ready, timeout=30_000)
    qtbot.waitUntil(lambda: not main.navigation.item(0).icon().isNull(), timeout=5_000)
    return main


def _ink(icon, size=24) -> QColor:
    """The colour of an icon's drawn pixels (the first opaque one)."""
    image = icon.pixmap(size, size).toImage()
    for x in range(image.width()):
        for y in range(image.height()):
            colour = image.pixelColor(x, y)
            if colour.alpha() > 200:
                return colour
    raise AssertionError("the icon is empty")


def test_every_page_and_toolbar_action_has_an_icon_of_the_set(qtbot, db, settings, themes):
    main = _window(qtbot, db, settings)
    assert set(icons.PAGE_ICONS) == {entry.name for entry in PAGES}
    for row in range(main.navigation.count()):
        assert not main.navigation.item(row).icon().isNull()
    for name in ("new", "delete", "undo", "redo", "refresh"):
        assert not main.actions_by_name[name].icon().isNull(), name
    main.close()


def test_theme_switch_applies_live(qtbot, db, settings, themes):
    main = _window(qtbot, db, settings)
    label = ThemedLabel("<span class='danger'>late</span>")
    qtbot.addWidget(label)
    assert _ink(main.navigation.item(0).icon()).lightness() < 100  # dark ink on light
    main_actions.set_theme(main, "dark")
    assert settings.value("view/theme") == "dark"
    app = QApplication.instance()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
    # icons and themed rich text follow without reopening anything
    qtbot.waitUntil(lambda: _ink(main.navigation.item(0).icon()).lightness() > 150, timeout=5_000)
    qtbot.waitUntil(lambda: tones().danger in label.text(), timeout=5_000)
    assert tones().dark
    main_actions.set_theme(main, "light")
    qtbot.waitUntil(lambda: _ink(main.navigation.item(0).icon()).lightness() < 100,
                    timeout=5_000)
    assert tones().danger in label.text() and not tones().dark
    main.close()


def test_navigation_collapses_to_icons_below_a_width(qtbot, db, settings):
    main = _window(qtbot, db, settings)
    nav = main.findChild(QListWidget, "navigation")
    assert not main.is_compact() and nav.item(1).text() == "Today"
    main.resize(1024, 640)
    qtbot.waitUntil(main.is_compact, timeout=3_000)
    assert nav.item(1).text() == "" and nav.item(1).toolTip() == "Today"
    assert nav.maximumWidth() == COMPACT_NAVIGATION_WIDTH
    assert main.splitter.sizes()[0] == COMPACT_NAVIGATION_WIDTH  # the page gets the room
    main.resize(1400, 900)
    qtbot.waitUntil(lambda: not main.is_compact(), timeout=3_000)
    assert nav.item(1).text() == "Today" and nav.item(1).toolTip() == ""
    main.close()


def test_every_page_fits_1024x640(qtbot, db, settings):
    main = _window(qtbot, db, settings)
    for entry in PAGES:
        main.show_page(entry.name)
        main.resize(1024, 640)
        qtbot.wait(20)
        hint = main.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 640, (entry.name, hint)
        assert main.width() <= 1024 and main.height() <= 640, (entry.name, main.size())
    main.close()


def test_elided_label_shows_the_full_text_in_a_tooltip(qtbot):
    label = ElidedLabel(LONG)
    qtbot.addWidget(label)
    label.resize(120, 30)
    label.show()
    qtbot.waitExposed(label)
    assert label.is_elided() and label.toolTip() == LONG and label.text() == LONG
    label.resize(label.fontMetrics().horizontalAdvance(LONG) + 40, 30)
    qtbot.waitUntil(lambda: not label.is_elided(), timeout=2_000)
    assert label.toolTip() == ""


def test_a_cut_cell_is_known_as_cut(qtbot):
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem(LONG))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = ElidingDelegate(view)
    view.setItemDelegate(delegate)
    view.show()

    def cut(width: int) -> bool:
        view.setColumnWidth(0, width)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.widget = view
        option.rect = view.visualRect(model.index(0, 0))
        delegate.initStyleOption(option, model.index(0, 0))
        return text_is_elided(option)

    assert cut(80)
    assert not cut(view.fontMetrics().horizontalAdvance(LONG) + 60)
    assert not text_is_elided(QStyleOptionViewItem())  # no text, nothing cut


def test_money_columns_show_the_rows_currency():
    from crm_desktop.ui.campaigns.campaign_views import campaign_spec
    from crm_desktop.ui.pipeline.pipeline_views import opportunity_spec
    from crm_desktop.ui.sales.sales_views import (
        contract_spec,
        order_spec,
        product_spec,
        quote_spec,
    )

    money_columns = {"budget", "amount", "total", "value", "unit_price"}
    for spec in (campaign_spec(), opportunity_spec(), quote_spec(), order_spec(),
                 contract_spec(), product_spec()):
        shown = [c for c in spec.columns if c.key in money_columns]
        assert shown, spec.source.entity
        for column in shown:
            assert column.currency == "currency", (spec.source.entity, column.key)
        assert "currency" not in [c.key for c in spec.columns]  # no separate "Cur." column
    budget = next(c for c in campaign_spec().columns if c.key == "budget")
    assert budget.text(SimpleNamespace(currency="EUR"), Decimal("1234.5")) == "€1,234.50"
    assert budget.text(SimpleNamespace(currency="CHF"), Decimal("10")) == "10.00 CHF"
    total = next(c for c in quote_spec().columns if c.key == "total")
    assert total.text(SimpleNamespace(currency="GBP"), 145928) == "£1,459.28"  # minor units


def test_phone_numbers_are_formatted_for_reading():
    try:
        set_home_region("US")
        assert phone("+16463473013") == "(646) 347-3013"
        assert phone("+442079460958") == "+44 20 7946 0958"
        set_home_region("CN")
        assert phone("+8613800138000") == "138 0013 8000"
        assert phone("+16463473013") == "+1 646-347-3013"
        assert phone("ext. 12") == "ext. 12" and phone(None) == ""
    finally:
        set_home_region("US")


def test_chart_toolbar_keeps_reset_save_and_copy(qtbot):
    from crm_desktop.ui.charts.charts import ChartPanel

    panel = ChartPanel(paint_in_steps=False)
    qtbot.addWidget(panel)
    panel.show()
    texts = [a.text() for a in panel.toolbar.actions() if a.text()]
    assert texts == ["Reset view", "Save…", "Copy"]
    assert not hasattr(panel.toolbar, "locLabel")  # no "(x, y) =" readout
    ax = panel.figure.add_subplot()
    ax.plot([0, 1, 2], [0, 1, 4])
    panel.canvas.draw()
    QGuiApplication.clipboard().clear()
    panel.toolbar._actions["copy_figure"].trigger()
    assert QGuiApplication.clipboard().image().width() == panel.canvas.width() * \
        panel.canvas.devicePixelRatio()
