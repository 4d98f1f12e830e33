"""What sells together, what a customer is likely to buy next, which needs come up together.

* :func:`product_rules`: association rules over order lines; a basket is one order, an item a
  product (support = share of orders holding every product of the rule).
* :func:`next_products`: per customer, products suggested by rules whose antecedent the
  customer has bought and whose consequent they have not, ranked by confidence x lift.
* :func:`need_rules`: the same over customers' needs texts; a basket is one customer's needs,
  an item a term (:func:`need_terms`).

The counting is :func:`crm_desktop.analytics.association.association_rules`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report
from crm_desktop.analytics.association import RuleSet, association_rules
from crm_desktop.analytics.text import WORD_PATTERN, accessor_variety, clean_text

NEXT_COLUMNS: tuple[str, ...] = (
    "customer_id", "product_id", "product_name", "score", "confidence", "lift", "because",
    "because_ids",
)
_WORD = re.compile(WORD_PATTERN)
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def product_rules(
    order_lines: pd.DataFrame,
    *,
    min_support: float = 0.01,
    min_confidence: float = 0.2,
    min_lift: float = 1.0,
    max_len: int = 3,
    n_orders: int | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> RuleSet:
    """Rules between products bought in the same order (order_lines frame of docs/frames.md).

    Pass the lines of the orders that count (e.g. paid ones). ``n_orders`` = all orders, when
    orders without lines should count in the support (default: orders in ``order_lines``).
    Antecedent/consequent hold product names, antecedent_ids/consequent_ids product ids.
    Defaults: itemsets in at least 1% of orders, rules with confidence >= 0.2 and lift >= 1.
    """
    lines = order_lines.dropna(subset=["order_id", "product_id"])
    names = lines.drop_duplicates("product_id", keep="last").set_index("product_id")
    return association_rules(
        lines["order_id"], lines["product_id"],
        labels=names["product_name"].astype(str).to_dict(),
        n_baskets=n_orders, min_support=min_support, min_confidence=min_confidence,
        min_lift=min_lift, max_len=max_len, progress=progress, cancelled=cancelled,
    )


def next_products(
    order_lines: pd.DataFrame,
    rules: RuleSet,
    *,
    top_n: int = 3,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> pd.DataFrame:
    """Products each customer is likely to buy next, from rules with one consequent.

    A rule applies to a customer who has bought every antecedent product (in any orders) and
    not the consequent; score = confidence x lift. Each product keeps its best rule; each
    customer keeps the ``top_n`` best products. Columns :data:`NEXT_COLUMNS` (because /
    because_ids: the antecedent's names / ids), sorted by customer, then score descending.
    """
    single = rules.rules[rules.rules["consequent_ids"].map(len) == 1]
    if single.empty or order_lines.empty:
        return pd.DataFrame(columns=list(NEXT_COLUMNS))
    report(progress, cancelled, 0.1, "Matching customers to rules")
    ante_ids = single["antecedent_ids"].tolist()
    cons_ids = [c[0] for c in single["consequent_ids"]]
    space = pd.Index(sorted({i for a in ante_ids for i in a} | set(cons_ids)))
    lines = order_lines[order_lines["product_id"].isin(space)]
    cust_codes, customers = pd.factorize(lines["customer_id"])
    item_codes = space.get_indexer(lines["product_id"])
    m = len(space)
    bought = sparse.csr_matrix(
        (np.ones(len(lines), np.int32), (cust_codes, item_codes)), shape=(len(customers), m)
    )
    bought.data[:] = 1  # duplicates were summed
    rule_of = np.repeat(np.arange(len(ante_ids)), [len(a) for a in ante_ids])
    ante_items = space.get_indexer([i for a in ante_ids for i in a])
    incidence = sparse.csr_matrix(
        (np.ones(len(rule_of), np.int32), (ante_items, rule_of)), shape=(m, len(ante_ids))
    )
    held = (bought @ incidence).tocoo()
    sizes = np.array([len(a) for a in ante_ids])
    hit = held.data == sizes[held.col]
    customer, rule = held.row[hit], held.col[hit]
    report(progress, cancelled, 0.6, "Ranking suggestions")
    consequent = space.get_indexer(cons_ids)[rule]
    owned = np.asarray(bought[customer, consequent]).ravel() > 0
    customer, rule, consequent = customer[~owned], rule[~owned], consequent[~owned]
    confidence = single["confidence"].to_numpy()[rule]
    lift = single["lift"].to_numpy()[rule]
    out = pd.DataFrame({
        "customer_id": np.asarray(customers)[customer],
        "product_id": np.asarray(space)[consequent],
        "product_name": [c[0] for c in single["consequent"].to_numpy()[rule]],
        "score": confidence * lift,
        "confidence": confidence,
        "lift": lift,
        "because": single["antecedent"].to_numpy()[rule],
        "because_ids": single["antecedent_ids"].to_numpy()[rule],
    })
    out = out.sort_values(["customer_id", "score"], ascending=[True, False], kind="stable")
    out = out.drop_duplicates(["customer_id", "product_id"])
    out = out[out.groupby("customer_id").cumcount() < top_n]
    report(progress, cancelled, 1.0, "Suggestions done")
    return out.reset_index(drop=True)[list(NEXT_COLUMNS)]


def need_terms(text: object) -> list[str]:
    """Distinct terms of a needs text, in order: English words of 2+ letters that are not stop
    words (after :func:`crm_desktop.analytics.text.clean_text`), and the 2-character pieces of
    each run of Chinese characters."""
    cleaned = clean_text(text)
    terms = [w for w in _WORD.findall(cleaned) if w not in ENGLISH_STOP_WORDS]
    for run in _CJK_RUN.findall(cleaned):
        terms += [run[i:i + 2] for i in range(len(run) - 1)]
    return list(dict.fromkeys(terms))


def need_rules(
    customers: pd.DataFrame,
    *,
    min_support: float = 0.02,
    min_confidence: float = 0.3,
    min_lift: float = 1.0,
    max_len: int = 3,
    min_variety: int = 2,
    random_state: int = 0,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> RuleSet:
    """Which needs come up together: rules over need terms, one basket per customer.

    Baskets are the customers (``id``, ``needs`` columns) with at least one term; support =
    share of them holding every term of the rule. Chinese 2-character pieces are kept only
    with an accessor variety >= ``min_variety`` (on at most 5,000 texts; see
    :func:`crm_desktop.analytics.text.accessor_variety`), which drops pieces that straddle
    two words. Antecedent/consequent (and their _ids) hold the terms.
    """
    report(progress, cancelled, 0.0, "Reading needs")
    texts = customers.set_index("id")["needs"]
    terms = texts.map(need_terms)
    terms = terms[terms.map(len) > 0]
    long = terms.explode()
    sample = texts.loc[terms.index].sample(min(len(terms), 5000), random_state=random_state)
    docs = sample.map(clean_text).tolist()
    counts = long.value_counts()
    frequent_cjk = [t for t in counts.index[counts >= min_support * len(terms)]
                    if _CJK_RUN.fullmatch(t)]
    dropped = {t for t in frequent_cjk if accessor_variety(docs, t) < min_variety}
    long = long[~long.isin(dropped)]
    return association_rules(
        long.index.to_numpy(), long.to_numpy(), n_baskets=len(terms),
        min_support=min_support, min_confidence=min_confidence, min_lift=min_lift,
        max_len=max_len, progress=progress, cancelled=cancelled,
    )
