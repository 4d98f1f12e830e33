"""What a segments result adds to the Analytics page: rename a segment (a double-click on its
row of the profile table, the Rename button, or F2), and the map of customers (the PCA scatter)
as a view the user turns on ("Show map of customers"; the profiles' chart comes first).

A rename is stored through services.segment_names (audited), lands on the undo stack, and the
page shows the new name at once everywhere the segment shows (``on_names``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QPushButton, QTableView, QWidget

from crm_desktop.services import segment_names
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.undo import push_command

if TYPE_CHECKING:
    from crm_desktop.ui.analytics.frame_model import FrameModel
    from crm_desktop.ui.context import AppContext

# The profile table's column holding each segment's name key.
KEY_COLUMN = "name"


class SegmentTools(QWidget):
    """Rename and map buttons beside the result's words; hidden for other results."""

    def __init__(self, context: AppContext, detail: QTableView, detail_model: FrameModel,
                 say: Callable[[str], None], on_names: Callable[[], None],
                 on_view: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.detail, self.detail_model = context, detail, detail_model
        self._say, self._on_names, self._on_view = say, on_names, on_view
        self._outcome: Any = None
        self.rename_button = named(QPushButton(self.tr("Rename segment…")),
                                   "analysisRenameSegment")
        self.rename_button.setToolTip(self.tr(
            "Give the segment chosen in the profile table a name of your own (F2)"))
        self.map_button = named(QPushButton(self.tr("Show map of customers")), "analysisMap")
        self.map_button.setCheckable(True)
        self.map_button.setToolTip(self.tr(
            "Each customer as a dot, placed by how they buy (the first two principal "
            "components), coloured by segment"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.rename_button)
        row.addWidget(self.map_button)
        self.rename_button.clicked.connect(lambda: self.rename())
        self.map_button.toggled.connect(lambda _on: self._on_view())
        detail.doubleClicked.connect(lambda index: self.rename(self.key_at(index.row())))
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F2), parent or self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._f2)
        self.set_outcome(None)

    def set_outcome(self, outcome: Any) -> None:
        """Offer the tools that fit a new result (the map starts off for each result)."""
        self._outcome = outcome
        renamable = getattr(outcome, "name", None) == "segments"
        self.rename_button.setVisible(renamable)
        self.map_button.setVisible(getattr(outcome, "alt_chart", None) is not None)
        self.map_button.blockSignals(True)
        self.map_button.setChecked(False)
        self.map_button.blockSignals(False)
        self.setVisible(self.rename_button.isVisibleTo(self) or self.map_button.isVisibleTo(self))

    def showing_map(self) -> bool:
        return self.map_button.isVisibleTo(self) and self.map_button.isChecked()

    # ------------------------------------------------------------------------------ renaming
    def key_at(self, row: int) -> str | None:
        """The name key of the profile table's row ``row``."""
        frame = self.detail_model.frame()
        if KEY_COLUMN not in frame.columns or not 0 <= row < len(frame):
            return None
        return str(frame[KEY_COLUMN].iloc[row])

    def current_key(self) -> str | None:
        """The segment of the profile table's current row (else its first)."""
        index = self.detail.currentIndex()
        return self.key_at(index.row() if index.isValid() else 0)

    def _f2(self) -> None:
        if self.rename_button.isVisible():
            self.rename()

    def rename(self, key: str | None = None, name: str | None = None) -> bool:
        """Rename segment ``key`` (default: the current row's) to ``name`` (None: ask; "": its
        automatic name again). True when a rename was made."""
        from crm_desktop.storage.errors import StorageError
        from crm_desktop.ui.errors import show_error

        outcome = self._outcome
        if outcome is None or getattr(outcome, "name", None) != "segments":
            return False
        key = key or self.current_key()
        if key is None:
            return False
        shown = self.shown_name(key)
        if name is None:
            typed, ok = QInputDialog.getText(
                self, self.tr("Rename segment"),
                self.tr("New name for “%1” (empty: its automatic name):").replace("%1", shown),
                text=outcome.names.get(key, shown))
            if not ok:
                return False
            name = typed
        db = self.context.database
        state: dict[str, segment_names.Renamed] = {}

        def do() -> Any:
            out = segment_names.rename_segment(db, key, name)
            state["done"] = out.value
            self._took(out.value.key, out.value.after)
            return out

        def undo() -> Any:
            out = segment_names.undo_rename(db, state["done"])
            self._took(out.value.key, out.value.after)
            return out

        try:
            push_command(self.context, self.tr("Rename segment %1").replace("%1", shown),
                         do, undo)
        except StorageError as error:
            self._say(str(error))
            show_error(self, error)
            return False
        self._say(self.tr("Segment “%1” is now called “%2”").replace("%1", shown).replace(
            "%2", self.shown_name(key)))
        return True

    def shown_name(self, key: str) -> str:
        from crm_desktop.services.insights.render import segment_name
        from crm_desktop.ui.analytics.insight_text import LocaleFormats, translate

        names = getattr(self._outcome, "names", None)
        return segment_name(key, translate, LocaleFormats(), names)

    def _took(self, key: str, name: str | None) -> None:
        """The result shown takes the segment's new name (an undo after another analysis
        was run changes only what is stored)."""
        outcome = self._outcome
        if outcome is None or getattr(outcome, "name", None) != "segments":
            return
        if name is None:
            outcome.names.pop(key, None)
        else:
            outcome.names[key] = name
        self._on_names()


def shown_chart(outcome: Any, show_map: bool) -> Any:
    """The chart of ``outcome`` as the page draws it (the map instead when ``show_map``):
    its texts translated, segment name keys on an axis or in a legend shown as the segments'
    names (the user's where they gave one)."""
    import dataclasses

    from crm_desktop.services.insights.render import segment_name
    from crm_desktop.ui.analytics.frame_model import analysis_text
    from crm_desktop.ui.analytics.insight_text import translate

    chart = outcome.alt_chart if show_map and outcome.alt_chart is not None else outcome.chart
    if chart is None:
        return None
    names = getattr(outcome, "names", None)

    def label(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return analysis_text(segment_name(value, translate, names=names))

    return dataclasses.replace(
        chart, title=analysis_text(chart.title), xlabel=analysis_text(chart.xlabel),
        ylabel=analysis_text(chart.ylabel), x=[label(x) for x in chart.x],
        series={analysis_text(name): values for name, values in chart.series.items()},
        legend={group: label(key) for group, key in getattr(chart, "legend", {}).items()})
