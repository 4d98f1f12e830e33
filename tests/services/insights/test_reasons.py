"""The reasons a result table carries per row (services.insights.reasons): encoded as
render.encode would encode the row's sentences, a key said once per row."""

from __future__ import annotations

import pandas as pd

from crm_desktop.services.insights.reasons import encoded, top_keys
from crm_desktop.services.insights.render import Sentence, decode, encode


def test_rows_reasons_encode_as_their_sentences_strongest_first_each_key_once():
    phrases = pd.DataFrame({
        "row": [7, 7, 7, 3, 9, 3],
        "rank": [1, 2, 3, 1, 1, 2],
        "key": ["no_order_days", "never_ordered", "never_ordered", "orders_total",
                "average_satisfaction", "spent_total"],
        "args": [(140,), (), (), (3,), (2.5, 5), (1200.0,)],
    })
    texts = encoded(phrases)
    assert texts == {
        7: encode([Sentence("reason:no_order_days", (140,)), Sentence("reason:never_ordered")]),
        3: encode([Sentence("reason:orders_total", (3,)),
                   Sentence("reason:spent_total", (1200.0,))]),
        9: encode([Sentence("reason:average_satisfaction", (2.5, 5))]),
    }
    assert decode(texts[3]) == [Sentence("reason:orders_total", (3,)),
                                Sentence("reason:spent_total", (1200.0,))]
    assert encoded(phrases.iloc[:0]) == {}
    # floats of every size read as render.encode writes them (whole ones as "x.0")
    amounts = [1200.0, 0.1, -0.0, 1e15, 1e16, 2.5e17, 123.456, float("nan")]
    many = pd.DataFrame({"row": range(len(amounts)), "rank": 1, "key": "spent_total",
                         "args": [(a,) for a in amounts]})
    for big in (False, True):
        chosen = many if big else many[many["args"].map(lambda a: abs(a[0]) < 1e16)]
        assert encoded(chosen) == {
            row: encode([Sentence("reason:spent_total", args)])
            for row, args in zip(chosen["row"], chosen["args"], strict=True)}
    assert top_keys(phrases, [7, 3, 9], top=1) == ("average_satisfaction",)  # ties by key
