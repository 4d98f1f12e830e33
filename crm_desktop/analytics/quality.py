"""Data quality: duplicate customers, missing fields, invalid e-mails and phone numbers.

Inputs: the customers frame and optionally a contacts frame (customer_id, kind
'email'/'phone', value). ``email`` / ``phone`` columns on the customers frame are used too.
Pure pandas, exact matching on normalised keys.
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
    """Counts and the lists behind them."""

    n_customers: int
    duplicate_groups: int
    duplicate_customers: int
    duplicates: pd.DataFrame
    missing: pd.Series
    invalid_email_count: int
    invalid_emails: pd.DataFrame
    invalid_phone_count: int
    invalid_phones: pd.DataFrame


def quality_report(customers: pd.DataFrame, contacts: pd.DataFrame | None = None) -> QualityReport:
    """All checks at once; duplicate_customers counts distinct customers in any group."""
    duplicates = find_duplicates(customers, contacts)
    involved = {c for ids in duplicates["customer_ids"] for c in ids}
    emails = invalid_emails(customers, contacts)
    phones = invalid_phones(customers, contacts)
    return QualityReport(
        n_customers=len(customers),
        duplicate_groups=len(duplicates),
        duplicate_customers=len(involved),
        duplicates=duplicates,
        missing=missing_fields(customers),
        invalid_email_count=len(emails),
        invalid_emails=emails,
        invalid_phone_count=len(phones),
        invalid_phones=phones,
    )
