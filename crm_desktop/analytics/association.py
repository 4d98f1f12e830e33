"""Association rules over baskets: the engine behind what sells together (see basket.py).

A basket is a set of items: the products of one order, or the need terms of one customer.
For an itemset X, count(X) = baskets holding every item of X and support(X) = count(X) / N
(N = all baskets, empty ones included). A rule A -> C (A, C disjoint, A ∪ C frequent) has
confidence = support(A ∪ C) / support(A) and lift = confidence / support(C).

Itemsets of up to three items are counted exactly, the Apriori way (a pair is counted only when
both items are frequent, a triple only when its three pairs are) with numpy: each basket's
pairs are enumerated by index arithmetic, so the work grows with the pairs that really occur,
not with items x items x baskets. Rules are every split of a frequent itemset into antecedent
and consequent, as mlxtend's ``association_rules`` does; tests compare both on random data.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report

RULE_COLUMNS: tuple[str, ...] = (
    "antecedent", "consequent", "antecedent_ids", "consequent_ids", "size", "support",
    "confidence", "lift", "count", "antecedent_count", "consequent_count",
)
ITEMSET_COLUMNS: tuple[str, ...] = ("items", "item_ids", "size", "count", "support")
_CHUNK = 4_000_000  # triple candidates enumerated at once (bounds memory)


@dataclass(frozen=True, eq=False)
class RuleSet:
    """Frequent itemsets and the rules drawn from them.

    ``rules`` has :data:`RULE_COLUMNS`: antecedent / consequent (tuples of item labels, e.g.
    product names), antecedent_ids / consequent_ids (tuples of item keys, e.g. product ids),
    size (items in the whole rule), support, confidence, lift, count (baskets holding every
    item of the rule), antecedent_count, consequent_count; sorted by lift, confidence, count.
    ``itemsets`` has :data:`ITEMSET_COLUMNS` (size 1 to ``max_len``).
    """

    rules: pd.DataFrame
    itemsets: pd.DataFrame
    n_baskets: int
    min_support: float
    min_confidence: float
    min_lift: float


def _first_positions(sorted_keys: np.ndarray) -> np.ndarray:
    """Start of each run of equal values in a sorted array."""
    if len(sorted_keys) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


def _followers(ends: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each position p (index into ``positions``), every later position q < ends[p] in the
    same basket: returns (row of p in ``positions``, q). ``ends`` = basket end per position."""
    after = ends - positions - 1
    owner = np.repeat(np.arange(len(positions)), after)
    starts = np.cumsum(after) - after
    step = np.arange(len(owner)) - np.repeat(starts, after) + 1
    return owner, positions[owner] + step


