"""The pipeline page's table spec, close-date periods and the opportunity detail text."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, Qt

from crm_desktop.services.pipeline import OpportunityDetail
from crm_desktop.storage.lists.pipeline import opportunity_list
from crm_desktop.storage.query_filter import Filter
from crm_desktop.ui.dialogs.choices import label
from crm_desktop.ui.item_models import ColumnSpec, TableSpec
from crm_desktop.ui.pages.page_tools import esc, facts
from crm_desktop.ui.widgets.display import day, moment, money

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def tr(text: str) -> str:
    return QCoreApplication.translate("PipelinePage", text)


def opportunity_spec() -> TableSpec:
    return TableSpec(
        opportunity_list(),
        (
            ColumnSpec("name", tr("Opportunity"), width=230),
            ColumnSpec("customer", tr("Customer"), width=170),
            ColumnSpec("stage", tr("Stage"), width=120),
            ColumnSpec("amount", tr("Amount"), money, RIGHT, width=120, currency="currency"),
            ColumnSpec("probability", tr("Prob."), lambda v: f"{v}%", RIGHT, width=60),
            ColumnSpec("expected_close", tr("Close date"), day, width=100),
            ColumnSpec("owner", tr("Owner"), width=100),
            ColumnSpec("status", tr("Status"), label, width=70),
        ),
    )


# Close-date periods of the filter: code -> (title, range function of today).
PERIODS = ("any", "past", "month", "next30", "quarter", "next_quarter", "year")


def period_titles() -> dict[str, str]:
    return {
        "any": tr("Any close date"), "past": tr("Past due"), "month": tr("Closing this month"),
        "next30": tr("Closing in 30 days"), "quarter": tr("Closing this quarter"),
        "next_quarter": tr("Closing next quarter"), "year": tr("Closing this year"),
    }


def _quarter_start(today: date, offset: int = 0) -> date:
    month = (today.month - 1) // 3 * 3 + 1 + 3 * offset
    year = today.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def period_range(code: str, today: date | None = None) -> tuple[date | None, date | None]:
    """The close-date range (inclusive) of a period."""
    today = today or date.today()
    if code == "past":
        return None, today - timedelta(days=1)
    if code == "month":
        start = today.replace(day=1)
        return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if code == "next30":
        return today, today + timedelta(days=30)
    if code == "quarter":
        return _quarter_start(today), _quarter_start(today, 1) - timedelta(days=1)
    if code == "next_quarter":
        return _quarter_start(today, 1), _quarter_start(today, 2) - timedelta(days=1)
    if code == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    return None, None


def period_filters(code: str) -> list[Filter]:
    start, end = period_range(code)
    result = []
    if start is not None:
        result.append(Filter("expected_close", "ge", start))
    if end is not None:
        result.append(Filter("expected_close", "le", end))
    return result


def win_probability_text(opp: OpportunityDetail) -> str:
    """The win-probability model's estimate with the day it was computed ("" when never)."""
    if opp.win_probability is None:
        return ""
    text = f"{100 * opp.win_probability:.0f}%"
    if opp.win_probability_at is not None:
        text = tr("{0} (as of {1})").format(text, day(opp.win_probability_at))
    return text


def opportunity_html(opp: OpportunityDetail) -> tuple[str, str]:
    """(title, HTML) of the detail pane: facts and the stage history."""
    body = facts([
        (tr("Customer"), opp.customer_name),
        (tr("Stage"), opp.stage_name),
        (tr("Status"), label(opp.status)),
        (tr("Amount"), money(opp.amount, opp.currency)),
        (tr("Probability"), f"{opp.probability}%"),
        (tr("Win probability (model)"), win_probability_text(opp)),
        (tr("Weighted"), money(opp.weighted, opp.currency)),
        (tr("Expected close"), day(opp.expected_close)),
        (tr("Owner"), opp.owner),
        (tr("Lead source"), opp.lead_source),
        (tr("Close reason"), opp.close_reason),
        (tr("Deleted"), moment(opp.deleted_at)),
    ])
    if opp.notes:
        body += f"<p>{esc(opp.notes)}</p>"
    if opp.history:
        items = "".join(f"<li>{esc(moment(step.at))} → {esc(step.stage_name)}</li>"
                        for step in opp.history)
        body += f"<h4>{esc(tr('Stage history'))}</h4><ul>{items}</ul>"
    return opp.name, body
