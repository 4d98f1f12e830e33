"""Reproducible demo data whose numbers tell a story an analyst can find.

`generate(database, customers, seed)` bulk-loads customers and everything around them: orders,
the pipeline, quotes, contracts, campaigns, tickets, surveys, interactions and a relationship
network. Every customer belongs to a hidden behaviour group (high-value frequent buyers,
occasional big-ticket buyers, bargain hunters, one-time buyers, at-risk/churned, leads and
prospects) that shapes all of their rows; the `category` column names it for ~70% of the paying
customers and is left empty for the rest, for classification to predict. What else is planted:

- campaign response rates depend on the group (a chi-square test finds it);
- every won opportunity is one order with the same total, and accepted quotes became orders;
- churned customers stop ordering 75-180 days before `churned_at`, complain in between (low
  satisfaction) and answer surveys as detractors;
- products are bought in bundles (laptop + bag, printer + toner, ...);
- ticket texts repeat five themes (refund, delivery delay, login, quality, invoice) in English
  and Chinese; persons work for companies; a few hubs link many customers; ~1% of the later
  leads are duplicates of earlier persons (same name, e-mail in other case, same phone).

Rows are inserted with `executemany` on the DBAPI connection in one transaction, with the search
triggers dropped (`search_schema.bulk_load`) and the index rebuilt once at the end. The same seed,
customer count and `now` give identical rows (the one audit entry records the real time).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from crm_desktop.models import DEFAULT_STAGES, new_uuid, utcnow
from crm_desktop.storage import audit_chain
from crm_desktop.storage.database import raw_connection
from crm_desktop.storage.demo import pools as P
from crm_desktop.storage.demo.campaigns import add_campaigns, add_segments
from crm_desktop.storage.demo.columns import Context, Writer, micros, stamps
from crm_desktop.storage.demo.network import add_relationships
from crm_desktop.storage.demo.people import add_people
from crm_desktop.storage.demo.sales import add_sales
from crm_desktop.storage.demo.service import add_service
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.search import schema as search_schema

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

CHUNK = 50_000
# Page cache of the loading connection (KiB): random UUID keys touch index pages all over the
# file, and a small cache spills dirty pages to the WAL over and over.
BULK_CACHE_KIB = 256 * 1024
_INDEX_SHARE = 0.1  # share of the progress bar the search index rebuild takes
# Every table generate() writes, in insertion order (the order of the counts it returns).
TABLES = (
    "pipelines", "stages", "products", "segments", "campaigns", "customers", "contact_points",
    "relationships", "opportunities", "stage_changes", "quotes", "quote_lines", "orders",
    "order_lines", "contracts", "campaign_members", "tickets", "ticket_messages",
    "survey_responses", "interactions",
)

Progress = Callable[[float, str], None]


class Cancelled(StorageError):
    """The caller's `cancelled()` said stop: nothing was written."""

    def __init__(self) -> None:
        super().__init__("demo data generation was cancelled; nothing was written")


