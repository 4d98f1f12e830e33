"""Data quality: duplicate customers, invalid e-mails and phone numbers, missing fields."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import Chart
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.steps import Steps, load

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database


def run_quality(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    """Duplicates, invalid e-mails and phones, and the customers missing each field of
    quality.QUALITY_FIELDS (e-mail and phone: no contact point of that kind): the counts
    (quality figures, detail table, chart) and one row per problem (``analytics.quality.issue_list``)."""
    from crm_desktop.analytics import quality as dq

    f = load(database, steps, "customers", "contacts")
    steps.at(0.6, "Checking")
    report = dq.quality_report(f["customers"], f["contacts"])
    missing = report.missing
    quality: dict[str, float | str] = {
        "customers": report.n_customers, "duplicate_groups": report.duplicate_groups,
        "duplicate_customers": report.duplicate_customers,
        "invalid_emails": report.invalid_email_count,
        "invalid_phones": report.invalid_phone_count,
        "fields_checked": ", ".join(missing.index),
        "fields_with_missing": int((missing > 0).sum()), "missing_values": int(missing.sum())}
    for kind in dq.CONTACT_KINDS:
        if kind in missing.index:
            quality[f"customers_without_{kind}"] = int(missing[kind])
    fields = missing.rename_axis("field").reset_index()
    fields["share"] = (fields["missing"] / max(1, report.n_customers)).round(4)
    chart = Chart("barh", fields["field"].tolist()[::-1], fields["missing"].tolist()[::-1],
                  "Customers missing each field", "Customers", "")
    return AnalysisOutcome("quality", quality, dq.issue_list(report), chart, detail=fields,
                           detail_title="Customers missing each field")
