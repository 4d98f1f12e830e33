"""DataFrames for analytics have the documented columns and exact-to-the-cent amounts."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from crm_desktop.models import Customer, Relationship
from crm_desktop.storage import frames, pipeline, query, sales, service
from crm_desktop.storage.customers import create_customer


def test_frames_columns_and_values(db):
    with db.session() as session:
        a = create_customer(session, {"name": "A", "status": "customer"})
        b = create_customer(session, {"name": "B"})
        gone = create_customer(session, {"name": "Gone"})
        sales.create_order(session, {"customer_id": a.id}, [
            sales.LineInput("x", quantity=2, unit_price="10.05")])
        sales.create_order(session, {"customer_id": gone.id}, [
            sales.LineInput("y", quantity=1, unit_price="5")])
        pipeline.create_opportunity(session, {"name": "Deal", "customer_id": a.id,
                                              "amount": Decimal("99.99")})
        service.open_ticket(session, {"customer_id": b.id, "subject": "Help"})
        session.add(Relationship(source_id=a.id, target_id=b.id, kind="friend", strength=0.8))
        session.flush()
        query.soft_delete(session, Customer, gone.id)

    customers = frames.customers(db)
    assert {"id", "name", "status", "created_at"} <= set(customers.columns)
    assert sorted(customers["name"]) == ["A", "B"]
    orders = frames.orders(db)
    assert list(orders["amount"]) == [20.10]
    assert str(orders["ordered_at"].dtype).startswith("datetime64")
    opportunities = frames.opportunities(db)
    assert opportunities.loc[0, "amount"] == 99.99
    assert opportunities.loc[0, "probability"] == 0.10
    assert frames.relationships(db)[["source", "target", "strength"]].values.tolist() == [
        [a.id, b.id, 0.8]]
    assert len(frames.tickets(db)) == 1
    lines = frames.order_lines(db)
    assert round(lines["amount"].sum(), 2) == 20.10


def _documented_columns() -> dict[str, list[str]]:
    """frame -> its columns, from the table in docs/frames.md (notes in parentheses dropped)."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "frames.md").read_text("utf-8")
    documented = {}
    for line in text.splitlines():
        match = re.fullmatch(r"\| (\w+) \| (.+) \|", line)
        if match and match.group(1) != "frame":
            plain = re.sub(r"\([^()]*\)", "", match.group(2))
            documented[match.group(1)] = [c.strip() for c in plain.split(",")]
    return documented


def test_every_frame_has_exactly_its_documented_columns(db):
    documented = _documented_columns()
    assert len(documented) == 11
    for name, columns in documented.items():
        assert list(getattr(frames, name)(db).columns) == columns, name


def test_a_frame_of_some_columns_equals_those_columns_of_the_whole_frame(db):
    import pandas as pd
    import pytest

    with db.session() as session:
        a = create_customer(session, {"name": "A", "status": "customer"})
        for price in ("10.05", "3", "7.5"):
            sales.create_order(session, {"customer_id": a.id}, [
                sales.LineInput("x", quantity=2, unit_price=price)])
    wanted = ["ordered_at", "customer_id", "amount"]
    pd.testing.assert_frame_equal(frames.orders(db, wanted), frames.orders(db)[wanted])
    pd.testing.assert_frame_equal(frames.customers(db, ["name", "created_at"]),
                                  frames.customers(db)[["name", "created_at"]])
    with pytest.raises(ValueError, match="no column nope"):
        frames.orders(db, ["amount", "nope"])