def _distinct(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct codes and their counts (a plain sort: numpy 2's hashing unique is
    several times slower on millions of integers)."""
    ordered = np.sort(codes)
    starts = _first_positions(ordered)
    return ordered[starts], np.diff(np.r_[starts, len(ordered)])


def _count(codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct codes and how often each occurs (bincount when the code space is small)."""
    if size <= 20_000_000:
        counts = np.bincount(codes, minlength=size)
        found = np.flatnonzero(counts)
        return found, counts[found]
    return _distinct(codes)


def _lookup(sorted_codes: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Position of each wanted code in ``sorted_codes`` (all must be present)."""
    return np.searchsorted(sorted_codes, wanted)


@dataclass(frozen=True)
class _Frequent:
    """Frequent itemsets as item codes (items sorted within each set) and their counts;
    ``singles`` counts every item."""

    singles: np.ndarray  # count per compact item
    pairs: np.ndarray  # (m, 2)
    pair_counts: np.ndarray
    triples: np.ndarray  # (m, 3)
    triple_counts: np.ndarray


def _frequent(
    basket: np.ndarray, item: np.ndarray, n_items: int, min_count: int, max_len: int,
    progress: ProgressFn | None, cancelled: CancelFn | None,
) -> _Frequent:
    """Count itemsets over (basket, item) rows: deduplicated, sorted by basket then item."""
    singles = np.bincount(item, minlength=n_items)
    empty2, empty3 = np.zeros((0, 2), np.int64), np.zeros((0, 3), np.int64)
    none = np.zeros(0, np.int64)
    keep = singles[item] >= min_count
    basket, item = basket[keep], item[keep]
    if max_len < 2 or len(item) == 0:
        return _Frequent(singles, empty2, none, empty3, none)
    # count in the space of frequent items only (n x n pair codes stay small), then map back;
    # the map keeps the order, so items stay sorted within each basket
    frequent_items = np.flatnonzero(singles >= min_count)
    compact = np.full(n_items, -1, dtype=np.int64)
    compact[frequent_items] = np.arange(len(frequent_items))
    item = compact[item]
    n = len(frequent_items)
    starts = _first_positions(basket)
    sizes = np.diff(np.r_[starts, len(basket)])
    ends = np.repeat(starts + sizes, sizes)
    report(progress, cancelled, 0.3, "Counting pairs")
    first, second = _followers(ends, np.arange(len(item)))
    pair_codes = item[first] * n + item[second]
    codes, counts = _count(pair_codes, n * n)
    frequent = counts >= min_count
    codes, counts = codes[frequent], counts[frequent]
    pairs = frequent_items[np.column_stack([codes // n, codes % n])]
    if max_len < 3 or len(codes) == 0:
        return _Frequent(singles, pairs, counts, empty3, none)
    report(progress, cancelled, 0.55, "Counting groups of three")
    frequent_pair = np.zeros(0, bool) if n * n > 50_000_000 else np.zeros(n * n, bool)
    if len(frequent_pair):
        frequent_pair[codes] = True
    instance = np.isin(pair_codes, codes)
    first, second = first[instance], second[instance]
    found: list[np.ndarray] = []
    found_counts: list[np.ndarray] = []
    cum = np.cumsum(ends[second] - second - 1)
    cuts = np.searchsorted(cum, np.arange(_CHUNK, cum[-1] if len(cum) else 0, _CHUNK)) + 1
    edges = np.unique(np.r_[0, cuts, len(second)])
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        report(progress, cancelled, 0.55 + 0.3 * high / len(second), "Counting groups of three")
        owner, third = _followers(ends[second[low:high]], second[low:high])
        i, j, k = item[first[low:high][owner]], item[second[low:high][owner]], item[third]
        ik, jk = i * n + k, j * n + k
        if len(frequent_pair):
            ok = frequent_pair[ik] & frequent_pair[jk]
        else:
            ok = np.isin(ik, codes) & np.isin(jk, codes)
        part, part_counts = _distinct((i[ok] * n + j[ok]) * n + k[ok])
        found.append(part)
        found_counts.append(part_counts)
    if not found:
        return _Frequent(singles, pairs, counts, empty3, none)
    all_codes = np.concatenate(found)
    all_counts = np.concatenate(found_counts)
    order = np.argsort(all_codes, kind="stable")
    all_codes, all_counts = all_codes[order], all_counts[order]
    starts = _first_positions(all_codes)
    triple_codes, triple_counts = all_codes[starts], np.add.reduceat(all_counts, starts)
    frequent = triple_counts >= min_count
    triple_codes, triple_counts = triple_codes[frequent], triple_counts[frequent]
    triples = frequent_items[np.column_stack(
        [triple_codes // (n * n), (triple_codes // n) % n, triple_codes % n]
    )]
    return _Frequent(singles, pairs, counts, triples, triple_counts)


def _rules_arrays(found: _Frequent, n: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray,
                                                           np.ndarray, np.ndarray]]:
    """Every split of every frequent pair and triple: (antecedent items (m, a), consequent
    items (m, c), count, antecedent count, consequent count) per shape of split."""
    single = found.singles
    pair_codes = found.pairs[:, 0] * n + found.pairs[:, 1]
    order = np.argsort(pair_codes)
    sorted_pairs, sorted_counts = pair_codes[order], found.pair_counts[order]

    def pair_count(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.asarray(sorted_counts[_lookup(sorted_pairs, a * n + b)])

    parts = []
    p, c2 = found.pairs, found.pair_counts
    for a, b in ((0, 1), (1, 0)):
        parts.append((p[:, [a]], p[:, [b]], c2, single[p[:, a]], single[p[:, b]]))
    t, c3 = found.triples, found.triple_counts
    if len(t):
        for x, y, z in ((0, 1, 2), (0, 2, 1), (1, 2, 0)):
            pair_ante = pair_count(t[:, x], t[:, y])
            parts.append((t[:, [x, y]], t[:, [z]], c3, pair_ante, single[t[:, z]]))
            parts.append((t[:, [z]], t[:, [x, y]], c3, single[t[:, z]], pair_ante))
    return parts


def _as_tuples(codes: np.ndarray, values: np.ndarray) -> list[tuple[object, ...]]:
    return [tuple(values[row]) for row in codes]


def association_rules(
    baskets: pd.Series | np.ndarray,
    items: pd.Series | np.ndarray,
    *,
    labels: Mapping[Hashable, str] | None = None,
    n_baskets: int | None = None,
    min_support: float = 0.01,
    min_confidence: float = 0.2,
    min_lift: float = 1.0,
    max_len: int = 3,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> RuleSet:
    """Rules over baskets given as parallel (basket key, item key) rows (repeats ignored).

    ``labels`` maps item key -> label shown in antecedent/consequent (default: the key as a
    string). ``n_baskets`` counts baskets without any item too (default: distinct keys).
    Itemsets with support >= ``min_support`` (up to ``max_len`` items, at most 3) are kept;
    rules need confidence >= ``min_confidence`` and lift >= ``min_lift`` (1.0: above chance).
    """
    if not 1 <= max_len <= 3:
        raise ValueError("max_len must be 1, 2 or 3")
    report(progress, cancelled, 0.0, "Reading baskets")
    frame = pd.DataFrame({"b": np.asarray(baskets), "i": np.asarray(items)}).dropna()
    b_codes, b_keys = pd.factorize(frame["b"])
    i_codes, i_keys = pd.factorize(frame["i"], sort=True)
    total = n_baskets if n_baskets is not None else len(b_keys)
    n = max(len(i_keys), 1)
    rows = _distinct(b_codes.astype(np.int64) * n + i_codes)[0]
    basket, item = rows // n, rows % n
    min_count = max(1, math.ceil(min_support * total - 1e-9))
    report(progress, cancelled, 0.1, "Counting items")
    found = _frequent(basket, item, n, min_count, max_len, progress, cancelled)
    key_values = np.asarray(i_keys, dtype=object)
    shown = np.array([str(labels.get(k, k)) if labels else str(k) for k in key_values],
                     dtype=object)
    report(progress, cancelled, 0.9, "Drawing rules")
    itemsets = _itemsets(found, key_values, shown, total, min_count)
    rules = _rules(found, n, key_values, shown, total, min_confidence, min_lift)
    report(progress, cancelled, 1.0, "Rules done")
    return RuleSet(rules, itemsets, total, min_support, min_confidence, min_lift)


def _itemsets(found: _Frequent, keys: np.ndarray, shown: np.ndarray, total: int,
              min_count: int) -> pd.DataFrame:
    singles = np.flatnonzero(found.singles >= min_count)
    parts = [(singles[:, None], found.singles[singles]), (found.pairs, found.pair_counts),
             (found.triples, found.triple_counts)]
    frames = [
        pd.DataFrame({"items": _as_tuples(s, shown), "item_ids": _as_tuples(s, keys),
                      "size": s.shape[1], "count": c.astype(np.int64)})
        for s, c in parts if len(c)
    ]
    if not frames:
        return pd.DataFrame(columns=list(ITEMSET_COLUMNS))
    out = pd.concat(frames, ignore_index=True)
    out["support"] = out["count"] / total if total else np.nan
    return out[list(ITEMSET_COLUMNS)]


def _rules(found: _Frequent, n: int, keys: np.ndarray, shown: np.ndarray, total: int,
           min_confidence: float, min_lift: float) -> pd.DataFrame:
    frames = []
    for ante, cons, count, ante_count, cons_count in _rules_arrays(found, n):
        confidence = count / ante_count
        lift = confidence / (cons_count / total)
        keep = (confidence >= min_confidence - 1e-12) & (lift >= min_lift - 1e-12)
        if not keep.any():
            continue
        frames.append(pd.DataFrame({
            "antecedent": _as_tuples(ante[keep], shown),
            "consequent": _as_tuples(cons[keep], shown),
            "antecedent_ids": _as_tuples(ante[keep], keys),
            "consequent_ids": _as_tuples(cons[keep], keys),
            "size": ante.shape[1] + cons.shape[1],
            "support": count[keep] / total,
            "confidence": confidence[keep],
            "lift": lift[keep],
            "count": count[keep].astype(np.int64),
            "antecedent_count": ante_count[keep].astype(np.int64),
            "consequent_count": cons_count[keep].astype(np.int64),
        }))
    if not frames:
        return pd.DataFrame(columns=list(RULE_COLUMNS))
    out = pd.concat(frames, ignore_index=True)
    out = out.sort_values(["lift", "confidence", "count"], ascending=False, kind="stable")
    return out.reset_index(drop=True)[list(RULE_COLUMNS)]
