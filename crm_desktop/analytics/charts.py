"""What a chart is given: the payload types and the binning and sampling behind them.

Charts are drawn on the GUI thread from data computed elsewhere (a worker or the background
process), so the data is made small here: a histogram travels as its bins (100,000 values never
cross to the GUI), a scatter as a fixed random sample of at most :data:`SCATTER_POINTS` rows.
Used by the analyses (:class:`Chart`) and by the dashboard (:class:`Histogram`, :func:`sample`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

SCATTER_POINTS = 2000  # more points cost the GUI thread time and show nothing new
HIST_BINS = 20


@dataclass
class Chart:
    """What to draw. For "hist", x are the bin edges and y the counts (binned where the data is,
    so 100,000 values never travel to the GUI); a "scatter" carries at most SCATTER_POINTS."""

    kind: str  # "bar", "barh", "line", "hist", "scatter"
    x: list[Any]
    y: list[float] = field(default_factory=list)
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    series: dict[str, list[float]] = field(default_factory=dict)  # extra lines (same x)
    colors: list[Any] = field(default_factory=list)  # scatter: one group per point
    # scatter: the name of each group number in colors (a segment's name key), for a legend
    legend: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Histogram:
    """Bins of a histogram: ``edges`` (one more than ``counts``), how many values were binned
    (``total``), and ``open_end`` when the last bin also counts the values beyond its edge."""

    edges: list[float]
    counts: list[int]
    total: int
    open_end: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Plain data (the dashboard's payload is plain lists and dicts)."""
        return {"edges": self.edges, "counts": self.counts, "total": self.total,
                "open_end": self.open_end}


def histogram(values: pd.Series, bins: int = HIST_BINS,
              bounds: tuple[float, float] | None = None, *,
              open_quantile: float | None = None) -> Histogram:
    """``bins`` equal bins of the finite ``values`` (NaN and infinities left out).

    ``bounds`` fixes the range (a probability: 0..1). With ``open_quantile`` (and no bounds) the
    bins span the values up to that quantile, and the last bin also counts the values above it
    (``open_end``), so that a few very large values do not squeeze the rest into one bar;
    otherwise they span the values.
    """
    import numpy as np

    array = values.astype(float).to_numpy()
    array = array[np.isfinite(array)]
    if not len(array):
        return Histogram([], [], 0, False)
    open_end = False
    if bounds is None and open_quantile is not None:
        low, high = float(array.min()), float(np.quantile(array, open_quantile))
        if high <= low:
            high = float(array.max()) if array.max() > low else low + 1.0
        open_end = bool((array > high).any())
        array = np.clip(array, low, high)
        bounds = (low, high)
    counts, edges = np.histogram(array, bins=bins, range=bounds)
    return Histogram(edges.astype(float).tolist(), counts.astype(int).tolist(), int(len(array)),
                     open_end)


def sample(table: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """At most ``limit`` rows (default :data:`SCATTER_POINTS`) of ``table``: all when there are
    no more, else a fixed random sample (the same rows every time)."""
    limit = SCATTER_POINTS if limit is None else limit
    return table if len(table) <= limit else table.sample(limit, random_state=0)


def hist_chart(values: pd.Series, title: str, xlabel: str, ylabel: str,
               bins: int = HIST_BINS) -> Chart:
    """A "hist" chart of the values' bins (the edges as x, the counts as y)."""
    binned = histogram(values, bins)
    return Chart("hist", binned.edges, [float(c) for c in binned.counts], title, xlabel, ylabel)


def scatter_chart(table: pd.DataFrame, x: str, y: str, group: str, title: str,
                  legend: dict[int, str] | None = None) -> Chart:
    """A scatter of at most SCATTER_POINTS rows (a fixed random sample; the title says so);
    ``legend``: the name of each group."""
    shown = sample(table)
    if len(shown) < len(table):
        title = f"{title} ({len(shown):,} of {len(table):,} shown)"
    return Chart("scatter", shown[x].tolist(), shown[y].tolist(), title, x.upper(), y.upper(),
                 colors=shown[group].tolist(), legend=dict(legend or {}))
