"""The "quality" analysis on the hand-made customers of tests/analytics/test_quality.py: counts
for the fields a user fills in (not every column), and a list with a row per problem."""

from __future__ import annotations

from crm_desktop.services.analyses.data_quality import run_quality
from crm_desktop.services.analyses.steps import Steps
from tests.analytics.test_quality import blank_email_of_4, full_customers


class Frames:
    def __init__(self, **frames) -> None:
        self.frames = frames

    def get(self, name, columns=None):
        frame = self.frames[name]
        return frame if columns is None else frame[list(columns)]


def test_counts_per_field_and_a_row_per_customer_without_email_or_phone():
    frames = Frames(customers=full_customers(), contacts=blank_email_of_4())
    outcome = run_quality(None, {}, Steps(None, None, frames))
    q = outcome.quality
    assert q["fields_checked"] == ("name, email, phone, city, country, industry, owner, "
                                   "lead_source")
    assert q["customers_without_email"] == 1 and q["customers_without_phone"] == 2
    assert q["missing_values"] == 10 and q["fields_with_missing"] == 6
    detail = outcome.detail
    assert detail["field"].tolist() == ["name", "email", "phone", "city", "country", "industry",
                                        "owner", "lead_source"]  # not company_id, churn_at
    assert detail["missing"].sum() == q["missing_values"]
    assert detail.set_index("field").loc["phone", "share"] == 0.4
    assert sorted(outcome.chart.x) == sorted(detail["field"])
    table = outcome.table
    assert list(table.columns) == ["issue", "value", "customers", "customer_ids"]
    missing = table[table["issue"].str.startswith("missing")]
    assert missing[["issue", "value", "customer_ids"]].to_dict("records") == [
        {"issue": "missing email", "value": "ＷＡＮＧ ＷＥＩ", "customer_ids": "4"},
        {"issue": "missing phone", "value": "Wang Wei", "customer_ids": "1"},
        {"issue": "missing phone", "value": "wang  wei", "customer_ids": "2"}]
    # The checks of before are still listed: duplicate groups, then invalid values.
    issues = table["issue"].tolist()
    assert issues[:issues.index("missing email")] == [
        "duplicate (name+company)", "duplicate (email)", "invalid e-mail", "invalid e-mail",
        "invalid phone"]
    assert q["duplicate_groups"] == 2 and q["invalid_emails"] == 2 and q["invalid_phones"] == 1
