"""The phrasebook is consistent (each template's placeholders match its argument kinds, every
phrase key of the analytics has a sentence), and sentences and cells read as words."""

from __future__ import annotations

import re

import pandas as pd

from crm_desktop.analytics.phrases import FEATURE_PHRASES, MISSING_PHRASES, TEXT_PHRASES
from crm_desktop.analytics.segment_profiles import NAME_KEYS
from crm_desktop.services.insights import phrasebook
from crm_desktop.services.insights.cells import cell_text
from crm_desktop.services.insights.reason_book import BookWriter
from crm_desktop.services.insights.render import (
    EnglishFormats,
    Sentence,
    english,
    segment_name,
)


def test_placeholders_match_the_kinds():
    for group, templates in phrasebook.GROUPS.items():
        for key, template in templates.items():
            used = {int(i) for i in re.findall(r"\{(\d+)\}", template.text)}
            kinds = len(template.kinds)
            if template.count is not None:
                assert "%Ln" in template.text, (group, key)
                assert template.one is not None, (group, key)
                used.add(template.count)
            assert used == set(range(kinds)), (group, key, template.text)


def test_every_analytics_key_has_a_sentence():
    keys = {key for key, _numbers in FEATURE_PHRASES.values()}
    keys |= set(MISSING_PHRASES.values()) | set(TEXT_PHRASES.values())
    assert keys <= set(phrasebook.REASONS) | set(phrasebook.SIGNS)
    assert keys <= set(phrasebook.SIGNS)
    assert set(NAME_KEYS) <= set(phrasebook.SEGMENT_NAMES)


def test_sentences_in_english():
    assert english(Sentence("reason:no_order_days", (140,))) == "no order for 140 days"
    assert english(Sentence("reason:no_order_days", (1,))) == "no order for 1 day"
    assert english(Sentence("summary:churn_likely", (312, 0.084, 180))) == (
        "312 customers (8.4%) are likely to stop buying within 180 days.")
    assert english(Sentence("summary:churn_spent", (412000.0,)), "CNY") == (
        "They spent ¥412,000 in the last year.")
    assert english(Sentence("summary:churn_spent", (12.5,)), "CHF") == (
        "They spent 12.50 CHF in the last year.")
    assert english(Sentence("summary:signs_two", ("no_order_days", "complaints_total"))) == (
        "The strongest signs are how long ago they last ordered and complaints.")


def test_cells_by_kind_and_reasons_round_trip():
    formats = EnglishFormats("USD")
    assert cell_text("money", 1234.5, formats=formats) == "$1,234"
    assert cell_text("probability", 0.8234, formats=formats) == "82%"
    assert cell_text("band", "high") == "High risk"
    assert cell_text("segment", "lapsed_frequent_2") == "Lapsed, used to buy often 2"
    assert segment_name("Champions") == "Champions"  # RFM names stay
    assert segment_name("frequent_buyers", names={"frequent_buyers": "Our regulars"}) == (
        "Our regulars")
    writer = BookWriter(("recency_days", "complaint_count"))
    writer.add(pd.DataFrame({"row": [4, 4], "rank": [1, 2],
                             "feature": ["recency_days", "complaint_count"],
                             "value": [140.0, 2.0]}))
    position = writer.positions()[4]
    assert cell_text("reasons", position, reasons=writer.book()) == (
        "no order for 140 days; 2 complaints")
    assert cell_text("money", float("nan")) == ""
