"""Global search over customers, opportunities and tickets; the list's FTS search condition."""

from __future__ import annotations

from sqlalchemy import func, select

from crm_desktop.models import Customer
from crm_desktop.storage import pipeline, service
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.search.everything import (
    customer_filter,
    customer_hits,
    opportunity_hits,
    ticket_hits,
)


def search_all(connection, query):
    """What the global search box shows: customers, then opportunities, then tickets."""
    return (customer_hits(connection, query, 8) + opportunity_hits(connection, query)
            + ticket_hits(connection, query))


def test_search_all_groups(db):
    with db.session() as s:
        wang = create_customer(s, {"name": "王伟", "city": "北京"})
        pipeline.create_opportunity(s, {"customer_id": wang.id, "name": "Renewal 2025"})
        ticket = service.open_ticket(s, {"customer_id": wang.id, "subject": "Refund please"})
        number = ticket.number
    with db.engine.connect() as connection:
        assert [h.title for h in search_all(connection, "王伟")] == ["王伟"]
        assert [h.entity for h in search_all(connection, "renewal")] == ["opportunities"]
        hits = search_all(connection, number.lower())
        assert [h.entity for h in hits] == ["tickets"]
        assert [h.entity for h in search_all(connection, "Refund")] == ["tickets"]
        assert search_all(connection, "100%_") == []


def test_customer_filter_matches_like_search(db):
    with db.session() as s:
        create_customer(s, {"name": "Ada Lovelace", "city": "London"}, phones=["+44 20 7946 0958"])
        create_customer(s, {"name": "伟明", "city": "上海"})
        create_customer(s, {"name": "Bob", "city": "Paris"})
    with db.session() as s:
        def count(text: str) -> int:
            return s.scalar(select(func.count(Customer.id)).where(customer_filter(text)))
        assert count("love") == 1
        assert count("ada lon") == 1
        assert count("伟") == 1
        assert count("7946") == 1
        assert count("") == 3
