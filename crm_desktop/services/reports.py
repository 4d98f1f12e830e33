"""Sales reports for the app and the command line: revenue, orders, deals won and lost, win rate,
average deal size and sales cycle length, grouped by owner, product, product category,
country, city or month, within a date range; exportable to CSV and Excel.

    report = sales_report(database, by="owner", start=date(2026, 1, 1), end=date(2026, 12, 31))
    report.rows[0].revenue      # Decimal, in report.rows[0].currency
    export_report(report, Path("owners.xlsx"))    # or .csv (formula-injection safe)
    chart = report_chart(report, "revenue")        # analytics.charts.Chart for the page

The grouping is SQL in :mod:`crm_desktop.storage.reports` (under a second at a million
orders); this module adds the measures that divide (win rate, averages, median cycle) and the
money as exact Decimals. Amounts in different currencies are never added: every row is one
group in one currency. ``end`` is a date whose whole day is included.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, StorageError, ValidationError
from crm_desktop.storage.reports import DIMENSIONS, DealGroup, RevenueGroup

if TYPE_CHECKING:
    from crm_desktop.analytics.charts import Chart
    from crm_desktop.storage.database import Database

__all__ = [
    "COLUMNS", "DIMENSIONS", "MEASURES", "NONE_LABEL", "REPORTS", "SalesReport",
    "SalesReportRow", "export_report", "report_chart", "run_report", "sales_report",
]

NONE_LABEL = "(none)"
MEASURES: tuple[str, ...] = (
    "revenue", "orders", "deals_won", "deals_lost", "win_rate", "won_amount", "avg_deal_size",
    "cycle_days_mean", "cycle_days_median",
)
COLUMNS: tuple[str, ...] = ("key", "currency", *MEASURES)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class SalesReportRow:
    """One group in one currency. Counts and money with nothing to count are 0; rates and
    averages None where undefined. By product or category, deals_lost, win_rate, won_amount
    and avg_deal_size are None (lost deals hold no products) and deals_won counts each won
    deal once per product (category) its orders hold."""

    key: str  # the group: owner, product name, category, country code, city or 'YYYY-MM'
    currency: str
    revenue: Decimal
    orders: int
    deals_won: int
    deals_lost: int | None
    win_rate: float | None
    won_amount: Decimal | None
    avg_deal_size: Decimal | None
    cycle_days_mean: float | None
    cycle_days_median: float | None
    key_id: int | None = None  # the product's id (by product; names may repeat)

    def values(self) -> list[Any]:
        """The row in :data:`COLUMNS` order (what the exports write)."""
        return [getattr(self, name) for name in COLUMNS]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: money as exact text, rates rounded to 4 and days to 1 decimal."""
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        def rounded(value: float | None, places: int) -> float | None:
            return None if value is None else round(value, places)

        data = {
            "key": self.key, "currency": self.currency, "revenue": text(self.revenue),
            "orders": self.orders, "deals_won": self.deals_won, "deals_lost": self.deals_lost,
            "win_rate": rounded(self.win_rate, 4), "won_amount": text(self.won_amount),
            "avg_deal_size": text(self.avg_deal_size),
            "cycle_days_mean": rounded(self.cycle_days_mean, 1),
            "cycle_days_median": rounded(self.cycle_days_median, 1),
        }
        if self.key_id is not None:
            data["key_id"] = self.key_id
        return data


@dataclass(frozen=True)
class SalesReport:
    """A report: grouped ``by`` one of :data:`DIMENSIONS`, orders and deals from ``start`` to
    ``end`` (dates, both included; None = unbounded); rows sorted by group, then currency
    (months in time order; "(none)" last)."""

    name: str
    by: str
    start: date | None
    end: date | None
    rows: tuple[SalesReportRow, ...]

    def headers(self) -> list[str]:
        """Column names of the exports: the grouping's name, then currency and measures."""
        return [self.by, *COLUMNS[1:]]

    def to_dict(self) -> dict[str, Any]:
        return {"report": self.name, "by": self.by,
                "from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None,
                "rows": [row.to_dict() for row in self.rows]}


def _cents(value: int | None) -> Decimal | None:
    return None if value is None else (Decimal(value) / 100).quantize(_CENT)


