"""The customer import as a stream: check, match and write the file chunk by chunk.

Per chunk of rows: check every cell a column at a time (`cells.BatchReader`), build the
customers' columns (`customer_batch`), match them against the database and the rows before
(`customer_match.CustomerMatcher`), place the new ones (ids, companies) and hand them to the
bulk writer, whose helper thread writes one chunk while the next is checked. Matched rows are
updated through the ORM at the end (audited field by field). All of it is one transaction.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from crm_desktop.models import utcnow
from crm_desktop.storage.importing.cells import BatchReader
from crm_desktop.storage.importing.customer_batch import CustomerBatch
from crm_desktop.storage.importing.customer_load import BulkCustomerWriter
from crm_desktop.storage.importing.customer_match import CustomerMatcher
from crm_desktop.storage.importing.errors import ImportAborted, ImportCancelled
from crm_desktop.storage.importing.load import (
    add_summary,
    begin_immediate,
    big_cache,
    dbapi,
    timestamp,
    update_customers,
)
from crm_desktop.storage.importing.readers import Source
from crm_desktop.storage.importing.rows import CustomerRow
from crm_desktop.storage.importing.stream import StreamedSource
from crm_desktop.storage.importing.validate import Checker, InvalidValue
from crm_desktop.storage.search import backlog as search_backlog

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

log = logging.getLogger(__name__)
CHUNK = 5000
_RELEASED: tuple[int, list[str]] = (0, [])
Progress = Callable[[float, str], None]


def import_customers(database: Database, source: Source | StreamedSource, mapping: dict[str, str | None],
                     region: str, on_invalid: str, on_match: str, dry_run: bool,
                     progress: Progress, cancelled: Callable[[], bool] | None,
                     report: Any, release: bool = False) -> Any:
    """Import customers from `source`; `release` frees each chunk of the source once used
    (when the caller read the file only for this import, freeing it while the helper thread
    writes is cheaper than freeing it all at the end). A `StreamedSource` is read as its rows
    are checked: its rows and the rows it rejects are counted into `report` as they come."""
    reader = BatchReader(Checker("customers", region), source.headers, mapping)
    with database.session() as session:
        if not dry_run:
            begin_immediate(session)
        conn = session.connection()
        next_id = int(conn.execute(text("SELECT max(id) FROM customers")).scalar() or 0) + 1
        match_conn = conn if dry_run else database.engine.connect()
        try:
            writer = None
            if not dry_run:
                writer = BulkCustomerWriter(dbapi(session), session.get_bind().dialect,
                                            timestamp(session, utcnow()))
            with big_cache(dbapi(session)):
                matcher = CustomerMatcher(match_conn.connection.driver_connection, on_match,
                                          next_id)
                # Rebuilding the plain indexes once is cheaper when the file is as big as
                # the table (a first import) than keeping them up to date row by row.
                rebuild = _row_count(source) >= next_id - 1
                started = time.thread_time()
                updates, imported = _stream(source, reader, matcher, writer, on_invalid,
                                            progress, cancelled, report, release, rebuild)
                # This thread's share; the writer thread logs its own (customer_load).
                log.debug("checked, matched and prepared in %.2f s of this thread's CPU",
                          time.thread_time() - started)
                # Under the big cache too: SQLite sorts the keys of an index it builds in
                # memory up to the page cache's size and in temporary files beyond it (with the
                # default 2 MB: 41 MB more written and 25 MB read back at 100,000 rows), and
                # the dirty pages stay in memory until the commit instead of spilling.
                if writer is not None:
                    writer.finish()
        finally:
            if not dry_run:
                match_conn.close()
        report.duplicates = matcher.duplicates
        report.invalid.sort(key=lambda p: p.row)
        report.imported = imported + len(matcher.adopted)
        report.updated = len(updates)
        report.skipped = report.rows - report.imported - report.updated
        report.companies_created = len(matcher.created) - len(matcher.adopted)
        if report.invalid and on_invalid == "abort" and not dry_run:
            from crm_desktop.storage.importing.api import abort_message

            raise ImportAborted(abort_message(report.invalid), report)
        if dry_run:
            session.rollback()
            return report
        progress(0.95, "updating matched customers")
        update_customers(session, updates + matcher.adopted, matcher.companies, cancelled)
        first = next_id if matcher.next_id > next_id else None
        if first is not None:  # their search index rows: after the commit (search.backlog)
            search_backlog.add(dbapi(session), first, matcher.next_id - 1)
        add_summary(session, "customers", {
            "file": source.path.name, "rows": report.rows, "imported": report.imported,
            "updated": report.updated, "skipped": report.skipped,
            "invalid_rows": report.invalid_rows, "warnings": len(report.warnings),
            "companies_created": report.companies_created,
            "first_id": first, "last_id": matcher.next_id - 1 if first else None,
        })
        progress(1.0, "saving")
    return report


def _row_count(source: Source | StreamedSource) -> int:
    """The number of data rows, or for a stream an estimate."""
    if isinstance(source, StreamedSource):
        return source.estimated_rows
    return len(source.rows)


def _chunks(source: Source | StreamedSource, release: bool, report: Any
            ) -> Iterator[tuple[Sequence[tuple[int, list[str]]], float]]:
    """The source's rows `CHUNK` at a time, with the share of the file done after each. From
    a stream, the rows it rejected go into `report` (its `rows` counts them at the end)."""
    if isinstance(source, StreamedSource):
        taken = 0
        for chunk in source.chunks(CHUNK):
            taken = _rejected_into(report, source, taken)
            yield chunk, min(1.0, source.rows_read / source.estimated_rows)
        _rejected_into(report, source, taken)
        report.rows = source.rows_read + len(source.rejected)
        return
    total = len(source.rows)
    for start in range(0, total, CHUNK):
        yield source.rows[start:start + CHUNK], min(total, start + CHUNK) / max(1, total)
        if release:
            done = source.rows[start:start + CHUNK]
            source.rows[start:start + CHUNK] = [_RELEASED] * len(done)
            del done


def _rejected_into(report: Any, source: StreamedSource, taken: int) -> int:
    report.invalid.extend(InvalidValue(row, "(row)", "", why)
                          for row, why in source.rejected[taken:])
    return len(source.rejected)


def _stream(source: Source | StreamedSource, reader: BatchReader, matcher: CustomerMatcher,
            writer: BulkCustomerWriter | None, on_invalid: str, progress: Progress,
            cancelled: Callable[[], bool] | None, report: Any, release: bool,
            rebuild_indexes: bool = False) -> tuple[list[tuple[int, CustomerRow]], int]:
    updates: list[tuple[int, CustomerRow]] = []
    imported = 0
    now = utcnow()
    if writer is not None:
        writer.start(rebuild_indexes)
    try:
        for rows, done in _chunks(source, release, report):
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            cells, problems, warnings = reader.read(rows)
            report.invalid.extend(problems)
            report.warnings.extend(warnings)
            batch = CustomerBatch.build(cells)
            plan = matcher.plan(batch)
            # matched rows are settled against their customer's status (update_customers)
            batch.settle_churned_at(plan.new, now)
            report.invalid.extend(plan.invalid)
            updates.extend(plan.updates)
            adopted = len(matcher.adopted)
            placed = matcher.place(batch, plan.new, plan.updates)
            imported += len(plan.new) - (len(matcher.adopted) - adopted)
            aborting = on_invalid == "abort" and bool(report.invalid)
            if writer is not None and not aborting:
                writer.add(batch, placed)
            del rows, cells, batch, plan, placed
            progress(0.9 * done, "importing customers")
    finally:
        if writer is not None:
            writer.stop()
    return updates, imported
