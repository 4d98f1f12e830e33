"""The reasons of a result's rows kept as codes (services.insights.reason_book): each row's
sentences are analytics.phrases.phrase of its (feature, value) pairs, strongest first and each
key once; what Apply stores and the summary's commonest reasons are the same words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics.phrases import phrase
from crm_desktop.analytics.reasons import Reason
from crm_desktop.services.insights.cells import cell_text
from crm_desktop.services.insights.reason_book import NONE, BookWriter, positions_of
from crm_desktop.services.insights.render import Sentence, to_list

FEATURES = ("recency_days", "frequency", "monetary", "complaint_count", "mean_satisfaction",
            "orders_recent")


def _table(rows: list[tuple[int, int, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["row", "rank", "feature", "value"]).assign(
        contribution=0.1, direction=1)


REASONS = _table([
    (7, 1, "recency_days", 140.0), (7, 2, "frequency", float("nan")),
    (7, 3, "monetary", float("nan")),  # "never ordered" twice: said once
    (3, 1, "frequency", 3.0), (3, 2, "monetary", 1200.0),
    (9, 1, "mean_satisfaction", 2.5),
    (12, 1, "orders_recent", 2.0), (12, 2, "complaint_count", 2.0),
])


def test_rows_read_as_the_phrases_of_their_reasons_strongest_first_each_key_once():
    writer = BookWriter(FEATURES, recent_days=60)
    writer.add(REASONS)
    book, positions = writer.book(), writer.positions()
    assert book.sentences(positions[7]) == [Sentence("reason:no_order_days", (140,)),
                                            Sentence("reason:never_ordered")]
    assert book.sentences(positions[3]) == [Sentence("reason:orders_total", (3,)),
                                            Sentence("reason:spent_total", (1200.0,))]
    assert book.sentences(positions[9]) == [Sentence("reason:average_satisfaction", (2.5, 5))]
    assert book.sentences(positions[12]) == [
        Sentence("reason:orders_in_last_days", (2, 60)), Sentence("reason:complaints_total", (2,))]
    assert book.sentences(NONE) == [] and book.sentences(float("nan")) == []
    column = positions_of(pd.Series([3, 5, 7]), positions)
    assert column.dtype == np.int32 and column[1] == NONE
    assert cell_text("reasons", column[0], reasons=book) == "3 orders in all; spent $1,200 in all"
    assert cell_text("reasons", column[1], reasons=book) == ""
    assert book.top_keys(positions[[7, 3, 9]].tolist(), top=1) == ("average_satisfaction",)
    assert book.top_keys(positions[[7, 3]].tolist(), top=3) == (
        "never_ordered", "no_order_days", "orders_total")


def test_stored_reasons_equal_the_sentences_of_each_row():
    rng = np.random.default_rng(5)
    n = 400
    rows = []
    for row in range(n):
        for rank, feature in enumerate(rng.choice(FEATURES, size=rng.integers(0, 4),
                                                  replace=False).tolist(), start=1):
            value = float("nan") if rng.random() < 0.2 else float(rng.gamma(2.0, 50.0))
            rows.append((1000 + row, rank, feature, value))
    writer = BookWriter(FEATURES)
    writer.add(_table(rows))
    book, positions = writer.book(), writer.positions()
    wanted = [*positions.tolist(), NONE]
    stored = book.stored(wanted)
    for at, said in zip(wanted, stored, strict=True):
        sentences = book.sentences(at)
        assert said == ([to_list(s) for s in sentences] if sentences else None)
    # each sentence is phrase() of the (feature, value) pair it came from
    first = _table(rows).drop_duplicates("row").set_index("row")  # rank 1 of each row
    for row, reason in first.head(50).iterrows():
        found = phrase(Reason(reason["feature"], reason["value"], 0.0, 1))
        assert book.sentences(positions[row])[0] == Sentence(f"reason:{found.key}", found.args)


def test_text_values_and_chunks():
    deals = pd.DataFrame({"row": [5, 5, 6, 8], "rank": [1, 2, 1, 1],
                          "feature": ["lead_source", "owner", "lead_source", "amount_log"],
                          "value": pd.Series(["123", None, "Web", np.log1p(500.0)],
                                             dtype=object)})
    whole = BookWriter(("amount_log", "lead_source", "owner"))
    whole.add(deals)
    parts = BookWriter(("amount_log", "lead_source", "owner"))
    parts.add(deals.iloc[:2])
    parts.add(deals.iloc[2:])
    for writer in (whole, parts):
        book, positions = writer.book(), writer.positions()
        # a text that looks like a number stays a text
        assert book.sentences(positions[5]) == [Sentence("reason:lead_source", ("123",)),
                                                Sentence("reason:no_deal_owner")]
        assert book.stored([positions[6], positions[8]]) == [
            [["reason:lead_source", "Web"]], [["reason:deal_amount", 500.0]]]
    with pytest.raises(ValueError, match="feature"):
        whole.add(deals.assign(feature="unknown"))
