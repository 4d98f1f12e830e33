"""save_results writes its rows a chunk at a time: every customer's value, label and details
land, customers that do not exist are skipped, and the count says what was written."""

from __future__ import annotations

import pandas as pd

from crm_desktop.storage import analytics_store
from crm_desktop.storage.customers import create_customer


def test_rows_written_in_small_chunks_are_all_stored(db, monkeypatch):
    monkeypatch.setattr(analytics_store, "_CHUNK", 3)
    with db.session() as session:
        ids = [create_customer(session, {"name": f"C{i}"}).id for i in range(8)]
    frame = pd.DataFrame({"customer_id": [*ids, 999_999],  # the last does not exist
                          "p": [i / 10 for i in range(9)],
                          "band": [None if i == 2 else f"b{i}" for i in range(9)],
                          "why": [f"w{i}" for i in range(9)]})
    assert analytics_store.save_results(db, "churn", frame, "p", "band",
                                        detail_cols=("why",)) == 8
    stored = analytics_store.load_results(db, "churn")
    assert stored["customer_id"].tolist() == sorted(ids)
    by_id = stored.set_index("customer_id")
    for i, cid in enumerate(ids):
        assert by_id.loc[cid, "value"] == i / 10
        assert by_id.loc[cid, "details"] == {"why": f"w{i}"}
    assert pd.isna(by_id.loc[ids[2], "label"]) and by_id.loc[ids[3], "label"] == "b3"
    frame["p"] = 0.5  # written again: updated, not added
    assert analytics_store.save_results(db, "churn", frame, "p") == 8
    assert (analytics_store.load_results(db, "churn")["value"] == 0.5).all()


def test_detail_columns_are_converted_a_chunk_at_a_time(db, monkeypatch):
    """A detail column's converter (the reasons' texts into stored lists) sees a chunk of rows
    at a time, never the whole column; every row gets its own converted value."""
    monkeypatch.setattr(analytics_store, "_CHUNK", 3)
    with db.session() as session:
        ids = [create_customer(session, {"name": f"C{i}"}).id for i in range(7)]
    frame = pd.DataFrame({"customer_id": ids, "p": [0.1] * 7,
                          "why": [f"w{i}" if i != 4 else None for i in range(7)],
                          "n": range(7)})
    seen: list[int] = []

    def as_lists(column: pd.Series) -> list:
        seen.append(len(column))
        return [[text, text] if isinstance(text, str) else None for text in column.tolist()]

    assert analytics_store.save_results(db, "churn", frame, "p", detail_cols=("why", "n"),
                                        convert={"why": as_lists}) == 7
    assert seen == [3, 3, 1]
    by_id = analytics_store.load_results(db, "churn").set_index("customer_id")
    assert by_id.loc[ids[0], "details"] == {"why": ["w0", "w0"], "n": 0}
    assert by_id.loc[ids[4], "details"] == {"n": 4}  # no reasons: none stored
    assert by_id.loc[ids[6], "details"] == {"why": ["w6", "w6"], "n": 6}


def test_customer_ids_tell_existing_customers_from_none_nan_and_unknown_ids(db):
    with db.session() as session:
        ids = [create_customer(session, {"name": f"C{i}"}).id for i in range(3)]
    with db.engine.connect() as connection:
        known = analytics_store.customer_ids(connection)
    values = pd.Series([ids[2], None, 999_999, float(ids[0]), float("nan"), ids[1]],
                       dtype=object)
    assert known.holds(values).tolist() == [True, False, False, True, False, True]
    assert analytics_store.CustomerIds(pd.Series([], dtype="int64").to_numpy()).holds(
        pd.Series([1, None], dtype=object)).tolist() == [False, False]
