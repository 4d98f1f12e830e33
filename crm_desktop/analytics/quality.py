"""Data quality: duplicate customers, missing fields, invalid e-mails and phone numbers.

Inputs: the customers frame and optionally a contacts frame (customer_id, kind
'email'/'phone', value). ``email`` / ``phone`` columns on the customers frame are used too.
Missing values are counted, and listed per customer, for the fields a user fills in
(:data:`QUALITY_FIELDS`), not for every column (a company link or churn date is empty by
design). Pure pandas, exact matching on normalised keys.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

#: local@domain.tld; domain labels may be Unicode (internationalised domains like 例子.中国).
EMAIL_PATTERN = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,}$"
)
PHONE_DIGITS = (7, 15)  # E.164 allows at most 15 digits
#: The fields whose missing values the report counts and lists: e-mail and phone are contact
#: points (missing = the customer has no e-mail / phone at all), the rest customer columns.
QUALITY_FIELDS: tuple[str, ...] = (
    "name", "email", "phone", "city", "country", "industry", "owner", "lead_source",
)
CONTACT_KINDS: tuple[str, ...] = ("email", "phone")
# The missing fields the issue list names customer by customer; the others are counted only:
# a customer who cannot be reached is the one to fix, and a list of every private person
# without an industry would bury the rest.
LISTED_MISSING: tuple[str, ...] = ("email", "phone")
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def normalise_name(value: object) -> str:
    """NFKC, case-folded, punctuation and spaces removed ('' for missing)."""
    if not isinstance(value, str):
        return ""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", value).casefold())


def normalise_email(value: object) -> str:
    """Trimmed, lower-cased e-mail ('' for missing)."""
    return value.strip().lower() if isinstance(value, str) else ""


def phone_digits(value: object) -> str:
    """Digits only (NFKC first, so full-width digits count); '' for missing."""
    if not isinstance(value, str):
        return ""
    return "".join(ch for ch in unicodedata.normalize("NFKC", value) if ch.isdigit())


def contact_values(customers: pd.DataFrame, contacts: pd.DataFrame | None) -> pd.DataFrame:
    """Long frame customer_id, kind, value from the contacts frame and email/phone columns."""
    parts = []
    if contacts is not None and not contacts.empty:
        parts.append(contacts[["customer_id", "kind", "value"]])
    for kind in ("email", "phone"):
        if kind in customers.columns:
            part = pd.DataFrame(
                {"customer_id": customers["id"], "kind": kind, "value": customers[kind]}
            )
            parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["customer_id", "kind", "value"])
    values = pd.concat(parts, ignore_index=True)
    keep = values["value"].notna() & values["value"].astype(str).str.strip().ne("")
    return values[keep].reset_index(drop=True)


def _groups(ids: pd.Series, keys: pd.Series, rule: str) -> pd.DataFrame:
    frame = pd.DataFrame({"customer_id": ids.to_numpy(), "key": keys.to_numpy()})
    frame = frame[frame["key"] != ""].drop_duplicates()
    grouped = frame.groupby("key")["customer_id"].agg(lambda s: sorted(set(s.tolist())))
    grouped = grouped[grouped.map(len) > 1]
    return pd.DataFrame(
        {"rule": rule, "key": grouped.index, "customer_ids": grouped.to_numpy()}
    ).assign(count=lambda d: d["customer_ids"].map(len))


def find_duplicates(customers: pd.DataFrame, contacts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Groups of customers sharing a normalised key.

    Rules: 'name+company' (normalise_name(name) + '|' + normalise_name(company_name)),
    'email' (normalise_email) and 'phone' (phone_digits, at least 7 digits). Columns: rule,
    key, customer_ids (sorted list), count.
    """
    company = customers.get("company_name", pd.Series("", index=customers.index))
    name_key = customers["name"].map(normalise_name)
    key = name_key + "|" + company.map(normalise_name)
    key = key.where(name_key != "", "")
    parts = [_groups(customers["id"], key, "name+company")]
    values = contact_values(customers, contacts)
    emails = values[values["kind"] == "email"]
    parts.append(_groups(emails["customer_id"], emails["value"].map(normalise_email), "email"))
    phones = values[values["kind"] == "phone"]
    digits = phones["value"].map(phone_digits)
    digits = digits.where(digits.str.len() >= PHONE_DIGITS[0], "")
    parts.append(_groups(phones["customer_id"], digits, "phone"))
    return pd.concat(parts, ignore_index=True)


def missing_fields(frame: pd.DataFrame) -> pd.Series:
    """Per column, the number of missing values (NaN/None or blank strings), descending."""
    missing = frame.isna()
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
            missing[col] |= frame[col].astype(str).str.strip().eq("") & frame[col].notna()
    return missing.sum().astype(int).sort_values(ascending=False).rename("missing")


def _blank(values: pd.Series) -> pd.Series:
    """NaN/None, or a string of spaces only."""
    text = values.map(lambda v: isinstance(v, str) and not v.strip())
    return values.isna() | text.astype(bool)


def checked_fields(
    customers: pd.DataFrame,
    contacts: pd.DataFrame | None = None,
    fields: tuple[str, ...] = QUALITY_FIELDS,
) -> tuple[str, ...]:
    """The ``fields`` the data can tell about: a column of ``customers``, or a contact kind
    when there is a contacts frame (an empty one too: nobody has one) or such a column."""
    return tuple(
        f for f in fields
        if f in customers.columns or (f in CONTACT_KINDS and contacts is not None)
    )


