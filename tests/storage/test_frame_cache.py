"""FrameCache: frames loaded once per database version, callers cannot change the cached copy."""

from __future__ import annotations

from crm_desktop.models import Customer, Order
from crm_desktop.storage import frames
from crm_desktop.storage.database import open_database
from crm_desktop.storage.frame_cache import FrameCache


def _customer_with_order(db, name: str, number: str) -> None:
    with db.session() as session:
        customer = Customer(name=name)
        session.add(customer)
        session.flush()
        session.add(Order(customer_id=customer.id, number=number))


def test_a_frame_is_loaded_once_and_equals_a_fresh_load(db):
    _customer_with_order(db, "Ada", "SO-1")
    cache = FrameCache(db)
    try:
        first = cache.get("orders")
        second = cache.get("orders")
        assert cache.loads == 1
        assert first.equals(frames.orders(db)) and second.equals(first)
        cache.get("customers")
        assert cache.loads == 2
    finally:
        cache.close()


def test_changing_a_returned_frame_leaves_the_cache_alone(db):
    _customer_with_order(db, "Ada", "SO-1")
    cache = FrameCache(db)
    try:
        frame = cache.get("orders")
        frame["amount"] = 99.0
        frame["extra"] = 1
        again = cache.get("orders")
        assert "extra" not in again.columns and (again["amount"] == 0.0).all()
    finally:
        cache.close()


def test_a_write_from_another_connection_empties_the_cache(db, db_path):
    _customer_with_order(db, "Ada", "SO-1")
    cache = FrameCache(db)
    other = open_database(db_path)
    try:
        assert len(cache.get("orders")) == 1
        _customer_with_order(other, "Bob", "SO-2")
        assert len(cache.get("orders")) == 2
        assert cache.loads == 2
        _customer_with_order(db, "Cy", "SO-3")  # the same engine, another pooled connection
        assert len(cache.get("orders")) == 3
    finally:
        cache.close()
        other.close()


def test_soft_deleted_customers_leave_the_frames(db):
    from datetime import datetime

    _customer_with_order(db, "Ada", "SO-1")
    _customer_with_order(db, "Bob", "SO-2")
    with db.session() as session:
        bob = session.query(Customer).filter_by(name="Bob").one()
        bob.deleted_at = datetime(2026, 1, 1)
    assert frames.customers(db)["name"].tolist() == ["Ada"]
    assert len(frames.orders(db)) == 1


def test_columns_asked_for_are_loaded_alone_and_more_columns_load_the_frame_again(db):
    _customer_with_order(db, "Ada", "SO-1")
    cache = FrameCache(db)
    try:
        few = cache.get("orders", ["customer_id", "amount"])
        assert list(few.columns) == ["customer_id", "amount"] and cache.loads == 1
        assert list(cache.get("orders", ["amount"]).columns) == ["amount"]
        assert cache.loads == 1  # a subset of what is held
        more = cache.get("orders", ["status", "amount"])
        assert cache.loads == 2 and list(more.columns) == ["status", "amount"]
        cache.get("orders", ["customer_id"])
        assert cache.loads == 2  # the frame held has the columns of both requests
        whole = cache.get("orders")
        assert cache.loads == 3 and whole.equals(frames.orders(db))
        cache.get("orders", ["currency"])
        assert cache.loads == 3  # the whole frame answers every request
        assert cache.get("orders", ["amount", "status"]).equals(
            frames.orders(db, ["amount", "status"]))
    finally:
        cache.close()


def test_release_forgets_every_frame(db):
    _customer_with_order(db, "Ada", "SO-1")
    cache = FrameCache(db)
    try:
        cache.get("orders")
        cache.get("customers", ["id"])
        assert cache.release() == 2
        cache.get("orders")
        assert cache.loads == 3
    finally:
        cache.close()


def test_retain_forgets_the_frames_not_named(db):
    _customer_with_order(db, "Ada", "SO-1")
    cache = FrameCache(db)
    try:
        cache.get("orders")
        cache.get("customers", ["id"])
        cache.get("tickets", ["id"])
        assert sorted(cache.retain(["orders", "interactions"])) == ["customers", "tickets"]
        cache.get("orders")
        assert cache.loads == 3  # kept: not loaded again
        cache.get("customers", ["id"])
        assert cache.loads == 4  # forgotten: loaded again
    finally:
        cache.close()
