"""The controls above the relationship graph: search, ego view, introductions, filters, export.

Only widgets and layout; the graph page connects them. Object names are stable for tests and
automation (``graphFind``, ``graphKind``, ``graphMinStrength``, ``graphCommunity``, ...).
"Include inferred links" (``graphInferred``) is remembered in the settings (``INFER_KEY``); its
legend (``graphInferredLegend``) shows the dashed pen the inferred links are drawn with, and
``edge_tooltip`` is the text of an edge's tooltip ("inferred: same company", ...).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TypeVar

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.models import RELATIONSHIP_KINDS
from crm_desktop.storage.database import Database
from crm_desktop.ui.graph.graph_items import community_color, edge_pen
from crm_desktop.ui.graph.graph_specs import EdgeSpec
from crm_desktop.ui.graph.relationship_dialog import kind_label
from crm_desktop.ui.theme import mute, spin_box_look, tones
from crm_desktop.ui.widgets.customer_picker import CustomerPicker
from crm_desktop.ui.widgets.elided_label import ElidedLabel

MAX_COMMUNITY_CHOICES = 30
INFER_KEY = "graph/inferredLinks"


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str, accessible: str, tip: str = "") -> W:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    if tip:
        widget.setToolTip(tip)
    return widget


def _swatch(color: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(color)
    return QIcon(pixmap)


def _line_sample(inferred: bool) -> QPixmap:
    """A short line drawn with an edge pen of the graph (the legend)."""
    pixmap = QPixmap(30, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(edge_pen(3, inferred, tones().dark))
    painter.drawLine(1, 6, 29, 6)
    painter.end()
    return pixmap


class GraphControls(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setObjectName("graphControls")
        self.finder = CustomerPicker(database)
        _named(self.finder, "graphFind", self.tr("Find a customer in the graph"))
        self.finder.setPlaceholderText(self.tr("Find a customer…"))
        self.finder.setMinimumWidth(190)
        self.fit_button = _named(QPushButton(self.tr("Fit")), "graphFit", self.tr("Fit the graph"),
                                 self.tr("Show the whole graph (0 or double click on the background)"))
        self.ego_button = _named(QPushButton(self.tr("Ego network")), "graphEgo", self.tr("Ego network"),
                                 self.tr("Show only the found customer and the people around them"))
        self.ego_button.setCheckable(True)
        self.ego_depth = _named(spin_box_look(QSpinBox()), "graphDepth", self.tr("Ego network depth"),
                            self.tr("How many steps away from the customer"))
        self.ego_depth.setRange(1, 3)
        self.ego_depth.setPrefix(self.tr("depth "))
        self.from_picker = _named(CustomerPicker(database), "graphFrom", self.tr("Introduce from"))
        self.from_picker.setPlaceholderText(self.tr("Introduce from…"))
        self.from_picker.setToolTip(self.tr("You, or the contact who makes the first introduction"))
        self.to_picker = _named(CustomerPicker(database), "graphTo", self.tr("Introduce to"))
        self.to_picker.setPlaceholderText(self.tr("…to"))
        self.to_picker.setToolTip(self.tr("The customer you want to meet"))
        self.introduce_button = _named(
            QPushButton(self.tr("Introduce me")), "graphIntroduce", self.tr("Introduce me"),
            self.tr("Highlight the strongest chain of introductions between the two customers"))
        self.export_button = _named(QToolButton(), "graphExport", self.tr("Export the graph"))
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_png = QAction(self.tr("Image (PNG)…"), self)
        self.export_svg = QAction(self.tr("Vector image (SVG)…"), self)
        self.export_graphml = QAction(self.tr("Graph for Gephi/yEd (GraphML)…"), self)
        for action in (self.export_png, self.export_svg, self.export_graphml):
            menu.addAction(action)
        self.export_button.setMenu(menu)
        self.recompute_button = _named(
            QPushButton(self.tr("Recompute")), "graphRecompute", self.tr("Recompute"),
            self.tr("Compute the network metrics and the layout again"))

        self.kind = _named(QComboBox(), "graphKind", self.tr("Relationship kind"))
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in RELATIONSHIP_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.min_strength = _named(spin_box_look(QDoubleSpinBox()), "graphMinStrength", self.tr("Minimum strength"),
                                   self.tr("Hide relationships weaker than this"))
        self.min_strength.setRange(0.0, 1.0)
        self.min_strength.setSingleStep(0.1)
        self.min_strength.setDecimals(2)
        self.min_strength.setPrefix(self.tr("strength ≥ "))
        self.community = _named(QComboBox(), "graphCommunity", self.tr("Community"))
        self.community.setMinimumContentsLength(10)
        self.set_communities({})
        self.unconnected = _named(QCheckBox(self.tr("Unconnected")), "graphUnconnected",
                                  self.tr("Show customers without relationships"))
        self.inferred = _named(
            QCheckBox(self.tr("Inferred links")),
            "graphInferred", self.tr("Include inferred links"),
            self.tr("Also link people of the same company and customers who responded to the same "
               "campaign. Inferred links are dashed and paler, never replace a recorded "
               "relationship, and are not saved as relationships. Influence and communities "
               "shown here then count them; the customer detail keeps using recorded ones."))
        self.inferred.setChecked(bool(settings is not None and settings.value(
            INFER_KEY, False, type=bool)))
        self.inferred.toggled.connect(self._remember_inferred)
        self.legend = _named(QLabel(), "graphInferredLegend", self.tr("Legend of inferred links"),
                             self.tr("Solid: recorded relationship · dashed: inferred link"))
        self.legend.setPixmap(_line_sample(True))
        self.legend_text = QLabel(self.tr("inferred"))
        mute(self.legend_text)
        self._show_legend(self.inferred.isChecked())
        self.status = _named(QLabel(), "graphStatus", self.tr("Graph summary"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Long texts (an introduction path) must not widen the window: clipped, full in tooltip.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # (cut on a narrow window, whole in its tooltip)
        self.hint = _named(ElidedLabel(self.tr("Click: open · double-click: expand · drag with the right "
                                     "button (or Shift+drag) to another customer: link them · "
                                     "wheel: zoom")),
                           "graphHint", self.tr("Mouse help"))
        mute(self.hint)
        self.progress = _named(QProgressBar(), "graphProgress", self.tr("Graph computation progress"))
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.cancel_button = _named(QPushButton(self.tr("Cancel")), "graphCancel",
                                    self.tr("Cancel the computation"))
        self.set_busy(False)

        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first = QHBoxLayout()
        start: tuple[QWidget, ...] = (self.finder, self.fit_button, self.ego_button,
                                      self.ego_depth)
        for widget in start:
            first.addWidget(widget)
        first.addSpacing(12)
        introduction: tuple[QWidget, ...] = (self.from_picker, self.to_picker,
                                             self.introduce_button)
        for widget in introduction:
            first.addWidget(widget)
        first.addStretch(1)
        first.addWidget(self.export_button)
        first.addWidget(self.recompute_button)
        second = QHBoxLayout()
        filters: tuple[QWidget, ...] = (self.kind, self.min_strength, self.community,
                                        self.unconnected, self.inferred, self.legend,
                                        self.legend_text)
        for widget in filters:
            second.addWidget(widget)
        second.addSpacing(12)
        second.addWidget(self.status, 1)
        third = QHBoxLayout()
        third.addWidget(self.hint, 1)
        third.addWidget(self.progress)
        third.addWidget(self.cancel_button)
        for row in (first, second, third):
            rows.addLayout(row)

    def _remember_inferred(self, on: bool) -> None:
        if self._settings is not None:
            self._settings.setValue(INFER_KEY, on)
        self._show_legend(on)

    def _show_legend(self, on: bool) -> None:
        self.legend.setVisible(on)
        self.legend_text.setVisible(on)

    def edge_tooltip(self, edge: EdgeSpec, name: Callable[[int], str]) -> str:
        """An edge's tooltip: who, which kinds (or "inferred: same company"), strength."""
        inferred = {"same_company": self.tr("same company"),
                    "shared_campaign": self.tr("same campaign response")}
        lines = [f"<b>{escape(name(edge.source))} – {escape(name(edge.target))}</b>"]
        if edge.inferred:
            why = ", ".join(inferred.get(k, k) for k in edge.kinds)
            lines.append(escape(self.tr("inferred: {0}").format(why)))
        else:
            lines.append(escape(", ".join(kind_label(k) for k in edge.kinds)))
        lines.append(self.tr("strength {0:.2f}").format(edge.strength))
        return "<br>".join(lines)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)

    def set_busy(self, busy: bool, fraction: float = 0.0, message: str = "") -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.recompute_button.setEnabled(not busy)
        if busy:
            self.progress.setValue(round(fraction * 1000))
            self.progress.setFormat(f"{message}  %p%" if message else "%p%")

    def set_communities(self, sizes: dict[int, int]) -> None:
        """Fill the community filter (largest first) keeping the current choice if it exists."""
        current = self.community.currentData()
        self.community.blockSignals(True)
        self.community.clear()
        self.community.addItem(self.tr("All communities"), None)
        ordered = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
        for community, size in ordered[:MAX_COMMUNITY_CHOICES]:
            self.community.addItem(_swatch(community_color(community)),
                                   self.tr("Community {0} ({1})").format(community, size),
                                   community)
        index = self.community.findData(current) if current is not None else 0
        self.community.setCurrentIndex(max(0, index))
        self.community.blockSignals(False)

    def filters(self) -> tuple[frozenset[str] | None, float, int | None]:
        kind = self.kind.currentData()
        return (frozenset({kind}) if kind else None, self.min_strength.value(),
                self.community.currentData())