def missing_by_customer(
    customers: pd.DataFrame,
    contacts: pd.DataFrame | None = None,
    fields: tuple[str, ...] = QUALITY_FIELDS,
) -> pd.DataFrame:
    """One row per customer and missing field (columns customer_id, name, field), by field
    in ``fields`` order, then as in ``customers``.

    A column is missing when NaN/None or blank; 'email' / 'phone' when the customer has no
    non-blank value of that kind (in ``contacts`` or an email/phone column; an invalid one
    is not missing, it is invalid). Fields outside :func:`checked_fields` are left out.
    """
    ids = customers["id"]
    names = customers["name"] if "name" in customers.columns else pd.Series("", index=ids.index)
    values = contact_values(customers, contacts)
    parts = []
    for field in checked_fields(customers, contacts, fields):
        if field in CONTACT_KINDS:
            missing = ~ids.isin(values.loc[values["kind"] == field, "customer_id"])
        else:
            missing = _blank(customers[field])
        parts.append(pd.DataFrame({"customer_id": ids[missing].to_numpy(),
                                   "name": names[missing].to_numpy(), "field": field}))
    if not parts:
        return pd.DataFrame(columns=["customer_id", "name", "field"])
    return pd.concat(parts, ignore_index=True)


def missing_counts(missing: pd.DataFrame, fields: tuple[str, ...]) -> pd.Series:
    """Customers missing each of ``fields`` (0 included), from :func:`missing_by_customer`."""
    counts = missing.groupby("field").size() if len(missing) else pd.Series(dtype=int)
    return counts.reindex(list(fields), fill_value=0).astype(int).rename("missing")


def invalid_emails(customers: pd.DataFrame, contacts: pd.DataFrame | None = None) -> pd.DataFrame:
    """E-mail values not matching :data:`EMAIL_PATTERN` (customer_id, value)."""
    values = contact_values(customers, contacts)
    emails = values[values["kind"] == "email"]
    bad = ~emails["value"].astype(str).str.strip().map(lambda v: bool(EMAIL_PATTERN.match(v)))
    return emails.loc[bad, ["customer_id", "value"]].reset_index(drop=True)


def invalid_phones(customers: pd.DataFrame, contacts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Phone values whose digit count is outside 7..15 (customer_id, value, digits)."""
    values = contact_values(customers, contacts)
    phones = values[values["kind"] == "phone"]
    digits = phones["value"].map(phone_digits)
    bad = (digits.str.len() < PHONE_DIGITS[0]) | (digits.str.len() > PHONE_DIGITS[1])
    out = phones.loc[bad, ["customer_id", "value"]].assign(digits=digits[bad])
    return out.reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class QualityReport:
    """Counts and the lists behind them. ``missing``: customers missing each checked field
    of :data:`QUALITY_FIELDS` (0 included, in that order); ``missing_rows``: who
    (:func:`missing_by_customer`)."""

    n_customers: int
    duplicate_groups: int
    duplicate_customers: int
    duplicates: pd.DataFrame
    missing: pd.Series
    invalid_email_count: int
    invalid_emails: pd.DataFrame
    invalid_phone_count: int
    invalid_phones: pd.DataFrame
    missing_rows: pd.DataFrame


def quality_report(
    customers: pd.DataFrame,
    contacts: pd.DataFrame | None = None,
    fields: tuple[str, ...] = QUALITY_FIELDS,
) -> QualityReport:
    """All checks at once; duplicate_customers counts distinct customers in any group;
    missing values are those of ``fields``."""
    duplicates = find_duplicates(customers, contacts)
    involved = {c for ids in duplicates["customer_ids"] for c in ids}
    emails = invalid_emails(customers, contacts)
    phones = invalid_phones(customers, contacts)
    missing = missing_by_customer(customers, contacts, fields)
    return QualityReport(
        n_customers=len(customers),
        duplicate_groups=len(duplicates),
        duplicate_customers=len(involved),
        duplicates=duplicates,
        missing=missing_counts(missing, checked_fields(customers, contacts, fields)),
        invalid_email_count=len(emails),
        invalid_emails=emails,
        invalid_phone_count=len(phones),
        invalid_phones=phones,
        missing_rows=missing,
    )


def issue_list(report: QualityReport) -> pd.DataFrame:
    """One row per problem: duplicate groups (rule, key, the customers), invalid e-mails and
    invalid phone numbers (the value and its customer), then the customers without an e-mail
    or phone (:data:`LISTED_MISSING`: "missing email"; value: the customer's name)."""
    dup = report.duplicates
    parts = [pd.DataFrame({
        "issue": "duplicate (" + dup["rule"].astype(str) + ")",
        "value": dup["key"].astype(str), "customers": dup["count"].astype(int),
        "customer_ids": [", ".join(str(i) for i in ids) for ids in dup["customer_ids"]]})]
    for label, frame in (("invalid e-mail", report.invalid_emails),
                         ("invalid phone", report.invalid_phones)):
        parts.append(pd.DataFrame({
            "issue": label, "value": frame["value"].astype(str), "customers": 1,
            "customer_ids": frame["customer_id"].astype(str)}))
    missing = report.missing_rows
    missing = missing[missing["field"].isin(LISTED_MISSING)]
    parts.append(pd.DataFrame({
        "issue": "missing " + missing["field"].astype(str),
        "value": missing["name"].fillna("").astype(str), "customers": 1,
        "customer_ids": missing["customer_id"].astype(str)}))
    return pd.concat([part for part in parts if len(part)] or parts[:1], ignore_index=True)
