"""What every analysis shares: its progress steps, the frames it loads, its refusals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from crm_desktop.analytics import CancelFn, ProgressFn
from crm_desktop.services.analyses.parameters import AnalysisError

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database
    from crm_desktop.storage.frame_cache import FrameCache

DETAIL_ROWS = 100  # the second table stays small: it is filled on the GUI thread


class Steps:
    """Splits 0..1 into a loading part and an analysis part; checks cancellation; carries the
    frame cache of the process, if it has one."""

    def __init__(self, progress: ProgressFn | None, cancelled: CancelFn | None,
                 frames: FrameCache | None = None) -> None:
        self.progress = progress
        self.cancelled = cancelled
        self.frames = frames

    def at(self, fraction: float, message: str) -> None:
        from crm_desktop.analytics import report

        report(self.progress, self.cancelled, fraction, message)

    def sub(self, start: float, end: float) -> ProgressFn:
        def forward(fraction: float, message: str) -> None:
            self.at(start + (end - start) * fraction, message)

        return forward


def load(database: Database | None, steps: Steps, *names: str,
         columns: Mapping[str, Sequence[str]] | None = None) -> dict[str, pd.DataFrame]:
    """The named frames (one query each, or from the cache), progress 0..0.3. `columns`
    names, per frame, the only columns the analysis reads: only those are loaded (a process's
    cache keeps the columns its analyses asked for, and adds to them when one asks for more)."""
    from crm_desktop.storage import frames

    loaded = {}
    for i, name in enumerate(names):
        steps.at(0.3 * i / len(names), f"Loading {name}")
        wanted = list(columns[name]) if columns and name in columns else None
        if steps.frames is not None:
            loaded[name] = steps.frames.get(name, wanted)
        else:
            assert database is not None, "no database and no frame cache"
            loaded[name] = getattr(frames, name)(database, wanted)
    steps.at(0.3, "Loaded")
    return loaded


def need(count: int, minimum: int, message: str) -> None:
    """Refuse (:class:`AnalysisError`) when there are fewer than ``minimum`` of something."""
    if count < minimum:
        raise AnalysisError(f"{message} (found {count}, need at least {minimum})")
