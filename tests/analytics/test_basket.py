"""Association rules: a planted pair with exact figures, agreement with mlxtend, suggestions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import Cancelled, basket
from crm_desktop.analytics.association import RULE_COLUMNS, association_rules


def rule(rules: pd.DataFrame, antecedent: tuple[str, ...], consequent: tuple[str, ...]
         ) -> pd.Series:
    """The one row of ``rules`` with this antecedent and consequent."""
    match = rules[rules["antecedent"].map(antecedent.__eq__)
                  & rules["consequent"].map(consequent.__eq__)]
    assert len(match) == 1, (antecedent, consequent)
    return match.iloc[0]


def planted_lines(seed: int = 0) -> pd.DataFrame:
    """1,000 orders: Printer (id 1) in 200, Toner (id 2) in 150, both in 100 of them;
    filler products 10..29 at random (never 1 or 2), some lines repeated."""
    rng = np.random.default_rng(seed)
    rows: list[tuple[int, int, int]] = []
    for order in range(1000):
        customer = order % 250
        if order < 100:
            rows += [(order, customer, 1), (order, customer, 2), (order, customer, 2)]
        elif order < 200:
            rows.append((order, customer, 1))
        elif order < 250:
            rows.append((order, customer, 2))
        for product in rng.choice(np.arange(10, 30), rng.integers(1, 4), replace=False):
            rows.append((order, customer, int(product)))
    frame = pd.DataFrame(rows, columns=["order_id", "customer_id", "product_id"])
    names = {1: "Printer", 2: "Toner"}
    frame["product_name"] = frame["product_id"].map(lambda p: names.get(p, f"Filler {p}"))
    return frame


def test_planted_pair_has_exact_support_confidence_and_lift() -> None:
    result = basket.product_rules(planted_lines(), min_support=0.05, min_confidence=0.3)
    assert list(result.rules.columns) == list(RULE_COLUMNS) and result.n_baskets == 1000
    forward = rule(result.rules, ("Printer",), ("Toner",))
    assert forward["support"] == pytest.approx(100 / 1000)
    assert forward["confidence"] == pytest.approx(100 / 200)
    assert forward["lift"] == pytest.approx((100 / 200) / (150 / 1000))
    assert (forward["count"], forward["antecedent_count"], forward["consequent_count"]) == (
        100, 200, 150)
    assert forward["antecedent_ids"] == (1,) and forward["consequent_ids"] == (2,)
    backward = rule(result.rules, ("Toner",), ("Printer",))
    assert backward["confidence"] == pytest.approx(100 / 150)
    assert backward["lift"] == pytest.approx(forward["lift"])
    assert result.rules.iloc[0]["lift"] == pytest.approx(forward["lift"])  # best rule first
    assert (result.rules["lift"] >= 1).all() and (result.rules["confidence"] >= 0.3).all()


def test_orders_without_lines_count_in_the_support() -> None:
    result = basket.product_rules(planted_lines(), min_support=0.05, n_orders=2000)
    pair = rule(result.rules, ("Printer",), ("Toner",))
    assert pair["support"] == pytest.approx(100 / 2000)
    assert pair["confidence"] == pytest.approx(0.5)
    assert pair["lift"] == pytest.approx(0.5 / (150 / 2000))


def random_baskets(seed: int, n_baskets: int, n_items: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    onehot = rng.random((n_baskets, n_items)) < rng.uniform(0.03, 0.45, n_items)
    onehot[:, 2] |= onehot[:, 0] & (rng.random(n_baskets) < 0.6)  # a dependency
    onehot[:, 5] |= onehot[:, 0] & onehot[:, 2] & (rng.random(n_baskets) < 0.5)
    return onehot


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_same_rules_and_figures_as_mlxtend(seed: int) -> None:
    from mlxtend.frequent_patterns import apriori
    from mlxtend.frequent_patterns import association_rules as mlxtend_rules

    onehot = random_baskets(seed, 600, 14)
    onehot[:20] = False  # empty baskets count in the support
    b, i = np.nonzero(onehot)
    ours = association_rules(b, i, n_baskets=len(onehot), min_support=0.04,
                             min_confidence=0.15, min_lift=0.0)
    frame = pd.DataFrame(onehot, columns=[str(c) for c in range(onehot.shape[1])])
    found = apriori(frame, min_support=0.04, use_colnames=True, max_len=3)
    theirs = mlxtend_rules(found, metric="confidence", min_threshold=0.15)
    assert len(ours.itemsets) == len(found)
    assert (ours.itemsets["size"] == 3).any()

    def keyed(ante: pd.Series, cons: pd.Series, *cols: pd.Series) -> dict[object, np.ndarray]:
        return {(frozenset(a), frozenset(c)): np.array(v, dtype=float)
                for a, c, *v in zip(ante, cons, *cols, strict=True)}

    mine = keyed(ours.rules["antecedent"], ours.rules["consequent"], ours.rules["support"],
                 ours.rules["confidence"], ours.rules["lift"])
    ref = keyed(theirs["antecedents"], theirs["consequents"], theirs["support"],
                theirs["confidence"], theirs["lift"])
    assert set(mine) == set(ref)
    for key, values in mine.items():
        np.testing.assert_allclose(values, ref[key], rtol=1e-12)


def test_max_len_and_lift_threshold() -> None:
    onehot = random_baskets(5, 500, 10)
    b, i = np.nonzero(onehot)
    pairs_only = association_rules(b, i, min_support=0.03, min_confidence=0.0, max_len=2,
                                   min_lift=0.0)
    assert pairs_only.rules["size"].max() == 2 and pairs_only.itemsets["size"].max() == 2
    above = association_rules(b, i, min_support=0.03, min_confidence=0.0, max_len=2)
    assert (above.rules["lift"] >= 1).all()
    assert len(above.rules) < len(pairs_only.rules)
    with pytest.raises(ValueError):
        association_rules(b, i, max_len=4)


def test_next_products_suggests_what_the_rule_says_and_was_not_bought() -> None:
    lines = planted_lines()
    rules = basket.product_rules(lines, min_support=0.05, min_confidence=0.3)
    suggestions = basket.next_products(lines, rules, top_n=2)
    assert list(suggestions.columns) == list(basket.NEXT_COLUMNS)
    bought = lines.groupby("customer_id")["product_id"].agg(set)
    for row in suggestions.itertuples():
        assert row.product_id not in bought[row.customer_id]
        assert set(row.because_ids) <= bought[row.customer_id]
    toner = suggestions[suggestions["product_name"] == "Toner"]
    expected = {c for c, items in bought.items() if 1 in items and 2 not in items}
    assert set(toner["customer_id"]) == expected and expected
    forward = rule(rules.rules, ("Printer",), ("Toner",))
    assert toner["score"].iloc[0] == pytest.approx(forward["confidence"] * forward["lift"])
    assert suggestions.groupby("customer_id").size().max() <= 2
    ordered = suggestions.groupby("customer_id")["score"].apply(
        lambda s: bool((np.diff(s.to_numpy()) <= 0).all()))
    assert ordered.all()


def test_need_rules_find_needs_that_come_up_together() -> None:
    rng = np.random.default_rng(3)
    fillers = ["delivery", "discount", "support", "invoice", "warehouse", "laptop", "coupon"]
    texts = []
    for i in range(300):
        words = list(rng.choice(fillers, 2, replace=False))
        if i % 3 == 0:
            words += ["installation", "training"]
        texts.append(", ".join(words) + ".")
    customers = pd.DataFrame({"id": np.arange(300), "needs": texts})
    customers.loc[len(customers)] = [999, None]  # no needs: not a basket
    result = basket.need_rules(customers, min_support=0.05, min_confidence=0.5, max_len=2)
    assert result.n_baskets == 300
    pair = rule(result.rules, ("installation",), ("training",))
    assert pair["support"] == pytest.approx(100 / 300) and pair["confidence"] == 1.0
    assert pair["lift"] == pytest.approx(3.0)
    assert result.rules["lift"].max() == pytest.approx(3.0)


def test_need_terms_words_and_chinese_pieces() -> None:
    assert basket.need_terms("Needs installation and training; needs TRAINING!") == [
        "needs", "installation", "training"]
    assert basket.need_terms("需要安装") == ["需要", "要安", "安装"]
    assert basket.need_terms(None) == []


def test_rules_stop_when_cancelled() -> None:
    lines = planted_lines()
    with pytest.raises(Cancelled):
        basket.product_rules(lines, cancelled=lambda: True)
