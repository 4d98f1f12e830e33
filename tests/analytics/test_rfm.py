"""RFM: quintiles hold 20% each even with ties; the segment map; the table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import rfm


def test_quintiles_hold_twenty_percent_each_with_heavy_ties() -> None:
    values = pd.Series([1.0] * 60 + [2.0] * 25 + [3.0] * 15)
    scores = rfm.quintile_scores(values)
    assert scores.value_counts().sort_index().tolist() == [20, 20, 20, 20, 20]
    # ties are broken by order of appearance, and higher values never score lower
    assert scores.iloc[:20].eq(1).all() and scores.iloc[40:60].eq(3).all()
    assert scores.groupby(values).min().is_monotonic_increasing


def test_quintiles_reverse_and_uneven_count() -> None:
    values = pd.Series(np.arange(1, 12, dtype=float))  # 11 values
    scores = rfm.quintile_scores(values, higher_is_better=False)
    counts = scores.value_counts()
    assert counts.max() - counts.min() <= 1 and counts.sum() == 11
    assert scores.iloc[0] == 5 and scores.iloc[-1] == 1


def test_segment_map_covers_every_cell_with_the_documented_names() -> None:
    grid = rfm.SEGMENT_GRID
    names = {grid[r, fm] for r in range(1, 6) for fm in range(1, 6)}
    assert names == set(rfm.SEGMENTS)
    assert grid[5, 5] == "Champions" and grid[1, 1] == "Lost" and grid[2, 1] == "Hibernating"
    assert grid[1, 5] == "Can't lose them" and grid[2, 3] == "At risk"
    assert grid[3, 3] == "Need attention" and grid[3, 1] == "About to sleep"
    assert grid[4, 4] == "Loyal" and grid[3, 5] == "Loyal"
    assert grid[5, 1] == "New" and grid[4, 1] == "Promising" and grid[5, 2] == "Potential loyalist"


def test_rfm_table_values_scores_and_segments() -> None:
    rng = np.random.default_rng(3)
    n = 500  # customers 1..500 buy; customer 0's only order is cancelled
    customers = np.repeat(np.arange(n + 1), 1 + np.arange(n + 1) % 7)
    orders = pd.DataFrame(
        {
            "customer_id": customers,
            "ordered_at": pd.Timestamp("2024-01-01")
            + pd.to_timedelta(rng.integers(0, 365, len(customers)), unit="D"),
            "amount": rng.integers(1, 5, len(customers)).astype(float),
            "status": "paid",
        }
    )
    orders.loc[0, "status"] = "cancelled"
    table = rfm.rfm_table(orders, "2025-01-01")
    assert len(table) == n
    for col in ("r_score", "f_score", "m_score"):
        assert table[col].value_counts().tolist() == [100] * 5
    assert table.loc[6, "frequency"] == 7 and 0 not in table.index
    one = orders[(orders["customer_id"] == 10) & (orders["status"] == "paid")]
    assert table.loc[10, "monetary"] == pytest.approx(one["amount"].sum())
    expected = (pd.Timestamp("2025-01-01") - one["ordered_at"].max()).days
    assert table.loc[10, "recency"] == pytest.approx(expected)
    assert (table["fm_score"] == (table["f_score"] + table["m_score"] + 1) // 2).all()
    assert table["segment"].isin(rfm.SEGMENTS).all()
    summary = rfm.segment_summary(table)
    assert summary["customers"].sum() == n
    assert summary["share"].sum() == pytest.approx(1.0)


def test_rfm_ignores_orders_after_as_of() -> None:
    orders = pd.DataFrame(
        {
            "customer_id": [1, 1, 2],
            "ordered_at": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-02-01"]),
            "amount": [10.0, 50.0, 5.0],
            "status": "paid",
        }
    )
    table = rfm.rfm_table(orders, "2024-03-01")
    assert table.loc[1, "frequency"] == 1 and table.loc[1, "monetary"] == 10.0
    assert table.loc[1, "recency"] == 60.0


def test_rfm_codes_are_the_scores_as_text() -> None:
    """rfm_codes (one shared text per code) equals the scores' texts added together."""
    import itertools

    import numpy as np
    import pandas as pd

    from crm_desktop.analytics.rfm import rfm_codes

    combos = np.array(list(itertools.product(range(1, 6), repeat=3)) * 3)
    r, f, m = (pd.Series(combos[:, i], index=np.arange(len(combos)) * 7) for i in range(3))
    expected = r.astype(str) + f.astype(str) + m.astype(str)
    pd.testing.assert_series_equal(rfm_codes(r, f, m), expected, check_names=False)
    assert rfm_codes(r.iloc[:0], f.iloc[:0], m.iloc[:0]).empty
