"""The customer import as a stream: check, match and write the file chunk by chunk.

Per chunk of rows: validate (validate, rows), match against the database and the rows before
(`CustomerMatcher`), resolve companies, and hand the new rows to the bulk writer, whose
helper thread writes one chunk while the next is checked. Matched rows are updated through
the ORM at the end (audited field by field). All of it is one transaction.

Companies: a person's company is found by name among live companies (and those this import
created); an unknown name creates the company. A company row later in the file with that name
then fills in the company it created, and a company row whose name matches an existing
company counts as a match (so re-importing a file of companies creates nothing twice).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from crm_desktop.models import utcnow
from crm_desktop.storage.customers import settle_churned_at
from crm_desktop.storage.importing.customer_load import BulkCustomerWriter
from crm_desktop.storage.importing.errors import ImportAborted, ImportCancelled
from crm_desktop.storage.importing.load import (
    add_summary,
    begin_immediate,
    big_cache,
    dbapi,
    timestamp,
    update_customers,
)
from crm_desktop.storage.importing.match import Duplicate, existing_customer_keys
from crm_desktop.storage.importing.readers import Source
from crm_desktop.storage.importing.rows import CustomerRow, build_customer
from crm_desktop.storage.importing.validate import Checker, InvalidValue, RowReader

CHUNK = 5000
_RELEASED: tuple[int, list[str]] = (0, [])
Progress = Callable[[float, str], None]


@dataclass
class ChunkPlan:
    new: list[CustomerRow] = field(default_factory=list)
    updates: list[tuple[int, CustomerRow]] = field(default_factory=list)
    invalid: list[InvalidValue] = field(default_factory=list)


class CustomerMatcher:
    """Matches rows to live customers and to earlier rows of the file, chunk by chunk."""

    def __init__(self, conn: Connection, on_match: str, next_id: int) -> None:
        self.conn = conn
        self.on_match = on_match
        self.next_id = next_id
        self.seen: dict[tuple[str, str], int] = {}
        self.claimed: dict[int, int] = {}
        self.duplicates: list[Duplicate] = []
        self.matched_skipped = 0
        self.companies: dict[str, int] = {}
        self.company_names: dict[int, str] = {}
        self.created: set[int] = set()
        self.adopted: list[tuple[int, CustomerRow]] = []
        self.any_customers = conn.execute(
            text("SELECT 1 FROM customers LIMIT 1")).first() is not None
        sql = ("SELECT id, name FROM customers WHERE kind = 'company' AND deleted_at IS NULL "
               "ORDER BY id")
        for company_id, name in conn.execute(text(sql)):
            self.companies.setdefault(name.casefold(), company_id)
            self.company_names[company_id] = name

    @staticmethod
    def _keys(row: CustomerRow) -> list[tuple[str, str]]:
        keys = row.match_keys()
        if row.values.get("kind") == "company" and row.values.get("name"):
            keys.append(("company", row.values["name"].casefold()))
        return keys

    def plan(self, rows: list[CustomerRow]) -> ChunkPlan:
        plan = ChunkPlan()
        existing = existing_customer_keys(
            self.conn, (k for r in rows for k in r.match_keys())) if self.any_customers else {}
        for row in rows:
            keys = self._keys(row)
            earlier = next((k for k in keys if k in self.seen), None)
            if earlier is not None:
                self.duplicates.append(Duplicate(row.row, self.seen[earlier],
                                                 f"{earlier[0]} {earlier[1]}"))
                continue
            for key in keys:
                self.seen[key] = row.row
            target = next((existing[k] for k in keys if k in existing), None)
            if target is None and keys[-1:] and keys[-1][0] == "company":
                target = self.companies.get(keys[-1][1])
            if target is None and row.missing_name is not None:
                plan.invalid.append(row.missing_name)
            elif target is None:
                plan.new.append(row)
            elif target in self.created:
                self.adopted.append((target, row))  # fills in a company this import created
            elif target in self.claimed:
                self.duplicates.append(Duplicate(row.row, self.claimed[target],
                                                 f"customer {target}"))
            else:
                self.claimed[target] = row.row
                if self.on_match == "update":
                    plan.updates.append((target, row))
                else:
                    self.matched_skipped += 1
        return plan

    def place(self, rows: list[CustomerRow], updates: list[tuple[int, CustomerRow]]
              ) -> tuple[list[CustomerRow], list[int], list[int | None], list[str | None]]:
        """Ids for new rows, company ids and names; companies first named here are created."""
        out_rows: list[CustomerRow] = []
        ids: list[int] = []
        company_ids: list[int | None] = []
        company_names: list[str | None] = []

        def emit(row: CustomerRow, company_id: int | None) -> int:
            new_id = self.next_id
            self.next_id += 1
            out_rows.append(row)
            ids.append(new_id)
            company_ids.append(company_id)
            company_names.append(self.company_names.get(company_id) if company_id else None)
            if row.values.get("kind") == "company":
                self.companies.setdefault(row.values["name"].casefold(), new_id)
                self.company_names.setdefault(new_id, row.values["name"])
            return new_id

        def company_of(row: CustomerRow) -> int | None:
            if not row.company:
                return None
            key = row.company.casefold()
            if key not in self.companies:
                placeholder = CustomerRow(0, {"name": row.company, "kind": "company"}, [],
                                          None, [])
                self.created.add(emit(placeholder, None))
            return self.companies[key]

        for _target, row in updates:
            company_of(row)
        for row in rows:
            if row.values.get("kind") == "company":
                created = self.companies.get(row.values["name"].casefold())
                if created in self.created:  # named by a person earlier in this chunk
                    self.adopted.append((created, row))
                    continue
            emit(row, company_of(row))
        return out_rows, ids, company_ids, company_names


def import_customers(database: Any, source: Source, mapping: dict[str, str | None],
                     region: str, on_invalid: str, on_match: str, dry_run: bool,
                     progress: Progress, cancelled: Callable[[], bool] | None,
                     report: Any, release: bool = False) -> Any:
    """Import customers from `source`; `release` frees each chunk of the source once used
    (when the caller read the file only for this import, freeing it while the helper thread
    writes is cheaper than freeing it all at the end)."""
    reader = RowReader(Checker("customers", region), source.headers, mapping)
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
                matcher, updates, imported = _stream(
                    source, reader, CustomerMatcher(match_conn, on_match, next_id), writer,
                    on_invalid, progress, cancelled, report, release)
            if writer is not None:
                writer.finish([])
        finally:
            if not dry_run:
                match_conn.close()
        report.duplicates = matcher.duplicates
        report.invalid.sort(key=lambda p: p.row)
        report.warnings = reader.warnings
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
        add_summary(session, "customers", {
            "file": source.path.name, "rows": report.rows, "imported": report.imported,
            "updated": report.updated, "skipped": report.skipped,
            "invalid_rows": report.invalid_rows, "warnings": len(report.warnings),
            "companies_created": report.companies_created,
            "first_id": first, "last_id": matcher.next_id - 1 if first else None,
        })
        progress(1.0, "saving")
    return report


def _stream(source: Source, reader: RowReader, matcher: CustomerMatcher,
            writer: BulkCustomerWriter | None, on_invalid: str, progress: Progress,
            cancelled: Callable[[], bool] | None, report: Any, release: bool
            ) -> tuple[CustomerMatcher, list[tuple[int, CustomerRow]], int]:
    updates: list[tuple[int, CustomerRow]] = []
    imported = 0
    total = len(source.rows)
    now = utcnow()
    if writer is not None:
        writer.start()
    try:
        for start in range(0, total, CHUNK):
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            built: list[CustomerRow] = []
            for number, cells in source.rows[start:start + CHUNK]:
                values, problems = reader.read(number, cells)
                if problems:
                    report.invalid.extend(problems)
                    continue
                row = build_customer(number, values)
                if isinstance(row, InvalidValue):
                    report.invalid.append(row)
                else:
                    built.append(row)
            plan = matcher.plan(built)
            for new in plan.new:  # matched rows are settled against their customer's status
                settle_churned_at(new.values, None, now)
            report.invalid.extend(plan.invalid)
            updates.extend(plan.updates)
            adopted = len(matcher.adopted)
            placed = matcher.place(plan.new, plan.updates)
            imported += len(plan.new) - (len(matcher.adopted) - adopted)
            aborting = on_invalid == "abort" and bool(report.invalid)
            if writer is not None and not aborting and placed[0]:
                writer.add(*placed)
            if release:
                done = source.rows[start:start + CHUNK]
                source.rows[start:start + CHUNK] = [_RELEASED] * len(done)
                del done, built, plan, placed
            progress(0.9 * min(total, start + CHUNK) / max(1, total), "importing customers")
    finally:
        if writer is not None:
            writer.stop()
    return matcher, updates, imported
