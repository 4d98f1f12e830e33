"""The sentences a result opens with, from the facts of ``analytics.summaries``, and model
quality in words (``analytics.quality_words``) beside its figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crm_desktop.services.insights.render import Sentence

if TYPE_CHECKING:
    from crm_desktop.analytics.summaries import (
        ChurnSummary,
        ClvSummary,
        PropensitySummary,
        SegmentsSummary,
        WinSummary,
    )


def _signs(keys: Sequence[str]) -> list[Sentence]:
    if len(keys) >= 2:
        return [Sentence("summary:signs_two", (keys[0], keys[1]))]
    if keys:
        return [Sentence("summary:signs_one", (keys[0],))]
    return []


def churn_sentences(facts: ChurnSummary) -> list[Sentence]:
    """"312 customers (8%) are likely to stop buying within 180 days. They spent $412,000 in
    the last year. The strongest signs are ... and ...\""""
    horizon = int(round(facts.horizon_days))
    if not facts.n_high_risk:
        return [Sentence("summary:churn_none", (horizon, int(round(facts.expected_churners))))]
    return [Sentence("summary:churn_likely", (facts.n_high_risk, facts.share_high_risk, horizon)),
            Sentence("summary:churn_spent", (round(facts.high_risk_revenue, 2),)),
            *_signs(facts.top_reason_keys)]


def propensity_sentences(facts: PropensitySummary) -> list[Sentence]:
    horizon = int(round(facts.horizon_days))
    if facts.category:
        first = Sentence("summary:propensity_likely_category",
                         (facts.n_likely, facts.share_likely, horizon, facts.category))
    else:
        first = Sentence("summary:propensity_likely", (facts.n_likely, facts.share_likely,
                                                       horizon))
    expected = Sentence("summary:propensity_expected",
                        (int(round(facts.expected_buyers)), facts.base_rate))
    return [first, expected, *_signs(facts.top_reason_keys)]


def segments_sentences(facts: SegmentsSummary) -> list[Sentence]:
    return [Sentence("summary:segments_count", (facts.n_customers, facts.n_segments)),
            Sentence("summary:segments_largest", (facts.largest_name, facts.largest_share)),
            Sentence("summary:segments_richest", (facts.top_revenue_name,
                                                  facts.top_revenue_share_revenue,
                                                  facts.top_revenue_share_customers))]


def clv_sentences(facts: ClvSummary) -> list[Sentence]:
    return [Sentence("summary:clv_total", (facts.n_customers, round(facts.total_value, 2),
                                           facts.horizon_months)),
            Sentence("summary:clv_top", (facts.top_fraction, facts.top_share)),
            Sentence("summary:clv_lost", (facts.n_likely_lost, facts.share_likely_lost))]


def win_sentences(facts: WinSummary) -> list[Sentence]:
    return [Sentence("summary:win_open", (facts.n_open, round(facts.open_amount, 2),
                                          round(facts.expected_amount, 2))),
            Sentence("summary:win_likely", (facts.n_likely, round(facts.likely_amount, 2))),
            *_signs(facts.top_reason_keys),
            Sentence("summary:win_rate", (facts.win_rate,))]


@dataclass(frozen=True)
class QualityNote:
    """Model quality in words beside one figure: ``level`` (none..excellent, for a badge) and
    the sentence ("ranks the right one of two customers first about 8 times in 10")."""

    figure: str
    level: str
    words: Sentence


def quality_note(figure: str, metric: str, value: object,
                 baseline: float | None = None) -> QualityNote | None:
    """Words for ``figure`` (a key of the outcome's quality) measured by ``metric``; None when
    the value is not a number."""
    from crm_desktop.analytics.quality_words import quality_in_words

    if not isinstance(value, int | float):
        return None
    found = quality_in_words(metric, float(value), baseline=baseline)
    return QualityNote(figure, found.level, Sentence(f"quality:{found.key}", found.args))
