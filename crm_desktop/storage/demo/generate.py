"""Reproducible demo data whose numbers tell a story an analyst can find.

`generate(database, customers, seed)` bulk-loads customers and everything around them: orders,
the pipeline, quotes, contracts, campaigns, tickets, surveys, interactions and a relationship
network. Every customer belongs to a hidden behaviour group (high-value frequent buyers,
occasional big-ticket buyers, bargain hunters, one-time buyers, at-risk/churned, leads and
prospects) that shapes all of their rows; the `category` column names it for ~70% of the paying
customers and is left empty for the rest, for classification to predict. What else is planted:

- campaign response rates depend on the group (a chi-square test finds it);
- every won opportunity is one order with the same total, and accepted quotes became orders;
- regular buyers order at gamma-distributed gaps, so like a real small business's about 16% of
  the customers who had bought six months ago have bought nothing since (what the churn model
  calls churned) and about 11% score high risk;
- churned customers stop ordering 75-180 days before `churned_at`, complain in between (low
  satisfaction) and answer surveys as detractors;
- each owner has a few open tasks due today (2-5) and overdue (3-10), whatever the size;
- products are bought in bundles (laptop + bag, printer + toner, ...);
- ticket texts repeat five themes (refund, delivery delay, login, quality, invoice) in English
  and Chinese; persons work for companies; a few hubs link many customers; ~1% of the later
  leads are duplicates of earlier persons (same name, e-mail in other case, same phone).

Rows are inserted with multi-row INSERTs on the DBAPI connection (`load` says how they reach the
file: in batches, each committed whole, into a database that exists; all at once into a new file
that is moved into place when whole); from `helper.PARALLEL_FROM` customers they are generated in
a helper process meanwhile (`helper`: the same rows, on two cores). The same seed, customer count and `now` give identical rows
(the audit entries record the real time).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Generator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from crm_desktop.models import DEFAULT_STAGES
from crm_desktop.storage.database import raw_connection
from crm_desktop.storage.demo import helper
from crm_desktop.storage.demo import pools as P
from crm_desktop.storage.demo.campaigns import add_campaigns, add_segments
from crm_desktop.storage.demo.chunk import make_chunk
from crm_desktop.storage.demo.columns import Context, Writer, micros
from crm_desktop.storage.demo.load import InPlace, NewFile
from crm_desktop.storage.errors import DatabaseError, StorageError

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

log = logging.getLogger(__name__)

CHUNK = 50_000  # customers generated (and, into a database that exists, committed) together
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
    """The caller's `cancelled()` said stop: the batch under way was not written (`kept`:
    customers of the batches committed before it, into a database that exists)."""

    def __init__(self, kept: int = 0) -> None:
        self.kept = kept
        super().__init__(
            f"demo data generation was cancelled; {kept:,} customers were added before"
            if kept else "demo data generation was cancelled; nothing was written")


def generate(database: Database, customers: int, seed: int = 0,
             progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
             now: datetime | date | None = None,
             parallel_from: int = helper.PARALLEL_FROM) -> dict[str, int]:
    """Add `customers` demo customers with their history; returns rows inserted per table.

    `now` (naive UTC; default today's UTC midnight) is where the three years of history end.
    Customers are committed in batches of `CHUNK`, each with its search index rows and an audit
    entry, so a crash or a cancel keeps the batches before it. `progress(fraction, message)` is
    called after each batch; when `cancelled()` returns true the batch under way is rolled back
    and `Cancelled` is raised.
    """
    if customers < 0:
        raise ValueError("customers must not be negative")
    database.require_writable()
    with raw_connection(database) as connection:
        target = InPlace(connection, database.actor, database.machine)
        try:
            return _run(target, customers, seed, progress, cancelled, now, parallel_from)
        finally:
            target.close()


def generate_new(path: Path | str, customers: int, seed: int = 0,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 now: datetime | date | None = None,
                 parallel_from: int = helper.PARALLEL_FROM) -> dict[str, int]:
    """Make a new database at `path` holding `customers` demo customers (as `generate`).

    Built in a temporary file next to `path` without a journal and indexed once at the end;
    `path` holds nothing until the database is whole (a crash leaves only the temporary file,
    removed by the next database created in that folder). Raises `DatabaseError` when `path`
    exists or appears meanwhile, `Cancelled` when `cancelled()` says stop (nothing written).
    """
    from crm_desktop.storage import check_stamps, leftovers
    from crm_desktop.storage.database import open_database
    from crm_desktop.storage.sqlite_errors import translate

    if customers < 0:
        raise ValueError("customers must not be negative")
    path = Path(path)
    if path.exists():
        raise DatabaseError(f"{path} already exists: demo data goes into a new file here")
    leftovers.clean_leftovers(path.parent, "creating")
    temporary = leftovers.temporary_path(path, "creating")
    leftovers.remove_with_companions(temporary)
    try:
        database = open_database(temporary)
        try:
            actor = database.actor
            database.engine.dispose()  # the loading connection must be the only one
            with raw_connection(database) as connection:
                target = NewFile(connection, actor, database.machine, TABLES)
                try:
                    counts = _run(target, customers, seed, progress, cancelled, now, parallel_from)
                except sqlite3.Error as error:
                    raise translate(error, path) or error from error
                finally:
                    target.close()
        finally:
            database.close()
        leftovers.sync_file(temporary)
        made = check_stamps.state_of(temporary)
        if not leftovers.place(temporary, path):
            raise DatabaseError(f"{path} appeared while the demo data was being made; "
                                "it was left as it was")
    finally:
        leftovers.remove_with_companions(temporary)
    # Made whole by us: the quick commands may trust it without reading it (check_stamps).
    check_stamps.adopt_new(path, made)
    return counts


def _run(target: InPlace | NewFile, customers: int, seed: int, progress: Progress | None,
         cancelled: Callable[[], bool] | None, now: datetime | date | None,
         parallel_from: int) -> dict[str, int]:
    """Generate chunk by chunk into `target`, one transaction per chunk (the first one also
    holds the reference rows); from `parallel_from` customers on, when a core is free, the
    chunks are generated by a helper process while this one inserts them (storage.demo.helper;
    0: always)."""
    moment = _now(now)
    seeds = np.random.SeedSequence(seed % 2**63)
    base, *chunk_seeds = seeds.spawn(1 + (customers + CHUNK - 1) // CHUNK)
    rng = np.random.default_rng(base)
    report = progress or (lambda _fraction, _message: None)
    writer = Writer(target.cursor, rng)
    writer.counts.update(dict.fromkeys(TABLES, 0))
    ctx = Context(writer, micros(moment), customers)
    committed = dict(writer.counts)
    done = 0
    target.begin()
    try:
        _check(cancelled)
        _reference_rows(ctx, rng)
        first_id, last_id = 1, 0
        helped = helper.worth_it(customers, parallel_from)
        log.info("demo data: %s customers generated %s", customers,
                 "in a helper process" if helped else "in this process")
        made = (helper.chunks(ctx, chunk_seeds, customers, CHUNK, TABLES)
                if helped else _chunks(ctx, chunk_seeds, customers))
        with contextlib.closing(made):  # a helper process stops with the run
            for number, (first_id, last_id, size) in enumerate(made):
                done += size
                last = number == len(chunk_seeds) - 1
                if last and isinstance(target, InPlace):
                    report(1 - _INDEX_SHARE, "Rebuilding the search index")
                target.commit(first_id, last_id, _added(writer.counts, committed), last)
                committed = dict(writer.counts)
                report((1 - _INDEX_SHARE) * done / max(customers, 1),
                       f"{done:,} of {customers:,} customers")
                if not last:  # the next chunk's rows go into a transaction of their own
                    target.begin()
                    _check(cancelled)
        if not chunk_seeds:  # no customers: the reference rows alone
            target.commit(first_id, last_id, _added(writer.counts, committed), True)
            committed = dict(writer.counts)
        if isinstance(target, NewFile):
            _check(cancelled)
            report(1 - _INDEX_SHARE, "Rebuilding the search index")
            target.finish(committed)
    except Cancelled:
        target.rollback()
        if isinstance(target, InPlace) and committed["customers"]:
            raise Cancelled(committed["customers"]) from None
        raise
    except BaseException:
        target.rollback()
        raise
    report(1.0, "Done")
    return committed


def _chunks(ctx: Context, chunk_seeds: list[np.random.SeedSequence],
            customers: int) -> Generator[tuple[int, int, int], None, None]:
    """Generate and insert the chunks in this process; yields (first customer id, last
    customer id, customers) after each one's rows (helper.chunks: the same, on two cores)."""
    done = 0
    for chunk_seed in chunk_seeds:
        size = min(CHUNK, customers - done)
        people = make_chunk(ctx, chunk_seed, size)
        done += size
        yield int(people.ids[0]), int(people.ids[-1]), size


def _added(counts: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    return {table: counts[table] - before[table] for table in counts}


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
    """The pipeline and its stages, products, saved segments and campaigns; how many open
    tasks each owner has due today and overdue."""
    _pipeline(ctx)
    _products(ctx)
    add_segments(ctx)
    add_campaigns(ctx, rng)
    ctx.due_today = rng.integers(2, 6, len(P.OWNERS))
    ctx.overdue = rng.integers(3, 11, len(P.OWNERS))


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
