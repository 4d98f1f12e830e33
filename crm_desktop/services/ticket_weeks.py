"""Unusual weeks of tickets per theme: which complaint themes (text themes of the tickets'
subject and body) had a week far above (or below) their own recent weeks.

The tickets analysis flags weeks of unusual volume over all tickets; a rise of one theme (a
faulty batch, a broken feature) drowns in the total, so here each theme is tested on its own
counts (``analytics.text.theme_volume_anomalies``: a week beyond the median of the theme's
previous 12 weeks +- 3.5 robust deviations; quiet weeks count as 0).

    found = unusual_ticket_weeks(database)          # seconds on many tickets: in a worker
    found.weeks[0]   # ThemeWeek(theme=2, name="refund, late, parcel", week=date(...), ...)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm_desktop.analytics import CancelFn, ProgressFn
    from crm_desktop.storage.database import Database

MIN_TICKETS = 30  # fewer texts give no themes worth watching
WINDOW_WEEKS = 12
MIN_WEEKS = 6


@dataclass(frozen=True)
class ThemeWeek:
    """A week (its Monday) whose count of a theme's tickets departs from the theme's usual."""

    theme: int
    name: str  # the theme's top terms
    week: date
    tickets: int
    expected: float
    direction: str  # 'high' or 'low'


@dataclass(frozen=True)
class TicketWeeks:
    """Every unusual theme week, newest first; ``note`` says why there are none to test."""

    themes: int
    tickets: int
    weeks_tested: int
    weeks: tuple[ThemeWeek, ...]
    note: str | None = None

    def recent(self, since: date) -> tuple[ThemeWeek, ...]:
        return tuple(w for w in self.weeks if w.week >= since)


def unusual_ticket_weeks(database: Database, themes: int | None = None,
                         direction: str | None = "high", progress: ProgressFn | None = None,
                         cancelled: CancelFn | None = None) -> TicketWeeks:
    """Themes of all tickets (``themes`` None: chosen by silhouette, 2 to 8), then each theme's
    unusual weeks (``direction`` 'high' keeps the rises, None both ways)."""
    import pandas as pd

    from crm_desktop.analytics import report as step
    from crm_desktop.analytics import text
    from crm_desktop.storage import frames

    step(progress, cancelled, 0.02, "Loading tickets")
    tickets = frames.tickets(database, ("id", "subject", "body", "opened_at"))
    texts = text.ticket_texts(tickets) if len(tickets) else pd.Series(dtype=str)
    if len(texts) < MIN_TICKETS:
        return TicketWeeks(0, len(texts), 0, (), f"{len(texts)} tickets with text; themes "
                                                  f"need at least {MIN_TICKETS}")
    result = text.text_themes(texts, themes, k_range=range(2, 9),
                              progress=_sub(progress, 0.05, 0.85), cancelled=cancelled)
    names = result.theme_names()
    step(progress, cancelled, 0.9, "Counting each theme's weeks")
    opened = tickets.loc[result.labels.index, "opened_at"]
    table = text.theme_volume_anomalies(result.labels, opened, "W", WINDOW_WEEKS,
                                        min_periods=MIN_WEEKS)
    flagged = table[table["is_anomaly"].astype(bool)]
    if direction is not None:
        flagged = flagged[flagged["direction"] == direction]
    weeks = tuple(
        ThemeWeek(int(row.theme), names.get(int(row.theme), str(row.theme)),
                  row.period.start_time.date(), int(row.count), round(float(row.baseline), 1),
                  str(row.direction))
        for row in flagged.itertuples(index=False))
    ordered = tuple(sorted(weeks, key=lambda w: (w.week, w.tickets), reverse=True))
    tested = int(table["period"].nunique()) if len(table) else 0
    step(progress, cancelled, 1.0, "Done")
    return TicketWeeks(result.n_themes, len(texts), tested, ordered)


def _sub(progress: ProgressFn | None, start: float, end: float) -> ProgressFn | None:
    if progress is None:
        return None
    outer = progress

    def inner(fraction: float, message: str = "") -> None:
        outer(start + (end - start) * fraction, message)

    return inner
