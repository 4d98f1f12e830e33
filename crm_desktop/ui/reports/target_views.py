"""How target progress reads: the columns of the targets table and the one-line summary the
dashboard tile and the pipeline page show ("December 2026: $12,000 of $30,000 (40%) · weighted
pipeline $8,000")."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from crm_desktop.services.targets import TargetProgress
from crm_desktop.ui.reports.rows_model import RIGHT, Column
from crm_desktop.ui.widgets.display import money, short_money


def tr(text: str) -> str:
    return QCoreApplication.translate("targets", text)


def owner_text(owner: str | None) -> str:
    return owner or tr("Whole business")


def pct(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.0f}%"


def deals_text(row: TargetProgress) -> str:
    if row.target_deals is None:
        return f"{row.actual_deals:,}"
    return tr("{0} of {1}").format(f"{row.actual_deals:,}", f"{row.target_deals:,}")


def progress_columns() -> list[Column]:
    def amount(value: Decimal | None, row: TargetProgress) -> str:
        return money(value, row.currency, cents=False) if value is not None else ""

    return [
        Column(tr("Owner"), lambda r: owner_text(r.owner)),
        Column(tr("Period"), lambda r: r.period.label, sort_key=lambda r: r.period.start),
        Column(tr("Target"), lambda r: amount(r.target_amount, r), RIGHT,
               lambda r: r.target_amount),
        Column(tr("Won"), lambda r: amount(r.actual_amount, r), RIGHT,
               lambda r: r.actual_amount, tr("Sold so far in the period")),
        Column(tr("Reached"), lambda r: pct(r.share), RIGHT, lambda r: r.share,
               tr("Share of the target sold so far")),
        Column(tr("Time"), lambda r: pct(r.elapsed_share), RIGHT,
               lambda r: r.elapsed_share, tr("Share of the period gone")),
        Column(tr("On pace"), lambda r: amount(r.projected_amount, r), RIGHT,
               lambda r: r.projected_amount,
               tr("What the period ends with if sales go on at this pace")),
        Column(tr("Pipeline"), lambda r: amount(r.pipeline_weighted, r), RIGHT,
               lambda r: r.pipeline_weighted,
               tr("Open deals expected to close by the period's end, weighted by their "
                  "chance of being won")),
        Column(tr("Deals"), deals_text, RIGHT, lambda r: r.actual_deals,
               tr("Deals won (of the target's number, when it has one)")),
    ]


def progress_line(row: TargetProgress) -> str:
    """'2026-12 · Alice: $12,000 of $30,000 (40%) · weighted pipeline $8,000'."""
    text = tr("{0} · {1}: {2} of {3} ({4})").format(
        row.period.label, owner_text(row.owner), short_money(row.actual_amount, row.currency),
        short_money(row.target_amount, row.currency), pct(row.share) or "–")
    if row.pipeline_weighted is not None:
        text += " · " + tr("weighted pipeline {0}").format(
            short_money(row.pipeline_weighted, row.currency))
    return text


def headline(rows: Sequence[TargetProgress], owner: str | None = None) -> TargetProgress | None:
    """The target a summary shows: the owner's (or the whole business') of the shortest period
    running (this month before this quarter)."""
    chosen = [r for r in rows if r.owner == owner] or list(rows)
    if not chosen:
        return None
    return min(chosen, key=lambda r: (r.owner is not None if owner is None else False,
                                      (r.period.end - r.period.start).days, r.period.start))
