"""Date and date-time fields: picked from a calendar, typed in the locale's format, may be empty.

    field = DateEdit()                      # a date (birthday, expected close, contract end)
    field = DateEdit(with_time=True)        # a date and a time (an activity, a task's due)
    field.set_value(date(2026, 3, 4))       # or a datetime (with_time); None empties it
    field.value()                           # date | datetime | None

A QDateTimeEdit with its calendar popup, in the locale's short format with four-digit years
(en_US "3/4/2026", zh_CN "2026/3/4", de_DE "04.03.2026"). Empty is the minimum date shown as
blank, with the format as placeholder; Delete or Backspace over the whole text, the clear
button in the field or "Clear date" in its context menu empties it. Typing into an empty field starts from today
(the first section is replaced by what is typed), and so does typing over the whole text; a separator typed right after a section
filled itself is skipped, so "3/4/2026" types as written; a two-digit year means the nearest
century (24 -> 2024, 90 -> 1990). An empty field's calendar opens on this month.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, Qt, QTime
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QDateTimeEdit, QLineEdit, QStyle, QWidget

from crm_desktop.ui.theme import ITEM_VIEW_STYLE, SPIN_BOX_STYLE

# The value that stands for "no date" (QDateTimeEdit's own minimum).
EMPTY = QDate(100, 1, 1)


def display_format(locale: QLocale | None = None, with_time: bool = False) -> str:
    """The locale's short date (and time) format, with four-digit years."""
    locale = locale or QLocale()
    kind = QLocale.FormatType.ShortFormat
    text = locale.dateTimeFormat(kind) if with_time else locale.dateFormat(kind)
    if "yyyy" not in text:
        text = text.replace("yy", "yyyy")
    return text


def full_century(year: int, today: date | None = None) -> int:
    """A two-digit year as the nearest one (up to 20 years ahead, else the century before)."""
    if year >= 100:
        return year
    this_year = (today or date.today()).year
    candidate = this_year - this_year % 100 + year
    return candidate - 100 if candidate > this_year + 20 else candidate


class DateEdit(QDateTimeEdit):
    """A date (or date-time) field that may be empty; `value()` / `set_value()`."""

    def __init__(self, value: date | datetime | None = None, *, with_time: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # (its calendar popup is a child: a table view)
        self.setStyleSheet(SPIN_BOX_STYLE + ITEM_VIEW_STYLE)
        self.with_time = with_time
        self._advanced = False
        self.setCalendarPopup(True)
        self.setDisplayFormat(display_format(with_time=with_time))
        self.setMinimumDate(EMPTY)
        self.setSpecialValueText(" ")  # shown for EMPTY; a blank line with the placeholder
        self.setCorrectionMode(QDateTimeEdit.CorrectionMode.CorrectToNearestValue)
        line = self.lineEdit()
        line.setPlaceholderText(self.displayFormat())
        # Room for the longest date (and time) of the format, the clear button and the arrow.
        sample = self.locale().toString(QDateTime(QDate(2000, 12, 28), QTime(23, 59)),
                                        self.displayFormat())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(sample + "  ") + 56)
        # The line edit's own clear button fights the spin box's text: a clear action instead.
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton)
        self.clear_action = line.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.clear_action.setObjectName("clearDateAction")
        self.clear_action.setToolTip(self.tr("Clear date"))
        self.clear_action.triggered.connect(self.clear_value)
        self.dateTimeChanged.connect(lambda _value: self.clear_action.setVisible(
            not self.is_empty()))
        self.calendarWidget().installEventFilter(self)
        self.set_value(value)
        self.clear_action.setVisible(not self.is_empty())

    # Value -------------------------------------------------------------------------------------
    def value(self) -> date | datetime | None:
        if self.is_empty():
            return None
        if self.with_time:
            moment = self.dateTime()
            return datetime(moment.date().year(), moment.date().month(), moment.date().day(),
                            moment.time().hour(), moment.time().minute(),
                            moment.time().second())
        day = self.date()
        return date(day.year(), day.month(), day.day())

    def set_value(self, value: date | datetime | None) -> None:
        if value is None:
            self.clear_value()
        elif isinstance(value, datetime):
            self.setDateTime(QDateTime(QDate(value.year, value.month, value.day),
                                       QTime(value.hour, value.minute, value.second)))
        else:
            self.setDateTime(QDateTime(QDate(value.year, value.month, value.day), QTime(9, 0)))

    def is_empty(self) -> bool:
        return self.date() == EMPTY

    def clear_value(self) -> None:
        self.setDateTime(QDateTime(EMPTY, QTime(0, 0)))

    # Typing ------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, text = event.key(), event.text()
        line = self.lineEdit()
        whole = line.hasSelectedText() and line.selectedText() == line.text()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (whole or self.is_empty()):
            self.clear_value()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._read_short_year()
        typed = bool(text) and text.isprintable() and not text.isspace()
        if self.is_empty() and (typed or key in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            self._start_from_now()
            if not typed:
                return
        elif typed and whole and text.isalnum():
            self._start_from_now()  # typing over the whole date replaces it, section by section
        if typed and not text.isalnum() and self._advanced:
            self._advanced = False  # the section filled itself and moved on: skip "/"
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._advanced = typed and text.isalnum() and self.currentSectionIndex() != before

    def _start_from_now(self) -> None:
        now = QDateTime.currentDateTime()
        self.setDateTime(QDateTime(now.date(), QTime(now.time().hour(), 0)))
        self.setCurrentSectionIndex(0)
        self.setSelectedSection(self.sectionAt(0))

    def _read_short_year(self) -> None:
        """Text typed with a two-digit year ("12/25/90") becomes that date in the nearest
        century, before Qt would correct the year it cannot take (90 AD)."""
        text = self.lineEdit().text().strip()
        short = self.displayFormat().replace("yyyy", "yy")
        locale = self.locale()
        if not text or self.with_time:
            parsed = locale.toDateTime(text, short) if text else QDateTime()
        else:
            parsed = QDateTime(locale.toDate(text, short), QTime(9, 0))
        if not parsed.isValid() or locale.toDateTime(text, self.displayFormat()).isValid():
            return
        day = parsed.date()
        year = full_century(day.year() % 100)
        self.setDateTime(QDateTime(QDate(year, day.month(), day.day()), parsed.time()))

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._read_short_year()
        self._advanced = False
        super().focusOutEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.lineEdit().createStandardContextMenu()
        menu.addSeparator()
        clear = menu.addAction(self.tr("Clear date"))
        clear.setEnabled(not self.is_empty())
        clear.triggered.connect(self.clear_value)
        menu.exec(event.globalPos())

    # The calendar of an empty field opens on this month, not in the year 100.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and isinstance(watched, QCalendarWidget) \
                and self.is_empty():
            today = QDate.currentDate()
            watched.setCurrentPage(today.year(), today.month())
        return False
