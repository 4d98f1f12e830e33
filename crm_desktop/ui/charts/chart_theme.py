"""Charts that follow the theme: toolbar icons from the palette, a figure recoloured in place.

Used by :class:`crm_desktop.ui.charts.charts.ChartPanel` when the palette changes (View > Theme).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from matplotlib.backends.backend_qtagg import NavigationToolbar2QT
from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from crm_desktop.ui.charts.charts import Colors


class ThemedToolbar(NavigationToolbar2QT):
    """The navigation toolbar with icons that stay readable when the palette changes.

    matplotlib draws black icons and recolours them from the palette when it sees a dark
    background: matplotlib 3.9-3.10 once, when the toolbar is built; 3.11 at every paint. The
    icons are rebuilt on each palette change, so a switch to (or from) the dark theme after the
    chart page was built shows light (or dark) icons with either.
    """

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_icons()

    def refresh_icons(self) -> None:
        for _text, _tip, image, callback in self.toolitems:
            action = self._actions.get(callback)
            if image and action is not None:
                action.setIcon(self._icon(f"{image}.png"))


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
