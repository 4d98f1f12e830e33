"""Pieces of matplotlib's layout and paint of one axes, small enough for one event-loop step.

``Axes.draw`` paints an axes at once: with matplotlib 3.11 on a 2-core laptop an axes of eleven
labelled bars takes 50-90 ms, one axis with its tick labels 20-40 ms, measuring the axes'
decorations for the layout (``get_tightbbox``) 50-120 ms. These functions return the same work
as a list of items (plain callables; an item may return further items, which run next), in the
order matplotlib does it, so a :class:`~crm_desktop.ui.charts.chart_painter.StepPainter` can run a few
per step: one artist, one tick (2-4 ms), one axis' measurement.

They rely on steps of ``Axes.draw`` and ``Axis.draw`` that are private in matplotlib but the same
from 3.9 to 3.11 (``_unstale_viewLim``, ``_update_title_position``, ``Axis._update_ticks``, ...);
where one is missing, or an axes needs more than a plain sequence of artists, the whole axes or
axis is one item, as before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
from matplotlib import artist as martist
from matplotlib.legend import Legend
from matplotlib.offsetbox import OffsetBox

Item = Callable[[], Any]  # returns None or a list of items to run next

_AXES_STEPS = ("_unstale_viewLim", "_update_title_position", "get_axes_locator", "apply_aspect")
_TIGHT_STEPS = ("_axis_map", "_update_title_position", "get_default_bbox_extra_artists",
                "_left_title", "_right_title", "get_axes_locator", "apply_aspect")
_AXIS_STEPS = ("_update_ticks", "_get_ticklabel_bboxes", "_update_label_position",
               "_update_offset_text_position")


def paint_items(ax: Any, renderer: Any) -> list[Item]:
    """Items that paint ``ax`` into ``renderer``: one per artist, one per tick of an axis."""
    artists = _axes_artists(ax, renderer)
    if artists is None:  # not a plain Axes: paint it whole
        return [functools.partial(ax.draw, renderer)]

    def done() -> None:
        ax.stale = False

    items: list[Item] = []
    for artist in artists:
        if artist is ax.xaxis or artist is ax.yaxis:
            items.append(functools.partial(_axis_items, artist, renderer))
        elif isinstance(artist, Legend):
            items.append(functools.partial(_legend_items, artist, renderer))
        else:
            items.append(functools.partial(artist.draw, renderer))
    return [*items, done]


def _legend_items(legend: Any, renderer: Any) -> list[Item] | None:
    """``Legend.draw`` as items: its frame, then each entry's marker and text (the
    dashboard's legend of eleven segments took 30-60 ms as one item: each text is laid out
    and rendered, 3-5 ms). A shadow or an expanded legend is painted whole."""
    if not legend.get_visible():
        return None
    box = getattr(legend, "_legend_box", None)
    if box is None or legend.shadow or getattr(legend, "_mode", None) == "expand":
        legend.draw(renderer)
        return None
    renderer.open_group("legend", gid=legend.get_gid())
    bbox = box.get_window_extent(renderer)
    legend.legendPatch.set_bounds(bbox.bounds)
    legend.legendPatch.set_mutation_scale(renderer.points_to_pixels(legend._fontsize))

    def done() -> None:
        renderer.close_group("legend")
        legend.stale = False

    return [functools.partial(legend.legendPatch.draw, renderer),
            functools.partial(_box_items, box, renderer), done]


def _box_items(box: Any, renderer: Any) -> list[Item] | None:
    """``OffsetBox.draw`` of a packer (a legend's rows and columns) as items: its children
    placed, then each painted in turn (a packer's own children the same way, a text or a
    marker at once)."""
    if type(box).draw is not OffsetBox.draw or not hasattr(box, "_get_bbox_and_child_offsets"):
        box.draw(renderer)
        return None
    bbox, offsets = box._get_bbox_and_child_offsets(renderer)
    x, y = box.get_offset(bbox, renderer)
    children = list(box.get_visible_children())
    for child, (dx, dy) in zip(children, offsets, strict=False):
        child.set_offset((x + dx, y + dy))

    def done() -> None:
        box.stale = False

    return [*(functools.partial(_box_items, child, renderer) for child in children), done]


def _axes_artists(ax: Any, renderer: Any) -> list[Any] | None:
    """What ``Axes.draw`` paints, in its order, after doing its preparations; None when ``ax``
    needs more than a plain sequence of artists (not visible, images to composite together
    (Agg draws each on its own), a rasterization z-order, or a matplotlib whose Axes lacks the
    steps relied on here)."""
    if not ax.get_visible() or not all(hasattr(ax, name) for name in _AXES_STEPS) \
            or getattr(ax, "_rasterization_zorder", None) is not None \
            or (ax.get_images() and not renderer.option_image_nocomposite()) \
            or getattr(renderer, "_rasterizing", False):
        return None
    ax._unstale_viewLim()
    locator = ax.get_axes_locator()
    ax.apply_aspect(locator(ax, renderer) if locator else None)
    artists = [a for a in ax.get_children() if a is not ax.patch]
    framed = ax.axison and getattr(ax, "_frameon", True)
    if not framed:
        artists = [a for a in artists if a not in ax.spines.values()]
    ax._update_title_position(renderer)
    if not ax.axison:
        artists = [a for a in artists if a not in (ax.xaxis, ax.yaxis)]
    artists = sorted((a for a in artists if not a.get_animated()), key=lambda a: a.zorder)
    return [ax.patch, *artists] if framed else artists


def _axis_items(axis: Any, renderer: Any) -> list[Item] | None:
    """``Axis.draw`` as items: update the ticks, then one item per tick, then the label and
    the offset text (the axis is painted whole where those steps are missing)."""
    if not axis.get_visible():
        return None
    if not all(hasattr(axis, name) for name in _AXIS_STEPS) or axis.get_rasterized() \
            or axis.get_agg_filter() is not None:
        axis.draw(renderer)
        return None
    ticks = axis._update_ticks()
    boxes = axis._get_ticklabel_bboxes(ticks, renderer)

    def labels() -> None:
        axis._update_label_position(renderer)
        axis.label.draw(renderer)
        axis._update_offset_text_position(*boxes)
        axis.offsetText.set_text(axis.major.formatter.get_offset())
        axis.offsetText.draw(renderer)
        axis.stale = False

    return [*(functools.partial(tick.draw, renderer) for tick in ticks), labels]


def measure_items(ax: Any, renderer: Any,
                  sizes: dict[Any, tuple[float, float, float, float]]) -> list[Item]:
    """Items that store ``decorations(ax)`` in ``sizes[ax]``, computing what
    ``Axes.get_tightbbox(for_layout_only=True)`` computes a piece at a time: each axis (its
    ticks made one per item, a new tick costs 1-2 ms; its tick labels measured one tick per
    item; matplotlib keeps the text metrics per renderer, so the axis' own bbox and the paint
    reuse them), the titles, then the other artists one per item. In one item the measure
    took 30-45 ms."""
    if not ax.get_visible():
        sizes[ax] = (0.0, 0.0, 0.0, 0.0)
        return []
    if not all(hasattr(ax, name) for name in _TIGHT_STEPS) \
            or not hasattr(martist, "_get_tightbbox_for_layout_only"):
        return [functools.partial(_measure_whole, ax, renderer, sizes)]
    boxes: list[Any] = []
    items: list[Item] = [functools.partial(_locate, ax, renderer)]
    items += [functools.partial(_axis_box_items, axis, renderer, boxes)
              for axis in ax._axis_map.values() if ax.axison and axis.get_visible()]
    items += [functools.partial(_title_boxes, ax, renderer, boxes),
              functools.partial(_artist_box_items, ax, renderer, boxes),
              functools.partial(_store_decorations, ax, boxes, sizes)]
    return items


def _measure_whole(ax: Any, renderer: Any,
                   sizes: dict[Any, tuple[float, float, float, float]]) -> None:
    sizes[ax] = decorations(ax, renderer)


def _locate(ax: Any, renderer: Any) -> None:
    locator = ax.get_axes_locator()
    ax.apply_aspect(locator(ax, renderer) if locator else None)


def _axis_box_items(axis: Any, renderer: Any, boxes: list[Any]) -> list[Item]:
    def box() -> None:
        # matplotlib's own helper for what tight_layout measures (private: not in its stubs)
        found = martist._get_tightbbox_for_layout_only(axis, renderer)  # type: ignore[attr-defined]
        if found:
            boxes.append(found)

    warm = _axis_measure_items(axis, renderer) or []
    return [*warm, box]


def _axis_measure_items(axis: Any, renderer: Any) -> list[Item] | None:
    if not all(hasattr(axis, name) for name in _AXIS_STEPS):
        return None  # its bbox is measured whole
    major, minor = len(axis.get_majorticklocs()), len(axis.get_minorticklocs())
    made = [functools.partial(_make_ticks, axis.get_major_ticks, k) for k in range(1, major + 1)]
    made += [functools.partial(_make_ticks, axis.get_minor_ticks, k) for k in range(1, minor + 1)]

    def labels() -> list[Item]:
        return [functools.partial(_tick_extents, tick, renderer) for tick in axis._update_ticks()]

    return [*made, labels]


def _title_boxes(ax: Any, renderer: Any, boxes: list[Any]) -> None:
    """The axes' own box and its titles, 1 pixel wide (a title's width is not the layout's
    concern), as ``Axes.get_tightbbox`` has them."""
    ax._update_title_position(renderer)
    boxes.append(ax.get_window_extent(renderer))
    for title in (ax.title, ax._left_title, ax._right_title):
        if title.get_visible():
            found = title.get_window_extent(renderer)
            if found.width > 0:
                found.x0 = (found.x0 + found.x1) / 2 - 0.5
                found.x1 = found.x0 + 1.0
            boxes.append(found)


def _artist_box_items(ax: Any, renderer: Any, boxes: list[Any]) -> list[Item]:
    def one(artist: Any) -> None:
        found = artist.get_tightbbox(renderer)
        if found is not None and _finite(found):
            boxes.append(found)

    items: list[Item] = []
    for artist in ax.get_default_bbox_extra_artists():
        if isinstance(artist, Legend) and artist.get_visible():
            # its texts measured one per item first (matplotlib keeps their metrics per
            # renderer): measured with the legend, they were 15-25 ms in one item
            texts = [artist.get_title(), *artist.get_texts()]
            items += [functools.partial(_text_extent, text, renderer) for text in texts
                      if text.get_visible() and text.get_text()]
        items.append(functools.partial(one, artist))
    return items


def _text_extent(text: Any, renderer: Any) -> None:
    """Lay `text` out with `renderer` (matplotlib keeps the metrics per renderer); its private
    `_get_layout` (3.9-3.11), not `get_window_extent`, which sets the figure's dpi again and
    moved some of the legend's texts by a pixel."""
    layout = getattr(text, "_get_layout", None)
    if layout is not None:
        layout(renderer)


