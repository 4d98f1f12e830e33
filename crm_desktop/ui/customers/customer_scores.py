"""The customer detail pane's texts of a customer's status and scores: what they paid to date
and the analyses' stored results, one short phrase each (translated in the detail pane's
context, "CustomerDetail")."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_desktop.ui.qt_typed import translate
from crm_desktop.ui.widgets.display import money, money_parts

if TYPE_CHECKING:
    from crm_desktop.storage.timeline import CustomerSummary


def status_text(status: str) -> str:
    """A customer status in the user's language."""
    return {
        "lead": translate("CustomerDetail", "Lead"),
        "prospect": translate("CustomerDetail", "Prospect"),
        "customer": translate("CustomerDetail", "Customer"),
        "churned": translate("CustomerDetail", "Churned"),
    }.get(status, status)


def scores_text(s: CustomerSummary) -> str:
    """What the customer paid to date (per currency) on a line of its own, then the
    analyses' stored results for this customer (Analytics page, Apply), one short phrase
    each, in a fixed order."""
    paid = ""
    if s.paid:
        paid_line = translate("CustomerDetail", "Paid to date: %1").replace(
            "%1", money_parts(s.paid))
        paid = f"<b>{html.escape(paid_line)}</b><br>"
    parts = []
    for kind, phrase in _score_phrases(s):
        value, label = s.scores.get(kind, (None, None))
        if value is None and not label:
            continue
        text = phrase(value, label)
        if text:
            parts.append(text)
    if not parts:
        return paid + ("<span style='color:palette(mid)'>" + html.escape(translate(
            "CustomerDetail",
            "Value, churn risk, segments and scores appear here once analyses have run "
            "and been applied (Analytics page).")) + "</span>")
    return paid + " · ".join(f"<b>{html.escape(p)}</b>" for p in parts)


def _score_phrases(s: CustomerSummary) -> list[tuple[str, Any]]:
    def share(value: float | None) -> str:
        return "" if value is None else f"{value:.0%}"

    def labelled(label: str | None, value: str) -> str:
        return f"{label} ({value})" if label and value else (label or value)

    def clv(v: float | None, _l: str | None) -> str:
        # the estimate is in the currency of the customer's orders; with orders in several
        # currencies (or none) it has no single currency and is not shown as money
        if v is None or len(s.paid.currencies) != 1:
            return ""
        return translate("CustomerDetail", "Value: {0}").format(
            money(Decimal(str(round(v, 2))), s.paid.currencies[0]))

    def rule(v: float | None, label: str | None) -> str:
        if v is None and not label:
            return ""
        return translate("CustomerDetail", "Rule score: {0}").format(
            labelled(label, "" if v is None else f"{v:.1f}"))

    return [
        ("clv", clv),
        ("churn", lambda v, _l: "" if v is None else translate(
            "CustomerDetail", "Churn risk: {0}").format(share(v))),
        ("propensity", lambda v, _l: "" if v is None else translate(
            "CustomerDetail", "Purchase propensity: {0}").format(share(v))),
        ("rfm", lambda _v, label: translate(
            "CustomerDetail", "RFM: {0}").format(label) if label else ""),
        ("segment", lambda _v, label: translate("CustomerDetail", "Segment: {0}").format(
            shown_segment(label, s.segment_names)) if label else ""),
        ("value_score", lambda v, _l: "" if v is None else translate(
            "CustomerDetail", "Value score: {0:.0f}").format(v)),
        ("category", lambda v, label: translate(
            "CustomerDetail", "Predicted category: {0}").format(
                labelled(label, share(v))) if label else ""),
        ("rule_score", rule),
        ("influence", lambda v, _l: "" if v is None else translate(
            "CustomerDetail", "Influence: {0:.2f}").format(v)),
    ]


def shown_segment(label: str, names: dict[str, str]) -> str:
    """A stored segment label as the user reads it: the name they gave the segment, else its
    automatic name in their language ("frequent_buyers_2" -> "Frequent buyers 2")."""
    from crm_desktop.services.insights.render import segment_name
    from crm_desktop.ui.analytics.insight_text import LocaleFormats, translate

    return segment_name(str(label), translate, LocaleFormats(), names)
