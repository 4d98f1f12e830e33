"""One chunk of demo customers and everything about them, from the chunk's own seed: the
same rows whether this process makes it (generate) or the helper process does (helper)."""

from __future__ import annotations

import numpy as np

from crm_desktop.storage.demo.columns import Context
from crm_desktop.storage.demo.network import add_relationships
from crm_desktop.storage.demo.people import People, add_people
from crm_desktop.storage.demo.sales import add_sales
from crm_desktop.storage.demo.service import add_service


def make_chunk(ctx: Context, chunk_seed: np.random.SeedSequence, size: int) -> People:
    """``size`` customers with their relationships, sales and service; returns the people."""
    chunk_rng = np.random.default_rng(chunk_seed)
    people = add_people(ctx, chunk_rng, size)
    add_relationships(ctx, chunk_rng, people)
    orders, deals = add_sales(ctx, chunk_rng, people)
    add_service(ctx, chunk_rng, people, orders, deals)
    return people
