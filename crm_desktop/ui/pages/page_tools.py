"""Pieces the pipeline, sales, campaign, ticket and activity pages share.

- `open_form(page, dialog, on_saved)`: show a record dialog without blocking; `on_saved(dialog)`
  runs after a save (usually `dialog.push_undo(context, text)`, see dialogs/record_dialog.py).
- `RowHighlighter`, `highlight_rows(list, style)`: whole rows coloured from the row dataclass
  (overdue tickets in red, contracts renewing within 60 days) by the list's model.
- `DetailPane`: the right-hand pane of a record list: a title, rich text and action buttons.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import ThemedBrowser, tones
from crm_desktop.ui.widgets.elided_label import ElidedLabel
from crm_desktop.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    # (types only: the customers page, shown at start-up, needs neither the form module nor
    # the validation libraries it imports)
    from crm_desktop.ui.dialogs.form import FormDialog
    from crm_desktop.ui.widgets.record_list import RecordList

log = logging.getLogger(__name__)

# What a highlighted row means (RowHighlighter's style functions return one of these); the
# colours are the palette's (theme.tones), looked up when the row is painted.
OVERDUE = "danger"
SOON = "warning"


def default_split(record_list: RecordList, sizes: list[int]) -> None:
    """Give a record list's splitter `sizes` unless the user already arranged it."""
    key = f"lists/{record_list.spec.entity}/splitter"
    record_list.split_sizes = list(sizes)  # also when its detail pane shows (a step later)
    if record_list.context.settings.value(key) is None:
        record_list.splitter.setSizes(sizes)


def open_form(owner: QWidget, dialog: FormDialog, on_saved: Callable[[FormDialog], None]) -> None:
    """Show `dialog` (window-modal, not blocking); `on_saved(dialog)` runs after a save."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.accepted.connect(lambda: on_saved(dialog))
    owner._open_dialog = dialog  # type: ignore[attr-defined] # keep a reference; tests find it
    dialog.open()


class RowHighlighter:
    """Colours a row from its dataclass: `style(row)` names what the row is (`OVERDUE`,
    `SOON`) or returns None; the colours come from the application's palette (light or dark
    theme). Set on a list's model (`highlight_rows`), which gives them as every cell's
    background and text colours: a delegate that coloured each cell in Python
    (initStyleOption) made a paint of the ticket queue a third slower (17-20 ms against
    10-13 ms for its 150 cells)."""

    # A paint asks for every cell: the row's meaning is kept per row (for this long, as
    # "overdue" changes with the time) and the colours per palette, not worked out per cell
    # (at a million customers the ticket queue's first paint took 50-60 ms of the GUI thread).
    RECHECK_S = 30.0
    _KEPT = 2000  # rows whose meaning is kept

    def __init__(self, style: Callable[[Any], str | None]) -> None:
        self._style = style
        self._meanings: dict[int, tuple[Any, str | None]] = {}  # id(row) -> (row, meaning)
        self._since = -1.0
        self._colours: dict[tuple[str, int], tuple[QBrush, QBrush]] = {}

    def colours(self, row: Any) -> tuple[QBrush, QBrush] | None:
        """(background, text) of `row`, or None for a row shown as any other."""
        meaning = self._meaning(row)
        if not meaning:
            return None
        return self._colours_for(meaning, QGuiApplication.palette())

    def _meaning(self, row: Any) -> str | None:
        now = time.monotonic()
        if now - self._since > self.RECHECK_S or len(self._meanings) > self._KEPT:
            self._meanings.clear()
            self._since = now
        found = self._meanings.get(id(row))
        if found is not None and found[0] is row:
            return found[1]
        meaning = self._style(row)
        self._meanings[id(row)] = (row, meaning)
        return meaning

    def _colours_for(self, meaning: str, palette: QPalette) -> tuple[QBrush, QBrush]:
        key = (meaning, palette.cacheKey())
        found = self._colours.get(key)
        if found is None:
            if len(self._colours) > 16:
                self._colours.clear()
            t = tones(palette)
            background, text = ((t.danger_bg, t.danger) if meaning == OVERDUE
                                else (t.warning_bg, t.warning))
            found = self._colours[key] = (QBrush(QColor(background)), QBrush(QColor(text)))
        return found


def highlight_rows(record_list: RecordList, style: Callable[[Any], str | None]) -> None:
    """Colour the rows of `record_list` by what they are (`style`, see RowHighlighter)."""
    record_list.model.row_colours = RowHighlighter(style)
    record_list.table.viewport().update()


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def facts(rows: Iterable[tuple[str, object]]) -> str:
    """A two-column HTML table of label: value (empty values left out). The labels use the
    `key` class of theme.html_style (show it in a ThemedBrowser or ThemedLabel)."""
    cells = "".join(
        f"<tr><td class='key'>{esc(k)}</td><td>{esc(v)}</td></tr>"
        for k, v in rows if v not in (None, "")
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


class DetailPane(QWidget):
    """Title, rich text and a row of buttons; `show_html` fills it, `clear` empties it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name)
        self.setMinimumWidth(240)
        # (children made in the pane: made apart and added, each was restyled when moved)
        self.title = named(ElidedLabel("", self), f"{name}Title")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.text: QTextBrowser = named(ThemedBrowser(self), f"{name}Text")
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.buttons = FlowLayout()  # wraps onto a second row in a narrow pane
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 0, 0, 0)
        self.layout_.addWidget(self.title)
        self.layout_.addLayout(self.buttons)
        self.layout_.addWidget(self.text, 1)
        self.record_id: int | None = None

    def add_button(self, name: str, text: str, slot: Callable[[], Any],
                   tooltip: str = "") -> QPushButton:
        button = named(QPushButton(text, self), name)
        button.setAccessibleName(text.replace("&", ""))
        if tooltip:
            button.setToolTip(tooltip)
        button.clicked.connect(lambda: slot())
        button.setEnabled(False)
        self.buttons.addWidget(button)
        return button

    def set_buttons_enabled(self, enabled: bool) -> None:
        for i in range(self.buttons.count()):
            item = self.buttons.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QPushButton):
                widget.setEnabled(enabled)

    def show_html(self, record_id: int, title: str, body: str) -> None:
        self.record_id = record_id
        self.title.setText(title)
        self.text.setHtml(body)
        self.set_buttons_enabled(True)

    def clear(self, message: str = "") -> None:
        self.record_id = None
        self.title.setText("")
        self.text.setHtml(f"<p class='muted'>{esc(message)}</p>" if message else "")
        self.set_buttons_enabled(False)
