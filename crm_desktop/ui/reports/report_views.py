"""How a sales report reads: translated names of the groupings, measures and date ranges, and
the columns of the report table (money with its currency)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from crm_desktop.services.reports import NONE_LABEL, SalesReportRow
from crm_desktop.ui.reports.rows_model import RIGHT, Column
from crm_desktop.ui.widgets.display import money


def tr(text: str) -> str:
    return QCoreApplication.translate("reports", text)


def grouping_titles() -> dict[str, str]:
    return {"month": tr("Month"), "owner": tr("Owner"), "product": tr("Product"),
            "category": tr("Product category"), "country": tr("Country"), "city": tr("City")}


def measure_titles() -> dict[str, str]:
    return {"revenue": tr("Revenue"), "orders": tr("Orders"), "deals_won": tr("Deals won"),
            "deals_lost": tr("Deals lost"), "win_rate": tr("Win rate"),
            "won_amount": tr("Won amount"), "avg_deal_size": tr("Average deal"),
            "cycle_days_mean": tr("Sales cycle (days, mean)"),
            "cycle_days_median": tr("Sales cycle (days, median)")}


RANGES = ("last12", "this_year", "last_year", "this_quarter", "last_quarter", "all")


def range_titles() -> dict[str, str]:
    return {"last12": tr("Last 12 months"), "this_year": tr("This year"),
            "last_year": tr("Last year"), "this_quarter": tr("This quarter"),
            "last_quarter": tr("Last quarter"), "all": tr("All time")}


def date_range(code: str, today: date) -> tuple[date | None, date | None]:
    """(first day, last day) of a named range; (None, None) for all time."""
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    if code == "last12":
        first = date(today.year - 1, today.month, 1) + timedelta(days=32)
        return first.replace(day=1), today
    if code == "this_year":
        return date(today.year, 1, 1), today
    if code == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if code == "this_quarter":
        return quarter_start, today
    if code == "last_quarter":
        end = quarter_start - timedelta(days=1)
        return date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end
    return None, None


def key_text(row: SalesReportRow) -> str:
    return tr("(none)") if row.key == NONE_LABEL else row.key


def _money(value: Decimal | None, row: SalesReportRow) -> str:
    return "" if value is None else money(value, row.currency)


def _days(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}"


def report_columns(by: str) -> list[Column]:
    titles = measure_titles()
    return [
        Column(grouping_titles().get(by, by), key_text,
               sort_key=lambda r: (r.key == NONE_LABEL, r.key.casefold())),
        Column(tr("Currency"), lambda r: r.currency),
        Column(titles["revenue"], lambda r: _money(r.revenue, r), RIGHT, lambda r: r.revenue),
        Column(titles["orders"], lambda r: f"{r.orders:,}", RIGHT, lambda r: r.orders),
        Column(titles["deals_won"], lambda r: f"{r.deals_won:,}", RIGHT, lambda r: r.deals_won),
        Column(titles["deals_lost"], lambda r: "" if r.deals_lost is None
               else f"{r.deals_lost:,}", RIGHT, lambda r: r.deals_lost),
        Column(titles["win_rate"], lambda r: "" if r.win_rate is None
               else f"{100 * r.win_rate:.0f}%", RIGHT, lambda r: r.win_rate),
        Column(titles["avg_deal_size"], lambda r: _money(r.avg_deal_size, r), RIGHT,
               lambda r: r.avg_deal_size),
        Column(titles["cycle_days_mean"], lambda r: _days(r.cycle_days_mean), RIGHT,
               lambda r: r.cycle_days_mean),
    ]