def _range(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    if start is not None and end is not None and end < start:
        raise ValidationError("to", QT_TRANSLATE_NOOP("errors", "{0} is before {1}"), end.isoformat(), start.isoformat())
    lo = datetime.combine(start, time()) if start is not None else None
    hi = datetime.combine(end + timedelta(days=1), time()) if end is not None else None
    return lo, hi


def _row(key: str | None, currency: str, revenue: RevenueGroup | None,
         deals: DealGroup | None, by_product: bool, key_id: int | None) -> SalesReportRow:
    won = deals.won if deals is not None else 0
    cycles = deals.won_cycles if deals is not None else ()
    lost: int | None = None
    win_rate: float | None = None
    won_amount: Decimal | None = None
    average: Decimal | None = None
    if not by_product:  # by product or category lost deals and deal money are unknown
        lost = deals.lost or 0 if deals is not None else 0
        won_amount = _cents(deals.won_cents) if deals is not None else None
        won_amount = won_amount if won_amount is not None else Decimal("0.00")
        win_rate = won / (won + lost) if won + lost else None
        average = (won_amount / won).quantize(_CENT) if won else None
    return SalesReportRow(
        key if key is not None else NONE_LABEL, currency,
        revenue.revenue if revenue is not None else Decimal("0.00"),
        revenue.orders if revenue is not None else 0, won, lost, win_rate, won_amount, average,
        statistics.fmean(cycles) if cycles else None,
        float(statistics.median(cycles)) if cycles else None, key_id)


def _sort_key(row: SalesReportRow) -> tuple[bool, str, str]:
    return (row.key == NONE_LABEL, row.key.casefold(), row.currency)


def sales_report(database: Database, by: str = "month", start: date | None = None,
                 end: date | None = None) -> SalesReport:
    """The sales table grouped ``by`` (owner, product, category, country, city, month) for
    orders placed and deals closed from ``start`` to ``end`` (both days included)."""
    from crm_desktop.storage import reports as store

    if by not in DIMENSIONS:
        raise ValidationError("by", QT_TRANSLATE_NOOP("errors", "{0!r}; one of {1}"), by, ', '.join(DIMENSIONS))
    lo, hi = _range(start, end)
    revenue = store.revenue_groups(database, by, lo, hi)
    deals = store.deal_groups(database, by, lo, hi)
    product = by == "product"

    def ident(key: str | None, key_id: int | None) -> Any:
        return key_id if product else key

    revenue_of = {(ident(g.key, g.key_id), g.currency): g for g in revenue}
    deals_of = {(ident(g.key, g.key_id), g.currency): g for g in deals}
    names = {ident(g.key, g.key_id): g.key for g in revenue}
    names.update({ident(g.key, g.key_id): g.key for g in deals})
    rows = [_row(names[k], currency, revenue_of.get((k, currency)), deals_of.get((k, currency)),
                 by in ("product", "category"), k if product else None)
            for k, currency in {**revenue_of, **deals_of}]
    return SalesReport("sales", by, start, end, tuple(sorted(rows, key=_sort_key)))


def _sales(database: Database, by: str | None, start: date | None,
           end: date | None) -> SalesReport:
    return sales_report(database, by or "month", start, end)


# The reports `crm-desktop report NAME` knows: name -> (function, default grouping).
REPORTS: dict[str, tuple[Callable[[Database, str | None, date | None, date | None],
                                  SalesReport], str]] = {"sales": (_sales, "month")}


def run_report(database: Database, name: str, by: str | None = None,
               start: date | None = None, end: date | None = None) -> SalesReport:
    """Report ``name`` (one of :data:`REPORTS`) grouped ``by`` (default: the report's)."""
    try:
        function, _default = REPORTS[name]
    except KeyError:
        raise ValidationError("report", QT_TRANSLATE_NOOP("errors", "{0!r}; one of {1}"), name, ', '.join(REPORTS)) from None
    return function(database, by, start, end)


def export_report(report: SalesReport, out: Path | str) -> int:
    """Write the report to ``out``: Excel for .xlsx, else CSV (UTF-8); text cells that a
    spreadsheet would evaluate are neutralised (storage.export). Returns the rows written."""
    from crm_desktop.storage.export.files import write_csv, write_xlsx

    path = Path(out)
    if not path.parent.exists():
        raise StorageError(f"folder {path.parent} does not exist")
    rows: Sequence[list[Any]] = [row.values() for row in report.rows]
    try:
        if path.suffix.lower() == ".xlsx":
            return write_xlsx(path, report.headers(), rows, title=f"{report.name} by {report.by}")
        return write_csv(path, report.headers(), rows)
    except OSError as error:
        raise StorageError(f"cannot write {path}: {error.strerror or error}") from None


def report_chart(report: SalesReport, measure: str = "revenue",
                 currency: str | None = None) -> Chart:
    """One measure of the report as a chart (a line over months, else horizontal bars of the
    20 largest groups), in ``currency`` (default: the currency with the most revenue)."""
    from crm_desktop.analytics.charts import Chart

    if measure not in MEASURES:
        raise ValidationError("measure", QT_TRANSLATE_NOOP("errors", "{0!r}; one of {1}"), measure, ', '.join(MEASURES))
    totals: dict[str, Decimal] = {}
    for row in report.rows:
        totals[row.currency] = totals.get(row.currency, Decimal(0)) + row.revenue
    chosen = currency or (max(totals, key=lambda c: totals[c]) if totals else "")
    rows = [r for r in report.rows if r.currency == chosen and getattr(r, measure) is not None]
    title = f"{measure.replace('_', ' ')} by {report.by} ({chosen})"
    if report.by == "month":
        return Chart("line", [r.key for r in rows], [float(getattr(r, measure)) for r in rows],
                     title, "", measure)
    top = sorted(rows, key=lambda r: float(getattr(r, measure)), reverse=True)[:20][::-1]
    return Chart("barh", [r.key for r in top], [float(getattr(r, measure)) for r in top],
                 title, measure, "")
