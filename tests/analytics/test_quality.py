"""Data quality checks: duplicates, missing fields, invalid e-mails and phones."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crm_desktop.analytics import quality as q


def customers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5],
            "name": ["Wang Wei", "wang  wei", "王伟", "ＷＡＮＧ ＷＥＩ", "Li Na"],
            "company_name": ["Acme Ltd.", "ACME ltd", None, "Other", None],
            "city": ["Beijing", "", None, "Paris", "Lyon"],
            "rating": [5.0, np.nan, 3.0, 1.0, 2.0],
        }
    )


def contacts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 3, 4, 5, 5],
            "kind": ["email", "email", "phone", "email", "phone", "phone", "email"],
            "value": [
                "Wang@Example.com ",
                "wang@example.com",
                "+86 138-0013-8000",
                "not-an-email",
                "138 0013 8000",
                "12345",
                "li@example",
            ],
        }
    )


def test_duplicates_by_name_company_email_and_phone() -> None:
    dups = q.find_duplicates(customers(), contacts())
    groups = {(r.rule, tuple(r.customer_ids)) for r in dups.itertuples()}
    assert ("name+company", (1, 2)) in groups
    assert ("email", (1, 2)) in groups
    assert len(dups[dups["rule"] == "phone"]) == 0  # +86 prefix makes the digits differ
    assert (dups["count"] == dups["customer_ids"].map(len)).all()


def test_phone_duplicates_use_digits_only() -> None:
    extra = pd.DataFrame({"customer_id": [4], "kind": ["phone"], "value": ["+86 (138) 0013 8000"]})
    dups = q.find_duplicates(customers(), pd.concat([contacts(), extra]))
    phone = dups[dups["rule"] == "phone"]
    assert phone["customer_ids"].tolist() == [[3, 4]] and phone["key"].iloc[0] == "8613800138000"


def test_missing_fields_count_blanks_and_nan() -> None:
    missing = q.missing_fields(customers())
    assert missing["city"] == 2 and missing["company_name"] == 2 and missing["rating"] == 1
    assert missing["id"] == 0 and missing.index[0] in {"city", "company_name"}


def test_invalid_emails_and_phones() -> None:
    emails = q.invalid_emails(customers(), contacts())
    assert emails["value"].tolist() == ["not-an-email", "li@example"]
    ok = pd.DataFrame(
        {
            "customer_id": [1, 2],
            "kind": "email",
            "value": ["li@例子.中国", "a.b+c@mail.example.co.uk"],
        }
    )
    assert q.invalid_emails(customers().iloc[:0], ok).empty
    phones = q.invalid_phones(customers(), contacts())
    assert phones["customer_id"].tolist() == [5] and phones["digits"].tolist() == ["12345"]


def test_email_and_phone_columns_on_the_customers_frame_count_too() -> None:
    frame = customers().assign(
        email=["a@b.co", "bad@", None, "a@b.co", ""], phone=[None, "１２３", None, None, None]
    )
    report = q.quality_report(frame)
    assert report.invalid_email_count == 1 and report.invalid_emails["value"].tolist() == ["bad@"]
    assert report.invalid_phone_count == 1 and report.invalid_phones["digits"].tolist() == ["123"]
    assert report.duplicate_groups == 2  # name+company (1, 2) and e-mail (1, 4)
    assert report.duplicate_customers == 3 and report.n_customers == 5


def test_normalisers() -> None:
    assert q.normalise_name(" Wang-Wei, Jr. ") == "wangweijr"
    assert q.normalise_name("ＡＢＣ") == "abc" and q.normalise_name(None) == ""
    assert q.normalise_email("  X@Y.COM ") == "x@y.com"
    assert q.phone_digits("+33 (0)1 23 45 67 89") == "330123456789"


def full_customers() -> pd.DataFrame:
    """customers() with every checked field, and columns that are empty by design."""
    return customers().assign(
        country=["CN", "CN", " ", None, "FR"],
        industry=[None, "Retail", "Retail", "", "IT"],
        owner=["ann", "ann", None, "bob", "bob"],
        lead_source=["web"] * 5,
        company_id=[None] * 5,
        churn_at=pd.NaT,
    )


def blank_email_of_4() -> pd.DataFrame:
    """contacts() plus a blank e-mail of customer 4 (a contact point without a value)."""
    extra = pd.DataFrame({"customer_id": [4], "kind": ["email"], "value": ["  "]})
    return pd.concat([contacts(), extra], ignore_index=True)


def test_missing_values_count_the_chosen_fields_and_contact_points() -> None:
    """Customer 4 has a blank e-mail only (missing), 3 an invalid one (not missing); 1 and
    2 have no phone. company_id and churn_at are empty for all and not counted."""
    report = q.quality_report(full_customers(), blank_email_of_4())
    assert report.missing.to_dict() == {
        "name": 0, "email": 1, "phone": 2, "city": 2, "country": 2, "industry": 2, "owner": 1,
        "lead_source": 0}
    assert list(report.missing.index) == list(q.QUALITY_FIELDS)
    rows = report.missing_rows
    assert list(rows.columns) == ["customer_id", "name", "field"]
    by_field = rows.groupby("field")["customer_id"].apply(list).to_dict()
    assert by_field == {"email": [4], "phone": [1, 2], "city": [2, 3], "country": [3, 4],
                        "industry": [1, 4], "owner": [3]}
    assert rows.loc[rows["field"] == "email", "name"].tolist() == ["ＷＡＮＧ ＷＥＩ"]
    assert report.invalid_email_count == 2  # the invalid checks are as they were


def test_what_the_data_cannot_tell_is_not_counted() -> None:
    # No contacts frame and no email/phone column: nobody knows; an empty frame: nobody has one.
    assert q.checked_fields(customers()) == ("name", "city")
    assert q.quality_report(customers()).missing.to_dict() == {"name": 0, "city": 2}
    none = q.quality_report(customers(), contacts().iloc[:0]).missing
    assert none["email"] == none["phone"] == 5
    columns = customers().assign(email=["a@b.co", None, "", "x", None])
    assert q.quality_report(columns).missing["email"] == 3
    assert q.missing_by_customer(customers().iloc[:0], contacts()).empty
