"""Duplicate scoring: contradicting evidence lowers the score; a shared name is not enough."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_desktop.analytics.duplicate_score import name_similarity, score_pair

LONDON = {"name": "John Smith", "kind": "person", "email": "john.smith@acme.co.uk",
          "city": "London", "country": "GB"}
TORONTO = {"name": "John Smith", "kind": "person", "email": "jsmith@maple.ca",
           "city": "Toronto", "country": "CA"}


def test_same_name_in_london_and_toronto_is_not_a_duplicate() -> None:
    score, reasons = score_pair(LONDON, TORONTO)
    assert score < 0.05
    assert reasons == [("same_name",), ("different_email",),
                       ("different_city", "London", "Toronto"),
                       ("different_country", "GB", "CA")]
    without_country = score_pair({**LONDON, "country": None}, {**TORONTO, "country": None})[0]
    assert score < without_country < 0.1


def test_a_name_alone_is_a_maybe_and_each_contradiction_lowers_it() -> None:
    name_only = score_pair({"name": "John Smith"}, {"name": "john  SMITH"})
    assert name_only == (pytest.approx(0.70, abs=0.01), [("same_name",)])
    emails_differ = score_pair({"name": "John Smith", "email": "a@x.com"},
                               {"name": "John Smith", "email": "b@y.com"})[0]
    cities_differ = score_pair({"name": "John Smith", "email": "a@x.com", "city": "London"},
                               {"name": "John Smith", "email": "b@y.com", "city": "Toronto"})[0]
    phones_differ = score_pair(
        {"name": "John Smith", "email": "a@x.com", "city": "London", "phone": "+44 20 7946 0958"},
        {"name": "John Smith", "email": "b@y.com", "city": "Toronto", "phone": "416 555 0199"},
    )[0]
    assert name_only[0] > emails_differ > cities_differ > phones_differ


def test_agreeing_evidence_raises_the_score() -> None:
    a = {"name": "Zoë O'Neil", "email": "ZOE@Example.com ", "phone": "+44 20 7946 0958",
         "city": "Bristol", "company_name": "Acme Ltd"}
    b = {"name": "zoe oneil", "emails": ["zoe@example.com", "z@home.net"],
         "phones": ["020 7946 0958"], "city": "bristol", "company": "ACME Ltd."}
    score, reasons = score_pair(a, b)
    assert score > 0.99
    assert ("same_email",) in reasons and ("same_phone",) in reasons
    assert ("same_city", "Bristol") in reasons and ("same_company", "Acme Ltd") in reasons
    same_email_only = score_pair({"name": "John Smith", "email": "js@x.com"},
                                 {"name": "John Smith", "email": "JS@x.com"})
    assert same_email_only[0] > 0.98 and same_email_only[1] == [("same_name",), ("same_email",)]


def test_shared_address_with_unrelated_names_scores_low() -> None:
    score, reasons = score_pair({"name": "Anna Berg", "email": "family@berg.se"},
                                {"name": "Omar Khan", "email": "family@berg.se"})
    assert score < 0.2
    assert reasons[0][0] == "name_similarity" and ("same_email",) in reasons


def test_score_is_symmetric_and_takes_pandas_rows() -> None:
    frame = pd.DataFrame([LONDON, {**TORONTO, "email": LONDON["email"]}])
    one, _ = score_pair(frame.iloc[0], frame.iloc[1])
    two, _ = score_pair(frame.iloc[1], frame.iloc[0])
    assert one == pytest.approx(two) and 0.5 < one < 0.99  # same email, moved to Toronto?


def test_person_and_company_and_numbered_names() -> None:
    person = {"name": "Acme", "kind": "person"}
    company = {"name": "Acme", "kind": "company"}
    score, reasons = score_pair(person, company)
    assert score < 0.5 and ("different_kind", "person", "company") in reasons
    assert name_similarity("Branch 12", "Branch 13") < 0.5
    assert name_similarity("张伟", "张伟") == 1.0
    assert name_similarity("", "张伟") == 0.0