def _finite(box: Any) -> bool:
    if hasattr(box, "_is_finite"):
        return bool(box._is_finite())
    return bool(0 < box.width < np.inf and 0 < box.height < np.inf)  # matplotlib 3.9/3.10


def _store_decorations(ax: Any, boxes: list[Any],
                       sizes: dict[Any, tuple[float, float, float, float]]) -> None:
    from matplotlib.transforms import Bbox

    kept = [b for b in boxes if b.width != 0 or b.height != 0]
    sizes[ax] = _around(ax.bbox, Bbox.union(kept) if kept else None)


def _make_ticks(get_ticks: Callable[[int], Any], count: int) -> None:
    get_ticks(count)  # makes the ticks still missing up to count (returns them: not items)


def _tick_extents(tick: Any, renderer: Any) -> None:
    for label in (tick.label1, tick.label2):
        if label.get_visible() and label.get_text():
            label.get_window_extent(renderer)


def decorations(ax: Any, renderer: Any) -> tuple[float, float, float, float]:
    """Pixels that ``ax``'s labels, title and legend take left, right, below and above it."""
    if not ax.get_visible():
        return (0.0, 0.0, 0.0, 0.0)
    return _around(ax.bbox, ax.get_tightbbox(renderer, for_layout_only=True))


def _around(box: Any, tight: Any) -> tuple[float, float, float, float]:
    """How far ``tight`` reaches beyond ``box`` on each side (pixels, never negative)."""
    if tight is None:
        return (0.0, 0.0, 0.0, 0.0)
    return (max(box.x0 - tight.x0, 0.0), max(tight.x1 - box.x1, 0.0),
            max(box.y0 - tight.y0, 0.0), max(tight.y1 - box.y1, 0.0))