def generate(database: Database, customers: int, seed: int = 0,
             progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
             now: datetime | date | None = None) -> dict[str, int]:
    """Insert `customers` demo customers with their history; returns rows inserted per table.

    `now` (naive UTC; default today's UTC midnight) is where the three years of history end.
    `progress(fraction, message)` is called after each chunk of customers; when `cancelled()`
    returns true the transaction is rolled back and `Cancelled` is raised.
    """
    if customers < 0:
        raise ValueError("customers must not be negative")
    moment = _now(now)
    seeds = np.random.SeedSequence(seed % 2**63)
    base, *chunk_seeds = seeds.spawn(1 + (customers + CHUNK - 1) // CHUNK)
    rng = np.random.default_rng(base)
    report = progress or (lambda _fraction, _message: None)
    database.require_writable()
    with raw_connection(database) as connection:
        cursor = connection.cursor()
        cache = cursor.execute("PRAGMA cache_size").fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        try:
            cursor.execute("BEGIN")
            writer = Writer(cursor, rng)
            writer.counts.update(dict.fromkeys(TABLES, 0))
            ctx = Context(writer, micros(moment), customers)
            with search_schema.bulk_load(cursor):
                _reference_rows(ctx, rng)
                done = 0
                for chunk_seed in chunk_seeds:
                    _check(cancelled)
                    size = min(CHUNK, customers - done)
                    chunk_rng = np.random.default_rng(chunk_seed)
                    people = add_people(ctx, chunk_rng, size)
                    add_relationships(ctx, chunk_rng, people)
                    orders, deals = add_sales(ctx, chunk_rng, people)
                    add_service(ctx, chunk_rng, people, orders, deals)
                    done += size
                    report((1 - _INDEX_SHARE) * done / max(customers, 1),
                           f"{done:,} of {customers:,} customers")
                _check(cancelled)
                report(1 - _INDEX_SHARE, "Rebuilding the search index")
            counts = dict(writer.counts)
            _audit(cursor, database, counts)
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            cursor.execute(f"PRAGMA cache_size = {cache}")
            cursor.close()
    report(1.0, "Done")
    return counts


def _now(now: datetime | date | None) -> datetime:
    if now is None:
        today = datetime.now(UTC).date()
        return datetime(today.year, today.month, today.day)
    if isinstance(now, datetime):
        return now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
    return datetime(now.year, now.month, now.day)


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled


def _reference_rows(ctx: Context, rng: np.random.Generator) -> None:
    """The pipeline and its stages, products, saved segments and campaigns."""
    _pipeline(ctx)
    _products(ctx)
    add_segments(ctx)
    add_campaigns(ctx, rng)


def _pipeline(ctx: Context) -> None:
    """Reuse the default pipeline when it has open, won and lost stages; else insert one."""
    cursor, w = ctx.writer.cursor, ctx.writer
    row = cursor.execute("SELECT id FROM pipelines WHERE is_default = 1 ORDER BY id").fetchone()
    if row is not None:
        stages = cursor.execute(
            "SELECT id, kind FROM stages WHERE pipeline_id = ? ORDER BY position", (row[0],)
        ).fetchall()
        open_ids = [s for s, kind in stages if kind == "open"]
        won = [s for s, kind in stages if kind == "won"]
        lost = [s for s, kind in stages if kind == "lost"]
        if open_ids and won and lost:
            open_ids = (open_ids + open_ids[-1:] * 4)[:4] if len(open_ids) < 4 else open_ids
            positions = np.linspace(0, len(open_ids) - 1, 4).round().astype(int)
            ctx.pipeline_id = row[0]
            ctx.stage_ids = [open_ids[i] for i in positions] + [won[0], lost[0]]
            w.counts.update(pipelines=0, stages=0)
            return
    taken = cursor.execute("SELECT 1 FROM pipelines WHERE name = 'Sales'").fetchone()
    pipeline_id = int(w.ids("pipelines", 1)[0])
    w.insert("pipelines", 1, {
        "id": [pipeline_id], "name": "Demo sales" if taken else "Sales",
        "is_default": 0 if row is not None else 1, "created_at": np.array([ctx.start]),
    })
    n = len(DEFAULT_STAGES)
    ids = w.ids("stages", n)
    w.insert("stages", n, {
        "id": ids, "pipeline_id": pipeline_id, "name": [s[0] for s in DEFAULT_STAGES],
        "position": list(range(n)), "probability": [s[1] for s in DEFAULT_STAGES],
        "kind": [s[2] for s in DEFAULT_STAGES], "created_at": np.full(n, ctx.start),
    })
    ctx.pipeline_id, ctx.stage_ids = pipeline_id, ids.tolist()


def _products(ctx: Context) -> None:
    """The catalogue (products already there with the same SKU are reused)."""
    cursor, w = ctx.writer.cursor, ctx.writer
    existing = dict(cursor.execute("SELECT sku, id FROM products WHERE sku IS NOT NULL"))
    new = [p for p in P.PRODUCTS if p[0] not in existing]
    ids = w.ids("products", len(new))
    existing.update(zip([p[0] for p in new], ids.tolist(), strict=True))
    w.insert("products", len(new), {
        "id": ids, "sku": [p[0] for p in new], "name": [p[1] for p in new],
        "category": [p[3] for p in new], "unit_price": [p[4] for p in new], "currency": "USD",
        "tax_pct": [p[5] for p in new], "active": 1,
        "description": [f"{p[1]} ({p[2]})" for p in new],
        "created_at": np.full(len(new), ctx.start),
    })
    ctx.product_ids = np.array([existing[p[0]] for p in P.PRODUCTS], np.int64)


def _audit(cursor: Any, database: Database, counts: dict[str, int]) -> None:
    """One audit entry for the whole load (bulk inserts bypass the per-field session hook)."""
    at = stamps(np.array([micros(utcnow())]))[0]
    audit_chain.append(cursor, [(new_uuid(), at, at, "demo", 0, None, "create", None, None,
                                 json.dumps(counts), at, database.actor, database.machine)])
