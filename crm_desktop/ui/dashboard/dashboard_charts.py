"""The dashboard's nine charts on one figure of a :class:`~crm_desktop.ui.charts.charts.ChartPanel`.

    panel.clear()
    charts = DashboardCharts(panel, data)     # data from services.dashboard.dashboard_figures
    panel.draw(charts.steps())                # each step in its own event-loop step, then
                                              #   laid out and painted a few artists per step

Layout (3 x 3): revenue trend, pipeline funnel, RFM grid / segment scatter, churn-risk
histogram, CLV distribution / campaign ROI, ticket themes, top influencers. Every chart
registers its tooltips (:func:`crm_desktop.ui.charts.chart_hover.set_tips`), so hovering says
"Champions: 1,234 customers" rather than coordinates. Imported with matplotlib, when the page
first draws.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from crm_desktop.ui.charts.chart_hover import number, set_tips
from crm_desktop.ui.charts.charts import ChartPanel, compact_axis, short
from crm_desktop.ui.qt_typed import translate

NEGATIVE = "#d0453a"
LEGEND_ROW_POINTS = 8.0  # one legend entry at 6 pt with 0.25 spacing and its marker
# Colours of the segments in the scatter (tab10 then a few more, readable on light and dark).
SEGMENT_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                  "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78")


def _fill(text: str, *values: Any) -> str:
    """``_tr`` text with %1, %2... replaced (Qt's argument style, for translators)."""
    for i in range(len(values), 0, -1):
        text = text.replace(f"%{i}", str(values[i - 1]))
    return text


class DashboardCharts:
    """Draws the dashboard's axes on ``panel.figure`` (already cleared) from ``data``."""

    def __init__(self, panel: ChartPanel, data: dict[str, Any]) -> None:
        self.panel = panel
        self.data = data
        self.colors = panel.colors
        self.grid = panel.figure.add_gridspec(3, 3)
        self._made: dict[tuple[int, int], Any] = {}  # axes added, not yet plotted on
        self._styled: set[tuple[int, int]] = set()  # of those, the ones coloured already
        self._later: dict[str, Any] = {}  # axes plotted on, waiting for their FINISH step

    # (row, column) of each chart in the grid, in drawing order
    CHARTS: tuple[tuple[int, int, str], ...] = (
        (0, 0, "revenue"), (0, 1, "funnel"), (0, 2, "rfm"),
        (1, 0, "scatter"), (1, 1, "churn"), (1, 2, "clv"),
        (2, 0, "campaigns"), (2, 1, "themes"), (2, 2, "influencers"),
    )

    def steps(self) -> list[Callable[[], None]]:
        """Three steps per chart, each a separate event-loop step (ChartPanel.draw): adding its
        axes (10-15 ms on a 2-core laptop), colouring them (5-10 ms) and plotting on them
        (10-25 ms at 100,000 customers; together with the colouring, a histogram's step took
        30-40 ms of the GUI thread on a loaded machine)."""
        steps: list[Callable[[], None]] = []
        for row, column, name in self.CHARTS:
            steps += [functools.partial(self._make_axes, row, column),
                      functools.partial(self._style_axes, row, column), getattr(self, name)]
            if name in self.FINISH:  # a third step: its labels or legend
                steps.append(getattr(self, self.FINISH[name]))
        return steps

    # Charts whose labels or legend are a step of their own (the scatter's legend took 15-20 ms
    # of the GUI thread on top of the points; the RFM grid's 25 cell labels about 10)
    FINISH = {"rfm": "rfm_labels", "scatter": "scatter_legend"}

    def _make_axes(self, row: int, column: int) -> None:
        self._made[(row, column)] = self.panel.figure.add_subplot(self.grid[row, column])

    def _style_axes(self, row: int, column: int) -> None:
        """The palette's colours on the axes made for (row, column); its title comes with its
        chart (some titles depend on the data)."""
        ax = self._made.get((row, column))
        if ax is not None:
            self.panel.style_axes(ax)
            self._styled.add((row, column))

    def _axes(self, row: int, column: int, title: str) -> Any:
        ax = self._made.pop((row, column), None)
        if ax is None:
            ax = self.panel.figure.add_subplot(self.grid[row, column])
        if (row, column) in self._styled:
            ax.set_title(title, color=self.colors.text, fontsize=9)  # as style_axes would
        else:
            self.panel.style_axes(ax, title)
        return ax

    # ------------------------------------------------------------------------------ row 1
    def revenue(self) -> None:
        c, series = self.colors, self.data["revenue"]
        ax = self._axes(0, 0, _fill(translate("DashboardPage", "Revenue per month (%1)"),
                                    series["currency"]))
        xs, ys = series["x"], series["y"]
        if not xs:
            self.empty(ax, translate("DashboardPage", "No orders yet"))
            return
        positions = range(len(xs))
        set_tips(ax.fill_between(positions, ys, color=c.accent, alpha=0.2), None)
        (line,) = ax.plot(positions, ys, color=c.accent, marker=".", markersize=4)
        set_tips(line, [f"{x}: {number(y)}" for x, y in zip(xs, ys, strict=True)])
        step = max(1, -(-len(xs) // 6))
        ax.set_xticks(range(0, len(xs), step), xs[::step], rotation=30, ha="right")
        compact_axis(ax.yaxis)

    def funnel(self) -> None:
        c, funnel = self.colors, self.data["funnel"]
        ax = self._axes(0, 1, _fill(translate("DashboardPage", "Open pipeline by stage (%1)"),
                                    funnel["currency"]))
        if not funnel["x"]:
            self.empty(ax, translate("DashboardPage", "No open deals"))
            return
        stages, amounts, counts = funnel["x"][::-1], funnel["y"][::-1], funnel["count"][::-1]
        bars = ax.barh(range(len(stages)), amounts, color=c.accent)
        set_tips(bars, [_fill(translate("DashboardPage", "%1: %2 in %3 deals"), s, number(a), f"{k:,}")
                        for s, a, k in zip(stages, amounts, counts, strict=True)])
        ax.set_yticks(range(len(stages)), [f"{short(s, 14)} ({k:,})"
                                           for s, k in zip(stages, counts, strict=True)])
        compact_axis(ax.xaxis)
        ax.xaxis.set_major_locator(_locator(4))

    def rfm(self) -> None:
        grid = self.data["rfm"]
        ax = self._axes(0, 2, translate("DashboardPage", "RFM grid (customers)"))
        if not grid:
            self.empty(ax, translate("DashboardPage", "No orders yet"))
            return
        image = ax.imshow(grid, origin="lower", cmap="Blues", aspect="auto")
        tip = translate("DashboardPage", "Recency %1, frequency + monetary %2: %3 customers")
        set_tips(image, [_fill(tip, r + 1, f + 1, f"{n:,}")
                         for r, row in enumerate(grid) for f, n in enumerate(row)])
        ax.set_xticks(range(5), [str(i) for i in range(1, 6)])
        ax.set_yticks(range(5), [str(i) for i in range(1, 6)])
        ax.set_xlabel(translate("DashboardPage", "Frequency + monetary score"))
        ax.set_ylabel(translate("DashboardPage", "Recency score"))
        self._later["rfm"] = ax

    def rfm_labels(self) -> None:
        """The count in each cell of the RFM grid (a step after the grid)."""
        ax = self._later.pop("rfm", None)
        if ax is None:
            return
        grid = self.data["rfm"]
        peak = max(max(row) for row in grid) or 1
        for r, row in enumerate(grid):
            for f, n in enumerate(row):
                ax.text(f, r, number(n), ha="center", va="center", fontsize=6.5,
                        color="white" if n > peak * 0.6 else "#1c1c1e")

    # ------------------------------------------------------------------------------ row 2
    def scatter(self) -> None:
        scatter = self.data["scatter"]
        shown, total = len(scatter["x"]), scatter["total"]
        title = translate("DashboardPage", "Customer segments")
        if shown < total:
            title = _fill(translate("DashboardPage", "Customer segments (%1 of %2 shown)"), f"{shown:,}", f"{total:,}")
        ax = self._axes(1, 0, title)
        if not shown:
            self.empty(ax, translate("DashboardPage", "No orders yet"))
            return
        xs, ys, groups, names = scatter["x"], scatter["y"], scatter["group"], scatter["groups"]
        pca = scatter["source"] == "pca"
        tip = translate("DashboardPage", "%1: PC1 %2, PC2 %3") if pca else translate("DashboardPage",
            "%1: %2 days since the last order, %3 spent")
        from crm_desktop.services.insights.render import segment_name
        from crm_desktop.ui.analytics.insight_text import translate as in_words

        given = scatter.get("names") or {}
        for g, name in enumerate(names):
            # a segment's name: the user's, else its automatic one (an RFM name as written)
            name = translate("analysis", segment_name(str(name), in_words, names=given))
            members = [i for i, k in enumerate(groups) if k == g]
            if not members:
                continue
            # Markers of a line: Agg stamps one rendered marker (a scatter's PathCollection
            # renders every point: 37 ms against 8 ms for 2,000 points).
            (points,) = ax.plot([xs[i] for i in members], [ys[i] for i in members],
                                linestyle="none", marker="o", markersize=2.2,
                                markeredgewidth=0, alpha=0.75, rasterized=True,
                                label=short(name, 16),
                                color=SEGMENT_COLORS[g % len(SEGMENT_COLORS)])
            set_tips(points, functools.partial(_point_tip, tip, name, members, xs, ys, pca))
        if pca:  # the segmentation's own view: its first two principal components
            ax.set_xlabel(translate("DashboardPage", "First principal component"))
            ax.set_ylabel(translate("DashboardPage", "Second principal component"))
        else:
            ax.set_yscale("log")
            compact_axis(ax.yaxis)
            from matplotlib.ticker import NullLocator

            ax.yaxis.set_minor_locator(NullLocator())  # 40 minor ticks cost 30 ms to lay out
            ax.set_xlabel(translate("DashboardPage", "Days since the last order"))
            ax.set_ylabel(translate("DashboardPage", "Total spend"))
        self._later["scatter"] = ax

    def scatter_legend(self) -> None:
        """The scatter's legend (a step after its points)."""
        ax = self._later.pop("scatter", None)
        if ax is None:
            return
        scatter = self.data["scatter"]
        names = scatter["groups"]
        legend = ax.legend(fontsize=6, loc="upper left", bbox_to_anchor=(1.0, 1.02),
                           ncol=self._legend_columns(len(names)), columnspacing=0.6,
                           frameon=False, markerscale=1.8, handletextpad=0.1,
                           borderaxespad=0.2, labelspacing=0.25, labelcolor=self.colors.text,
                           title=(translate("DashboardPage", "RFM segment") if scatter["source"] == "rfm"
                                  else translate("DashboardPage", "Segment")), title_fontsize=6.5)
        legend.get_title().set_color(self.colors.text)
        for handle in legend.legend_handles:
            if handle is not None:
                handle.set_alpha(1)

    def _legend_columns(self, entries: int) -> int:
        """Columns that keep the scatter's legend within its row of the grid: on a short
        window (1024x640) eleven RFM segments in one column ran into the chart below."""
        row_points = self.panel.figure.get_size_inches()[1] * 72 / 3
        fit = max(3, int(row_points * 0.7 / LEGEND_ROW_POINTS) - 1)  # less the legend's title
        return max(1, -(-entries // fit))

    def churn(self) -> None:
        ax = self._axes(1, 1, translate("DashboardPage", "Churn risk"))
        if not self.data["churn"]["counts"]:
            self.empty(ax, self._waiting("churn", translate("DashboardPage", "Working out who may stop buying…")))
            return
        self._histogram(ax, self.data["churn"], self.colors.second, 2)
        ax.set_xlabel(translate("DashboardPage", "Churn probability"))
        ax.set_xlim(0, 1)

    def clv(self) -> None:
        ax = self._axes(1, 2, translate("DashboardPage", "Customer lifetime value"))
        if not self.data["clv"]["counts"]:
            self.empty(ax, self._waiting("clv", translate("DashboardPage", "Working out what customers are worth…")))
            return
        self._histogram(ax, self.data["clv"], self.colors.accent, 0)
        ax.set_xlabel(translate("DashboardPage", "Customer lifetime value"))
        compact_axis(ax.xaxis)

    def _histogram(self, ax: Any, hist: dict[str, Any], color: str, digits: int) -> None:
        edges, counts = hist["edges"], hist["counts"]
        widths = [b - a for a, b in zip(edges[:-1], edges[1:], strict=True)]
        bars = ax.bar(edges[:-1], counts, width=widths, align="edge", color=color,
                      edgecolor=self.colors.face, linewidth=0.5)
        tips = []
        for i, count in enumerate(counts):
            low = f"{edges[i]:,.{digits}f}"
            if hist.get("open_end") and i == len(counts) - 1:
                label = f"≥ {low}"
            else:
                label = f"{low}–{edges[i + 1]:,.{digits}f}"
            tips.append(_fill(translate("DashboardPage", "%1: %2 customers"), label, f"{count:,}"))
        set_tips(bars, tips)
        ax.set_ylabel(translate("DashboardPage", "Customers"))
        compact_axis(ax.yaxis)
        ax.xaxis.set_major_locator(_locator(5))

    # ------------------------------------------------------------------------------ row 3
    def campaigns(self) -> None:
        self._barh(2, 0, translate("DashboardPage", "Campaign ROI"), self.data["campaigns"],
                   translate("DashboardPage", "No campaigns with costs"), translate("DashboardPage", "%1: ROI %2"), signed=True)

    def themes(self) -> None:
        self._barh(2, 1, translate("DashboardPage", "Ticket themes"), self.data["themes"], translate("DashboardPage", "No tickets"),
                   translate("DashboardPage", "%1: %2 tickets"))

    def influencers(self) -> None:
        self._barh(2, 2, translate("DashboardPage", "Top influencers"), self.data["influencers"],
                   self._waiting("influencers", translate("DashboardPage", "Working out who influences whom…")),
                   translate("DashboardPage", "%1: influence %2"), zoom=True)

    def _waiting(self, kind: str, busy: str) -> str:
        """What an empty chart says: that its analysis is running (the page fills it in the
        background), or why it could not be filled."""
        failed = self.data.get("fill_failed", {}).get(kind)
        if failed:
            return _fill(translate("DashboardPage", "Not enough data yet:\n%1"), failed)
        return busy

    def _barh(self, row: int, column: int, title: str, series: dict[str, list[Any]],
              empty: str, tip: str, signed: bool = False, zoom: bool = False) -> None:
        """``zoom``: the axis spans the values' range rather than starting at zero, so leaders
        whose scores are close (influence 0.91 against 0.97) still differ visibly."""
        c = self.colors
        ax = self._axes(row, column, title)
        if not series["x"]:
            self.empty(ax, empty)
            return
        labels, values = series["x"], series["y"]
        colors = [(c.accent if v >= 0 else NEGATIVE) for v in values] if signed else c.accent
        bars = ax.barh(range(len(values)), values, color=colors)
        shown = [f"{v:+.0%}" if signed else number(v) for v in values]
        set_tips(bars, [_fill(tip, x, v) for x, v in zip(labels, shown, strict=True)])
        ax.set_yticks(range(len(values)), [short(x, 18) for x in labels])
        ax.xaxis.set_major_locator(_locator(4))
        if zoom:
            ax.set_xlim(*zoomed_limits(values))
        if signed:
            ax.axvline(0, color=c.grid, linewidth=0.8)
            from matplotlib.ticker import PercentFormatter

            ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))

    def empty(self, ax: Any, text: str) -> None:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=8,
                color=self.colors.text, transform=ax.transAxes)


def _point_tip(tip: str, name: str, members: list[int], xs: list[float], ys: list[float],
               pca: bool, index: int) -> str:
    i = members[index]
    if pca:
        return _fill(tip, name, f"{xs[i]:.2f}", f"{ys[i]:.2f}")
    return _fill(tip, name, f"{xs[i]:,.0f}", number(ys[i]))


def _locator(bins: int) -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=bins)


def zoomed_limits(values: list[float]) -> tuple[float, float]:
    """Axis limits around ``values``: from below the smallest by half the spread (never below
    zero) to a little past the largest; a tenth of the largest when they are all equal."""
    low, high = min(values), max(values)
    spread = (high - low) or abs(high) * 0.1 or 1.0
    return max(0.0, low - spread * 0.5), high + spread * 0.1