def place_in_cells(figure: Any, sizes: dict[Any, tuple[float, float, float, float]]) -> None:
    """Size each gridspec axes to its cell less its own decorations (``sizes``, pixels);
    axes that start (end) on the same grid row share the largest top (bottom) decoration."""
    width, height = figure.bbox.width, figure.bbox.height
    if width <= 1 or height <= 1:
        return
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties

    points = FontProperties(size=rcParams["font.size"]).get_size_in_points()
    pad = 1.08 * points * figure.dpi / 72
    cells = {}
    for ax in sizes:
        spec = ax.get_subplotspec()
        if spec is not None:
            cells[ax] = spec.get_topmost_subplotspec()
    tops: dict[tuple[int, int], float] = {}
    bottoms: dict[tuple[int, int], float] = {}
    for ax, spec in cells.items():
        grid = id(spec.get_gridspec())
        top_key, bottom_key = (grid, spec.rowspan.start), (grid, spec.rowspan.stop)
        tops[top_key] = max(tops.get(top_key, 0.0), sizes[ax][3])
        bottoms[bottom_key] = max(bottoms.get(bottom_key, 0.0), sizes[ax][2])
    for ax, spec in cells.items():
        grid = spec.get_gridspec()
        columns = _edges(grid.get_width_ratios() or [1] * grid.ncols, width)
        rows = _edges(grid.get_height_ratios() or [1] * grid.nrows, height)
        left = columns[spec.colspan.start] + pad * (1.0 if spec.colspan.start == 0 else 0.5)
        right = columns[spec.colspan.stop] - pad * (1.0 if spec.colspan.stop == grid.ncols
                                                     else 0.5)
        top = height - rows[spec.rowspan.start] - pad * (1.0 if spec.rowspan.start == 0
                                                         else 0.5)
        bottom = height - rows[spec.rowspan.stop] + pad * (1.0 if spec.rowspan.stop ==
                                                           grid.nrows else 0.5)
        l_, r_, _b, _t = sizes[ax]
        x0, x1 = left + l_, right - r_
        y0 = bottom + bottoms[(id(grid), spec.rowspan.stop)]
        y1 = top - tops[(id(grid), spec.rowspan.start)]
        if x1 - x0 < 20 or y1 - y0 < 20:  # no room for the labels: keep the plot visible
            x0, x1, y0, y1 = left, right, bottom, top
        ax.set_position([x0 / width, y0 / height, (x1 - x0) / width, (y1 - y0) / height])


def _edges(ratios: list[float], total: float) -> list[float]:
    """Cumulative positions (from 0 to ``total``) of cells sized by ``ratios``."""
    whole = float(sum(ratios)) or 1.0
    edges, at = [0.0], 0.0
    for ratio in ratios:
        at += total * ratio / whole
        edges.append(at)
    return edges
