"""Charts that follow the theme: a reduced toolbar (reset view, save, copy) with icons from the
palette, a figure recoloured in place.

Used by :class:`crm_desktop.ui.charts.charts.ChartPanel` when the palette changes (View > Theme).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from matplotlib.backends.backend_qtagg import NavigationToolbar2QT
from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QGuiApplication

from crm_desktop.ui.qt_typed import translate

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from crm_desktop.ui.charts.charts import Colors


class ThemedToolbar(NavigationToolbar2QT):
    """What a chart's user needs: reset the view, save the chart (PNG/SVG/PDF), copy it to the
    clipboard. No pan/zoom modes, subplot tools or "(x, y) =" readout: the mouse wheel zooms
    around the pointer instead, and "Reset view" undoes it.

    Icons come from the app's set (`ui.icons`) once it is loaded, else matplotlib's, and are
    redrawn on each palette change so they stay readable after a theme switch (matplotlib
    recolours its own only when the toolbar is built, or at paint, depending on the version).
    """

    toolitems: list[tuple[str, ...] | tuple[None, ...]] = [
        item for item in NavigationToolbar2QT.toolitems if item[3] in ("home", "save_figure")]

    def __init__(self, canvas: Any, parent: Any = None) -> None:
        super().__init__(canvas, parent, coordinates=False)
        home, save = self._actions["home"], self._actions["save_figure"]
        home.setText(translate("ChartPanel", "Reset view"))
        home.setToolTip(translate("ChartPanel", "Show the whole chart again (the mouse wheel zooms)"))
        save.setText(translate("ChartPanel", "Save…"))
        save.setToolTip(translate("ChartPanel", "Save the chart as a picture (PNG, SVG or PDF)"))
        copy = QAction(translate("ChartPanel", "Copy"), self)
        copy.setObjectName("copyChart")
        copy.setToolTip(translate("ChartPanel", "Copy the chart to the clipboard"))
        copy.triggered.connect(lambda _checked=False: self.copy_figure())
        self.addAction(copy)
        self._actions["copy_figure"] = copy
        self._icons = {"home": "reset", "save_figure": "save", "copy_figure": "copy"}
        self._matplotlib_images = {"home": "home", "save_figure": "filesave",
                                   "copy_figure": "filesave"}
        canvas.mpl_connect("scroll_event", self._wheel_zoom)
        self.refresh_icons()

    def copy_figure(self) -> None:
        """The chart as shown, as an image on the clipboard."""
        canvas: Any = self.canvas  # a FigureCanvasQTAgg: a QWidget
        QGuiApplication.clipboard().setImage(canvas.grab().toImage())

    def _wheel_zoom(self, event: Any) -> None:
        ax = event.inaxes
        if ax is None or event.xdata is None or event.ydata is None:
            return
        if self._nav_stack() is None:
            self.push_current()  # where "Reset view" goes back to
        scale = 0.8 if event.button == "up" else 1.25
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        ax.set_xlim(event.xdata - (event.xdata - x0) * scale,
                    event.xdata + (x1 - event.xdata) * scale)
        ax.set_ylim(event.ydata - (event.ydata - y0) * scale,
                    event.ydata + (y1 - event.ydata) * scale)
        self.canvas.draw_idle()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_icons()

    def refresh_icons(self) -> None:
        from crm_desktop.ui import icons

        for callback, action in self._actions.items():
            if icons.ready():
                action.setIcon(icons.icon(icons.CHART_ICONS[self._icons[callback]],
                                          self.palette()))
            else:
                action.setIcon(self._icon(f"{self._matplotlib_images[callback]}.png"))



def recolor_figure(figure: Figure, old: Colors, new: Colors) -> None:
    """Give every part of ``figure`` drawn in a colour of ``old`` the same role's colour of
    ``new`` (background, text, grid, accent, second): a chart follows a theme switch without
    being drawn again from its data."""
    from matplotlib.colors import to_hex, to_rgba

    roles = ("face", "text", "grid", "accent", "second")
    mapping = {to_hex(getattr(old, r)): to_rgba(getattr(new, r)) for r in roles}

    def swap(color: Any) -> Any:
        if color is None or (isinstance(color, str) and color.lower() in ("none", "auto")):
            return None
        rgba = to_rgba(color)
        target = mapping.get(to_hex(rgba))
        return None if target is None else (*target[:3], rgba[3])

    def swap_all(colors: Any) -> Any:
        if not len(colors):
            return None
        swapped = [swap(tuple(c)) for c in colors]
        if all(c is None for c in swapped):
            return None
        return [tuple(c) if n is None else n for c, n in zip(colors, swapped, strict=True)]

    figure.set_facecolor(new.face)
    for artist in figure.findobj():
        for getter, setter in (("get_color", "set_color"),
                               ("get_markerfacecolor", "set_markerfacecolor"),
                               ("get_markeredgecolor", "set_markeredgecolor")):
            if hasattr(artist, getter) and hasattr(artist, setter) and not hasattr(
                    artist, "get_facecolors"):
                value = getattr(artist, getter)()
                if isinstance(value, (str, tuple)):
                    changed = swap(value)
                    if changed is not None:
                        getattr(artist, setter)(changed)
        if hasattr(artist, "get_facecolors"):  # collections
            for getter, setter in (("get_facecolors", "set_facecolor"),
                                   ("get_edgecolors", "set_edgecolor")):
                changed = swap_all(getattr(artist, getter)())
                if changed is not None:
                    getattr(artist, setter)(changed)
        elif hasattr(artist, "get_facecolor") and hasattr(artist, "get_edgecolor"):
            for getter, setter in (("get_facecolor", "set_facecolor"),
                                   ("get_edgecolor", "set_edgecolor")):
                changed = swap(getattr(artist, getter)())
                if changed is not None:
                    getattr(artist, setter)(changed)
    for ax in figure.axes:
        ax.tick_params(colors=new.text)  # ticks made at the next draw copy these
